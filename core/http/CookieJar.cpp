#include "core/http/CookieJar.h"

#include "core/JsonReader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookieJar>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {

// Qt's cookie jar implements RFC 6265's storage and matching rules (and the public suffix
// list); Keyhole uses its rules, never its place in QNetworkAccessManager: the Executor puts
// the Cookie header on each hop itself, so the Exchange shows it.
class CookieJar::Rules final : public QNetworkCookieJar {
public:
    using QNetworkCookieJar::allCookies;
    using QNetworkCookieJar::setAllCookies;
    using QNetworkCookieJar::validateCookie;
};

namespace {

bool expired(const QNetworkCookie& cookie, const QDateTime& now)
{
    return !cookie.isSessionCookie() && cookie.expirationDate() <= now;
}

QString identity(const QNetworkCookie& cookie)
{
    return cookie.domain() + u'\t' + cookie.path() + u'\t' + QString::fromUtf8(cookie.name());
}

} // namespace

QString sameSiteName(QNetworkCookie::SameSite policy)
{
    switch (policy) {
    case QNetworkCookie::SameSite::None:
        return u"None"_s;
    case QNetworkCookie::SameSite::Lax:
        return u"Lax"_s;
    case QNetworkCookie::SameSite::Strict:
        return u"Strict"_s;
    case QNetworkCookie::SameSite::Default:
        break;
    }
    return {};
}

namespace {

QNetworkCookie::SameSite sameSiteOf(const QString& name)
{
    if (name == u"None")
        return QNetworkCookie::SameSite::None;
    if (name == u"Lax")
        return QNetworkCookie::SameSite::Lax;
    if (name == u"Strict")
        return QNetworkCookie::SameSite::Strict;
    return QNetworkCookie::SameSite::Default;
}

} // namespace

CookieJar::CookieJar()
    : m_rules(std::make_unique<Rules>())
{}

CookieJar::~CookieJar() = default;

QList<QNetworkCookie> CookieJar::cookies() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QNetworkCookie> live = m_rules->allCookies();
    live.removeIf([&](const QNetworkCookie& cookie) { return expired(cookie, now); });
    return live;
}

QList<QNetworkCookie> CookieJar::cookiesFor(const QUrl& url) const
{
    return m_rules->cookiesForUrl(url);
}

QByteArrayList CookieJar::absorb(const QUrl& url, const QList<QByteArray>& setCookieValues)
{
    QByteArrayList names;
    for (const QByteArray& value : setCookieValues) {
        for (QNetworkCookie cookie : QNetworkCookie::parseCookies(value)) {
            cookie.normalize(url);
            if (!m_rules->validateCookie(cookie, url))
                continue; // another host's domain, or a public suffix: refused as browsers do
            // An expired cookie deletes the one it names; deleting one the jar never had is no
            // change (a logout's blanket "messages=; Max-Age=0" must not open the keychain).
            const bool deletion = expired(cookie, QDateTime::currentDateTimeUtc());
            if (deletion ? !m_rules->deleteCookie(cookie) : !m_rules->insertCookie(cookie))
                continue;
            names.append(cookie.name());
            ++m_revision;
        }
    }
    return names;
}

void CookieJar::put(const QNetworkCookie& cookie)
{
    m_rules->deleteCookie(cookie);
    QList<QNetworkCookie> all = m_rules->allCookies();
    all.append(cookie);
    m_rules->setAllCookies(all);
    ++m_revision;
}

bool CookieJar::remove(const QNetworkCookie& cookie)
{
    if (!m_rules->deleteCookie(cookie))
        return false;
    ++m_revision;
    return true;
}

void CookieJar::setCookies(const QList<QNetworkCookie>& cookies)
{
    m_rules->setAllCookies(cookies);
    ++m_revision;
}

void CookieJar::clear()
{
    setCookies({});
}

QByteArray cookieHeader(const QList<QNetworkCookie>& cookies)
{
    QByteArrayList pairs;
    for (const QNetworkCookie& cookie : cookies)
        pairs.append(cookie.name() + '=' + cookie.value());
    return pairs.join("; ");
}

QByteArray cookiesToJson(const QList<QNetworkCookie>& cookies)
{
    QJsonArray list;
    for (const QNetworkCookie& cookie : cookies) {
        QJsonObject entry{{u"name"_s, QString::fromUtf8(cookie.name())},
                          {u"domain"_s, cookie.domain()},
                          {u"path"_s, cookie.path()},
                          {u"expires"_s, cookie.isSessionCookie()
                                             ? QJsonValue()
                                             : QJsonValue(cookie.expirationDate().toUTC().toString(
                                                   Qt::ISODateWithMs))},
                          {u"secure"_s, cookie.isSecure()},
                          {u"httpOnly"_s, cookie.isHttpOnly()}};
        if (const QString sameSite = sameSiteName(cookie.sameSitePolicy()); !sameSite.isEmpty())
            entry.insert(u"sameSite"_s, sameSite);
        list.append(entry);
    }
    return QJsonDocument(QJsonObject{{u"format"_s, 1}, {u"cookies"_s, list}}).toJson();
}

QByteArray cookieValuesToJson(const QList<QNetworkCookie>& cookies)
{
    QJsonObject values;
    for (const QNetworkCookie& cookie : cookies)
        values.insert(identity(cookie), QString::fromLatin1(cookie.value().toBase64()));
    return QJsonDocument(QJsonObject{{u"values"_s, values}}).toJson(QJsonDocument::Compact);
}

Result<QList<QNetworkCookie>> cookiesFromJson(const QByteArray& json, const QByteArray& values,
                                              qsizetype* missing)
{
    JsonReader reader(u"cookie jar"_s, u"cookies.format"_s);
    const QJsonObject root = reader.parseObject(json);
    const QJsonArray list = reader.array(root, u"cookies"_s, u"$"_s);
    JsonReader valueReader(u"cookie values"_s, u"cookies.format"_s);
    const QJsonObject valueMap =
        values.isEmpty()
            ? QJsonObject()
            : valueReader.object(valueReader.parseObject(values).value(u"values"_s), u"$.values"_s);
    if (reader.failed())
        return reader.error();
    if (valueReader.failed())
        return valueReader.error();
    QList<QNetworkCookie> cookies;
    qsizetype lost = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString path = jsonIndex(u"$"_s, u"cookies"_s, i);
        const QJsonObject entry = reader.object(list[i], path);
        QNetworkCookie cookie;
        cookie.setName(reader.requiredString(entry, u"name"_s, path).toUtf8());
        cookie.setDomain(reader.requiredString(entry, u"domain"_s, path));
        cookie.setPath(reader.string(entry, u"path"_s, path, u"/"_s));
        const QString expires = reader.string(entry, u"expires"_s, path);
        if (!expires.isEmpty()) {
            const QDateTime when = QDateTime::fromString(expires, Qt::ISODateWithMs);
            if (!when.isValid())
                reader.fail(path + u".expires"_s, u"not an ISO 8601 time"_s);
            cookie.setExpirationDate(when);
        }
        cookie.setSecure(reader.boolean(entry, u"secure"_s, path, false));
        cookie.setHttpOnly(reader.boolean(entry, u"httpOnly"_s, path, false));
        cookie.setSameSitePolicy(sameSiteOf(reader.string(entry, u"sameSite"_s, path)));
        if (reader.failed())
            return reader.error();
        if (values.isNull()) {
            cookies.append(cookie);
            continue;
        }
        const QJsonValue value = valueMap.value(identity(cookie));
        if (!value.isString()) {
            ++lost;
            continue;
        }
        cookie.setValue(QByteArray::fromBase64(value.toString().toLatin1()));
        cookies.append(cookie);
    }
    if (missing)
        *missing = lost;
    return cookies;
}

} // namespace Keyhole::Http
