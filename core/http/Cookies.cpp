#include "core/http/Cookies.h"

#include <QNetworkCookie>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {

namespace {

QDateTime arrivalOf(const Hop& hop)
{
    if (hop.timings.started.isValid())
        return hop.timings.started.addMSecs(static_cast<qint64>(qMax(0.0, hop.timings.headersMs)));
    if (const std::optional<QDateTime> date =
            parseHttpDate(Model::headerValue(hop.response.headers, "Date")))
        return *date;
    return QDateTime::currentDateTimeUtc();
}

// Max-Age's seconds when the Set-Cookie value has one (it wins over Expires, RFC 6265 5.3).
std::optional<qint64> maxAgeOf(const QByteArray& setCookie)
{
    const QList<QByteArray> parts = setCookie.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray part = parts[i].trimmed();
        if (!part.toLower().startsWith("max-age="))
            continue;
        bool ok = false;
        const qint64 seconds = part.mid(8).trimmed().toLongLong(&ok);
        if (ok)
            return seconds;
    }
    return std::nullopt;
}

} // namespace

QString cookieFlagsText(bool secure, bool httpOnly, const QString& sameSite)
{
    QStringList flags;
    if (secure)
        flags.append(u"Secure"_s);
    if (httpOnly)
        flags.append(u"HttpOnly"_s);
    if (!sameSite.isEmpty())
        flags.append(u"SameSite="_s + sameSite);
    return flags.join(u' ');
}

QList<CookieRow> exchangeCookies(const Exchange& exchange)
{
    QList<CookieRow> rows;
    for (qsizetype i = 0; i < exchange.hops.size(); ++i) {
        const Hop& hop = exchange.hops[i];
        for (const WireHeader& header : hop.request.wireHeaders) {
            if (header.name.compare("Cookie", Qt::CaseInsensitive) != 0)
                continue;
            for (const QByteArray& part : header.value.split(';')) {
                const qsizetype equals = part.indexOf('=');
                if (equals <= 0)
                    continue;
                CookieRow row;
                row.hop = i;
                row.sent = true;
                row.name = part.left(equals).trimmed();
                row.value = part.mid(equals + 1).trimmed();
                rows.append(row);
            }
        }
        if (!hop.response.received)
            continue;
        const QDateTime arrived = arrivalOf(hop);
        for (const HeaderField& field : hop.response.headers) {
            if (field.name.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
                continue;
            // One Set-Cookie value is one cookie (Expires dates contain commas).
            const QList<QNetworkCookie> parsed = QNetworkCookie::parseCookies(field.value);
            if (parsed.size() != 1)
                continue;
            const QNetworkCookie& cookie = parsed.first();
            CookieRow row;
            row.hop = i;
            row.name = cookie.name();
            row.value = cookie.value();
            row.domain = cookie.domain();
            row.path = cookie.path();
            // (QNetworkCookie turns Max-Age into a date from the clock of the moment.)
            const std::optional<qint64> maxAge = maxAgeOf(field.value);
            row.expires = maxAge ? arrived.addSecs(*maxAge) : cookie.expirationDate();
            row.secure = cookie.isSecure();
            row.httpOnly = cookie.isHttpOnly();
            switch (cookie.sameSitePolicy()) {
            case QNetworkCookie::SameSite::Strict:
                row.sameSite = u"Strict"_s;
                break;
            case QNetworkCookie::SameSite::Lax:
                row.sameSite = u"Lax"_s;
                break;
            case QNetworkCookie::SameSite::None:
                row.sameSite = u"None"_s;
                break;
            case QNetworkCookie::SameSite::Default:
                break;
            }
            row.removes = row.expires.isValid() && row.expires <= arrived;
            rows.append(row);
        }
    }
    return rows;
}

} // namespace Keyhole::Http
