#include "core/demo/LoopbackServer.h"
#include "core/http/ExchangeJson.h"
#include "core/http/Executor.h"
#include "core/http/Timeline.h"
#include "core/raw/RawText.h"
#include "tests/support/Exchanges.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

using Testing::preparedRequest;

Model::PreparedRequest request(const QByteArray& method, const QString& url,
                               Model::HeaderFields headers = {}, const QByteArray& body = {})
{
    return preparedRequest(method, url, std::move(headers), body);
}

} // namespace

class TestExecutor final : public QObject {
    Q_OBJECT

    // Sends and waits (bounded) for the Exchange.
    Http::Exchange send(const Model::PreparedRequest& prepared, Http::ExecuteOptions options = {},
                        bool cancelAtOnce = false)
    {
        return Testing::sendAndWait(m_manager, prepared, options, cancelAtOnce);
    }

    QNetworkAccessManager m_manager;
    QList<Raw::ParsedRequest> m_received;

private slots:
    void init() { m_received.clear(); }

    void sendsExactlyWhatTheRequestSays()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{
                201, "Created", {{"X-Id", "7"}, {"Set-Cookie", "a=1"}}, "made"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [this](const Raw::ParsedRequest& r) { m_received.append(r); });

        const Http::Exchange exchange = send(request(
            "PUT", server.baseUrl() + u"/things/1?q=a%20b"_s,
            {{"Authorization", "Bearer abc"}, {"Content-Type", "text/plain"}}, "body bytes"));
        QCOMPARE(m_received.size(), 1);
        const Raw::ParsedRequest& received = m_received.first();
        QCOMPARE(received.method, QByteArray("PUT"));
        QCOMPARE(received.target, QByteArray("/things/1?q=a%20b"));
        QCOMPARE(received.body, QByteArray("body bytes"));
        QCOMPARE(Model::headerValue(received.headers, "Authorization"), QByteArray("Bearer abc"));
        QCOMPARE(Model::headerValue(received.headers, "User-Agent"),
                 Http::Executor::defaultUserAgent());

        QCOMPARE(exchange.hops.size(), 1);
        const Http::Hop& hop = exchange.hops.first();
        QVERIFY(!hop.error.isError());
        QCOMPARE(exchange.finalStatus(), 201);
        QCOMPARE(hop.response.reason, QByteArray("Created"));
        QCOMPARE(hop.response.body, QByteArray("made"));
        QCOMPARE(Model::headerValue(hop.response.headers, "X-Id"), QByteArray("7"));
        QVERIFY(hop.timings.totalMs >= hop.timings.headersMs && hop.timings.headersMs >= 0);
        QCOMPARE(hop.timings.dnsMs, -1.0); // an IP address: nothing to look up
        // Every header handed to the network layer is in the hop.
        for (const Model::HeaderField& field : hop.request.headers)
            QCOMPARE(Model::headerValue(received.headers, field.name), field.value);
    }

    // A host name is looked up by Keyhole first: the DNS phase of the timeline, before the
    // connect (which Qt's host cache then makes the connect alone).
    void hostNamesAreLookedUpFirst()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200, "OK", {}, "ok"};
        });
        QVERIFY(server.listen());
        const QString url = u"http://localhost:%1/"_s.arg(QUrl(server.baseUrl()).port());
        const Http::Exchange exchange = send(request("GET", url));
        QCOMPARE(exchange.finalStatus(), 200);
        const Http::HopTimings& timings = exchange.hops.first().timings;
        QVERIFY(timings.dnsMs >= 0);
        QVERIFY(timings.connectStartedMs >= timings.dnsMs);
        const Http::PhaseDurations phases = Http::phaseDurations(timings, false);
        QCOMPARE(phases.dns, timings.dnsMs);
        QVERIFY(phases.blocked >= 0 && phases.connect >= 0);
        // Kept in the history form too.
        QVERIFY(
            qAbs(Http::exchangeFromJson(Http::exchangeToJson(exchange)).hops.first().timings.dnsMs -
                 timings.dnsMs) < 0.01); // (kept to the microsecond)
    }

    // Through an HTTP proxy (a loopback server playing one): the proxy gets the request in
    // absolute form, and the raw view shows exactly what it got; the name is the proxy's to
    // resolve. A no-proxy host goes directly.
    void proxiesAndTheirExceptions()
    {
        QList<QByteArray> atProxy;
        Demo::LoopbackServer proxy([&atProxy](const Raw::ParsedRequest& r) {
            atProxy.append(r.raw);
            return Demo::ServerResponse{200, "OK", {}, "via proxy"};
        });
        QVERIFY(proxy.listen());
        Model::PreparedRequest viaProxy =
            request("GET", u"http://api.invalid/items?page=2"_s, {{"Authorization", "Bearer t"}});
        viaProxy.settings.proxy = proxy.baseUrl();
        const Http::Exchange exchange = send(viaProxy);
        QCOMPARE(exchange.finalStatus(), 200);
        QCOMPARE(atProxy.size(), 1);
        const Http::Hop& hop = exchange.hops.first();
        QCOMPARE(hop.proxy, proxy.baseUrl());
        QCOMPARE(hop.timings.dnsMs, -1.0);
        QCOMPARE(Raw::requestBytes(hop.request), atProxy.first());

        Demo::LoopbackServer direct([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200, "OK", {}, "direct"};
        });
        QVERIFY(direct.listen());
        Model::PreparedRequest excepted = request("GET", direct.baseUrl() + u"/x"_s);
        excepted.settings.proxy = proxy.baseUrl();
        excepted.settings.noProxy = u"localhost, 127.0.0.1"_s;
        QCOMPARE(send(excepted).hops.first().response.body, QByteArray("direct"));
        QCOMPARE(atProxy.size(), 1);

        Model::PreparedRequest wrong = request("GET", direct.baseUrl() + u"/x"_s);
        wrong.settings.proxy = u"ftp://user:secret@proxy:21"_s;
        const Http::Exchange refused = send(wrong);
        QVERIFY(refused.error().message.contains(u"expected http://, https:// or socks5://"_s));
        QVERIFY(!refused.error().message.contains(u"secret"_s));
    }

    void unauthorizedIsAnAnswerNotAnError()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{401,
                                        "Unauthorized",
                                        {{"WWW-Authenticate", "Basic realm=\"api\""}},
                                        R"({"detail": "nope"})"};
        });
        QVERIFY(server.listen());
        const Http::Exchange exchange = send(request("GET", server.baseUrl() + u"/"_s));
        QCOMPARE(exchange.finalStatus(), 401);
        QVERIFY(!exchange.error().isError());
        QCOMPARE(exchange.finalHop()->response.body, QByteArray(R"({"detail": "nope"})"));
    }

    void redirectsAreHopsAndCredentialsStayWithTheirOrigin()
    {
        Demo::LoopbackServer target([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200, "OK", {}, "final"};
        });
        QVERIFY(target.listen());
        connect(&target, &Demo::LoopbackServer::requestReceived, this,
                [this](const Raw::ParsedRequest& r) { m_received.append(r); });
        const QByteArray location = target.baseUrl().toUtf8() + "/landed";
        Demo::LoopbackServer origin([location](const Raw::ParsedRequest& r) {
            if (r.target == "/start")
                return Demo::ServerResponse{302, "Found", {{"Location", "/same-origin"}}, {}};
            return Demo::ServerResponse{303, "See Other", {{"Location", location}}, {}};
        });
        QVERIFY(origin.listen());

        const Http::Exchange exchange = send(
            request("POST", origin.baseUrl() + u"/start"_s,
                    {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}}, "{}"));
        QCOMPARE(exchange.hops.size(), 3);
        QCOMPARE(exchange.finalStatus(), 200);
        // 302 after POST becomes GET (as browsers and Postman do); same origin keeps the token.
        QCOMPARE(exchange.hops[1].request.method, QByteArray("GET"));
        QCOMPARE(Model::headerValue(exchange.hops[1].request.headers, "Authorization"),
                 QByteArray("Bearer t"));
        QVERIFY(exchange.hops[1].request.body.isEmpty());
        // Another port is another origin: Authorization is dropped and the hop says why.
        QVERIFY(Model::headerValue(exchange.hops[2].request.headers, "Authorization").isNull());
        QCOMPARE(exchange.hops[2].droppedHeaders.size(), 1);
        QCOMPARE(exchange.hops[2].droppedHeaders[0].first, QByteArray("Authorization"));
        QVERIFY(exchange.hops[2].droppedHeaders[0].second.contains(origin.baseUrl()));
        QCOMPARE(m_received.size(), 1);
        QVERIFY(Model::headerValue(m_received[0].headers, "Authorization").isNull());
    }

    void secretHeadersStayWithTheirOrigin()
    {
        Demo::LoopbackServer target(
            [](const Raw::ParsedRequest&) { return Demo::ServerResponse{}; });
        QVERIFY(target.listen());
        connect(&target, &Demo::LoopbackServer::requestReceived, this,
                [this](const Raw::ParsedRequest& r) { m_received.append(r); });
        const QByteArray location = target.baseUrl().toUtf8() + "/elsewhere";
        Demo::LoopbackServer origin([location](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{302, "Found", {{"Location", location}}, {}};
        });
        QVERIFY(origin.listen());
        Model::PreparedRequest prepared =
            request("GET", origin.baseUrl() + u"/"_s, {{"X-Api-Key", "key-12345"}});
        prepared.secretValues = {"key-12345"};
        const Http::Exchange exchange = send(prepared);
        QCOMPARE(exchange.hops.size(), 2);
        QCOMPARE(m_received.size(), 1);
        QVERIFY(Model::headerValue(m_received[0].headers, "X-Api-Key").isNull());
        QCOMPARE(exchange.hops[1].droppedHeaders.first().first, QByteArray("X-Api-Key"));
    }

    // A Digest challenge is answered on the request's own origin only: a redirect elsewhere
    // that asks for credentials gets no hash of the password.
    void digestIsAnsweredOnlyOnItsOrigin()
    {
        const Demo::ServerResponse challenge{
            401,
            "Unauthorized",
            {{"WWW-Authenticate", R"(Digest realm="r", nonce="n0nce", qop="auth")"}},
            {}};
        Demo::LoopbackServer target([challenge](const Raw::ParsedRequest&) { return challenge; });
        QVERIFY(target.listen());
        const QByteArray location = target.baseUrl().toUtf8() + "/collect";
        Demo::LoopbackServer origin([location, challenge](const Raw::ParsedRequest& r) {
            if (r.target == "/here")
                return challenge;
            return Demo::ServerResponse{302, "Found", {{"Location", location}}, {}};
        });
        QVERIFY(origin.listen());
        Model::PreparedRequest prepared = request("GET", origin.baseUrl() + u"/away"_s);
        prepared.digest = Model::ChallengeCredentials{"user", "pw"};
        Http::Exchange exchange = send(prepared);
        QCOMPARE(exchange.hops.size(), 2); // the redirect and the foreign 401: not answered
        QCOMPARE(exchange.finalStatus(), 401);
        QVERIFY(exchange.warnings.join(u' ').contains(u"another origin"_s));

        prepared.url = QUrl(origin.baseUrl() + u"/here"_s);
        exchange = send(prepared);
        QCOMPARE(exchange.hops.size(), 2); // the challenge and its answer
        QCOMPARE(exchange.hops[1].cause, QByteArray("digest"));
        QVERIFY(Model::headerValue(exchange.hops[1].request.headers, "Authorization")
                    .startsWith("Digest username=\"user\", realm=\"r\""));
    }

    void secretsAreMaskedInEveryEncoding()
    {
        const QList<QByteArray> secrets{"a/b+c= d"};
        QCOMPARE(
            Http::redactSecrets("q=a%2Fb%2Bc%3D%20d&r=a/b%2Bc%3D%20d&f=a%2Fb%2Bc%3D+d", secrets),
            QByteArray("q=" + QByteArray(Http::kSecretMask) + "&r=" + Http::kSecretMask +
                       "&f=" + Http::kSecretMask));
        QCOMPARE(Http::redactSecrets("abc", {"abc"}), QByteArray("abc")); // too short to hunt
    }

    void noFollowAndRedirectLimit()
    {
        Demo::LoopbackServer loop([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{307, "Temporary Redirect", {{"Location", "/again"}}, {}};
        });
        QVERIFY(loop.listen());
        Http::ExecuteOptions options;
        options.followRedirects = false;
        QCOMPARE(send(request("GET", loop.baseUrl() + u"/"_s), options).hops.size(), 1);
        options.followRedirects = true;
        options.maxRedirects = 3;
        const Http::Exchange limited = send(request("GET", loop.baseUrl() + u"/"_s), options);
        QCOMPARE(limited.hops.size(), 4);
        QCOMPARE(limited.finalStatus(), 307);
        QCOMPARE(limited.error().kind, Http::TransportErrorKind::Redirects);
        QVERIFY(limited.error().message.contains(u"More than 3 redirects"_s));

        // The request's own settings win over the sender's options.
        Model::PreparedRequest own = request("GET", loop.baseUrl() + u"/"_s);
        own.settings.followRedirects = false;
        QCOMPARE(send(own, options).hops.size(), 1);
        own.settings.followRedirects = true;
        own.settings.maxRedirects = 1;
        QCOMPARE(send(own, options).hops.size(), 2);
        own.settings.verifyTls = false;
        QVERIFY(send(own, options).warnings.join(u' ').contains(u"not verified"_s));
    }

    void transportErrorsHaveKinds()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        Http::Exchange refused = send(request("GET", u"http://127.0.0.1:%1/"_s.arg(port)));
        QCOMPARE(refused.error().kind, Http::TransportErrorKind::Refused);
        QCOMPARE(refused.finalStatus(), 0);

        Demo::LoopbackServer silent([](const Raw::ParsedRequest&) {
            Demo::ServerResponse response;
            response.silent = true;
            return response;
        });
        QVERIFY(silent.listen());
        Http::ExecuteOptions options;
        options.timeoutMs = 300;
        QCOMPARE(send(request("GET", silent.baseUrl() + u"/"_s), options).error().kind,
                 Http::TransportErrorKind::Timeout);

        Demo::LoopbackServer hangUp([](const Raw::ParsedRequest&) {
            Demo::ServerResponse response;
            response.hangUp = true;
            return response;
        });
        QVERIFY(hangUp.listen());
        const Http::TransportErrorKind kind =
            send(request("GET", hangUp.baseUrl() + u"/"_s)).error().kind;
        QVERIFY(kind == Http::TransportErrorKind::Reset || kind == Http::TransportErrorKind::Other);

        QCOMPARE(send(request("GET", silent.baseUrl() + u"/"_s), {}, true).error().kind,
                 Http::TransportErrorKind::Cancelled);
    }

    void encodedBodiesAreKeptAsReceivedAndDecoded()
    {
        const QByteArray plain = QByteArray("{\"items\": []} ").repeated(50);
        const QByteArray deflated = qCompress(plain).mid(4); // zlib stream without Qt's prefix
        Demo::LoopbackServer server([deflated](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200,
                                        "OK",
                                        {{"Content-Encoding", "deflate"},
                                         {"Set-Cookie", "a=1; Path=/"},
                                         {"Set-Cookie", "b=2"}},
                                        deflated};
        });
        QVERIFY(server.listen());
        const Http::Exchange exchange = send(request("GET", server.baseUrl() + u"/"_s));
        const Http::HopResponse& response = exchange.finalHop()->response;
        QCOMPARE(response.body, deflated);
        QCOMPARE(response.decodedBody, plain);
        QVERIFY(response.decodeError.isEmpty());
        // Qt joins repeated Set-Cookie lines; the Exchange splits them back.
        QCOMPARE(response.headers.count(Model::HeaderField{"Set-Cookie", "a=1; Path=/"}), 1);
        QCOMPARE(response.headers.count(Model::HeaderField{"Set-Cookie", "b=2"}), 1);
    }

    void bodyLimitStopsTheDownload()
    {
        Demo::LoopbackServer big([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200, "OK", {}, QByteArray(1024 * 1024, 'x')};
        });
        QVERIFY(big.listen());
        Http::ExecuteOptions options;
        options.maxBodyBytes = 64 * 1024;
        const Http::Exchange exchange = send(request("GET", big.baseUrl() + u"/"_s), options);
        QCOMPARE(exchange.error().kind, Http::TransportErrorKind::TooLarge);
        QVERIFY(exchange.finalHop()->response.received);
        QCOMPARE(exchange.finalStatus(), 200);
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_Executor.moc"
