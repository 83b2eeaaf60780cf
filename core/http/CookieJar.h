#pragma once

#include "core/Result.h"

#include <QByteArrayList>
#include <QList>
#include <QNetworkCookie>
#include <QUrl>

#include <memory>

namespace Keyhole::Http {

// An environment's cookies: what the servers set (Set-Cookie), kept by the rules browsers and
// curl's cookie engine follow (RFC 6265: host-only and domain cookies, path, Secure, expiry;
// a cookie for a public suffix is refused), and sent back to the hosts they belong to. The
// Executor reads and fills it hop by hop, so a cookie set by a redirect goes to the next hop.
// Values are credentials: the jar is persisted through the secret store (CookieJarStore).
class CookieJar final {
public:
    CookieJar();
    ~CookieJar();
    CookieJar(const CookieJar&) = delete;
    CookieJar& operator=(const CookieJar&) = delete;

    // Every cookie not yet expired, in the order they were stored.
    QList<QNetworkCookie> cookies() const;
    // The cookies `url` gets, longest path first (the order of the Cookie header).
    QList<QNetworkCookie> cookiesFor(const QUrl& url) const;
    // Stores the Set-Cookie values of a response from `url`; an expired one deletes its
    // cookie. Returns the names stored or deleted (cookies the rules refuse are left out).
    QByteArrayList absorb(const QUrl& url, const QList<QByteArray>& setCookieValues);

    // Replaces the cookie with the same name, domain and path, or adds it.
    void put(const QNetworkCookie& cookie);
    bool remove(const QNetworkCookie& cookie); // by name, domain and path
    void setCookies(const QList<QNetworkCookie>& cookies);
    void clear();
    bool isEmpty() const { return cookies().isEmpty(); }
    // Grows with every change: whether the jar needs saving.
    quint64 revision() const { return m_revision; }

private:
    class Rules;
    std::unique_ptr<Rules> m_rules;
    quint64 m_revision = 0;
};

// "Strict", "Lax", "None", or empty for the browser's default.
QString sameSiteName(QNetworkCookie::SameSite policy);

// The Cookie header value for `cookies` ("a=1; b=2").
QByteArray cookieHeader(const QList<QNetworkCookie>& cookies);

// How a jar is written: the cookies without their values (a file a person can read), and the
// values alone (for the secret store), keyed by name, domain and path.
QByteArray cookiesToJson(const QList<QNetworkCookie>& cookies);
QByteArray cookieValuesToJson(const QList<QNetworkCookie>& cookies);
// The cookies of `json` with their values from `values`; a cookie whose value is missing is
// left out and counted in `missing`. With a null `values` every cookie comes without its value
// (a listing that needs no secret store). Errors name the JSON path.
Result<QList<QNetworkCookie>> cookiesFromJson(const QByteArray& json, const QByteArray& values,
                                              qsizetype* missing = nullptr);

} // namespace Keyhole::Http
