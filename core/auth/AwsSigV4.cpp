#include "core/auth/AwsSigV4.h"

#include <QCryptographicHash>

#include <algorithm>
#include <array>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {
namespace {

QByteArray hmacSha256(const QByteArray& key, const QByteArray& data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.constData()), static_cast<size_t>(data.size()),
         out.data(), &length);
    return QByteArray(reinterpret_cast<const char*>(out.data()), length);
}

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// RFC 3986 encoding as AWS wants it: unreserved characters as they are, everything else %XX
// in upper case ('/' kept only when `keepSlash`).
QByteArray awsEncode(const QByteArray& bytes, bool keepSlash)
{
    return bytes.toPercentEncoding(keepSlash ? "/" : "", {}, '%');
}

// Removes "." and ".." segments and empty segments (not for S3: its keys may hold them).
QByteArray normalizedPath(const QByteArray& path)
{
    QList<QByteArray> segments;
    for (const QByteArray& segment : path.split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
            continue;
        }
        segments.append(segment);
    }
    QByteArray out = '/' + segments.join('/');
    if (path.endsWith('/') && out.size() > 1)
        out += '/';
    return out;
}

QByteArray canonicalUri(const QUrl& url, bool s3)
{
    QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();
    if (path.isEmpty())
        path = "/";
    if (s3)
        return awsEncode(QByteArray::fromPercentEncoding(path), true);
    // The path as it goes on the wire (encoded once), encoded once more: AWS's rule for every
    // service but S3 (reserved characters the wire keeps raw, like ':', become %3A).
    return awsEncode(normalizedPath(path), true);
}

QByteArray canonicalQuery(const QUrl& url)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    const QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
    for (const QByteArray& part : query.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        const QByteArray name = equals < 0 ? part : part.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
        auto decoded = [](QByteArray text) {
            return QByteArray::fromPercentEncoding(text.replace('+', "%20"));
        };
        pairs.append({awsEncode(decoded(name), false), awsEncode(decoded(value), false)});
    }
    std::sort(pairs.begin(), pairs.end());
    QList<QByteArray> parts;
    for (const auto& [name, value] : pairs)
        parts.append(name + '=' + value);
    return parts.join('&');
}

QByteArray hostValue(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int port = url.port();
    const bool defaultPort = port < 0 || (url.scheme() == u"https" && port == 443) ||
                             (url.scheme() == u"http" && port == 80);
    return defaultPort ? host : host + ':' + QByteArray::number(port);
}

// Collapses runs of spaces and trims, as the canonical form requires.
QByteArray canonicalValue(const QByteArray& value)
{
    return value.simplified();
}

bool isUnsignedHeader(const QByteArray& lowerName)
{
    static const std::array<QByteArrayView, 6> kUnsigned{
        "authorization", "user-agent", "expect", "content-length", "connection", "x-amzn-trace-id"};
    return std::find(kUnsigned.begin(), kUnsigned.end(), QByteArrayView(lowerName)) !=
           kUnsigned.end();
}

} // namespace

Result<AwsSignature> signAwsV4(Model::PreparedRequest& request, const AwsSigning& signing,
                               const QDateTime& now)
{
    const auto missing = [](const QString& what) {
        return Error{u"auth.aws"_s, u"AWS Signature V4 needs %1"_s.arg(what), u"auth"_s};
    };
    if (signing.accessKey.isEmpty())
        return missing(u"an access key"_s);
    if (signing.secretKey.isEmpty())
        return missing(u"a secret key"_s);
    if (signing.region.isEmpty())
        return missing(u"a region"_s);
    if (signing.service.isEmpty())
        return missing(u"a service"_s);

    const QDateTime utc = now.toUTC();
    const QByteArray amzDate = utc.toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
    const QByteArray day = amzDate.left(8);
    const QByteArray scope = day + '/' + signing.region + '/' + signing.service + "/aws4_request";
    const bool s3 = signing.service == "s3";
    const QByteArray payloadHash =
        s3 && signing.inQuery ? QByteArray("UNSIGNED-PAYLOAD") : sha256Hex(request.body);

    Model::removeHeader(request.headers, "Authorization");
    // Headers (or query parameters) that are part of what is signed.
    QList<QPair<QByteArray, QByteArray>> signedHeaders{{"host", hostValue(request.url)}};
    if (signing.inQuery) {
        QByteArray query;
        for (const QByteArray& part : request.url.query(QUrl::FullyEncoded).toUtf8().split('&')) {
            if (!part.isEmpty() && !part.startsWith("X-Amz-"))
                query += (query.isEmpty() ? "" : "&") + part;
        }
        auto add = [&query](const char* name, const QByteArray& value) {
            query +=
                (query.isEmpty() ? "" : "&") + QByteArray(name) + '=' + awsEncode(value, false);
        };
        add("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        add("X-Amz-Credential", signing.accessKey + '/' + scope);
        add("X-Amz-Date", amzDate);
        add("X-Amz-Expires", QByteArray::number(signing.expiresSeconds));
        if (!signing.sessionToken.isEmpty())
            add("X-Amz-Security-Token", signing.sessionToken);
        add("X-Amz-SignedHeaders", "host");
        request.url.setQuery(QString::fromUtf8(query), QUrl::TolerantMode);
    } else {
        Model::setHeader(request.headers, "X-Amz-Date", amzDate);
        if (!signing.sessionToken.isEmpty())
            Model::setHeader(request.headers, "X-Amz-Security-Token", signing.sessionToken);
        if (s3)
            Model::setHeader(request.headers, "X-Amz-Content-Sha256", payloadHash);
        for (const Model::HeaderField& field : std::as_const(request.headers)) {
            const QByteArray name = field.name.toLower();
            // An empty header is not sent (see the Executor), so it is not signed either.
            if (name == "host" || isUnsignedHeader(name) || field.value.trimmed().isEmpty())
                continue;
            auto same = std::find_if(signedHeaders.begin(), signedHeaders.end(),
                                     [&](const auto& pair) { return pair.first == name; });
            if (same == signedHeaders.end())
                signedHeaders.append({name, canonicalValue(field.value)});
            else
                same->second += (name == "cookie" ? "; " : ", ") + canonicalValue(field.value);
        }
    }
    std::sort(signedHeaders.begin(), signedHeaders.end());
    QByteArray canonicalHeaders;
    QList<QByteArray> names;
    for (const auto& [name, value] : signedHeaders) {
        canonicalHeaders += name + ':' + value + '\n';
        names.append(name);
    }
    const QByteArray signedNames = names.join(';');

    AwsSignature out;
    out.canonicalRequest = request.method + '\n' + canonicalUri(request.url, s3) + '\n' +
                           canonicalQuery(request.url) + '\n' + canonicalHeaders + '\n' +
                           signedNames + '\n' + payloadHash;
    out.stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n' + sha256Hex(out.canonicalRequest);
    QByteArray key = hmacSha256("AWS4" + signing.secretKey, day);
    key = hmacSha256(key, signing.region);
    key = hmacSha256(key, signing.service);
    key = hmacSha256(key, "aws4_request");
    out.signature = hmacSha256(key, out.stringToSign).toHex();

    if (signing.inQuery) {
        request.url.setQuery(request.url.query(QUrl::FullyEncoded) + u"&X-Amz-Signature="_s +
                                 QString::fromLatin1(out.signature),
                             QUrl::TolerantMode);
    } else {
        out.authorization = "AWS4-HMAC-SHA256 Credential=" + signing.accessKey + '/' + scope +
                            ", SignedHeaders=" + signedNames + ", Signature=" + out.signature;
        request.headers.prepend({"Authorization", out.authorization});
    }
    return out;
}

} // namespace Keyhole::Auth
