#include "core/demo/LoopbackServer.h"
#include "core/http/Executor.h"
#include "core/raw/RawText.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"
#include "tests/support/Exchanges.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Keyhole::Model::RequestTemplate)

namespace {

Model::RequestTemplate make(const QString& method, const QString& pathAndQuery,
                            Model::KeyValueList headers = {}, Model::Body body = {})
{
    Model::RequestTemplate request;
    request.method = method;
    request.url = u"{{base}}"_s + pathAndQuery;
    request.headers = std::move(headers);
    request.body = std::move(body);
    return request;
}

Model::Body raw(const QString& text, const QString& type = {})
{
    Model::Body body;
    body.kind = Model::BodyKind::Raw;
    body.text = text;
    body.contentType = type;
    return body;
}

} // namespace

// The promise "this is exactly what crossed the wire": for many kinds of request, the raw
// request the Exchange shows equals, byte for byte, what a loopback server received.
class TestWireModel final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_files;
    QList<QByteArray> m_received;
    Demo::LoopbackServer m_server{[](const Raw::ParsedRequest&) {
        return Demo::ServerResponse{200, "OK", {{"Content-Type", "text/plain"}}, "ok"};
    }};

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        connect(&m_server, &Demo::LoopbackServer::requestReceived, this,
                [this](const Raw::ParsedRequest& r) { m_received.append(r.raw); });
        QFile binary(m_files.filePath(u"all-bytes.bin"_s));
        QVERIFY(binary.open(QIODevice::WriteOnly));
        for (int i = 0; i < 256; ++i)
            binary.putChar(static_cast<char>(i));
    }

    void rawRequestEqualsReceivedBytes_data()
    {
        QTest::addColumn<Model::RequestTemplate>("request");
        Model::KeyValueList many;
        for (int i = 0; i < 20; ++i)
            many.append({u"X-Header-%1"_s.arg(i), u"value %1"_s.arg(i), true});
        Model::Body form;
        form.kind = Model::BodyKind::FormUrlEncoded;
        form.form = {{u"user name"_s, u"zoë & co"_s, true}, {u"empty"_s, {}, true}};
        Model::Body multipart;
        multipart.kind = Model::BodyKind::Multipart;
        multipart.multipart = {{u"note"_s, u"héllo"_s, false, {}, true, {}},
                               {u"file"_s, u"all-bytes.bin"_s, true, u"image/png"_s, true, {}}};
        Model::Body binary;
        binary.kind = Model::BodyKind::BinaryFile;
        binary.filePath = u"all-bytes.bin"_s;

        QTest::newRow("GET root") << make(u"GET"_s, u"/"_s);
        QTest::newRow("GET no path") << make(u"GET"_s, u""_s);
        QTest::newRow("GET reserved query")
            << make(u"GET"_s, u"/search?q=a%20b&amp=%26&eq=%3D&plus=%2B&t=~!*'()"_s);
        QTest::newRow("GET unicode query") << make(u"GET"_s, u"/s?q=é&emoji=✓"_s);
        QTest::newRow("GET encoded slash") << make(u"GET"_s, u"/files/a%2Fb"_s);
        QTest::newRow("GET dot segments") << make(u"GET"_s, u"/a/./b/../c"_s);
        QTest::newRow("GET fragment") << make(u"GET"_s, u"/page#section"_s);
        QTest::newRow("GET with body") << make(u"GET"_s, u"/_search"_s, {}, raw(u"{\"q\": 1}"_s));
        QTest::newRow("GET long query") << make(u"GET"_s, u"/l?x="_s + QString(4000, u'x'));
        QTest::newRow("HEAD") << make(u"HEAD"_s, u"/h"_s);
        QTest::newRow("DELETE") << make(u"DELETE"_s, u"/items/1"_s);
        QTest::newRow("DELETE with body") << make(u"DELETE"_s, u"/items"_s, {}, raw(u"[1,2]"_s));
        QTest::newRow("OPTIONS") << make(u"OPTIONS"_s, u"/o"_s);
        QTest::newRow("custom PURGE") << make(u"PURGE"_s, u"/cache"_s);
        QTest::newRow("POST JSON") << make(u"POST"_s, u"/p"_s, {}, raw(u"{\"a\": \"ü\"}"_s));
        QTest::newRow("POST text") << make(u"POST"_s, u"/p"_s, {}, raw(u"line 1\nline 2"_s));
        QTest::newRow("POST xml typed")
            << make(u"POST"_s, u"/p"_s, {}, raw(u"<a/>"_s, u"application/xml; charset=utf-8"_s));
        QTest::newRow("POST form") << make(u"POST"_s, u"/f"_s, {}, form);
        QTest::newRow("POST multipart") << make(u"POST"_s, u"/m"_s, {}, multipart);
        QTest::newRow("POST binary") << make(u"POST"_s, u"/b"_s, {}, binary);
        QTest::newRow("POST empty") << make(u"POST"_s, u"/e"_s);
        QTest::newRow("PUT empty") << make(u"PUT"_s, u"/e"_s);
        QTest::newRow("PUT text") << make(u"PUT"_s, u"/t"_s, {}, raw(u"x"_s));
        QTest::newRow("PATCH JSON") << make(u"PATCH"_s, u"/j"_s, {}, raw(u"{}"_s));
        QTest::newRow("many headers") << make(u"GET"_s, u"/m"_s, many);
        QTest::newRow("repeated header")
            << make(u"GET"_s, u"/r"_s, {{u"X-A"_s, u"1"_s, true}, {u"X-A"_s, u"2"_s, true}});
        QTest::newRow("non-ASCII value")
            << make(u"GET"_s, u"/n"_s, {{u"X-Name"_s, u"Zoë Ærøskøbing ✓"_s, true}});
        QTest::newRow("Basic auth") << make(
            u"GET"_s, u"/a"_s,
            {{u"Authorization"_s,
              u"Basic "_s + QString::fromLatin1(QByteArray("user:pässword").toBase64()), true}});
        QTest::newRow("Bearer and Cookie")
            << make(u"GET"_s, u"/a"_s,
                    {{u"Authorization"_s, u"Bearer abc.def.ghi"_s, true},
                     {u"Cookie"_s, u"sessionid=1; csrftoken=2"_s, true}});
        QTest::newRow("own User-Agent and Accept")
            << make(u"GET"_s, u"/u"_s,
                    {{u"User-Agent"_s, u"curl/7.88.1"_s, true},
                     {u"Accept"_s, u"application/json"_s, true}});
        QTest::newRow("identity encoding")
            << make(u"GET"_s, u"/i"_s, {{u"Accept-Encoding"_s, u"identity"_s, true}});
        QTest::newRow("Connection close")
            << make(u"GET"_s, u"/c"_s, {{u"Connection"_s, u"close"_s, true}});
        QTest::newRow("lower-case names")
            << make(u"GET"_s, u"/l"_s,
                    {{u"x-lower"_s, u"v"_s, true}, {u"authorization"_s, u"Token t"_s, true}});
        QTest::newRow("empty value") << make(u"GET"_s, u"/e"_s, {{u"X-Empty"_s, u""_s, true}});
        QTest::newRow("empty User-Agent")
            << make(u"GET"_s, u"/e"_s, {{u"User-Agent"_s, u""_s, true}});
        QTest::newRow("own Content-Length")
            << make(u"POST"_s, u"/cl"_s, {{u"Content-Length"_s, u"2"_s, true}}, raw(u"hi"_s));
        QTest::newRow("own Host") << make(u"GET"_s, u"/h"_s,
                                          {{u"Host"_s, u"api.example.test"_s, true}});
    }

    void rawRequestEqualsReceivedBytes()
    {
        QFETCH(Model::RequestTemplate, request);
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment, {{u"base"_s, m_server.baseUrl()}});
        Result<Model::PreparedRequest> prepared =
            Vars::prepareRequest(request, resolver, m_files.path());
        QVERIFY2(prepared.ok(), qPrintable(prepared ? QString() : prepared.error().toString()));

        m_received.clear();
        const Http::Exchange exchange = Testing::sendAndWait(m_network, prepared.value());
        QCOMPARE(exchange.finalStatus(), 200);
        QCOMPARE(m_received.size(), 1);
        const QByteArray shown = Raw::requestBytes(exchange.hops.first().request);
        if (shown != m_received.first()) {
            qWarning("shown:\n%s\nreceived:\n%s", shown.constData(),
                     m_received.first().constData());
        }
        QCOMPARE(shown, m_received.first());
    }

    void networkHeadersAreMarked()
    {
        Model::PreparedRequest prepared;
        prepared.method = "GET";
        prepared.url = QUrl(m_server.baseUrl() + u"/x"_s);
        prepared.headers = {{"X-Mine", "1"}};
        const Http::Exchange exchange = Testing::sendAndWait(m_network, prepared);
        QHash<QByteArray, Http::HeaderOrigin> origins;
        for (const Http::WireHeader& header : exchange.hops.first().request.wireHeaders)
            origins.insert(header.name, header.origin);
        QCOMPARE(origins.value("X-Mine"), Http::HeaderOrigin::Request);
        QCOMPARE(origins.value("User-Agent"), Http::HeaderOrigin::Keyhole);
        QCOMPARE(origins.value("Accept-Encoding"), Http::HeaderOrigin::Keyhole);
        QCOMPARE(origins.value("Host"), Http::HeaderOrigin::Network);
        QCOMPARE(origins.value("Connection"), Http::HeaderOrigin::Network);
        QCOMPARE(origins.value("Accept-Language"), Http::HeaderOrigin::Network);
        QVERIFY(!origins.contains("Content-Length")); // a GET without body sends none
    }
};

QTEST_GUILESS_MAIN(TestWireModel)
#include "tst_WireModel.moc"
