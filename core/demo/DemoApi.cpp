#include "core/demo/DemoApi.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Keyhole::Demo {
namespace {

const QByteArray kSigningKey = "keyhole-demo-signing-key-not-a-secret";
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

ServerResponse json(int status, const QByteArray& reason, const QByteArray& body,
                    Model::HeaderFields extra = {})
{
    ServerResponse response{status, reason, std::move(extra), body};
    response.headers.prepend(Model::HeaderField{"Content-Type", "application/json"});
    response.headers.append(Model::HeaderField{"Vary", "Accept, Authorization"});
    response.headers.append(Model::HeaderField{"Allow", "GET, POST, OPTIONS"});
    response.headers.append(Model::HeaderField{"X-Frame-Options", "DENY"});
    return response;
}

ServerResponse unauthorized(const QByteArray& body)
{
    return json(401, "Unauthorized", body, {{"WWW-Authenticate", "Bearer realm=\"api\""}});
}

QByteArray sign(const QByteArray& signingInput)
{
    return QMessageAuthenticationCode::hash(signingInput, kSigningKey, QCryptographicHash::Sha256)
        .toBase64(kBase64Url);
}

} // namespace

DemoApi::DemoApi(Clock clock)
    : m_clock(std::move(clock))
{}

ServerResponse DemoApi::handle(const Raw::ParsedRequest& request) const
{
    const QByteArray path = request.target.split('?').first();
    if (path == "/api/health/" && request.method == "GET")
        return json(200, "OK", R"({"status": "ok"})");
    if (path == "/api/token/") {
        if (request.method != "POST")
            return json(405, "Method Not Allowed",
                        R"({"detail": "Method \")" + request.method + R"(\" not allowed."})");
        return login(request);
    }
    if (path == "/api/items/" && request.method == "GET")
        return items(request);
    return json(404, "Not Found", R"({"detail": "Not found."})");
}

QByteArray DemoApi::issueToken(const QByteArray& type, qint64 lifetimeSeconds) const
{
    const qint64 now = m_clock().toSecsSinceEpoch();
    const QJsonObject header{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
    const QJsonObject payload{{u"token_type"_s, QString::fromLatin1(type)},
                              {u"exp"_s, now + lifetimeSeconds},
                              {u"iat"_s, now},
                              {u"jti"_s, QUuid::createUuid().toString(QUuid::Id128)},
                              {u"user_id"_s, 1}};
    const QByteArray input =
        QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.' +
        QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
    return input + '.' + sign(input);
}

ServerResponse DemoApi::login(const Raw::ParsedRequest& request) const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return json(400, "Bad Request",
                    R"({"detail": "JSON parse error - )" + error.errorString().toUtf8() + "\"}");
    const QJsonObject credentials = document.object();
    QByteArray missing;
    for (const QString& field : {u"username"_s, u"password"_s}) {
        if (credentials.value(field).toString().isEmpty()) {
            missing += (missing.isEmpty() ? "" : ", ") + ('"' + field.toUtf8()) +
                       R"(": ["This field is required."])";
        }
    }
    if (!missing.isEmpty())
        return json(400, "Bad Request", '{' + missing + '}');
    if (credentials.value(u"username"_s).toString() != u"demo" ||
        credentials.value(u"password"_s).toString() != u"demo")
        return unauthorized(R"({"detail": "No active account found with the given credentials"})");
    return json(200, "OK",
                R"({"refresh": ")" + issueToken("refresh", 86400) + R"(", "access": ")" +
                    issueToken("access", kAccessLifetimeSeconds) + "\"}");
}

ServerResponse DemoApi::items(const Raw::ParsedRequest& request) const
{
    const QByteArray header = Model::headerValue(request.headers, "Authorization");
    const QList<QByteArray> parts = header.split(' ');
    // SimpleJWT: a header whose first word is not exactly an AUTH_HEADER_TYPE is not "ours":
    // the request is anonymous and the permission check says "not provided".
    if (header.isEmpty() || parts.first() != "Bearer")
        return unauthorized(R"({"detail": "Authentication credentials were not provided."})");
    if (parts.size() != 2)
        return unauthorized(R"({"detail": "Authorization header must contain two )"
                            R"(space-delimited values", "code": "bad_authorization_header"})");
    if (const QByteArray problem = tokenProblem(parts[1]); !problem.isEmpty())
        return unauthorized(R"({"detail": "Given token not valid for any token type", )"
                            R"("code": "token_not_valid", "messages": [{"token_class": )"
                            R"("AccessToken", "token_type": "access", "message": ")" +
                            problem + "\"}]}");
    return json(200, "OK",
                R"([{"id": 1, "name": "Brass keyhole cover"}, )"
                R"({"id": 2, "name": "Skeleton key"}, {"id": 3, "name": "Lock pick set"}])");
}

QByteArray DemoApi::tokenProblem(const QByteArray& token) const
{
    const QList<QByteArray> segments = token.split('.');
    if (segments.size() != 3 || sign(segments[0] + '.' + segments[1]) != segments[2])
        return "Token is invalid";
    const QJsonObject payload =
        QJsonDocument::fromJson(QByteArray::fromBase64(segments[1], kBase64Url)).object();
    if (payload.value(u"exp"_s).toInteger() <= m_clock().toSecsSinceEpoch())
        return "Token is expired";
    if (payload.value(u"token_type"_s).toString() != u"access")
        return "Token has wrong type";
    return {};
}

} // namespace Keyhole::Demo
