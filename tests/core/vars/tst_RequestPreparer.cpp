#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

Vars::Resolver resolverWith(const Model::VariableList& variables)
{
    Vars::Resolver resolver;
    resolver.addScope(Vars::Scope::Environment, variables);
    return resolver;
}

Model::RequestTemplate get(const QString& url)
{
    Model::RequestTemplate request;
    request.url = url;
    return request;
}

} // namespace

class TestRequestPreparer final : public QObject {
    Q_OBJECT

private slots:
    void resolvesUrlHeadersAndBody()
    {
        Model::RequestTemplate request = get(u"{{base}}/items/"_s);
        request.method = u"post"_s;
        request.headers = {{u"Authorization"_s, u"Bearer {{token}}"_s, true},
                           {u"X-Off"_s, u"1"_s, false}};
        request.body.kind = Model::BodyKind::Raw;
        request.body.text = uR"({"user": "{{user}}"})"_s;
        const auto resolver = resolverWith(
            {{u"base"_s, u"http://127.0.0.1:9"_s}, {u"token"_s, u"abc"_s}, {u"user"_s, u"zoë"_s}});
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, resolver);
        QVERIFY(prepared.ok());
        const Model::PreparedRequest& p = prepared.value();
        QCOMPARE(p.method, QByteArray("POST"));
        QCOMPARE(p.url.toString(), u"http://127.0.0.1:9/items/"_s);
        QCOMPARE(p.headers.size(), 2);
        QCOMPARE(p.headers[0], (Model::HeaderField{"Authorization", "Bearer abc"}));
        QCOMPARE(p.headers[1], (Model::HeaderField{"Content-Type", "application/json"}));
        QCOMPARE(p.body, QByteArray("{\"user\": \"zo\xc3\xab\"}"));
        QVERIFY(p.unresolvedVariables.isEmpty());
        QVERIFY(p.warnings.isEmpty());
    }

    void unresolvedVariablesAreRecordedAndWarned()
    {
        Model::RequestTemplate request = get(u"http://h/"_s);
        request.headers = {{u"Authorization"_s, u"Bearer {{token}}"_s, true}};
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, Vars::Resolver());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().unresolvedVariables, QStringList{u"token"_s});
        QCOMPARE(prepared.value().headers[0].value, QByteArray("Bearer {{token}}"));
        QVERIFY(prepared.value().warnings.first().contains(u"{{token}}"_s));
    }

    void unresolvedHostIsAnError()
    {
        Result<Model::PreparedRequest> prepared =
            Vars::prepareRequest(get(u"{{baseUrl}}/x"_s), Vars::Resolver());
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.error().where, u"url"_s);
        QVERIFY(prepared.error().message.contains(u"baseUrl"_s));
    }

    void paramsAreEncodedAndAppended()
    {
        Model::RequestTemplate request = get(u"http://h/p?x=1"_s);
        request.params = {{u"q"_s, u"a b&c=d+é"_s, true},
                          {u"off"_s, u"1"_s, false},
                          {u"path"_s, u"/a:b"_s, true}};
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, Vars::Resolver());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().url.toEncoded(),
                 QByteArray("http://h/p?x=1&q=a%20b%26c%3Dd%2B%C3%A9&path=/a:b"));
    }

    void schemeDefaultsToHttp()
    {
        Result<Model::PreparedRequest> prepared =
            Vars::prepareRequest(get(u"127.0.0.1:8765/api/"_s), Vars::Resolver());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().url.toString(), u"http://127.0.0.1:8765/api/"_s);
    }

    void rejectsWhatMustNeverBeSent_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("headerName");
        QTest::addColumn<QString>("headerValue");
        QTest::addColumn<QString>("where");
        QTest::newRow("CRLF injection")
            << u"GET"_s << u"http://h/"_s << u"X-A"_s << u"1\r\nX-Evil: 1"_s << u"headers[0]"_s;
        QTest::newRow("bad header name")
            << u"GET"_s << u"http://h/"_s << u"Bad Name"_s << u"1"_s << u"headers[0]"_s;
        QTest::newRow("bad method")
            << u"GE T"_s << u"http://h/"_s << u"A"_s << u"1"_s << u"method"_s;
        QTest::newRow("ftp") << u"GET"_s << u"ftp://h/"_s << u"A"_s << u"1"_s << u"url"_s;
        QTest::newRow("empty url") << u"GET"_s << u""_s << u"A"_s << u"1"_s << u"url"_s;
    }

    void rejectsWhatMustNeverBeSent()
    {
        QFETCH(QString, method);
        QFETCH(QString, url);
        QFETCH(QString, headerName);
        QFETCH(QString, headerValue);
        QFETCH(QString, where);
        Model::RequestTemplate request = get(url);
        request.method = method;
        request.headers = {{headerName, headerValue, true}};
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, Vars::Resolver());
        QVERIFY(!prepared.ok());
        QCOMPARE(prepared.error().where, where);
    }

    void formBody()
    {
        Model::RequestTemplate request = get(u"http://h/"_s);
        request.method = u"POST"_s;
        request.body.kind = Model::BodyKind::FormUrlEncoded;
        request.body.form = {
            {u"user name"_s, u"a+b&c~"_s, true}, {u"x"_s, u"y"_s, false}, {u"e"_s, u""_s, true}};
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, Vars::Resolver());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().body, QByteArray("user+name=a%2Bb%26c%7E&e="));
        QCOMPARE(Model::headerValue(prepared.value().headers, "content-type"),
                 QByteArray("application/x-www-form-urlencoded"));
    }

    void userContentTypeWins()
    {
        Model::RequestTemplate request = get(u"http://h/"_s);
        request.headers = {{u"content-type"_s, u"text/csv"_s, true}};
        request.body.kind = Model::BodyKind::Raw;
        request.body.text = u"{}"_s;
        Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, Vars::Resolver());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().headers.size(), 1);
        QCOMPARE(prepared.value().headers[0].value, QByteArray("text/csv"));
    }

    void authSchemesBuildTheirHeaders()
    {
        Model::RequestTemplate request = get(u"http://h/p?x=1"_s);
        request.headers = {{u"Authorization"_s, u"Token old"_s, true}};
        const auto resolver = resolverWith({{u"token"_s, u"t0k3n-value"_s, true, true}});

        Model::AuthConfig bearer;
        bearer.kind = Model::AuthKind::Bearer;
        bearer.token = u"{{token}}"_s;
        bearer.prefix = u"JWT"_s;
        Result<Model::PreparedRequest> prepared =
            Vars::prepareRequest(request, resolver, {}, &bearer);
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().headers.size(), 1); // the request's own header was replaced
        QCOMPARE(prepared.value().headers[0],
                 (Model::HeaderField{"Authorization", "JWT t0k3n-value"}));
        QVERIFY(prepared.value().secretValues.contains("t0k3n-value"));
        QVERIFY(prepared.value().warnings.join(u' ').contains(u"replaced"_s));
        bearer.prefix.clear();
        QCOMPARE(Vars::prepareRequest(request, resolver, {}, &bearer).value().headers[0].value,
                 QByteArray("t0k3n-value"));

        Model::AuthConfig basic;
        basic.kind = Model::AuthKind::Basic;
        basic.username = u"zoë"_s;
        basic.password = u"pässword"_s;
        prepared = Vars::prepareRequest(get(u"http://h/"_s), resolver, {}, &basic);
        QCOMPARE(prepared.value().headers[0].value,
                 "Basic " + QByteArray("zo\xc3\xab:p\xc3\xa4ssword").toBase64());
        QVERIFY(prepared.value().secretValues.contains(
            QByteArray("zo\xc3\xab:p\xc3\xa4ssword").toBase64()));

        Model::AuthConfig key;
        key.kind = Model::AuthKind::ApiKey;
        key.keyName = u"api_key"_s;
        key.keyValue = u"k&1"_s;
        key.keyInQuery = true;
        prepared = Vars::prepareRequest(request, resolver, {}, &key);
        QCOMPARE(prepared.value().url.toEncoded(), QByteArray("http://h/p?x=1&api_key=k%261"));
        key.keyInQuery = false;
        key.keyName = u"X-Api-Key"_s;
        prepared = Vars::prepareRequest(request, resolver, {}, &key);
        QCOMPARE(Model::headerValue(prepared.value().headers, "X-Api-Key"), QByteArray("k&1"));
    }

    void multipartAndBinaryFiles()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"blob.bin"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("\x00\x01\xff", 3));
        file.close();

        Model::RequestTemplate request = get(u"http://h/"_s);
        request.method = u"POST"_s;
        request.body.kind = Model::BodyKind::Multipart;
        request.body.multipart = {{u"note"_s, u"hi"_s, false, {}, true, {}},
                                  {u"file"_s, u"blob.bin"_s, true, {}, true, {}}};
        Result<Model::PreparedRequest> prepared =
            Vars::prepareRequest(request, Vars::Resolver(), dir.path());
        QVERIFY(prepared.ok());
        const QByteArray type = Model::headerValue(prepared.value().headers, "Content-Type");
        QVERIFY(type.startsWith("multipart/form-data; boundary="));
        const QByteArray boundary = type.mid(type.indexOf('=') + 1);
        const QByteArray expected =
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n" +
            "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n" +
            QByteArray("\x00\x01\xff", 3) + "\r\n--" + boundary + "--\r\n";
        QCOMPARE(prepared.value().body, expected);

        request.body = {};
        request.body.kind = Model::BodyKind::BinaryFile;
        request.body.filePath = u"blob.bin"_s;
        prepared = Vars::prepareRequest(request, Vars::Resolver(), dir.path());
        QVERIFY(prepared.ok());
        QCOMPARE(prepared.value().body, QByteArray("\x00\x01\xff", 3));

        request.body.filePath = u"missing.bin"_s;
        prepared = Vars::prepareRequest(request, Vars::Resolver(), dir.path());
        QVERIFY(!prepared.ok());
        QVERIFY(prepared.error().where.contains(u"missing.bin"_s));
    }
};

QTEST_GUILESS_MAIN(TestRequestPreparer)
#include "tst_RequestPreparer.moc"
