#include "core/vars/RequestPreparer.h"

#include "core/auth/AwsSigV4.h"
#include "core/auth/OAuth2.h"
#include "core/vars/Resolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Keyhole::Vars {
namespace {

constexpr qint64 kMaxBodyFileBytes = 2LL * 1024 * 1024 * 1024;

// The type of an uploaded file, from its extension — the same small table curl uses, so that
// an imported `curl -F file=@x.json` sends the same part headers.
QString contentTypeForFile(const QByteArray& fileName)
{
    static const QList<QPair<QByteArray, QString>> types{
        {".gif", u"image/gif"_s},      {".jpg", u"image/jpeg"_s},    {".jpeg", u"image/jpeg"_s},
        {".png", u"image/png"_s},      {".svg", u"image/svg+xml"_s}, {".txt", u"text/plain"_s},
        {".htm", u"text/html"_s},      {".html", u"text/html"_s},    {".pdf", u"application/pdf"_s},
        {".xml", u"application/xml"_s}};
    for (const auto& [extension, type] : types) {
        if (fileName.toLower().endsWith(extension))
            return type;
    }
    return u"application/octet-stream"_s;
}

// RFC 9110 token characters.
bool isToken(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return false;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        const bool ok = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
                        (u >= 'A' && u <= 'Z') || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

class Preparer final {
public:
    Preparer(const Resolver& resolver, QString baseDir)
        : m_resolver(resolver)
        , m_baseDir(std::move(baseDir))
    {}

    QString resolve(const QString& text)
    {
        Resolved resolved = m_resolver.resolve(text);
        for (const QString& name : std::as_const(resolved.unresolved)) {
            if (!m_out.unresolvedVariables.contains(name))
                m_out.unresolvedVariables.append(name);
        }
        for (const QString& secret : std::as_const(resolved.secretValues)) {
            if (!m_out.secretValues.contains(secret.toUtf8()))
                m_out.secretValues.append(secret.toUtf8());
        }
        for (const QString& cycle : std::as_const(resolved.cycles))
            m_out.warnings.append(QObject::tr("Variable cycle: %1").arg(cycle));
        return resolved.text;
    }

    Result<Model::PreparedRequest> run(const Model::RequestTemplate& request,
                                       const Model::AuthConfig& auth)
    {
        m_out.settings = request.settings;
        // The proxy may come from the environment ({{proxy}}); its password is a secret.
        if (request.settings.proxy) {
            m_out.settings.proxy = resolve(*request.settings.proxy);
            const QString password = QUrl(*m_out.settings.proxy).password(QUrl::FullyDecoded);
            if (password.size() >= 4 && !m_out.secretValues.contains(password.toUtf8()))
                m_out.secretValues.append(password.toUtf8());
        }
        if (request.settings.noProxy)
            m_out.settings.noProxy = resolve(*request.settings.noProxy);
        m_out.method = resolve(request.method).trimmed().toUpper().toUtf8();
        if (!isToken(m_out.method))
            return Error{u"request.method"_s,
                         QObject::tr("\"%1\" is not a valid HTTP method")
                             .arg(QString::fromUtf8(m_out.method)),
                         u"method"_s};
        if (Status status = prepareUrl(request); !status)
            return status.error();
        if (Status status = prepareHeaders(request); !status)
            return status.error();
        if (Status status = prepareBody(request.body); !status)
            return status.error();
        if (Status status = applyAuth(auth); !status)
            return status.error();
        if (!m_out.unresolvedVariables.isEmpty()) {
            QStringList names;
            for (const QString& name : std::as_const(m_out.unresolvedVariables))
                names.append(u"{{"_s + name + u"}}"_s);
            m_out.warnings.prepend(
                QObject::tr("Unresolved variables sent literally: %1").arg(names.join(u", "_s)));
        }
        return m_out;
    }

private:
    Status prepareUrl(const Model::RequestTemplate& request)
    {
        QString text = resolve(request.url).trimmed();
        if (!text.isEmpty() && !text.contains(u"://"_s))
            text.prepend(u"http://"_s);
        QUrl url(text, QUrl::TolerantMode);
        QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
        for (const Model::KeyValue& param : request.params) {
            if (!param.enabled || (param.name.isEmpty() && param.value.isEmpty()))
                continue;
            if (!query.isEmpty() || url.hasQuery())
                query += '&';
            query += encodeQueryComponent(resolve(param.name));
            query += '=';
            query += encodeQueryComponent(resolve(param.value));
        }
        if (!query.isEmpty())
            url.setQuery(QString::fromUtf8(query), QUrl::TolerantMode);

        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
            QString message =
                text.isEmpty() ? QObject::tr("The URL is empty")
                               : QObject::tr("\"%1\" is not a valid http or https URL").arg(text);
            if (!m_out.unresolvedVariables.isEmpty())
                message +=
                    QObject::tr(" (unresolved: %1)").arg(m_out.unresolvedVariables.join(u", "_s));
            return Error{u"request.url"_s, message, u"url"_s};
        }
        m_out.url = url;
        return Success{};
    }

    Status prepareHeaders(const Model::RequestTemplate& request)
    {
        for (qsizetype i = 0; i < request.headers.size(); ++i) {
            const Model::KeyValue& header = request.headers[i];
            if (!header.enabled || (header.name.isEmpty() && header.value.isEmpty()))
                continue;
            const QByteArray name = resolve(header.name).trimmed().toUtf8();
            const QByteArray value = resolve(header.value).toUtf8();
            const QString where = u"headers[%1]"_s.arg(i);
            if (!isToken(name))
                return Error{
                    u"request.header"_s,
                    QObject::tr("\"%1\" is not a valid header name").arg(QString::fromUtf8(name)),
                    where};
            if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
                return Error{u"request.header"_s,
                             QObject::tr("The value of header \"%1\" contains a line break or "
                                         "NUL byte, which would inject another header")
                                 .arg(QString::fromUtf8(name)),
                             where};
            if (value != value.trimmed())
                m_out.warnings.append(
                    QObject::tr("Header \"%1\" has leading or trailing whitespace in its value")
                        .arg(QString::fromUtf8(name)));
            m_out.headers.append({name, value});
        }
        return Success{};
    }

    void secret(const QByteArray& value)
    {
        if (!value.trimmed().isEmpty() && !m_out.secretValues.contains(value))
            m_out.secretValues.append(value);
    }

    void setAuthorization(const QByteArray& value)
    {
        if (Model::removeHeader(m_out.headers, "Authorization") > 0)
            m_out.warnings.append(
                QObject::tr("The Auth settings replaced the request's own Authorization header"));
        m_out.headers.prepend({"Authorization", value});
    }

    Status applyAuth(const Model::AuthConfig& auth)
    {
        switch (auth.kind) {
        case Model::AuthKind::Inherit:
        case Model::AuthKind::None:
            return Success{};
        case Model::AuthKind::Digest: {
            const QByteArray password = resolve(auth.password).toUtf8();
            secret(password);
            m_out.digest = Model::ChallengeCredentials{resolve(auth.username).toUtf8(), password};
            return Success{};
        }
        case Model::AuthKind::DjangoSession: {
            const QByteArray password = resolve(auth.password).toUtf8();
            secret(password);
            const QString login = resolve(auth.loginUrl).trimmed();
            if (login.isEmpty())
                return Error{u"auth.session"_s,
                             QObject::tr("Django session auth needs the login form's URL"),
                             u"auth.loginUrl"_s};
            // A path alone ("/accounts/login/") is on the request's own server.
            const QUrl loginUrl = m_out.url.resolved(QUrl(login, QUrl::TolerantMode));
            m_out.sessionLogin =
                Model::SessionLogin{loginUrl, resolve(auth.username).toUtf8(), password};
            return Success{};
        }
        case Model::AuthKind::OAuth2:
            return applyOAuth2(auth);
        case Model::AuthKind::ClientCertificate: {
            Result<QByteArray> certificate = readBodyFile(auth.certFile, u"auth.certFile"_s);
            if (!certificate)
                return certificate.error();
            Result<QByteArray> key = auth.keyFile.trimmed().isEmpty()
                                         ? Result<QByteArray>(certificate.value())
                                         : readBodyFile(auth.keyFile, u"auth.keyFile"_s);
            if (!key)
                return key.error();
            const QByteArray passphrase = resolve(auth.keyPassphrase).toUtf8();
            secret(passphrase);
            m_out.clientCertificate =
                Model::ClientCertificate{certificate.value(), key.value(), passphrase};
            return Success{};
        }
        case Model::AuthKind::AwsSigV4: {
            Auth::AwsSigning signing;
            signing.accessKey = resolve(auth.awsAccessKey).trimmed().toUtf8();
            signing.secretKey = resolve(auth.awsSecretKey).trimmed().toUtf8();
            signing.sessionToken = resolve(auth.awsSessionToken).trimmed().toUtf8();
            signing.region = resolve(auth.awsRegion).trimmed().toUtf8();
            signing.service = resolve(auth.awsService).trimmed().toUtf8();
            signing.inQuery = auth.awsSignQuery;
            secret(signing.secretKey);
            secret(signing.sessionToken);
            const Result<Auth::AwsSignature> signature =
                Auth::signAwsV4(m_out, signing, QDateTime::currentDateTimeUtc());
            if (!signature)
                return signature.error();
            return Success{};
        }
        case Model::AuthKind::Basic: {
            const QByteArray user = resolve(auth.username).toUtf8();
            const QByteArray password = resolve(auth.password).toUtf8();
            const QByteArray encoded = QByteArray(user + ':' + password).toBase64();
            secret(password);
            secret(encoded);
            setAuthorization("Basic " + encoded);
            return Success{};
        }
        case Model::AuthKind::Bearer: {
            const QByteArray token = resolve(auth.token).toUtf8();
            const QByteArray prefix = resolve(auth.prefix).trimmed().toUtf8();
            secret(token);
            setAuthorization(prefix.isEmpty() ? token : prefix + ' ' + token);
            return Success{};
        }
        case Model::AuthKind::ApiKey: {
            const QByteArray name = resolve(auth.keyName).trimmed().toUtf8();
            const QByteArray value = resolve(auth.keyValue).toUtf8();
            secret(value);
            if (auth.keyInQuery) {
                QByteArray query = m_out.url.query(QUrl::FullyEncoded).toUtf8();
                if (!query.isEmpty())
                    query += '&';
                query += encodeQueryComponent(QString::fromUtf8(name)) + '=' +
                         encodeQueryComponent(QString::fromUtf8(value));
                m_out.url.setQuery(QString::fromUtf8(query), QUrl::TolerantMode);
            } else if (!name.isEmpty()) {
                Model::setHeader(m_out.headers, name, value);
            }
            return Success{};
        }
        }
        return Success{};
    }

    Status applyOAuth2(const Model::AuthConfig& auth)
    {
        Model::OAuth2Settings settings;
        const std::optional<Model::OAuth2Grant> grant =
            Auth::oauth2GrantFromName(resolve(auth.oauthGrant).trimmed());
        if (!grant)
            return Error{u"auth.oauth2"_s,
                         QObject::tr("OAuth 2 grant \"%1\" is not one of client_credentials, "
                                     "password, authorization_code")
                             .arg(auth.oauthGrant),
                         u"auth.grant"_s};
        settings.grant = *grant;
        const auto url = [&](const QString& text) {
            const QString resolved = resolve(text).trimmed();
            return resolved.isEmpty() ? QUrl()
                                      : m_out.url.resolved(QUrl(resolved, QUrl::TolerantMode));
        };
        settings.tokenUrl = url(auth.oauthTokenUrl);
        settings.authUrl = url(auth.oauthAuthUrl);
        settings.redirectUri = QUrl(resolve(auth.oauthRedirectUri).trimmed(), QUrl::TolerantMode);
        settings.clientId = resolve(auth.oauthClientId).trimmed().toUtf8();
        settings.clientSecret = resolve(auth.oauthClientSecret).toUtf8();
        settings.scope = resolve(auth.oauthScope).trimmed().toUtf8();
        settings.username = resolve(auth.username).toUtf8();
        settings.password = resolve(auth.password).toUtf8();
        settings.clientSecretInBody = auth.oauthClientSecretInBody;
        settings.prefix = resolve(auth.prefix).trimmed().toUtf8();
        settings.inQuery = auth.keyInQuery;
        secret(settings.clientSecret);
        secret(settings.password);
        if (settings.tokenUrl.isEmpty())
            return Error{u"auth.oauth2"_s, QObject::tr("OAuth 2 needs the token URL"),
                         u"auth.tokenUrl"_s};
        if (settings.grant == Model::OAuth2Grant::AuthorizationCode && settings.authUrl.isEmpty())
            return Error{u"auth.oauth2"_s,
                         QObject::tr("The authorization code flow needs the authorization URL"),
                         u"auth.authUrl"_s};
        m_out.oauth2 = settings;
        return Success{};
    }

    void setDefaultContentType(const QByteArray& contentType)
    {
        if (Model::headerValue(m_out.headers, "Content-Type").isNull())
            m_out.headers.append({"Content-Type", contentType});
    }

    Result<QByteArray> readBodyFile(const QString& path, const QString& where)
    {
        const QString resolved = resolve(path);
        const QString absolute =
            QFileInfo(resolved).isAbsolute() ? resolved : QDir(m_baseDir).filePath(resolved);
        QFile file(absolute);
        if (file.size() > kMaxBodyFileBytes)
            return Error{u"request.body"_s, QObject::tr("The file is larger than 2 GiB"), absolute};
        if (!file.open(QIODevice::ReadOnly))
            return Error{u"request.body"_s, file.errorString(), where + u": "_s + absolute};
        return file.readAll();
    }

    Status prepareBody(const Model::Body& body)
    {
        switch (body.kind) {
        case Model::BodyKind::None:
            return Success{};
        case Model::BodyKind::Raw: {
            m_out.body = resolve(body.text).toUtf8();
            QString type = resolve(body.contentType).trimmed();
            if (type.isEmpty()) {
                const QString start = body.text.trimmed().left(1);
                type = (start == u"{" || start == u"[") ? u"application/json"_s
                                                        : u"text/plain; charset=utf-8"_s;
            }
            setDefaultContentType(type.toUtf8());
            return Success{};
        }
        case Model::BodyKind::FormUrlEncoded: {
            QByteArray encoded;
            for (const Model::KeyValue& field : body.form) {
                if (!field.enabled)
                    continue;
                if (!encoded.isEmpty())
                    encoded += '&';
                encoded += encodeFormComponent(resolve(field.name)) + '=' +
                           encodeFormComponent(resolve(field.value));
            }
            m_out.body = encoded;
            setDefaultContentType("application/x-www-form-urlencoded");
            return Success{};
        }
        case Model::BodyKind::Multipart:
            return prepareMultipart(body);
        case Model::BodyKind::BinaryFile: {
            Result<QByteArray> bytes = readBodyFile(body.filePath, u"body.file"_s);
            if (!bytes)
                return bytes.error();
            m_out.body = bytes.value();
            const QString type = resolve(body.contentType).trimmed();
            setDefaultContentType(type.isEmpty() ? QByteArray("application/octet-stream")
                                                 : type.toUtf8());
            return Success{};
        }
        }
        return Success{};
    }

    Status prepareMultipart(const Model::Body& body)
    {
        // Shaped like curl's (24 dashes, 16 hex digits), so sizes match an imported command.
        const QByteArray boundary =
            QByteArray(24, '-') + QUuid::createUuid().toByteArray(QUuid::Id128).left(16);
        QByteArray out;
        for (qsizetype i = 0; i < body.multipart.size(); ++i) {
            const Model::MultipartField& field = body.multipart[i];
            if (!field.enabled)
                continue;
            QByteArray name = resolve(field.name).toUtf8();
            name.replace('"', "%22");
            out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + '"';
            QByteArray content;
            QString type = resolve(field.contentType).trimmed();
            if (field.isFile) {
                Result<QByteArray> bytes =
                    readBodyFile(field.value, u"body.multipart[%1]"_s.arg(i));
                if (!bytes)
                    return bytes.error();
                content = bytes.value();
                QByteArray fileName =
                    (field.fileName.isEmpty() ? QFileInfo(resolve(field.value)).fileName()
                                              : resolve(field.fileName))
                        .toUtf8();
                fileName.replace('"', "%22");
                out += "; filename=\"" + fileName + '"';
                if (type.isEmpty())
                    type = contentTypeForFile(fileName);
            } else {
                content = resolve(field.value).toUtf8();
            }
            out += "\r\n";
            if (!type.isEmpty())
                out += "Content-Type: " + type.toUtf8() + "\r\n";
            out += "\r\n" + content + "\r\n";
        }
        out += "--" + boundary + "--\r\n";
        m_out.body = out;
        setDefaultContentType("multipart/form-data; boundary=" + boundary);
        return Success{};
    }

    const Resolver& m_resolver;
    QString m_baseDir;
    Model::PreparedRequest m_out;
};

} // namespace

Status refuseUnresolved(const Model::PreparedRequest& prepared, const QStringList& provided)
{
    QStringList names;
    for (const QString& name : prepared.unresolvedVariables) {
        if (!provided.contains(name))
            names.append(u"{{"_s + name + u"}}"_s);
    }
    if (names.isEmpty())
        return Success{};
    return Error{
        u"vars.unresolved"_s,
        QObject::tr("not sent: %1 would go out literally; set %2 in the environment "
                    "(or allow unresolved variables)")
            .arg(names.join(u", "_s), names.size() == 1 ? QObject::tr("it") : QObject::tr("them")),
        names.join(u", "_s)};
}

QByteArray encodeQueryComponent(const QString& text)
{
    return QUrl::toPercentEncoding(text, "!$'()*,;:@/?");
}

QByteArray encodeFormComponent(const QString& text)
{
    return QUrl::toPercentEncoding(text, "*", "~").replace("%20", "+");
}

Result<Model::PreparedRequest> prepareRequest(const Model::RequestTemplate& request,
                                              const Resolver& resolver, const QString& baseDir,
                                              const Model::AuthConfig* auth)
{
    return Preparer(resolver, baseDir).run(request, auth ? *auth : request.auth);
}

} // namespace Keyhole::Vars
