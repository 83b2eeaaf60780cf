#include "core/http/Exchange.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {

QString transportErrorKindName(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::None:
        return u"none"_s;
    case TransportErrorKind::Dns:
        return u"dns"_s;
    case TransportErrorKind::Refused:
        return u"refused"_s;
    case TransportErrorKind::Timeout:
        return u"timeout"_s;
    case TransportErrorKind::Tls:
        return u"tls"_s;
    case TransportErrorKind::Reset:
        return u"reset"_s;
    case TransportErrorKind::Cancelled:
        return u"cancelled"_s;
    case TransportErrorKind::TooLarge:
        return u"too-large"_s;
    case TransportErrorKind::Redirects:
        return u"redirects"_s;
    case TransportErrorKind::Other:
        return u"other"_s;
    }
    return u"other"_s;
}

QByteArray redactSecrets(QByteArray text, const QList<QByteArray>& secrets)
{
    // Longest first, so that a password inside its own Basic credential is not masked piecemeal;
    // values under 4 bytes are not hunted as substrings (every "p" of the output would go).
    QList<QByteArray> ordered = secrets;
    std::sort(ordered.begin(), ordered.end(),
              [](const QByteArray& a, const QByteArray& b) { return a.size() > b.size(); });
    for (const QByteArray& secret : std::as_const(ordered)) {
        if (secret.size() < kShortestMaskedSecret)
            continue;
        text.replace(secret, kSecretMask);
        // Also as it appears in URLs, query strings and form bodies.
        const QString value = QString::fromUtf8(secret);
        const QByteArray encodings[] = {
            QUrl::toPercentEncoding(value),
            QUrl::toPercentEncoding(value, "!$'()*,;:@/?"),
            QUrl::toPercentEncoding(value, "*", "~").replace("%20", "+"),
            QUrl::toPercentEncoding(value).replace("%20", "+"),
        };
        for (const QByteArray& encoded : encodings) {
            if (encoded != secret)
                text.replace(encoded, kSecretMask);
        }
    }
    return text;
}

Exchange redactSecrets(const Exchange& exchange)
{
    const QList<QByteArray>& secrets = exchange.secretValues;
    if (secrets.isEmpty())
        return exchange;
    Exchange out = exchange;
    auto mask = [&](QByteArray& bytes) {
        bytes = redactSecrets(bytes, secrets);
    };
    for (Hop& hop : out.hops) {
        hop.request.url = QUrl::fromEncoded(redactSecrets(hop.request.url.toEncoded(), secrets));
        mask(hop.request.target);
        mask(hop.request.body);
        for (HeaderField& field : hop.request.headers)
            mask(field.value);
        for (WireHeader& header : hop.request.wireHeaders)
            mask(header.value);
        for (HeaderField& field : hop.response.headers)
            mask(field.value);
        mask(hop.response.body);
        mask(hop.response.decodedBody);
    }
    out.secretValues.clear();
    return out;
}

int Exchange::finalStatus() const
{
    const Hop* hop = finalHop();
    return hop && hop->response.received ? hop->response.status : 0;
}

TransportError Exchange::error() const
{
    const Hop* hop = finalHop();
    return hop ? hop->error : TransportError{};
}

double Exchange::totalMs() const
{
    double total = 0;
    for (const Hop& hop : hops)
        total += hop.timings.totalMs > 0 ? hop.timings.totalMs : 0;
    return total;
}

std::optional<QDateTime> parseHttpDate(const QByteArray& text)
{
    QDateTime parsed = QLocale::c().toDateTime(QString::fromLatin1(text.trimmed()),
                                               u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    if (!parsed.isValid())
        return std::nullopt;
    parsed.setTimeSpec(Qt::UTC);
    return parsed;
}

} // namespace Keyhole::Http
