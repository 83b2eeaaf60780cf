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
    QString sameSite;     // "Strict", "Lax", "None" or empty
    bool removes = false; // expires in the past (or Max-Age=0): the browser deletes it
};

// Every cookie of `exchange`, hop by hop, sent ones first in each hop. Set-Cookie lines that
// do not parse are left out (the Raw tab still shows them).
QList<CookieRow> exchangeCookies(const Exchange& exchange, const QDateTime& now);

} // namespace Keyhole::Http
