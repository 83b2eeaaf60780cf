#include "core/auth/Sender.h"
#include "core/diagnose/Doctor.h"
#include "core/diagnose/Fixes.h"
#include "core/diagnose/Probes.h"
#include "core/http/Executor.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"
#include "tests/support/DrfServers.h"
#include "tests/support/Exchanges.h"
#include "tests/support/NginxServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

// The Auth Doctor against real servers on 127.0.0.1, from Debian's packages: Django REST
// Framework + SimpleJWT (Django's server and Apache with mod_wsgi) and nginx. Each scenario
// reproduces a catalogued cause; the top finding must be that cause.
class TestDoctorAgainstRealServers final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    Testing::DrfProject m_drf;        // runserver, and Apache with WSGIPassAuthorization Off
    Testing::DrfProject m_drfPassing; // Apache with WSGIPassAuthorization On
    Testing::NginxServer m_nginx;
    QByteArray m_access;
    QByteArray m_refresh;
    int m_scenarios = 0;
    int m_right = 0;

    Http::Exchange send(const QString& url, Model::HeaderFields headers = {},
                        const QByteArray& method = "GET", const QByteArray& body = {},
                        QStringList unresolved = {})
    {
        Model::PreparedRequest request =
            Testing::preparedRequest(method, url, std::move(headers), body);
        request.unresolvedVariables = std::move(unresolved);
        return Testing::sendAndWait(m_network, request);
    }

    void expectTop(const Http::Exchange& exchange, int status, const QString& id)
    {
        ++m_scenarios;
        QCOMPARE(exchange.finalStatus(), status);
        const QList<Diagnose::Finding> findings = Diagnose::diagnose(exchange);
        const bool right = !findings.isEmpty() && findings.first().id == id;
        m_right += right ? 1 : 0;
        QVERIFY2(right, qPrintable(u"expected %1 first; got:\n"_s.arg(id) +
                                   Diagnose::findingsText(findings)));
    }

    // A SimpleJWT access token signed with the project's key that expired a minute ago.
    static QByteArray expiredToken()
    {
        constexpr auto base64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray input =
            QByteArray(R"({"alg":"HS256","typ":"JWT"})").toBase64(base64) + '.' +
            QByteArray(R"({"token_type":"access","exp":)" + QByteArray::number(now - 60) +
                       R"(,"iat":)" + QByteArray::number(now - 360) + R"(,"jti":"e1","user_id":1})")
                .toBase64(base64);
        return input + '.' +
               QMessageAuthenticationCode::hash(input, Testing::DrfProject::kSecretKey,
                                                QCryptographicHash::Sha256)
                   .toBase64(base64);
    }

    QString jwtItems() const { return m_drf.runserverUrl(u"/api/jwt/items/"_s); }

    // Runs every probe the findings of `request`'s answer offer (the request with the fix
    // applied, sent once) and returns their results.
    QList<Diagnose::ProbeResult> probe(const Model::RequestTemplate& request)
    {
        const Vars::Resolver resolver;
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, resolver);
        if (!prepared)
            return {};
        const Http::Exchange exchange = Testing::sendAndWait(m_network, prepared.value());
        QList<Diagnose::ProbeResult> results;
        for (const Diagnose::Probe& each :
             Diagnose::probesFor(Diagnose::diagnose(exchange), exchange)) {
            const std::optional<Model::RequestTemplate> changed =
                Diagnose::applyFix(each.fix, request);
            Result<Model::PreparedRequest> again =
                changed ? Vars::prepareRequest(*changed, resolver) : prepared;
            results.append(
                Diagnose::probeResult(each, Testing::sendAndWait(m_network, again.value())));
        }
        return results;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_drf.prepare(), qPrintable(m_drf.errorString()));
        QVERIFY2(m_drf.startRunserver(), qPrintable(m_drf.errorString()));
        QVERIFY2(m_drf.startApache(false), qPrintable(m_drf.errorString()));
        QVERIFY2(m_drfPassing.prepare(), qPrintable(m_drfPassing.errorString()));
        QVERIFY2(m_drfPassing.startApache(true), qPrintable(m_drfPassing.errorString()));
        QVERIFY2(m_nginx.start(uR"(
    server {
        listen 127.0.0.1:{{HTTP_PORT}};
        location / { return 301 %1$request_uri; }
    }
    server {
        listen 127.0.0.1:{{HTTPS_PORT}} ssl;
        ssl_certificate {{CERT}};
        ssl_certificate_key {{KEY}};
        location / { return 404; }
    }
)"_s.arg(m_drf.runserverUrl())),
                 qPrintable(m_nginx.errorString()));

        const Http::Exchange login =
            send(m_drf.runserverUrl(u"/api/token/"_s), {{"Content-Type", "application/json"}},
                 "POST", R"({"username": "demo", "password": "demo"})");
        QCOMPARE(login.finalStatus(), 200);
        const QJsonObject tokens =
            QJsonDocument::fromJson(login.finalHop()->response.decodedBody).object();
        m_access = tokens.value(u"access"_s).toString().toUtf8();
        m_refresh = tokens.value(u"refresh"_s).toString().toUtf8();
        QVERIFY(!m_access.isEmpty() && !m_refresh.isEmpty());
        QCOMPARE(send(jwtItems(), {{"Authorization", "Bearer " + m_access}}).finalStatus(), 200);
    }

    void cleanupTestCase()
    {
        qInfo("real servers: top finding is the true cause in %d of %d scenarios", m_right,
              m_scenarios);
    }

    void tokenPrefixToSimpleJwt()
    {
        expectTop(send(jwtItems(), {{"Authorization", "Token " + m_access}}), 401,
                  u"drf-scheme-mismatch"_s);
    }
    void lowerCaseBearer()
    {
        expectTop(send(jwtItems(), {{"Authorization", "bearer " + m_access}}), 401,
                  u"sjwt-lowercase-scheme"_s);
    }
    void expiredAccessToken()
    {
        expectTop(send(jwtItems(), {{"Authorization", "Bearer " + expiredToken()}}), 401,
                  u"sjwt-token-expired"_s);
    }
    void refreshTokenAsAccess()
    {
        expectTop(send(jwtItems(), {{"Authorization", "Bearer " + m_refresh}}), 401,
                  u"sjwt-wrong-token-type"_s);
    }
    void doublePrefix()
    {
        expectTop(send(jwtItems(), {{"Authorization", "Bearer Bearer " + m_access}}), 401,
                  u"double-bearer-prefix"_s);
    }
    void quotedToken()
    {
        expectTop(send(jwtItems(), {{"Authorization", "Bearer \"" + m_access + '"'}}), 401,
                  u"token-whitespace-quotes-newline"_s);
    }
    void noCredentials() { expectTop(send(jwtItems()), 401, u"drf-not-provided-401"_s); }

    void unresolvedVariable()
    {
        expectTop(
            send(jwtItems(), {{"Authorization", "Bearer {{token}}"}}, "GET", {}, {u"token"_s}), 401,
            u"unresolved-variable"_s);
    }

    void bearerToJwtPrefixServer()
    {
        expectTop(send(m_drf.runserverUrl(u"/api/jwt-prefix/items/"_s),
                       {{"Authorization", "Bearer " + m_access}}),
                  401, u"drf-scheme-mismatch"_s);
    }

    void bearerToTokenAuthentication()
    {
        expectTop(send(m_drf.runserverUrl(u"/api/token-auth/items/"_s),
                       {{"Authorization", QByteArray("Bearer ") + Testing::DrfProject::kDrfToken}}),
                  401, u"drf-scheme-mismatch"_s);
        QCOMPARE(send(m_drf.runserverUrl(u"/api/token-auth/items/"_s),
                      {{"Authorization", QByteArray("Token ") + Testing::DrfProject::kDrfToken}})
                     .finalStatus(),
                 200);
    }

    // Confirm, don't guess: the probe re-sends with the prefix the real server asks for and
    // gets past TokenAuthentication; a redirect to another origin is never probed.
    void probesConfirmAgainstTheRealServer()
    {
        Model::RequestTemplate request;
        request.url = m_drf.runserverUrl(u"/api/token-auth/items/"_s);
        request.headers.append(
            {u"Authorization"_s,
             u"Bearer "_s + QString::fromLatin1(Testing::DrfProject::kDrfToken)});
        const QList<Diagnose::ProbeResult> results = probe(request);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().findingId, u"drf-scheme-mismatch"_s);
        QVERIFY2(results.first().confirmed, qPrintable(results.first().outcome));
        QCOMPARE(results.first().outcome, u"200 OK"_s);

        // Still wrong after the probe's change: not confirmed.
        request.url = m_drf.runserverUrl(u"/api/jwt-prefix/items/"_s);
        request.headers.first().value = u"Bearer not-a-token"_s;
        const QList<Diagnose::ProbeResult> invalid = probe(request);
        QCOMPARE(invalid.size(), 1);
        QVERIFY(!invalid.first().confirmed);
        QVERIFY2(invalid.first().outcome.startsWith(u"401"_s), qPrintable(invalid.first().outcome));

        // nginx on another port redirects: the credentials would change origin — no probe.
        request.url = m_nginx.httpUrl(u"/api/jwt/items/"_s);
        request.headers.first().value = u"Bearer "_s + QString::fromLatin1(m_access);
        QVERIFY(probe(request).isEmpty());
    }

    void sessionAuthenticationFirst()
    {
        expectTop(send(m_drf.runserverUrl(u"/api/session-first/items/"_s)), 403,
                  u"drf-not-provided-403-session-first"_s);
    }

    // Django's CSRF check on a logged-in session: the POST carries the session cookie but no
    // X-CSRFToken (the classic "works in the browser, 403 in my client"), then a wrong one.
    void csrfOnASessionPost()
    {
        Auth::SessionJar jar;
        Http::Executor executor(&m_network);
        Auth::Sender sender(&executor, &jar);
        Model::PreparedRequest login =
            Testing::preparedRequest("GET", m_drf.runserverUrl(u"/api/session/items/"_s));
        login.sessionLogin =
            Model::SessionLogin{QUrl(m_drf.runserverUrl(u"/accounts/login/"_s)), "demo", "demo"};
        QSignalSpy spy(sender.send(login), &Auth::PendingSend::finished);
        QVERIFY(spy.wait(20000));
        const Auth::SessionJar::Session* session = jar.find(*login.sessionLogin);
        QVERIFY(session);
        QList<QByteArray> pairs;
        for (const Model::HeaderField& cookie : session->cookies)
            pairs.append(cookie.name + '=' + cookie.value);
        const QByteArray cookies = pairs.join("; ");
        const QString items = m_drf.runserverUrl(u"/api/session/items/"_s);
        const Model::HeaderFields json{{"Content-Type", "application/json"}, {"Cookie", cookies}};
        Http::Exchange exchange = send(items, json, "POST", R"({"name": "x"})");
        expectTop(exchange, 403, u"csrf-token-missing"_s);
        QVERIFY(Diagnose::diagnose(exchange).first().title.contains(u"no X-CSRFToken"_s));

        Model::HeaderFields wrong = json;
        wrong.append({"X-CSRFToken", QByteArray(64, 'a')});
        exchange = send(items, wrong, "POST", R"({"name": "x"})");
        expectTop(exchange, 403, u"csrf-token-missing"_s);
        QVERIFY(Diagnose::diagnose(exchange).first().title.contains(u"does not match"_s));
    }

    void apacheStripsAuthorization()
    {
        expectTop(
            send(m_drf.apacheUrl(u"/api/jwt/items/"_s), {{"Authorization", "Bearer " + m_access}}),
            401, u"apache-modwsgi-authorization-stripped"_s);
        const Http::Exchange passing = send(m_drfPassing.apacheUrl(u"/api/jwt/items/"_s),
                                            {{"Authorization", "Bearer " + m_access}});
        QCOMPARE(passing.finalStatus(), 200);
        QVERIFY(Diagnose::diagnose(passing).isEmpty());
    }

    void nginxRedirectToAnotherOrigin()
    {
        expectTop(
            send(m_nginx.httpUrl(u"/api/jwt/items/"_s), {{"Authorization", "Bearer " + m_access}}),
            401, u"redirect-cross-origin-auth-dropped"_s);
    }
};

QTEST_GUILESS_MAIN(TestDoctorAgainstRealServers)
#include "tst_DoctorAgainstRealServers.moc"
