#include "core/http/Exchange.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QRegularExpression>

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

// Names of values that are credentials, compared without case, `_` or `-`: accessToken,
// access_token and Access-Token are one name.
const QStringList kTokenNames{u"password"_s,       u"passwd"_s,
                              u"secret"_s,         u"token"_s,
                              u"access"_s,         u"refresh"_s,
                              u"session"_s,        u"sessionid"_s,
                              u"csrftoken"_s,      u"accesstoken"_s,
                              u"refreshtoken"_s,   u"idtoken"_s,
                              u"authtoken"_s,      u"apikey"_s,
                              u"apitoken"_s,       u"clientsecret"_s,
                              u"sessiontoken"_s,   u"csrfmiddlewaretoken"_s,
                              u"xamzsignature"_s,  u"xamzsecuritytoken"_s,
                              u"xamzcredential"_s, u"privatekey"_s};

bool tokenName(QString name)
{
    name = name.toLower();
    name.remove(u'_');
    name.remove(u'-');
    return kTokenNames.contains(name);
}

// JSON members with a credential's name and a string value ("access": "eyJ…"), found in the
// text itself so that the rest of the body keeps its bytes (and works on a cut body too).
qsizetype maskJsonMembers(QByteArray& body)
{
    // Possessive repeats: a long string value (a 2 MB one) is matched without backtracking,
    // where the plain pattern ran out of match stack and silently stopped masking.
    static const QRegularExpression member(
        uR"re("([A-Za-z_\-]{3,40})"\s*:\s*"((?:[^"\\]++|\\.)++)")re"_s);
    const QString text = QString::fromUtf8(body);
    QString out;
    qsizetype last = 0;
    qsizetype masked = 0;
    QRegularExpressionMatchIterator it = member.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (!tokenName(match.captured(1)))
            continue;
        out += QStringView(text).mid(last, match.capturedStart(2) - last);
        out += QString::fromUtf8(credentialFingerprint(match.captured(2).toUtf8()));
        last = match.capturedEnd(2);
        ++masked;
    }
    if (masked > 0) {
        out += QStringView(text).mid(last);
        body = out.toUtf8();
    }
    return masked;
}

// name=value pairs (a query or a form body) with credential names fingerprinted.
QByteArray maskPairs(const QByteArray& pairs, bool* changed)
{
    QList<QByteArray> items = pairs.split('&');
    for (QByteArray& item : items) {
        const qsizetype equals = item.indexOf('=');
        if (equals <= 0 || equals + 1 >= item.size())
            continue;
        if (!tokenName(QUrl::fromPercentEncoding(item.left(equals))) ||
            item.contains("%E2%80%B9fingerprint"))
            continue;
        item = item.left(equals + 1) +
               credentialFingerprint(QByteArray::fromPercentEncoding(item.mid(equals + 1)))
                   .toPercentEncoding();
        *changed = true;
    }
    return items.join('&');
}

QUrl maskUrl(const QUrl& url)
{
    QUrl out = url;
    if (!url.password().isEmpty())
        out.setPassword(QString::fromUtf8(credentialFingerprint(url.password().toUtf8())));
    if (url.hasQuery()) {
        bool changed = false;
        const QByteArray query = maskPairs(url.query(QUrl::FullyEncoded).toUtf8(), &changed);
        if (changed)
            out.setQuery(QString::fromUtf8(query), QUrl::StrictMode);
    }
    return out;
}

QByteArray maskTarget(const QByteArray& target)
{
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return target;
    bool changed = false;
    const QByteArray query = maskPairs(target.mid(question + 1), &changed);
    return changed ? target.left(question + 1) + query : target;
}

// A request body: JSON members, or the pairs of a form body.
void maskBody(QByteArray& body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        maskJsonMembers(body);
        return;
    }
    if (body.contains('=') && !body.contains('\n') && !body.contains(' ')) {
        bool changed = false;
        const QByteArray masked = maskPairs(body, &changed);
        if (changed)
            body = masked;
    }
}

} // namespace

QByteArray credentialFingerprint(const QByteArray& value)
{
    // "{{token}}" that went out literally is no secret, and the most telling fact about the
    // request: it stays readable.
    static const QRegularExpression variable(uR"(^\{\{\s*[A-Za-z_][\w.\-]*\s*\}\}$)"_s);
    if (value.startsWith("{{") && variable.match(QString::fromUtf8(value)).hasMatch())
        return value;
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

QUrl maskedUrl(const QUrl& url)
{
    return maskUrl(url);
}

Exchange maskCredentials(const Exchange& exchange, bool bodies)
{
    // Fingerprints first (so that two different secret tokens still compare as different),
    // then every secret value left anywhere is masked.
    Exchange out = exchange;
    bool keptDecoded = false;
    for (qsizetype i = 0; i < out.hops.size(); ++i) {
        Hop& hop = out.hops[i];
        const bool encoded = hop.response.body != hop.response.decodedBody;
        hop.request.url = maskUrl(hop.request.url);
        hop.request.target = maskTarget(hop.request.target);
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
            else if (field.name.compare("location", Qt::CaseInsensitive) == 0)
                field.value = maskUrl(QUrl::fromEncoded(field.value)).toEncoded();
        }
        if (bodies) {
            maskBody(hop.request.body);
            maskBody(hop.response.decodedBody);
        }
        // A content-encoded body cannot be masked in its encoded form: only the decoded,
        // masked body is kept.
        hop.response.body = hop.response.decodedBody;
        keptDecoded = keptDecoded || encoded;
    }
    if (keptDecoded)
        out.warnings.append(u"content-encoded response bodies are kept decoded (the encoded "
                            u"bytes could not be masked)"_s);
    return redactSecrets(out);
}

} // namespace Keyhole::Http
