// Each auth scheme against a real server that implements it, from Debian's packages, on
// 127.0.0.1: Apache's mod_auth_digest, Django REST Framework's TokenAuthentication,
// SimpleJWT (Bearer and the JWT prefix) and Django's session login with CSRF.
#include "core/auth/Sender.h"
#include "core/raw/RawText.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"
#include "tests/integration/LifecycleFixtures.h"
#include "tests/support/ApacheServer.h"
#include "tests/support/DrfServers.h"
#include "tests/support/Exchanges.h"
#include "tests/support/NginxServer.h"
#include "tests/support/ServerProcess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

// A workspace that keyhole-cli makes and uses in a temporary directory, its secrets in a vault
// of its own.
struct CliWorkspace {
    QTemporaryDir directory;
    QString root = directory.filePath(QStringLiteral("ws"));
    QStringList store{QStringLiteral("--secret-store"), QStringLiteral("vault"),
                      QStringLiteral("--vault"),
                      directory.filePath(QStringLiteral("secrets.vault"))};
    QProcessEnvironment environment = [] {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("KEYHOLE_VAULT_PASSPHRASE"), QStringLiteral("cli-passphrase"));
        return e;
    }();

    bool init() const
    {
        return Testing::runServing(QStringLiteral(KEYHOLE_CLI_PATH), {QStringLiteral("init"), root})
                   .exitCode == 0;
    }
    // keyhole-cli `arguments`, with the vault.
    Testing::ProgramRun cli(const QStringList& arguments, const QByteArray& input = {}) const
    {
        return Testing::runServing(QStringLiteral(KEYHOLE_CLI_PATH), arguments + store, input,
                                   environment);
    }
};

} // namespace

class TestAuthAgainstRealServers final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    Http::Executor m_executor{&m_network};
    QTemporaryDir m_apacheDir;
    Testing::ApacheServer m_digestApache;
    Testing::DrfProject m_drf;

    // The request as the pipeline prepares it from a template with `auth`.
    static Model::PreparedRequest prepared(const QString& method, const QString& url,
                                           const Model::AuthConfig& auth, QString body = {})
    {
        Model::RequestTemplate request;
        request.method = method;
        request.url = url;
        request.auth = auth;
        if (!body.isEmpty()) {
            request.body.kind = Model::BodyKind::Raw;
            request.body.text = std::move(body);
            request.headers.append({u"Content-Type"_s, u"application/json"_s, true});
        }
        const Vars::Resolver resolver({});
        Result<Model::PreparedRequest> out = Vars::prepareRequest(request, resolver, {});
        return out.ok() ? out.value() : Model::PreparedRequest{};
    }

    Auth::SendResult send(Auth::Sender& sender, const Model::PreparedRequest& request)
    {
        Auth::PendingSend* pending = sender.send(request);
        QSignalSpy spy(pending, &Auth::PendingSend::finished);
        if (!spy.wait(30000))
            return {};
        return spy.first().first().value<Auth::SendResult>();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<Auth::SendResult>();
        // Apache with mod_auth_digest guarding a directory; the user file as htdigest writes it.
        const QString dir = m_apacheDir.path();
        QFile::setPermissions(dir, QFile::permissions(dir) | QFileDevice::ReadOther |
                                       QFileDevice::ExeOther);
        QVERIFY(QDir(dir).mkpath(u"htdocs"_s));
        QFile page(dir + u"/htdocs/secret.txt"_s);
        QVERIFY(page.open(QIODevice::WriteOnly));
        page.write("behind the keyhole\n");
        page.close();
        QFile users(dir + u"/htdigest"_s);
        QVERIFY(users.open(QIODevice::WriteOnly));
        users.write(
            "mufasa:keyhole:" +
            QCryptographicHash::hash("mufasa:keyhole:Circle of Life", QCryptographicHash::Md5)
                .toHex() +
            '\n');
        users.close();
        for (const QString& path :
             QStringList{dir + u"/htdocs"_s, dir + u"/htdocs/secret.txt"_s, dir + u"/htdigest"_s})
            QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
        QVERIFY2(m_digestApache.start(dir,
                                      {u"authz_core"_s, u"authz_user"_s, u"authn_core"_s,
                                       u"authn_file"_s, u"auth_digest"_s},
                                      u"DocumentRoot %1/htdocs\n"
                                      "<Directory %1/htdocs>\n"
                                      "  AuthType Digest\n  AuthName \"keyhole\"\n"
                                      "  AuthDigestProvider file\n  AuthUserFile %1/htdigest\n"
                                      "  Require valid-user\n</Directory>\n"_s.arg(dir)),
                 qPrintable(m_digestApache.errorString()));
        QVERIFY2(m_drf.prepare(), qPrintable(m_drf.errorString()));
        QVERIFY2(m_drf.startRunserver(), qPrintable(m_drf.errorString()));
    }

    void cleanupTestCase()
    {
        // Close kept-alive (TLS) connections while the event loop still runs, not at exit.
        m_network.clearConnectionCache();
        QTest::qWait(200);
    }

    void digestAnswersApachesChallenge()
    {
        Auth::SessionJar jar;
        Auth::Sender sender(&m_executor, &jar);
        Model::AuthConfig auth;
        auth.kind = Model::AuthKind::Digest;
        auth.username = u"mufasa"_s;
        auth.password = u"Circle of Life"_s;
        const QString url = m_digestApache.url(u"/secret.txt?x=1"_s);
        const Http::Exchange ok = send(sender, prepared(u"GET"_s, url, auth)).exchange;
        QCOMPARE(ok.hops.size(), 2);
        QCOMPARE(ok.hops[0].response.status, 401);
        QVERIFY(Model::headerValue(ok.hops[0].request.headers, "Authorization").isNull());
        QCOMPARE(ok.hops[1].cause, QByteArray("digest"));
        const QByteArray answer = Model::headerValue(ok.hops[1].request.headers, "Authorization");
        QVERIFY(answer.startsWith("Digest username=\"mufasa\", realm=\"keyhole\""));
        QVERIFY(answer.contains("uri=\"/secret.txt?x=1\""));
        QVERIFY(!answer.contains("Circle"));
        QCOMPARE(ok.finalStatus(), 200);
        QCOMPARE(ok.finalHop()->response.body, QByteArray("behind the keyhole\n"));

        // A wrong password is answered once, and the second 401 is the result: no loop.
        auth.password = u"circle of life"_s;
        const Http::Exchange wrong = send(sender, prepared(u"GET"_s, url, auth)).exchange;
        QCOMPARE(wrong.hops.size(), 2);
        QCOMPARE(wrong.finalStatus(), 401);
    }

    void drfTokenAndSimpleJwtPrefixes()
    {
        Auth::SessionJar jar;
        Auth::Sender sender(&m_executor, &jar);
        Model::AuthConfig token;
        token.kind = Model::AuthKind::Bearer;
        token.prefix = u"Token"_s;
        token.token = QString::fromLatin1(Testing::DrfProject::kDrfToken);
        QCOMPARE(
            send(sender, prepared(u"GET"_s, m_drf.runserverUrl(u"/api/token-auth/items/"_s), token))
                .exchange.finalStatus(),
            200);

        const Http::Exchange login = Testing::sendAndWait(
            m_network, Testing::preparedRequest("POST", m_drf.runserverUrl(u"/api/token/"_s),
                                                {{"Content-Type", "application/json"}},
                                                R"({"username": "demo", "password": "demo"})"));
        QCOMPARE(login.finalStatus(), 200);
        const QString access = QJsonDocument::fromJson(login.finalHop()->response.decodedBody)
                                   .object()[u"access"_s]
                                   .toString();
        // The SimpleJWT token's signature checks out with the project's key, and not with another.
        const QString cli = QStringLiteral(KEYHOLE_CLI_PATH);
        const Testing::ProgramRun valid =
            Testing::runServing(cli, {u"jwt"_s, access, u"--secret"_s, u"@-"_s},
                                QByteArray(Testing::DrfProject::kSecretKey) + '\n');
        QCOMPARE(valid.exitCode, 0);
        QVERIFY(valid.out.contains("signature valid (HS256"));
        QVERIFY(valid.out.contains("\"token_type\": \"access\""));
        QVERIFY(valid.out.contains("expires in 4 min") || valid.out.contains("expires in 5 min"));
        const Testing::ProgramRun invalid =
            Testing::runServing(cli, {u"jwt"_s, access, u"--secret"_s, u"not-the-key"_s});
        QCOMPARE(invalid.exitCode, 1);
        QVERIFY(invalid.out.contains("INVALID"));

        Model::AuthConfig bearer;
        bearer.kind = Model::AuthKind::Bearer;
        bearer.token = access;
        QCOMPARE(send(sender, prepared(u"GET"_s, m_drf.runserverUrl(u"/api/jwt/items/"_s), bearer))
                     .exchange.finalStatus(),
                 200);
        bearer.prefix = u"JWT"_s;
        QCOMPARE(send(sender,
                      prepared(u"GET"_s, m_drf.runserverUrl(u"/api/jwt-prefix/items/"_s), bearer))
                     .exchange.finalStatus(),
                 200);
    }

    void djangoSessionLogsInAndSendsCsrf()
    {
        Auth::SessionJar jar;
        Auth::Sender sender(&m_executor, &jar);
        const QString items = m_drf.runserverUrl(u"/api/session/items/"_s);
        // Without a session DRF refuses (403, no challenge): the control.
        Model::AuthConfig none;
        none.kind = Model::AuthKind::None;
        QCOMPARE(send(sender, prepared(u"POST"_s, items, none, u"{\"name\": \"x\"}"_s))
                     .exchange.finalStatus(),
                 403);

        Model::AuthConfig session;
        session.kind = Model::AuthKind::DjangoSession;
        session.loginUrl = u"/accounts/login/"_s; // on the request's own server
        session.username = u"demo"_s;
        session.password = u"demo"_s;
        const Model::PreparedRequest post =
            prepared(u"POST"_s, items, session, u"{\"name\": \"cover\"}"_s);
        const Auth::SendResult first = send(sender, post);
        QCOMPARE(first.logins.size(), 2); // GET the form, POST it
        QCOMPARE(first.logins[0].finalHop()->request.url.path(), u"/accounts/login/"_s);
        QCOMPARE(first.logins[1].finalStatus(), 302);
        QVERIFY(!first.logins[1].finalHop()->request.body.isEmpty());
        const Http::HopRequest& sent = first.exchange.finalHop()->request;
        QVERIFY(Model::headerValue(sent.headers, "Cookie").contains("sessionid="));
        QVERIFY(!Model::headerValue(sent.headers, "X-CSRFToken").isEmpty());
        QCOMPARE(first.exchange.finalStatus(), 201);
        QVERIFY2(first.exchange.warnings.isEmpty(),
                 qPrintable(first.exchange.warnings.join(u'\n')));
        // The session cookie and CSRF token are secrets of the exchange: masked in every view.
        QVERIFY(first.exchange.secretValues.size() >= 3);

        // The next send reuses the session: no login.
        const Auth::SendResult second = send(sender, post);
        QCOMPARE(second.logins.size(), 0);
        QCOMPARE(second.exchange.finalStatus(), 201);

        // A GET carries the cookie but no CSRF header (safe method).
        const Auth::SendResult get = send(sender, prepared(u"GET"_s, items, session));
        QCOMPARE(get.exchange.finalStatus(), 200);
        QVERIFY(
            Model::headerValue(get.exchange.finalHop()->request.headers, "X-CSRFToken").isNull());

        // A lost session (logged out on the server) is noticed, and the login runs again once.
        Auth::SessionJar::Session stale = *jar.find(*post.sessionLogin);
        for (Model::HeaderField& cookie : stale.cookies) {
            if (cookie.name == "sessionid")
                cookie.value = "expired0000000000000000000000000";
        }
        jar.store(*post.sessionLogin, stale);
        const Auth::SendResult again = send(sender, post);
        QCOMPARE(again.logins.size(), 3); // the refused try, then the login's two exchanges
        QCOMPARE(again.logins[0].finalStatus(), 403);
        QCOMPARE(again.exchange.finalStatus(), 201);

        // A wrong password is said, and the request still goes (so its 403 can be studied).
        Auth::SessionJar empty;
        Auth::Sender fresh(&m_executor, &empty);
        session.password = u"wrong"_s;
        const Auth::SendResult wrong =
            send(fresh, prepared(u"POST"_s, items, session, u"{\"name\": \"x\"}"_s));
        QCOMPARE(wrong.logins.size(), 2);
        QCOMPARE(wrong.exchange.finalStatus(), 403);
        QVERIFY(wrong.exchange.warnings.join(u'\n').contains(u"wrong username or password"_s));
    }

    // django-oauth-toolkit: client credentials, password (then a refresh when the token
    // expired), and the authorization code flow with PKCE through a loopback redirect — the
    // browser step driven by the test: a logged-in user whose approval is remembered.
    void oauth2AgainstDjangoOAuthToolkit()
    {
        Auth::SessionJar jar;
        Auth::Sender sender(&m_executor, &jar);
        const QString items = m_drf.runserverUrl(u"/api/oauth/items/"_s);
        Model::AuthConfig oauth;
        oauth.kind = Model::AuthKind::OAuth2;
        oauth.oauthTokenUrl = u"/o/token/"_s;

        // Client credentials (HTTP Basic client authentication).
        oauth.oauthGrant = u"client_credentials"_s;
        oauth.oauthClientId = u"keyhole-cc"_s;
        oauth.oauthClientSecret = u"cc-secret"_s;
        Auth::SendResult result = send(sender, prepared(u"GET"_s, items, oauth));
        QCOMPARE(result.logins.size(), 1);
        QVERIFY(
            result.logins[0].finalHop()->request.body.contains("grant_type=client_credentials"));
        // The token in the endpoint's answer is masked wherever that exchange is shown.
        const QByteArray issued =
            QJsonDocument::fromJson(result.logins[0].finalHop()->response.decodedBody)
                .object()[u"access_token"_s]
                .toString()
                .toUtf8();
        QVERIFY(!issued.isEmpty());
        QVERIFY(result.logins[0].secretValues.contains(issued));
        QVERIFY(!Raw::readableExchange(Http::redactSecrets(result.logins[0]))
                     .text.contains(QString::fromUtf8(issued)));
        QVERIFY(Model::headerValue(result.logins[0].finalHop()->request.headers, "Authorization")
                    .startsWith("Basic "));
        QCOMPARE(result.exchange.finalStatus(), 200);
        QVERIFY(Model::headerValue(result.exchange.finalHop()->request.headers, "Authorization")
                    .startsWith("Bearer "));
        result = send(sender, prepared(u"GET"_s, items, oauth)); // the token is kept
        QCOMPARE(result.logins.size(), 0);
        QCOMPARE(result.exchange.finalStatus(), 200);
        // A wrong secret: the server's OAuth error is said, the request still goes (401).
        Auth::SessionJar other;
        Auth::Sender wrongSender(&m_executor, &other);
        oauth.oauthClientSecret = u"wrong"_s;
        result = send(wrongSender, prepared(u"GET"_s, items, oauth));
        QCOMPARE(result.exchange.finalStatus(), 401);
        QVERIFY2(result.exchange.warnings.join(u'\n').contains(u"invalid_client"_s),
                 qPrintable(result.exchange.warnings.join(u'\n')));

        // Password grant, client secret in the body; then the token expires and is refreshed.
        oauth.oauthGrant = u"password"_s;
        oauth.oauthClientId = u"keyhole-password"_s;
        oauth.oauthClientSecret = u"pw-secret"_s;
        oauth.oauthClientSecretInBody = true;
        oauth.username = u"demo"_s;
        oauth.password = u"demo"_s;
        const Model::PreparedRequest withPassword = prepared(u"GET"_s, items, oauth);
        result = send(sender, withPassword);
        QCOMPARE(result.exchange.finalStatus(), 200);
        QVERIFY(result.logins[0].finalHop()->request.body.contains("grant_type=password"));
        QVERIFY(result.logins[0].finalHop()->request.body.contains("client_secret=pw-secret"));
        Auth::OAuth2Token expired = *jar.findToken(*withPassword.oauth2);
        QVERIFY(!expired.refreshToken.isEmpty());
        expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
        jar.storeToken(*withPassword.oauth2, expired);
        result = send(sender, withPassword);
        QCOMPARE(result.logins.size(), 1);
        QVERIFY(result.logins[0].finalHop()->request.body.contains("grant_type=refresh_token"));
        QCOMPARE(result.exchange.finalStatus(), 200);
        QVERIFY(jar.findToken(*withPassword.oauth2)->accessToken != expired.accessToken);

        // Authorization code + PKCE. The "browser": logs in to Django, opens the authorization
        // URL (approval remembered: skip_authorization) and follows the redirect to Keyhole's
        // loopback listener.
        Auth::SessionJar browserJar;
        Auth::Sender browser(&m_executor, &browserJar);
        QUrl opened;
        sender.setBrowserOpener([&](const QUrl& url) {
            opened = url;
            Model::PreparedRequest authorize = Testing::preparedRequest("GET", url.toString());
            authorize.sessionLogin = Model::SessionLogin{
                QUrl(m_drf.runserverUrl(u"/accounts/login/"_s)), "demo", "demo"};
            Http::ExecuteOptions noFollow;
            noFollow.followRedirects = false;
            Auth::PendingSend* approving = browser.send(authorize, noFollow);
            connect(approving, &Auth::PendingSend::finished, this,
                    [this](const Auth::SendResult& approved) {
                        const QByteArray location = Model::headerValue(
                            approved.exchange.finalHop()->response.headers, "Location");
                        m_executor.execute(
                            Testing::preparedRequest("GET", QString::fromUtf8(location)));
                    });
        });
        sender.setAuthorizationTimeout(20000);
        Model::AuthConfig code;
        code.kind = Model::AuthKind::OAuth2;
        code.oauthGrant = u"authorization_code"_s;
        code.oauthTokenUrl = u"/o/token/"_s;
        code.oauthAuthUrl = u"/o/authorize/"_s;
        code.oauthClientId = u"keyhole-code"_s; // a public client: no secret, PKCE instead
        result = send(sender, prepared(u"GET"_s, items, code));
        QVERIFY(opened.query().contains(u"code_challenge_method=S256"_s));
        QVERIFY(opened.query().contains(u"redirect_uri=http%3A%2F%2F127.0.0.1%3A"_s));
        QVERIFY2(result.exchange.warnings.isEmpty(),
                 qPrintable(result.exchange.warnings.join(u'\n')));
        QCOMPARE(result.logins.size(), 1);
        const QByteArray exchangeBody = result.logins[0].finalHop()->request.body;
        QVERIFY(exchangeBody.contains("grant_type=authorization_code"));
        QVERIFY(exchangeBody.contains("code_verifier="));
        QCOMPARE(result.exchange.finalStatus(), 200);
    }

    // SimpleJWT with a 2-second access token: the collection's lifecycle logs in when there is
    // no token, refreshes when it expired, and renews once after a 401 that says so — each
    // extra exchange printed, the new tokens stored as secrets of the environment.
    void tokenLifecycleAgainstSimpleJwt()
    {
        Testing::DrfProject shortLived;
        shortLived.setAccessTokenSeconds(2);
        QVERIFY2(shortLived.prepare(), qPrintable(shortLived.errorString()));
        QVERIFY2(shortLived.startRunserver(), qPrintable(shortLived.errorString()));
        QTemporaryDir workspace;
        auto write = [&](const QString& path, const QByteArray& json) {
            QDir().mkpath(QFileInfo(workspace.filePath(path)).absolutePath());
            QFile file(workspace.filePath(path));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(json);
        };
        write(u"keyhole-workspace.json"_s,
              R"({"schemaVersion": 1, "id": "lifecycle", "name": "L", "order": ["api"]})");
        write(
            u"environments/local.json"_s,
            R"({"schemaVersion": 1, "name": "local", "variables": [{"name": "baseUrl", "value": ")" +
                shortLived.runserverUrl().toUtf8() +
                R"("}, {"name": "access", "secret": true}, {"name": "refresh", "secret": true}]})");
        write(u"api/folder.json"_s, Fixtures::kLifecycleFolder);
        write(u"api/login.request.json"_s, Fixtures::kLoginRequest);
        write(u"api/refresh.request.json"_s, Fixtures::kRefreshRequest);
        write(u"api/items.request.json"_s, Fixtures::kItemsRequest);

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"KEYHOLE_VAULT_PASSPHRASE"_s, u"lifecycle-test-passphrase"_s);
        const QStringList send{u"send"_s,           workspace.filePath(u"api/items.request.json"_s),
                               u"--env"_s,          u"local"_s,
                               u"--secret-store"_s, u"vault"_s,
                               u"--vault"_s,        workspace.filePath(u"secrets.vault"_s)};
        const QString cli = QStringLiteral(KEYHOLE_CLI_PATH);

        // 1. No token yet: the login runs first.
        Testing::ProgramRun run = Testing::runServing(cli, send, {}, environment);
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
        QVERIFY2(run.err.contains("there is no access token yet"), run.err.constData());
        QVERIFY(run.err.contains("/api/token/ → HTTP/1.1 200"));
        QVERIFY(run.err.contains("stored {{access}}"));
        QVERIFY(run.err.contains("stored {{refresh}}"));
        // The tokens live in the vault, never in the environment file.
        QFile local(workspace.filePath(u"environments/local.json"_s));
        QVERIFY(local.open(QIODevice::ReadOnly));
        QVERIFY(!local.readAll().contains("eyJ"));

        // The login request itself goes as it is: no renewal around it.
        run = Testing::runServing(
            cli,
            QStringList{send[0], workspace.filePath(u"api/login.request.json"_s)} + send.mid(2), {},
            environment);
        QVERIFY2(run.exitCode == 0 && !run.err.contains("token:"), run.err.constData());

        // 2. The access token expired (2 s): refreshed before the send, without the user.
        QTest::qWait(3000);
        run = Testing::runServing(cli, send, {}, environment);
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
        QVERIFY2(run.err.contains("the access token expired"), run.err.constData());
        QVERIFY2(run.err.contains("/api/token/refresh/ → HTTP/1.1 200"), run.err.constData());
        QVERIFY(!run.err.contains("/api/token/ →"));

        // 3. A token the server refuses although its exp is far away (forged): the 401 says
        //    token_not_valid, so it is renewed once and the request sent once more.
        constexpr auto base64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
        const QByteArray forged =
            QByteArray(R"({"alg":"HS256","typ":"JWT"})").toBase64(base64) + '.' +
            QByteArray(R"({"token_type":"access","exp":4102444800,"user_id":1})").toBase64(base64) +
            ".c2lnbmF0dXJl";
        run = Testing::runServing(
            cli, send + QStringList{u"--var"_s, u"access="_s + QString::fromLatin1(forged)}, {},
            environment);
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
        QVERIFY2(run.err.contains("no longer valid"), run.err.constData());
        QVERIFY(run.err.contains("/api/jwt/items/ → HTTP/1.1 401"));
        QVERIFY2(run.err.contains("/api/token/refresh/ → HTTP/1.1 200"), run.err.constData());
        QVERIFY(!run.err.contains(forged));
    }

    // Mutual TLS against nginx with ssl_verify_client: a certificate signed by the CA nginx
    // trusts, a passphrase-protected key, and what happens without one or with a wrong one.
    void clientCertificateAgainstNginx()
    {
        QTemporaryDir pki;
        auto openssl = [&](const QString& command) {
            return Testing::runToEnd(u"openssl"_s, command.split(u' '),
                                     QProcessEnvironment::systemEnvironment(), pki.path());
        };
        QCOMPARE(openssl(u"req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
                         "-subj /CN=keyhole-test-ca"_s),
                 QString());
        QCOMPARE(openssl(u"req -newkey rsa:2048 -nodes -keyout client.key -out client.csr "
                         "-subj /CN=keyhole-client"_s),
                 QString());
        QCOMPARE(openssl(u"x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
                         "-out client.pem -days 2"_s),
                 QString());
        QCOMPARE(openssl(u"pkey -in client.key -aes256 -passout pass:s3cret -out locked.key"_s),
                 QString());
        Testing::NginxServer nginx;
        QVERIFY2(nginx.start(uR"(
    server { listen 127.0.0.1:{{HTTP_PORT}}; return 404; }
    server {
        listen 127.0.0.1:{{HTTPS_PORT}} ssl;
        ssl_certificate {{CERT}};
        ssl_certificate_key {{KEY}};
        ssl_client_certificate %1/ca.pem;
        ssl_verify_client on;
        location / { return 200 "client=[$ssl_client_s_dn]
"; }
    }
)"_s.arg(pki.path())),
                 qPrintable(nginx.errorString()));
        Auth::SessionJar jar;
        Auth::Sender sender(&m_executor, &jar);
        Http::ExecuteOptions insecure; // the server's own certificate is self-signed
        insecure.insecure = true;
        auto sendWith = [&](const Model::AuthConfig& auth) {
            Auth::PendingSend* pending =
                sender.send(prepared(u"GET"_s, nginx.httpsUrl(u"/"_s), auth), insecure);
            QSignalSpy spy(pending, &Auth::PendingSend::finished);
            spy.wait(20000);
            return spy.isEmpty() ? Http::Exchange{}
                                 : spy.first().first().value<Auth::SendResult>().exchange;
        };
        Model::AuthConfig none;
        none.kind = Model::AuthKind::None;
        Http::Exchange exchange = sendWith(none);
        QCOMPARE(exchange.finalStatus(), 400);
        QVERIFY(exchange.finalHop()->response.body.contains("No required SSL certificate"));

        Model::AuthConfig certificate;
        certificate.kind = Model::AuthKind::ClientCertificate;
        certificate.certFile = pki.filePath(u"client.pem"_s);
        certificate.keyFile = pki.filePath(u"client.key"_s);
        exchange = sendWith(certificate);
        QVERIFY2(exchange.finalStatus() == 200,
                 exchange.hops.isEmpty() ? "" : exchange.finalHop()->response.body.constData());
        QCOMPARE(exchange.finalHop()->response.body, QByteArray("client=[CN=keyhole-client]\n"));

        certificate.keyFile = pki.filePath(u"locked.key"_s);
        certificate.keyPassphrase = u"s3cret"_s;
        exchange = sendWith(certificate);
        QCOMPARE(exchange.finalStatus(), 200);
        certificate.keyPassphrase = u"wrong"_s;
        exchange = sendWith(certificate);
        QCOMPARE(exchange.error().kind, Http::TransportErrorKind::Tls);
        QVERIFY(exchange.error().message.contains(u"passphrase"_s));
    }

    void cliSendsEveryScheme()
    {
        const QString cli = QStringLiteral(KEYHOLE_CLI_PATH);
        const Testing::ProgramRun digest =
            Testing::runServing(cli,
                                {u"send"_s, m_digestApache.url(u"/secret.txt"_s), u"--auth"_s,
                                 u"digest"_s, u"--user"_s, u"@-"_s},
                                "mufasa:Circle of Life\n");
        QCOMPARE(digest.exitCode, 0);
        QVERIFY(digest.out.startsWith("HTTP/1.1 200"));
        QVERIFY(digest.out.endsWith("behind the keyhole\n"));
        QVERIFY(digest.err.contains("digest: HTTP/1.1 401"));

        const Testing::ProgramRun session = Testing::runServing(
            cli, {u"send"_s, u"POST"_s, m_drf.runserverUrl(u"/api/session/items/"_s), u"-H"_s,
                  u"Content-Type: application/json"_s, u"-d"_s, u"{\"name\": \"cli\"}"_s,
                  u"--auth"_s, u"django-session"_s, u"--login-url"_s,
                  m_drf.runserverUrl(u"/accounts/login/"_s), u"--user"_s, u"demo:demo"_s});
        QVERIFY2(session.exitCode == 0, session.err.constData());
        QVERIFY(session.out.contains("\"cli\""));
        QVERIFY(session.err.contains("auth: POST"));

        const Testing::ProgramRun oauth =
            Testing::runServing(cli,
                                {u"send"_s, m_drf.runserverUrl(u"/api/oauth/items/"_s), u"--auth"_s,
                                 u"oauth2"_s, u"--grant"_s, u"client_credentials"_s,
                                 u"--token-url"_s, m_drf.runserverUrl(u"/o/token/"_s),
                                 u"--client-id"_s, u"keyhole-cc"_s, u"--client-secret"_s, u"@-"_s},
                                "cc-secret\n");
        QVERIFY2(oauth.exitCode == 0 && oauth.out.startsWith("HTTP/1.1 200"),
                 oauth.err.constData());
        QVERIFY(oauth.err.contains("/o/token/ → HTTP/1.1 200"));
        QVERIFY(!oauth.err.contains("cc-secret"));
        QVERIFY(!session.err.contains("demo:demo"));
    }

    // A JetBrains HTTP Client file with its private environment file, imported by keyhole-cli
    // and sent against SimpleJWT: the response handler became the extraction of the token,
    // the private password a secret of the environment.
    void httpFileImportLogsInAgainstSimpleJwt()
    {
        CliWorkspace ws;
        auto write = [&ws](const QString& name, const QByteArray& bytes) {
            QFile file(ws.directory.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        write(u"api.http"_s, "@host = " + m_drf.runserverUrl().toUtf8() +
                                 "\n\n"
                                 "### Log in\n"
                                 "POST {{host}}/api/token/\n"
                                 "Content-Type: application/json\n\n"
                                 "{\"username\": \"{{user}}\", \"password\": \"{{password}}\"}\n\n"
                                 "> {% client.global.set(\"access\", response.body.access); %}\n\n"
                                 "### Items\n"
                                 "GET {{host}}/api/jwt/items/\n"
                                 "Authorization: Bearer {{access}}\n");
        write(u"http-client.env.json"_s, "{\"local\": {\"user\": \"demo\"}}");
        write(u"http-client.private.env.json"_s, "{\"local\": {\"password\": \"demo\"}}");
        const QString& workspace = ws.root;
        QVERIFY(ws.init());
        Testing::ProgramRun run = ws.cli(
            {u"import"_s, u"http"_s, ws.directory.filePath(u"api.http"_s), u"--into"_s, workspace});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("2 request(s)"), run.out.constData());
        QVERIFY2(run.err.contains("became an extraction"), run.err.constData());
        // The password lives in the vault, not in the environment file.
        QFile local(workspace + u"/environments/local.json"_s);
        QVERIFY(local.open(QIODevice::ReadOnly));
        const QJsonArray variables =
            QJsonDocument::fromJson(local.readAll()).object().value(u"variables"_s).toArray();
        bool passwordIsSecret = false;
        for (const QJsonValue& variable : variables) {
            const QJsonObject object = variable.toObject();
            if (object.value(u"name"_s) == u"password"_s)
                passwordIsSecret =
                    object.value(u"secret"_s).toBool() && !object.contains(u"value"_s);
        }
        QVERIFY2(passwordIsSecret, QJsonDocument(variables).toJson().constData());

        auto requestFile = [&workspace](const QString& part) {
            QDirIterator it(workspace, {u"*.request.json"_s}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                if (file.contains(part))
                    return file;
            }
            return QString();
        };
        run = ws.cli({u"send"_s, requestFile(u"items"_s), u"--env"_s, u"local"_s});
        QVERIFY2(run.out.startsWith("HTTP/1.1 401"), run.out.constData()); // no token yet
        run = ws.cli({u"send"_s, requestFile(u"log-in"_s), u"--env"_s, u"local"_s});
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
        QVERIFY2(run.err.contains("stored {{access}}"), run.err.constData());
        run = ws.cli({u"send"_s, requestFile(u"items"_s), u"--env"_s, u"local"_s});
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
    }

    // An Insomnia v4 export whose "List items" takes its token from the login's response
    // ({% response %} chaining): imported by keyhole-cli, it logs in to SimpleJWT and lists.
    void insomniaExportChainsTheLoginToken()
    {
        CliWorkspace ws;
        const QString& workspace = ws.root;
        QVERIFY(ws.init());
        Testing::ProgramRun run =
            ws.cli({u"import"_s, u"insomnia"_s,
                    QStringLiteral(KEYHOLE_SOURCE_DIR "/tests/data/insomnia/demo-v4.json"),
                    u"--into"_s, workspace});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("5 request(s) in 1 folder(s)"), run.out.constData());
        const QStringList send{u"--env"_s, u"Local"_s, u"--var"_s,
                               u"baseUrl="_s + m_drf.runserverUrl()};
        run = ws.cli(QStringList{u"send"_s, workspace + u"/demo-api/log-in.request.json"_s} + send);
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
        QVERIFY2(run.err.contains("stored {{log_in_access}}"), run.err.constData());
        run = ws.cli(
            QStringList{u"send"_s, workspace + u"/demo-api/items/list-items.request.json"_s} +
            send);
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.out.constData());
        QVERIFY(run.out.contains("Brass keyhole cover"));
    }

    // Staging's token sent to the local server (DRF's TokenAuthentication): the Doctor
    // recognises it as another environment's value, without ever printing it.
    void tokenOfAnotherEnvironment()
    {
        CliWorkspace ws;
        const QString& workspace = ws.root;
        QVERIFY(ws.init());
        const QByteArray stagingToken = "5747a91e0d0c4e4fbd6b7f3a1a2b3c4d5e6f7081"; // not here
        for (const auto& [name, token] :
             {std::pair{u"local"_s, QByteArray(Testing::DrfProject::kDrfToken)},
              std::pair{u"staging"_s, stagingToken}}) {
            const Testing::ProgramRun set = ws.cli({u"env"_s, u"set"_s, u"--workspace"_s, workspace,
                                                    u"--env"_s, name, u"token"_s, u"--secret"_s},
                                                   token + '\n');
            QVERIFY2(set.exitCode == 0, set.err.constData());
        }
        const QStringList send = QStringList{u"send"_s,
                                             u"GET"_s,
                                             m_drf.runserverUrl(u"/api/token-auth/items/"_s),
                                             u"-H"_s,
                                             u"Authorization: Token {{token}}"_s,
                                             u"--workspace"_s,
                                             workspace,
                                             u"--env"_s,
                                             u"local"_s,
                                             u"--diagnose"_s};
        // Local's own token: 200.
        Testing::ProgramRun run = ws.cli(send);
        QVERIFY2(run.exitCode == 0 && run.out.startsWith("HTTP/1.1 200"), run.err.constData());
        // Staging's token pasted in: DRF says "Invalid token."; the Doctor says whose it is.
        run =
            ws.cli(send + QStringList{u"--var"_s, u"token="_s + QString::fromLatin1(stagingToken)});
        QVERIFY2(run.out.startsWith("HTTP/1.1 401"), run.out.constData());
        QVERIFY2(run.out.contains("credential-of-another-environment (likely) — The token sent is "
                                  "{{token}} of environment \"staging\", but the request went out "
                                  "under environment \"local\""),
                 run.out.constData());
        QVERIFY(!run.out.contains(stagingToken));
        QVERIFY(!run.err.contains(stagingToken));
    }

    // The OpenAPI document Django REST Framework generates for the project itself, imported
    // and sent: every operation lands on its real route (a wrong URL would be a 404).
    void openApiFromDrfGenerateschema()
    {
        QTemporaryDir directory;
        const QString schema = directory.filePath(u"schema.yaml"_s);
        QVERIFY2(m_drf.generateSchema(schema), qPrintable(m_drf.errorString()));
        const QString workspace = directory.filePath(u"ws"_s);
        const QString cli = QStringLiteral(KEYHOLE_CLI_PATH);
        QCOMPARE(Testing::runServing(cli, {u"init"_s, workspace}).exitCode, 0);
        Testing::ProgramRun run =
            Testing::runServing(cli, {u"import"_s, u"openapi"_s, schema, u"--into"_s, workspace});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.startsWith("Imported OpenAPI 3."), run.out.constData());
        const QString api = workspace + u"/keyhole-drf/api/"_s;
        const QStringList itemLists{u"get-api-jwt-items"_s, u"get-api-token-auth-items"_s,
                                    u"get-api-session-items"_s};
        for (const QString& name : itemLists) {
            run = Testing::runServing(cli, {u"send"_s, api + name + u".request.json"_s});
            QVERIFY2(run.out.startsWith("HTTP/1.1 401") || run.out.startsWith("HTTP/1.1 403"),
                     run.out.constData());
            QVERIFY2(run.out.contains("Authentication credentials were not provided."),
                     run.out.constData());
        }
        // SimpleJWT's login: the generated JSON body carries both fields (a missing one
        // would be a 400), the password as the environment's secret {{password}}.
        run = Testing::runServing(cli, {u"send"_s, api + u"createtokenobtainpair.request.json"_s,
                                        u"--var"_s, u"password=demo"_s});
        QVERIFY2(run.out.startsWith("HTTP/1.1 401"), run.out.constData());
        QVERIFY2(run.out.contains("No active account found"), run.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestAuthAgainstRealServers)
#include "tst_AuthAgainstRealServers.moc"
