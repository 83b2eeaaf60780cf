#pragma once

#include "core/http/Exchange.h"

namespace Keyhole::Http {

// One cookie that crossed the wire in a send: sent in a request's Cookie header or set by a
// response's Set-Cookie, with the attributes the server gave it.
struct CookieRow {
    qsizetype hop = 0; // 0-based
    bool sent = false; // Cookie (sent) or Set-Cookie (received)
    QByteArray name;
    QByteArray value;
    // Set-Cookie only:
    QString domain; // empty: this host only
    QString path;
    QDateTime expires; // invalid: a session cookie
    bool secure = false;
    bool httpOnly = false;
    QString sameSite; // "Strict", "Lax", "None" or empty
    // Expired when it arrived (a past Expires, or Max-Age=0): the browser deletes the cookie.
    bool removes = false;
};

// Every cookie of `exchange`, hop by hop, sent ones first in each hop. Set-Cookie lines that
// do not parse are left out (the Raw tab still shows them). Expiry is reckoned from when the
// response arrived (the hop's start plus its first byte; else its Date header; else now), so
// a send shown again from history says what it said then.
QList<CookieRow> exchangeCookies(const Exchange& exchange);

// "Secure HttpOnly SameSite=Lax": a cookie's attributes as the cookie tables show them.
QString cookieFlagsText(bool secure, bool httpOnly, const QString& sameSite);

} // namespace Keyhole::Http
