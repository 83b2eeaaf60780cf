#include "core/http/Executor.h"
#include "tests/support/Exchanges.h"
#include "tests/support/NginxServer.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

// TLS, redirects between origins and keep-alive against a real nginx on 127.0.0.1.
class TestHttpsAgainstNginx final : public QObject {
    Q_OBJECT

    Testing::NginxServer m_nginx;
    QNetworkAccessManager m_network;

    Http::Exchange send(const QString& url, Http::ExecuteOptions options = {},
                        Model::HeaderFields headers = {})
    {
        return Testing::sendAndWait(
            m_network, Testing::preparedRequest("GET", url, std::move(headers)), options);
    }

    static Http::ExecuteOptions insecure()
    {
        Http::ExecuteOptions options;
        options.insecure = true;
        return options;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_nginx.start(uR"(
    server {
        listen 127.0.0.1:{{HTTP_PORT}};
        location = /plain { return 200 "plain auth=[$http_authorization]\n"; }
        location / { return 301 https://127.0.0.1:{{HTTPS_PORT}}$request_uri; }
    }
    server {
        listen 127.0.0.1:{{HTTPS_PORT}} ssl;
        ssl_certificate {{CERT}};
        ssl_certificate_key {{KEY}};
        location = /down { return 302 http://127.0.0.1:{{HTTP_PORT}}/plain; }
        location / { return 200 "secure auth=[$http_authorization]\n"; }
    }
)"_s),
                 qPrintable(m_nginx.errorString()));
    }

    void selfSignedCertificateIsRefusedWithTheChain()
    {
        const Http::Exchange exchange = send(m_nginx.httpsUrl(u"/"_s));
        QCOMPARE(exchange.error().kind, Http::TransportErrorKind::Tls);
        const Http::TlsInfo& tls = exchange.hops.first().tls;
        QVERIFY(!tls.errors.isEmpty());
        QVERIFY2(tls.errors.join(u' ').contains(u"self-signed"_s, Qt::CaseInsensitive),
                 qPrintable(tls.errors.join(u"; "_s)));
        QVERIFY(!tls.peerChain.isEmpty());
        QCOMPARE(tls.peerChain.first().sha256, m_nginx.certificateSha256());
        QCOMPARE(tls.peerChain.first().subject, u"keyhole-test"_s);
    }

    void trustedCertificateAuthoritiesVerifyTheServer()
    {
        Http::ExecuteOptions trusting;
        trusting.caCertificates = m_nginx.certificateFile();
        const Http::Exchange exchange = send(m_nginx.httpsUrl(u"/"_s), trusting);
        QVERIFY2(!exchange.error().isError(), qPrintable(exchange.error().message));
        QCOMPARE(exchange.finalStatus(), 200);
        QVERIFY(exchange.hops.first().tls.errors.isEmpty());

        Http::ExecuteOptions unreadable;
        unreadable.caCertificates = m_nginx.certificateFile() + u".missing"_s;
        const Http::Exchange refused = send(m_nginx.httpsUrl(u"/"_s), unreadable);
        QCOMPARE(refused.error().kind, Http::TransportErrorKind::Tls);
        QVERIFY2(refused.error().message.contains(u"CA certificates file"_s),
                 qPrintable(refused.error().message));
    }

    void insecureRecordsTheSession()
    {
        const Http::Exchange exchange = send(m_nginx.httpsUrl(u"/"_s), insecure());
        QCOMPARE(exchange.finalStatus(), 200);
        const Http::Hop& hop = exchange.hops.first();
        QVERIFY(hop.tls.used);
        QVERIFY2(hop.tls.protocol.startsWith(u"TLSv1."_s), qPrintable(hop.tls.protocol));
        QVERIFY(!hop.tls.cipher.isEmpty());
        QVERIFY(hop.tls.peerChain.first().subjectAlternativeNames.contains(u"127.0.0.1"_s));
        QVERIFY(hop.timings.encryptedMs >= 0);
        QVERIFY(hop.timings.headersMs >= hop.timings.encryptedMs);
    }

    void httpToHttpsDropsAuthorizationUnlessTrusted()
    {
        const Model::HeaderFields token{{"Authorization", "Bearer secret-token"}};
        Http::Exchange exchange = send(m_nginx.httpUrl(u"/api"_s), insecure(), token);
        QCOMPARE(exchange.hops.size(), 2);
        QCOMPARE(exchange.finalStatus(), 200);
        QCOMPARE(exchange.finalHop()->response.decodedBody, QByteArray("secure auth=[]\n"));
        QCOMPARE(exchange.hops[1].droppedHeaders.first().first, QByteArray("Authorization"));

        Http::ExecuteOptions trusted = insecure();
        trusted.trustRedirects = true;
        exchange = send(m_nginx.httpUrl(u"/api"_s), trusted, token);
        QCOMPARE(exchange.finalHop()->response.decodedBody,
                 QByteArray("secure auth=[Bearer secret-token]\n"));
        QVERIFY(exchange.warnings.join(u' ').contains(u"redirects are trusted"_s));
    }

    void downgradeIsRefusedUnlessAllowed()
    {
        Http::Exchange exchange = send(m_nginx.httpsUrl(u"/down"_s), insecure());
        QCOMPARE(exchange.hops.size(), 1);
        QCOMPARE(exchange.error().kind, Http::TransportErrorKind::Redirects);
        QCOMPARE(exchange.finalStatus(), 302);

        Http::ExecuteOptions allowed = insecure();
        allowed.allowDowngrade = true;
        exchange = send(m_nginx.httpsUrl(u"/down"_s), allowed);
        QCOMPARE(exchange.finalStatus(), 200);
        QVERIFY(exchange.warnings.join(u' ').contains(u"unencrypted"_s));
    }

    void keptAliveConnectionsAreReported()
    {
        send(m_nginx.httpUrl(u"/plain"_s));
        const Http::Exchange second = send(m_nginx.httpUrl(u"/plain"_s));
        QCOMPARE(second.finalStatus(), 200);
        QVERIFY(second.hops.first().timings.connectionReused);
        QCOMPARE(second.hops.first().timings.connectStartedMs, -1.0);
    }
};

QTEST_GUILESS_MAIN(TestHttpsAgainstNginx)
#include "tst_HttpsAgainstNginx.moc"
