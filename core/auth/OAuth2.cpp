#include "core/auth/OAuth2.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <array>

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, '\0');
    for (char& byte : bytes)
        byte = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return bytes;
}

QByteArray formEncode(const QByteArray& text)
{
    return text.toPercentEncoding();
}

} // namespace

std::optional<OAuth2Grant> oauth2GrantFromName(const QString& name)
{
    if (name == u"client_credentials")
        return OAuth2Grant::ClientCredentials;
    if (name == u"password")
        return OAuth2Grant::Password;
    if (name == u"authorization_code")
        return OAuth2Grant::AuthorizationCode;
    return std::nullopt;
}

QByteArray pkceVerifier()
{
    return randomBytes(32).toBase64(kBase64Url); // 43 characters
}

QByteArray pkceChallenge(const QByteArray& verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

QByteArray randomState()
{
    return randomBytes(16).toBase64(kBase64Url);
}

Model::PreparedRequest tokenRequest(const OAuth2Settings& settings, const QByteArray& grantType,
                                    const QList<QPair<QByteArray, QByteArray>>& extra)
{
    Model::PreparedRequest request;
    request.method = "POST";
    request.url = settings.tokenUrl;
    QList<QPair<QByteArray, QByteArray>> fields{{"grant_type", grantType}};
    fields += extra;
    if (!settings.scope.isEmpty() && grantType != "authorization_code" &&
        grantType != "refresh_token")
        fields.append({"scope", settings.scope});
    // RFC 6749 §2.3.1: HTTP Basic with the form-encoded id and secret, unless the client is
    // public (no secret: its id goes in the body) or asks for client_secret_post.
    if (settings.clientSecret.isEmpty() || settings.clientSecretInBody) {
        fields.append({"client_id", settings.clientId});
        if (!settings.clientSecret.isEmpty())
            fields.append({"client_secret", settings.clientSecret});
    } else {
        const QByteArray basic =
            QByteArray(formEncode(settings.clientId) + ':' + formEncode(settings.clientSecret))
                .toBase64();
        request.headers.append(Model::HeaderField{"Authorization", "Basic " + basic});
        request.secretValues.append(basic);
    }
    QList<QByteArray> parts;
    for (const auto& [name, value] : fields)
        parts.append(formEncode(name) + '=' + formEncode(value));
    request.body = parts.join('&');
    request.headers.append(Model::HeaderField{"Content-Type", "application/x-www-form-urlencoded"});
    request.headers.append(Model::HeaderField{"Accept", "application/json"});
    for (const QByteArray& secret : {settings.clientSecret, settings.password}) {
        if (!secret.isEmpty()) {
            request.secretValues.append(secret);
            request.secretValues.append(formEncode(secret));
        }
    }
    for (const auto& [name, value] : extra) {
        if (name == "refresh_token" || name == "code" || name == "code_verifier")
            request.secretValues.append(value);
    }
    return request;
}

QUrl authorizationUrl(const OAuth2Settings& settings, const QUrl& redirectUri,
                      const QByteArray& state, const QByteArray& challenge)
{
    QUrl url = settings.authUrl;
    QUrlQuery query(url);
    const auto add = [&query](const char* name, const QByteArray& value) {
        query.addQueryItem(QString::fromLatin1(name),
                           QString::fromLatin1(value.toPercentEncoding()));
    };
    add("response_type", "code");
    add("client_id", settings.clientId);
    add("redirect_uri", redirectUri.toString(QUrl::FullyEncoded).toUtf8());
    if (!settings.scope.isEmpty())
        add("scope", settings.scope);
    add("state", state);
    add("code_challenge", challenge);
    add("code_challenge_method", "S256");
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

Result<OAuth2Token> parseTokenResponse(const Http::Exchange& exchange, const QDateTime& now)
{
    const Http::Hop* hop = exchange.finalHop();
    const QString where = hop ? hop->request.url.toString() : QString();
    if (exchange.error().isError() || !hop)
        return Error{u"oauth2.transport"_s, exchange.error().message, where};
    const QJsonObject body = QJsonDocument::fromJson(hop->response.decodedBody).object();
    if (body.contains(u"error"_s) || hop->response.status / 100 != 2) {
        QString message = body.value(u"error"_s).toString();
        if (body.contains(u"error_description"_s))
            message += u": "_s + body.value(u"error_description"_s).toString();
        if (message.isEmpty())
            message = u"the token endpoint answered %1"_s.arg(hop->response.status);
        return Error{u"oauth2.token"_s, message, where};
    }
    OAuth2Token token;
    token.accessToken = body.value(u"access_token"_s).toString().toUtf8();
    token.refreshToken = body.value(u"refresh_token"_s).toString().toUtf8();
    token.tokenType = body.value(u"token_type"_s).toString().toUtf8();
    if (body.value(u"expires_in"_s).isDouble())
        token.expiresAt = now.addSecs(body.value(u"expires_in"_s).toInteger());
    if (token.accessToken.isEmpty())
        return Error{u"oauth2.token"_s, u"the answer has no access_token"_s, where};
    return token;
}

void applyOAuth2Token(Model::PreparedRequest& request, const OAuth2Settings& settings,
                      const QByteArray& accessToken)
{
    if (!request.secretValues.contains(accessToken))
        request.secretValues.append(accessToken);
    if (settings.inQuery) {
        QString query = request.url.query(QUrl::FullyEncoded);
        if (!query.isEmpty())
            query += u'&';
        query += u"access_token="_s + QString::fromLatin1(accessToken.toPercentEncoding());
        request.url.setQuery(query, QUrl::TolerantMode);
        return;
    }
    Model::removeHeader(request.headers, "Authorization");
    request.headers.prepend({"Authorization", settings.prefix.isEmpty()
                                                  ? accessToken
                                                  : settings.prefix + ' ' + accessToken});
}

LoopbackRedirect::LoopbackRedirect(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            // Owned by nobody but its connection: it outlives the listener until the page is
            // written (a deleted listener must not cut the browser's answer short).
            socket->setParent(nullptr);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                const QByteArray head = socket->peek(16384);
                if (!head.contains("\r\n\r\n") && head.size() < 16384)
                    return;
                const QByteArray line = head.left(head.indexOf("\r\n"));
                const QByteArray target = line.split(' ').value(1);
                const QUrl url = m_uri.resolved(QUrl(QString::fromLatin1(target)));
                if (url.path() != m_uri.path()) {
                    socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                                  "Connection: close\r\n\r\n");
                    socket->disconnectFromHost();
                    return;
                }
                const QUrlQuery query(url);
                const QByteArray code =
                    query.queryItemValue(u"code"_s, QUrl::FullyDecoded).toUtf8();
                const QByteArray state =
                    query.queryItemValue(u"state"_s, QUrl::FullyDecoded).toUtf8();
                QString error = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
                if (query.hasQueryItem(u"error_description"_s))
                    error +=
                        u": "_s + query.queryItemValue(u"error_description"_s, QUrl::FullyDecoded);
                if (!m_state.isEmpty() && state != m_state) {
                    // Not the answer to this authorization (another page probing the port):
                    // refused, and the wait goes on.
                    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                                  "Connection: close\r\n\r\n");
                    socket->disconnectFromHost();
                    return;
                }
                const QByteArray page =
                    code.isEmpty()
                        ? "<html><body><h1>Keyhole: authorization failed</h1></body></html>"
                        : "<html><body><h1>Keyhole is signed in</h1><p>You can close this "
                          "window.</p></body></html>";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                              "Content-Length: " +
                              QByteArray::number(page.size()) + "\r\nConnection: close\r\n\r\n" +
                              page);
                socket->flush();
                socket->disconnectFromHost();
                if (m_done)
                    return;
                m_done = true;
                m_server->close();
                emit received(code, state,
                              code.isEmpty()
                                  ? (error.isEmpty() ? tr("no code in the redirect") : error)
                                  : QString());
            });
        }
    });
}

bool LoopbackRedirect::listen(const QUrl& wanted, int timeoutMs)
{
    const int port = wanted.isValid() && wanted.port() > 0 ? wanted.port() : 0;
    if (!m_server->listen(QHostAddress::LocalHost, static_cast<quint16>(port)))
        return false;
    m_uri = wanted.isValid() && !wanted.isEmpty()
                ? wanted
                : QUrl(u"http://127.0.0.1/callback"_s, QUrl::StrictMode);
    m_uri.setPort(m_server->serverPort());
    QTimer::singleShot(timeoutMs, this, [this, timeoutMs] {
        if (m_done)
            return;
        m_done = true;
        m_server->close();
        emit received({}, {}, tr("no answer from the browser within %1 s").arg(timeoutMs / 1000));
    });
    return true;
}

} // namespace Keyhole::Auth
