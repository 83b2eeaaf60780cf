#include "core/http/Exchange.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrlQuery>

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

namespace Keyhole::Http {
namespace {

const QList<QByteArray> kCredentialHeaders{"authorization", "proxy-authorization", "cookie",
                                           "set-cookie",    "x-csrftoken",         "x-csrf-token",
                                           "x-xsrf-token",  "x-api-key",           "api-key",
                                           "x-auth-token",  "x-amz-security-token"};

const QStringList kTokenNames{
    u"access"_s,        u"refresh"_s,   u"token"_s,           u"access_token"_s,
    u"refresh_token"_s, u"id_token"_s,  u"password"_s,        u"client_secret"_s,
    u"secret"_s,        u"api_key"_s,   u"apikey"_s,          u"session"_s,
    u"sessionid"_s,     u"csrftoken"_s, u"x-amz-signature"_s, u"x-amz-security-token"_s};

bool tokenName(const QString& name)
{
    return kTokenNames.contains(name.toLower());
}

QJsonValue maskJson(const QJsonValue& value, bool& changed)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (tokenName(it.key()) && it.value().isString() && !it.value().toString().isEmpty()) {
                *it = QString::fromUtf8(credentialFingerprint(it.value().toString().toUtf8()));
                changed = true;
            } else if (it.value().isObject() || it.value().isArray()) {
                *it = maskJson(it.value(), changed);
            }
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = maskJson(*it, changed);
        return array;
    }
    return value;
}

// The body with token-like JSON members fingerprinted; unchanged when it is not JSON (or big).
bool maskJsonBody(QByteArray& body)
{
    const QByteArray trimmed = body.trimmed();
    if (body.size() > 4 * 1024 * 1024 || !(trimmed.startsWith('{') || trimmed.startsWith('[')))
        return false;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return false;
    bool changed = false;
    const QJsonValue masked = maskJson(
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()), changed);
    if (changed)
        body = masked.isArray() ? QJsonDocument(masked.toArray()).toJson(QJsonDocument::Compact)
                                : QJsonDocument(masked.toObject()).toJson(QJsonDocument::Compact);
    return changed;
}

QUrl maskQuery(const QUrl& url)
{
    if (!url.hasQuery())
        return url;
    QUrlQuery query(url);
    bool changed = false;
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
    for (auto& [name, value] : items) {
        if (tokenName(QUrl::fromPercentEncoding(name.toUtf8())) && !value.isEmpty()) {
            value = QString::fromUtf8(credentialFingerprint(value.toUtf8()).toPercentEncoding());
            changed = true;
        }
    }
    if (!changed)
        return url;
    QUrl out = url;
    QUrlQuery masked;
    masked.setQueryItems(items);
    out.setQuery(masked.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return out;
}

} // namespace

QByteArray credentialFingerprint(const QByteArray& value)
{
    return "\xe2\x80\xb9"
           "fingerprint " +
           QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex().left(8) +
           "\xe2\x80\xba";
}

bool isCredentialHeader(const QByteArray& name)
{
    return kCredentialHeaders.contains(name.trimmed().toLower());
}

QByteArray fingerprintCredential(const QByteArray& name, const QByteArray& value)
{
    if (value.contains("\xe2\x80\xb9"
                       "fingerprint ") ||
        value.contains(kSecretMask))
        return value;
    const QByteArray lower = name.trimmed().toLower();
    if (lower == "cookie" || lower == "set-cookie") {
        // "a=1; b=2" (Cookie) or "sessionid=abc; Path=/; HttpOnly" (Set-Cookie: the first pair).
        QList<QByteArray> parts = value.split(';');
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (lower == "set-cookie" && i > 0)
                break;
            const qsizetype equals = parts[i].indexOf('=');
            if (equals > 0 && equals + 1 < parts[i].size())
                parts[i] = parts[i].left(equals + 1) +
                           credentialFingerprint(parts[i].mid(equals + 1).trimmed());
        }
        return parts.join(';');
    }
    const QByteArray trimmed = value.trimmed();
    const qsizetype space = trimmed.indexOf(' ');
    if (lower.endsWith("authorization") && space > 0)
        return trimmed.left(space) + ' ' + credentialFingerprint(trimmed.mid(space + 1).trimmed());
    return credentialFingerprint(trimmed);
}

Exchange maskCredentials(const Exchange& exchange)
{
    // Fingerprints first (so that two different secret tokens still compare as different),
    // then every secret value left anywhere is masked.
    Exchange out = exchange;
    for (Hop& hop : out.hops) {
        hop.request.url = maskQuery(hop.request.url);
        if (hop.request.target.contains('?')) {
            const QUrl target =
                maskQuery(QUrl::fromEncoded(u"http://x"_s.toUtf8() + hop.request.target));
            hop.request.target = target.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        }
        for (HeaderField& field : hop.request.headers) {
            if (isCredentialHeader(field.name))
                field.value = fingerprintCredential(field.name, field.value);
        }
        for (WireHeader& header : hop.request.wireHeaders) {
            if (isCredentialHeader(header.name))
                header.value = fingerprintCredential(header.name, header.value);
        }
        for (HeaderField& field : hop.response.headers) {
            if (isCredentialHeader(field.name))
                field.value = fingerprintCredential(field.name, field.value);
        }
        maskJsonBody(hop.request.body);
        const bool encoded = hop.response.body != hop.response.decodedBody;
        if (maskJsonBody(hop.response.decodedBody)) {
            if (encoded) {
                hop.response.body.clear();
                out.warnings.append(u"the content-encoded response body is kept decoded only "
                                    u"(it held credentials, now fingerprinted)"_s);
            } else {
                hop.response.body = hop.response.decodedBody;
            }
        }
    }
    return redactSecrets(out);
}

} // namespace Keyhole::Http
