#include "core/http/Cookies.h"

#include <QNetworkCookie>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {

QList<CookieRow> exchangeCookies(const Exchange& exchange, const QDateTime& now)
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
            row.expires = cookie.expirationDate();
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
            row.removes = row.expires.isValid() && row.expires <= now;
            rows.append(row);
        }
    }
    return rows;
}

} // namespace Keyhole::Http
