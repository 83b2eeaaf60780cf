#include "core/demo/DemoApi.h"
#include "core/demo/LoopbackServer.h"
#include "core/diagnose/Doctor.h"
#include "core/diagnose/Fixes.h"
#include "core/history/HistoryStore.h"
#include "core/http/Executor.h"
#include "core/raw/RawText.h"
#include "tests/support/Exchanges.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

Demo::ServerResponse reply(int status, const QByteArray& reason, Model::HeaderFields headers,
                           const QByteArray& body)
{
    return Demo::ServerResponse{status, reason, std::move(headers), body};
}

} // namespace

// Each scenario sends a real request to a loopback server that answers exactly as the
// catalogued stack does, then checks the top finding.
class TestDoctor final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    Demo::DemoApi m_api;
    int m_scenarios = 0;
    int m_topRight = 0;

    Http::Exchange send(Demo::LoopbackServer& server, const QByteArray& method, const QString& path,
                        Model::HeaderFields headers = {}, QStringList unresolved = {},
                        const QByteArray& body = {})
    {
        Model::PreparedRequest request =
            Testing::preparedRequest(method, server.baseUrl() + path, std::move(headers), body);
        request.unresolvedVariables = std::move(unresolved);
        return Testing::sendAndWait(m_network, request);
    }

    // Diagnoses and checks the top finding's id and confidence; counts the accuracy.
    QList<Diagnose::Finding> expectTop(const Http::Exchange& exchange, const QString& id,
                                       Diagnose::Confidence confidence)
    {
        const QList<Diagnose::Finding> findings = Diagnose::diagnose(exchange);
        ++m_scenarios;
        const bool right = !findings.isEmpty() && findings.first().id == id;
        m_topRight += right ? 1 : 0;
        [&] {
            QVERIFY2(right, qPrintable(Diagnose::findingsText(findings)));
            QCOMPARE(Diagnose::confidenceName(findings.first().confidence),
                     Diagnose::confidenceName(confidence));
            // Every evidence range points at real bytes.
            for (const Diagnose::Evidence& evidence : findings.first().evidence) {
                const Http::Hop& hop = exchange.hops[evidence.hop];
                const QByteArray raw = evidence.part == Diagnose::Evidence::Part::Request
                                           ? Raw::requestBytes(hop.request)
                                           : Raw::responseBytes(hop.response);
                QVERIFY(evidence.start < evidence.end && evidence.end <= raw.size());
            }
        }();
        return findings;
    }

    Demo::LoopbackServer* demo()
    {
        auto* server = new Demo::LoopbackServer(
            [this](const Raw::ParsedRequest& r) { return m_api.handle(r); }, this);
        server->listen();
        return server;
    }

private slots:
    void historySaysWhatChangedSinceTheLastSuccess()
    {
        Demo::LoopbackServer ok([](const Raw::ParsedRequest&) {
            return reply(200, "OK", {{"Content-Type", "application/json"}}, "[]");
        });
        Demo::LoopbackServer refuse([](const Raw::ParsedRequest&) {
            return reply(401, "Unauthorized",
                         {{"WWW-Authenticate", "Bearer realm=\"api\""},
                          {"Content-Type", "application/json"}},
                         "{\"detail\":\"Given token not valid for any token type\"}");
        });
        QVERIFY(ok.listen());
        QVERIFY(refuse.listen());
        QTemporaryDir dir;
        History::Store store(dir.path());
        QVERIFY(store.record(
            send(ok, "GET", u"/api/items/"_s, {{"Authorization", "Bearer token-one-1234"}}),
            u"items.request.json"_s, u"local"_s));
        const Http::Exchange stored = store.exchange(u"last"_s).value(); // fingerprints only
        const Diagnose::Precedent precedent{&stored, u"h1"_s, QDateTime::currentDateTimeUtc()};
        auto findingFor = [&](const QByteArray& authorization, const QString& id) {
            Model::HeaderFields headers;
            if (!authorization.isEmpty())
                headers.append({"Authorization", authorization});
            const Http::Exchange failed = send(refuse, "GET", u"/api/items/"_s, headers);
            for (const Diagnose::Finding& finding :
                 Diagnose::diagnose(failed, QDateTime::currentDateTimeUtc(), precedent)) {
                if (finding.id == id)
                    return finding;
            }
            return Diagnose::Finding{};
        };
        Diagnose::Finding finding =
            findingFor("Bearer token-two-5678", u"credential-changed-since-success"_s);
        QCOMPARE(finding.title, u"Another Authorization than the one that worked in h1"_s);
        QVERIFY(finding.explanation.contains(u"Bearer ‹fingerprint "_s));
        QCOMPARE(finding.evidence.size(), 1);
        finding = findingFor("Token token-one-1234", u"credential-changed-since-success"_s);
        QVERIFY2(finding.title.contains(u"scheme changed"_s) &&
                     finding.title.contains(u"sent Bearer"_s) &&
                     finding.title.contains(u"sends Token"_s),
                 qPrintable(finding.title));
        finding = findingFor({}, u"credential-missing-since-success"_s);
        QVERIFY(finding.title.startsWith(u"No Authorization header this time"_s));
        finding = findingFor("Bearer token-one-1234", u"same-credential-now-rejected"_s);
        QVERIFY(finding.title.startsWith(u"The same credential worked in h1"_s));
        QVERIFY(!finding.explanation.contains(u"token-one"_s));
        // Without history, none of these.
        Model::HeaderFields headers{{"Authorization", "Bearer token-one-1234"}};
        for (const Diagnose::Finding& each :
             Diagnose::diagnose(send(refuse, "GET", u"/api/items/"_s, headers)))
            QVERIFY(!each.id.contains(u"since-success"_s) && !each.id.startsWith(u"same-cred"_s));
    }

    void cleanupTestCase()
    {
        qInfo("top finding right in %d of %d scenarios", m_topRight, m_scenarios);
    }

    void prefixTheServerIgnores()
    {
        auto* server = demo();
        const auto findings =
            expectTop(send(*server, "GET", u"/api/items/"_s, {{"Authorization", "Token abc"}}),
                      u"drf-scheme-mismatch"_s, Diagnose::Confidence::Confirmed);
        const Diagnose::Evidence& sent = findings.first().evidence.first();
        QCOMPARE(sent.part, Diagnose::Evidence::Part::Request);
        const Diagnose::FixAction fix = findings.first().fixes.first();
        QCOMPARE(fix.kind, Diagnose::FixAction::Kind::SetAuthorizationScheme);
        QCOMPARE(fix.value, u"Bearer"_s);
        Model::RequestTemplate request;
        request.headers = {{u"Authorization"_s, u"Token {{token}}"_s, true}};
        QCOMPARE(Diagnose::applyFix(fix, request)->headers.first().value, u"Bearer {{token}}"_s);
    }

    void unresolvedVariable()
    {
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s, {{"Authorization", "Bearer {{token}}"}},
                       {u"token"_s}),
                  u"unresolved-variable"_s, Diagnose::Confidence::Confirmed);
    }

    void lowerCaseScheme()
    {
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s, {{"Authorization", "bearer x.y.z"}}),
                  u"sjwt-lowercase-scheme"_s, Diagnose::Confidence::Confirmed);
    }

    void doublePrefix()
    {
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s, {{"Authorization", "Bearer Bearer abc"}}),
                  u"double-bearer-prefix"_s, Diagnose::Confidence::Confirmed);
    }

    void quotedToken()
    {
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s, {{"Authorization", "Bearer \"abc\""}}),
                  u"token-whitespace-quotes-newline"_s, Diagnose::Confidence::Likely);
    }

    void noCredentials()
    {
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s), u"drf-not-provided-401"_s,
                  Diagnose::Confidence::Confirmed);
    }

    void expiredToken()
    {
        const Demo::DemoApi past([] { return QDateTime::currentDateTimeUtc().addSecs(-3600); });
        const QByteArray token = past.issueToken("access", 300);
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s, {{"Authorization", "Bearer " + token}}),
                  u"sjwt-token-expired"_s, Diagnose::Confidence::Confirmed);
    }

    void refreshTokenAsAccess()
    {
        auto* server = demo();
        expectTop(send(*server, "GET", u"/api/items/"_s,
                       {{"Authorization", "Bearer " + m_api.issueToken("refresh", 3600)}}),
                  u"sjwt-wrong-token-type"_s, Diagnose::Confidence::Confirmed);
    }

    void redirectToAnotherOriginDropsTheToken()
    {
        Demo::LoopbackServer target([](const Raw::ParsedRequest&) {
            return reply(401, "Unauthorized", {{"WWW-Authenticate", "Bearer realm=\"api\""}},
                         R"({"detail": "Authentication credentials were not provided."})");
        });
        QVERIFY(target.listen());
        const QByteArray location = target.baseUrl().toUtf8() + "/api/items/";
        Demo::LoopbackServer origin([location](const Raw::ParsedRequest&) {
            return reply(301, "Moved Permanently", {{"Location", location}}, {});
        });
        QVERIFY(origin.listen());
        const auto findings =
            expectTop(send(origin, "GET", u"/api/items/"_s, {{"Authorization", "Bearer t"}}),
                      u"redirect-cross-origin-auth-dropped"_s, Diagnose::Confidence::Confirmed);
        QCOMPARE(findings.first().fixes.first().kind, Diagnose::FixAction::Kind::UseUrl);
        QCOMPARE(findings.first().fixes.first().value, QString::fromUtf8(location));
    }

    void appendSlashTurnsPostIntoGet()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest& r) {
            if (!r.target.endsWith('/'))
                return reply(301, "Moved Permanently", {{"Location", r.target + '/'}}, {});
            return reply(405, "Method Not Allowed", {{"Allow", "POST"}},
                         "{\"detail\": \"Method \\\"GET\\\" not allowed.\"}");
        });
        QVERIFY(server.listen());
        Http::Exchange exchange =
            send(server, "POST", u"/api/items"_s,
                 {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}}, {}, "{}");
        // 405 is not an auth status; the redirect rule still explains it when asked directly.
        QVERIFY(!Diagnose::looksLikeAuthFailure(exchange));
        exchange.hops.last().response.status = 401; // as DRF answers when the GET is protected
        expectTop(exchange, u"django-append-slash-redirect"_s, Diagnose::Confidence::Likely);
    }

    void sessionAuthenticationFirstAnswers403()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return reply(403, "Forbidden", {{"Content-Type", "application/json"}},
                         R"({"detail":"Authentication credentials were not provided."})");
        });
        QVERIFY(server.listen());
        expectTop(send(server, "GET", u"/api/"_s), u"drf-not-provided-403-session-first"_s,
                  Diagnose::Confidence::Likely);
    }

    void loginPageRedirect()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest& r) {
            if (r.target.startsWith("/accounts/login/"))
                return reply(200, "OK", {{"Content-Type", "text/html"}}, "<form>login</form>");
            return reply(302, "Found", {{"Location", "/accounts/login/?next=/admin/"}}, {});
        });
        QVERIFY(server.listen());
        expectTop(send(server, "GET", u"/admin/"_s), u"login-page-redirect"_s,
                  Diagnose::Confidence::Likely);
    }

    // Stacks that cannot run here, answered with the exact responses the catalog records.
    void catalogFingerprints_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("challenge");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("id");
        QTest::newRow("API Gateway")
            << 403 << QByteArray() << QByteArray(R"({"message":"Missing Authentication Token"})")
            << u"apigw-missing-authentication-token"_s;
        QTest::newRow("Laravel") << 401 << QByteArray()
                                 << QByteArray(R"({"message":"Unauthenticated."})")
                                 << u"laravel-unauthenticated"_s;
        QTest::newRow("FastAPI") << 401 << QByteArray("Bearer")
                                 << QByteArray(R"({"detail":"Not authenticated"})")
                                 << u"fastapi-not-authenticated"_s;
        QTest::newRow("Rails token")
            << 401 << QByteArray("Token realm=\"Application\"")
            << QByteArray("HTTP Token: Access denied.\n") << u"rails-http-token-denied"_s;
    }

    void catalogFingerprints()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, challenge);
        QFETCH(QByteArray, body);
        QFETCH(QString, id);
        Demo::LoopbackServer server([&](const Raw::ParsedRequest&) {
            Model::HeaderFields headers{{"Content-Type", "application/json"}};
            if (!challenge.isEmpty())
                headers.append({"WWW-Authenticate", challenge});
            return reply(status, "Denied", headers, body);
        });
        QVERIFY(server.listen());
        const Http::Exchange exchange =
            send(server, "GET", u"/x"_s, {{"Authorization", "Bearer abc"}});
        const QList<Diagnose::Finding> findings = Diagnose::diagnose(exchange);
        ++m_scenarios;
        const bool found = std::any_of(findings.cbegin(), findings.cend(),
                                       [&](const Diagnose::Finding& f) { return f.id == id; });
        m_topRight += !findings.isEmpty() && findings.first().id == id ? 1 : 0;
        QVERIFY2(found, qPrintable(Diagnose::findingsText(findings)));
        // The recorded answer of a named stack must rank that stack's cause first.
        QVERIFY2(findings.first().id == id, qPrintable(Diagnose::findingsText(findings)));
    }

    // The OpenAPI import keeps what the spec wants; the Doctor sets it against what went out.
    void theSpecSaysWhereTheCredentialGoes()
    {
        // FastAPI's APIKeyHeader (before 0.109): 403 {"detail":"Not authenticated"}, no
        // challenge that would say which header it reads.
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return reply(403, "Forbidden", {{"Content-Type", "application/json"}},
                         "{\"detail\":\"Not authenticated\"}");
        });
        QVERIFY(server.listen());
        const QJsonObject schemes{
            {u"apiKey"_s, QJsonObject{{u"type"_s, u"apiKey"_s},
                                      {u"in"_s, u"header"_s},
                                      {u"name"_s, u"X-API-Key"_s}}},
            {u"jwt"_s, QJsonObject{{u"type"_s, u"http"_s}, {u"scheme"_s, u"bearer"_s}}}};
        const Diagnose::SpecSecurity apiKey{
            u"GET /items"_s, QJsonArray{QJsonObject{{u"apiKey"_s, QJsonArray()}}}, schemes};
        Http::Exchange exchange =
            send(server, "GET", u"/items"_s, {{"Authorization", "Bearer abc"}});
        QList<Diagnose::Finding> findings = Diagnose::diagnose(exchange, {}, {}, apiKey);
        QVERIFY2(!findings.isEmpty() && findings.first().id == u"credential-in-wrong-header"_s,
                 qPrintable(Diagnose::findingsText(findings)));
        QCOMPARE(findings.first().title,
                 u"The API's spec wants an API key in the X-API-Key header for GET /items; this "
                 "request sends Authorization: Bearer …"_s);
        QCOMPARE(findings.first().evidence.size(), 1);
        // Without the spec the Doctor cannot know where the key belongs.
        findings = Diagnose::diagnose(exchange);
        QVERIFY(findings.isEmpty() || findings.first().id != u"credential-in-wrong-header"_s);

        // Bearer wanted, DRF's "Token" sent: the fix switches the prefix.
        const Diagnose::SpecSecurity bearer{
            {}, QJsonArray{QJsonObject{{u"jwt"_s, QJsonArray()}}}, schemes};
        exchange = send(server, "GET", u"/items"_s, {{"Authorization", "Token abc"}});
        findings = Diagnose::diagnose(exchange, {}, {}, bearer);
        QVERIFY(!findings.isEmpty());
        QCOMPARE(findings.first().id, u"credential-in-wrong-header"_s);
        QCOMPARE(findings.first().fixes.first().kind,
                 Diagnose::FixAction::Kind::SetAuthorizationScheme);
        QCOMPARE(findings.first().fixes.first().value, u"Bearer"_s);

        // Basic wanted, a Bearer token sent: switching the word cannot make Basic credentials.
        const QJsonObject basicScheme{{u"type"_s, u"http"_s}, {u"scheme"_s, u"basic"_s}};
        const Diagnose::SpecSecurity basic{{},
                                           QJsonArray{QJsonObject{{u"basic"_s, QJsonArray()}}},
                                           QJsonObject{{u"basic"_s, basicScheme}}};
        exchange = send(server, "GET", u"/items"_s, {{"Authorization", "Bearer abc"}});
        findings = Diagnose::diagnose(exchange, {}, {}, basic);
        QVERIFY(!findings.isEmpty());
        QCOMPARE(findings.first().fixes.first().kind, Diagnose::FixAction::Kind::Advice);

        // One alternative satisfied, or security optional ({}): the spec is not the cause.
        const Diagnose::SpecSecurity either{{},
                                            QJsonArray{QJsonObject{{u"apiKey"_s, QJsonArray()}},
                                                       QJsonObject{{u"jwt"_s, QJsonArray()}}},
                                            schemes};
        exchange = send(server, "GET", u"/items"_s, {{"Authorization", "Bearer abc"}});
        for (const Diagnose::Finding& finding : Diagnose::diagnose(exchange, {}, {}, either))
            QVERIFY(!finding.title.contains(u"spec"_s));
        const Diagnose::SpecSecurity optional{
            {}, QJsonArray{QJsonObject{{u"apiKey"_s, QJsonArray()}}, QJsonObject()}, schemes};
        exchange = send(server, "GET", u"/items"_s);
        for (const Diagnose::Finding& finding : Diagnose::diagnose(exchange, {}, {}, optional))
            QVERIFY(!finding.title.contains(u"spec"_s));
    }

    // A credential that is another environment's value: staging's token sent to the local
    // server, which never issued it (DRF's TokenAuthentication answer).
    void aCredentialOfAnotherEnvironment()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return reply(401, "Unauthorized",
                         {{"Content-Type", "application/json"}, {"WWW-Authenticate", "Token"}},
                         "{\"detail\":\"Invalid token.\"}");
        });
        QVERIFY(server.listen());
        const Http::Exchange exchange =
            send(server, "GET", u"/api/items/"_s, {{"Authorization", "Token staging-0123456789"}});
        auto find = [](const QList<Diagnose::Finding>& findings) {
            for (const Diagnose::Finding& finding : findings)
                if (finding.id == u"credential-of-another-environment"_s)
                    return finding;
            return Diagnose::Finding{};
        };
        Diagnose::EnvironmentValues environments;
        environments.current = u"local"_s;
        environments.values = {{u"local"_s, u"token"_s, "local-9876543210"},
                               {u"staging"_s, u"token"_s, "staging-0123456789"}};
        Diagnose::Finding finding = find(Diagnose::diagnose(exchange, {}, {}, {}, environments));
        QCOMPARE(Diagnose::confidenceName(finding.confidence), u"likely"_s);
        QCOMPARE(finding.title, u"The token sent is {{token}} of environment \"staging\", but "
                                "the request went out under environment \"local\""_s);
        QCOMPARE(finding.evidence.size(), 1);
        QVERIFY(!Diagnose::findingsText({finding}).contains(u"staging-0123456789"_s));
        // Pasted into local as well: possible, and said so.
        environments.values.append({u"local"_s, u"pasted"_s, "staging-0123456789"});
        finding = find(Diagnose::diagnose(exchange, {}, {}, {}, environments));
        QCOMPARE(Diagnose::confidenceName(finding.confidence), u"possible"_s);
        QVERIFY(finding.title.contains(u"pasted from there?"_s));
        // No environment holds it: nothing to say.
        QVERIFY(find(Diagnose::diagnose(exchange)).id.isEmpty());
    }

    void successIsNotDiagnosed()
    {
        auto* server = demo();
        const Http::Exchange exchange = send(*server, "GET", u"/api/health/"_s);
        QVERIFY(Diagnose::diagnose(exchange).isEmpty());
        QVERIFY(Diagnose::findingsText({}).startsWith(u"No known cause matched"_s));
    }

    void jsonShape()
    {
        auto* server = demo();
        const QJsonArray json = Diagnose::findingsToJson(Diagnose::diagnose(
            send(*server, "GET", u"/api/items/"_s, {{"Authorization", "Token abc"}})));
        const QJsonObject top = json.first().toObject();
        for (const QString& key :
             {u"id"_s, u"confidence"_s, u"title"_s, u"explanation"_s, u"fixes"_s, u"evidence"_s})
            QVERIFY2(top.contains(key), qPrintable(key));
        const QJsonObject evidence = top.value(u"evidence"_s).toArray().first().toObject();
        QCOMPARE(evidence.value(u"part"_s).toString(), u"request"_s);
        QVERIFY(evidence.value(u"end"_s).toInteger() > evidence.value(u"start"_s).toInteger());
    }
};

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_Doctor.moc"
