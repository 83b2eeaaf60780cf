#include "core/interchange/ImportAny.h"
#include "core/interchange/export/HttpFileExport.h"
#include "core/interchange/import/HttpFileImport.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"
#include "tests/core/interchange/ImportTestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;
using Keyhole::Testing::headerOf;

namespace {

Model::PreparedRequest prepare(const Model::RequestTemplate& request)
{
    Vars::Resolver resolver;
    Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, resolver);
    Q_ASSERT(prepared.ok());
    return prepared.value();
}

const Model::RequestTemplate& requestAt(const Interchange::ImportResult& result, size_t index)
{
    return result.collection->requests.at(index).request;
}

} // namespace

class TestHttpFileImport : public QObject {
    Q_OBJECT

private slots:
    void readsAJetBrainsFile()
    {
        const QByteArray file =
            "@host = http://127.0.0.1:8000\n"
            "@user = alice\n"
            "\n"
            "### Log in\n"
            "# Gets a token pair.\n"
            "POST {{host}}/api/token/\n"
            "Content-Type: application/json\n"
            "Accept: application/json\n"
            "\n"
            "{\n"
            "  \"username\": \"{{user}}\",\n"
            "  \"password\": \"{{password}}\"\n"
            "}\n"
            "\n"
            "> {%\n"
            "    client.global.set(\"token\", response.body.access);\n"
            "    client.global.set(\"refresh\", response.body.refresh);\n"
            "%}\n"
            "\n"
            "###\n"
            "# @name list-items\n"
            "GET {{host}}/api/items/\n"
            "    ?page=2\n"
            "    &q=a%20b\n"
            "Authorization: Bearer {{token}}\n"
            "# X-Debug: 1\n"
            "\n"
            "### Upload\n"
            "POST {{host}}/upload\n"
            "Content-Type: multipart/form-data; boundary=WebAppBoundary\n"
            "\n"
            "--WebAppBoundary\n"
            "Content-Disposition: form-data; name=\"title\"\n"
            "\n"
            "Holiday\n"
            "--WebAppBoundary\n"
            "Content-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\n"
            "Content-Type: image/png\n"
            "\n"
            "< ./a.png\n"
            "--WebAppBoundary--\n"
            "\n"
            "### Form\n"
            "PUT http://localhost:8000/form HTTP/1.1\n"
            "Content-Type: application/x-www-form-urlencoded\n"
            "Authorization: Basic alice s3cret\n"
            "\n"
            "a=1&b=x+y%21\n"
            "&c=\n"
            "\n"
            "### Relative\n"
            "GET /health HTTP/1.1\n"
            "Host: api.example.test:443\n"
            "\n"
            "### File body\n"
            "POST {{host}}/blob\n"
            "Content-Type: application/octet-stream\n"
            "\n"
            "< ./blob.bin\n";
        Result<Interchange::ImportResult> result =
            Interchange::importHttpFile(file, u"/tmp/work/demo.http"_s, u"/tmp/work"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const Interchange::ImportResult& imported = result.value();
        QCOMPARE(imported.collection->name, u"demo"_s);
        QCOMPARE(imported.collection->variables.size(), 2);
        QCOMPARE(imported.collection->variables[0].name, u"host"_s);
        QCOMPARE(imported.collection->variables[0].value, u"http://127.0.0.1:8000"_s);
        QCOMPARE(imported.collection->requests.size(), size_t(6));

        const Model::RequestTemplate& login = requestAt(imported, 0);
        QCOMPARE(login.name, u"Log in"_s);
        QCOMPARE(login.description, u"Gets a token pair."_s);
        QCOMPARE(login.method, u"POST"_s);
        QCOMPARE(login.url, u"{{host}}/api/token/"_s);
        QCOMPARE(login.body.kind, Model::BodyKind::Raw);
        QCOMPARE(login.body.contentType, u"application/json"_s);
        QVERIFY(login.body.text.startsWith(u"{\n  \"username\""_s));
        QVERIFY(login.body.text.endsWith(u'}'));
        QCOMPARE(headerOf(login, u"Content-Type"_s), QString()); // moved to the body
        QCOMPARE(headerOf(login, u"Accept"_s), u"application/json"_s);
        QCOMPARE(login.extractions.size(), 2);
        QCOMPARE(login.extractions[0].variable, u"token"_s);
        QCOMPARE(login.extractions[0].path, u"access"_s);
        QVERIFY(login.extractions[0].secret);
        QVERIFY(imported.warnings.join(u'\n').contains(u"line 15: response handler"_s));

        const Model::RequestTemplate& list = requestAt(imported, 1);
        QCOMPARE(list.name, u"list-items"_s);
        QCOMPARE(list.url, u"{{host}}/api/items/?page=2&q=a%20b"_s);
        QCOMPARE(list.auth.kind, Model::AuthKind::Bearer);
        QCOMPARE(list.auth.prefix, u"Bearer"_s);
        QCOMPARE(list.auth.token, u"{{token}}"_s);
        QCOMPARE(list.headers.size(), 1);
        QCOMPARE(list.headers[0], (Model::KeyValue{u"X-Debug"_s, u"1"_s, false}));

        const Model::RequestTemplate& upload = requestAt(imported, 2);
        QCOMPARE(upload.body.kind, Model::BodyKind::Multipart);
        QCOMPARE(upload.body.multipart.size(), 2);
        QCOMPARE(upload.body.multipart[0].name, u"title"_s);
        QCOMPARE(upload.body.multipart[0].value, u"Holiday"_s);
        QVERIFY(upload.body.multipart[1].isFile);
        QCOMPARE(upload.body.multipart[1].value, u"/tmp/work/a.png"_s);
        QCOMPARE(upload.body.multipart[1].contentType, u"image/png"_s);
        QVERIFY(upload.headers.isEmpty()); // Keyhole writes its own boundary

        const Model::RequestTemplate& form = requestAt(imported, 3);
        QCOMPARE(form.method, u"PUT"_s);
        QCOMPARE(form.url, u"http://localhost:8000/form"_s);
        QCOMPARE(form.auth.kind, Model::AuthKind::Basic);
        QCOMPARE(form.auth.username, u"alice"_s);
        QCOMPARE(form.auth.password, u"s3cret"_s);
        QCOMPARE(form.body.kind, Model::BodyKind::FormUrlEncoded);
        QCOMPARE(form.body.form, (Model::KeyValueList{{u"a"_s, u"1"_s, true},
                                                      {u"b"_s, u"x y!"_s, true},
                                                      {u"c"_s, QString(), true}}));

        QCOMPARE(requestAt(imported, 4).url, u"https://api.example.test/health"_s);
        QVERIFY(requestAt(imported, 4).headers.isEmpty());
        const Model::RequestTemplate& blob = requestAt(imported, 5);
        QCOMPARE(blob.body.kind, Model::BodyKind::BinaryFile);
        QCOMPARE(blob.body.filePath, u"/tmp/work/blob.bin"_s);
        QCOMPARE(blob.body.contentType, u"application/octet-stream"_s);
    }

    void restClientRequestVariablesBecomeExtractions()
    {
        const QByteArray file =
            "# @name login\r\n"
            "POST https://api.test/login\r\n"
            "Content-Type: application/json\r\n"
            "\r\n"
            "{\"user\": \"{{$processEnv API_USER}}\", \"nonce\": \"{{$uuid}}\"}\r\n"
            "\r\n"
            "###\r\n"
            "GET https://api.test/me?at={{$datetime iso8601}}\r\n"
            "Authorization: Bearer {{login.response.body.$.data.access}}\r\n"
            "X-Session: {{login.response.headers.X-Session}}\r\n";
        Result<Interchange::ImportResult> result =
            Interchange::importHttpFile(file, u"(clipboard)"_s);
        QVERIFY(result.ok());
        const Interchange::ImportResult& imported = result.value();
        QCOMPARE(imported.collection->name, u"HTTP requests"_s);
        const Model::RequestTemplate& login = requestAt(imported, 0);
        QCOMPARE(login.body.text, u"{\"user\": \"{{API_USER}}\", \"nonce\": \"{{$guid}}\"}"_s);
        QCOMPARE(login.extractions.size(), 2);
        QCOMPARE(login.extractions[0].variable, u"login_X_Session"_s);
        QCOMPARE(login.extractions[0].from, Model::Extraction::Source::Header);
        QCOMPARE(login.extractions[0].path, u"X-Session"_s);
        QVERIFY(login.extractions[0].secret); // the name says credential
        QCOMPARE(login.extractions[1].variable, u"login_access"_s);
        QCOMPARE(login.extractions[1].path, u"data.access"_s);
        QVERIFY(login.extractions[1].secret); // sent as a credential
        const Model::RequestTemplate& me = requestAt(imported, 1);
        QCOMPARE(me.url, u"https://api.test/me?at={{$isoTimestamp}}"_s);
        QCOMPARE(me.auth.token, u"{{login_access}}"_s);
        QCOMPARE(headerOf(me, u"X-Session"_s), u"{{login_X_Session}}"_s);
        QVERIFY(imported.warnings.join(u'\n').contains(u"{{API_USER}}"_s));
    }

    // Whatever a credential is built from is secret, whatever its name; and what the file
    // needs but Keyhole does not run is skipped with a warning.
    void credentialsAreSecretWhateverTheirName()
    {
        const QByteArray file = "@jwt = eyJhbGciOiJIUzI1NiJ9.e30.sig\n"
                                "@session = {{login.response.headers.X-Session}}\n"
                                "\n"
                                "< {%\n"
                                "    request.variables.set(\"id\", \"1\");\n"
                                "%}\n"
                                "# @name login\n"
                                "POST https://x.test/login\n"
                                "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\n"
                                "\n"
                                "user=a&pw=b\n"
                                "\n"
                                "> {% client.global.set(\"access\", response.body.access); %}\n"
                                "\n"
                                "###\n"
                                "GET https://x.test/me\n"
                                "Authorization: Bearer {{access}}\n"
                                "X-Session: {{session}}\n"
                                "\n"
                                "###\n"
                                "GET https://x.test/old\n"
                                "Authorization: Bearer {{jwt}}\n";
        Result<Interchange::ImportResult> result =
            Interchange::importData(u"http"_s, file, u"f.http"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const Interchange::ImportResult& imported = result.value();
        QCOMPARE(imported.collection->requests.size(), size_t(3));
        const Model::RequestTemplate& login = requestAt(imported, 0);
        QCOMPARE(login.body.kind, Model::BodyKind::FormUrlEncoded); // charset or not
        QCOMPARE(headerOf(login, u"Content-Type"_s),
                 u"application/x-www-form-urlencoded; charset=UTF-8"_s);
        QCOMPARE(login.extractions.size(), 2);
        QCOMPARE(login.extractions[0].variable, u"access"_s);
        QVERIFY(login.extractions[0].secret);                          // sent in Authorization
        QCOMPARE(login.extractions[1].variable, u"login_X_Session"_s); // from @session
        QCOMPARE(imported.collection->variables[1].value, u"{{login_X_Session}}"_s);
        QVERIFY(imported.warnings.join(u'\n').contains(u"line 4: the pre-request script"_s));
        // @jwt does not say credential by its name, but it is sent as one: secret, so placing
        // lifts its value out of the files.
        QVERIFY(imported.collection->variables[0].secret);
        Interchange::ImportResult lifted = imported;
        Interchange::liftSecretsInto(lifted, Model::Workspace{});
        for (const Model::Variable& variable : lifted.collection->variables)
            QVERIFY(!variable.value.contains(u"eyJ"_s));
    }

    void malformedFilesNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("where");
        QTest::newRow("body without empty line")
            << QByteArray("POST https://x.test/\nContent-Type: application/json\n{\"a\": 1}\n")
            << u"f.http:3:1"_s;
        QTest::newRow("not a request line")
            << QByteArray("### one\n\n  hello world\n") << u"f.http:3:3"_s;
        QTest::newRow("not UTF-8")
            << QByteArray("GET https://x.test/\nX-A: \xff\xfe\n") << u"f.http:2"_s;
    }

    void malformedFilesNameTheLine()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, where);
        Result<Interchange::ImportResult> result = Interchange::importHttpFile(file, u"f.http"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, where);
    }

    void keyholesExportReadsBackToTheSameRequests()
    {
        Model::Folder folder;
        auto add = [&folder](Model::RequestTemplate request) {
            const QString path = u"c/"_s + request.name + u".json"_s;
            folder.requests.push_back({path, std::move(request)});
        };
        Model::RequestTemplate get;
        get.name = u"List"_s;
        get.description = u"Lists items.\nPaged."_s;
        get.url = u"https://api.test/items"_s;
        get.params = {{u"page"_s, u"2"_s, true}};
        get.headers = {{u"Accept"_s, u"application/json"_s, true}, {u"X-Off"_s, u"1"_s, false}};
        get.auth.kind = Model::AuthKind::Bearer;
        get.auth.prefix = u"Token"_s;
        get.auth.token = u"{{token}}"_s;
        get.settings.followRedirects = false; // "# @no-redirect"
        get.settings.timeoutMs = 2500;        // "# @timeout 2500 ms"
        add(get);
        Model::RequestTemplate json;
        json.name = u"Create"_s;
        json.method = u"POST"_s;
        json.url = u"https://api.test/items"_s;
        json.body.kind = Model::BodyKind::Raw;
        json.body.contentType = u"application/json"_s;
        json.body.text = u"{\n  \"name\": \"caf\u00e9\",\n\n  \"n\": 1\n}"_s;
        json.auth.kind = Model::AuthKind::Basic;
        json.auth.username = u"u"_s;
        json.auth.password = u"p:w"_s;
        add(json);
        Model::RequestTemplate form;
        form.name = u"Form"_s;
        form.method = u"PATCH"_s;
        form.url = u"https://api.test/form"_s;
        form.body.kind = Model::BodyKind::FormUrlEncoded;
        form.body.form = {{u"a b"_s, u"1&2"_s, true}, {u"c"_s, u"\u00fc"_s, true}};
        add(form);
        Model::RequestTemplate multipart;
        multipart.name = u"Upload"_s;
        multipart.method = u"POST"_s;
        multipart.url = u"https://api.test/upload"_s;
        multipart.body.kind = Model::BodyKind::Multipart;
        multipart.body.multipart = {{u"title"_s, u"Holiday"_s, false, {}, true, {}},
                                    {u"photo"_s, u"/tmp/a.png"_s, true, u"image/png"_s, true, {}}};
        add(multipart);
        Model::RequestTemplate key;
        key.name = u"Key"_s;
        key.method = u"DELETE"_s;
        key.url = u"https://api.test/items/1"_s;
        key.auth.kind = Model::AuthKind::ApiKey;
        key.auth.keyName = u"X-API-Key"_s;
        key.auth.keyValue = u"{{key}}"_s;
        add(key);

        const QString text = Interchange::exportHttpFile(folder);
        Result<Interchange::ImportResult> result =
            Interchange::importHttpFile(text.toUtf8(), u"x.http"_s);
        QVERIFY2(result.ok(), qPrintable(text));
        QVERIFY2(result.value().collection->requests.size() == folder.requests.size(),
                 qPrintable(text));
        for (size_t i = 0; i < folder.requests.size(); ++i) {
            const Model::RequestTemplate& original = folder.requests[i].request;
            const Model::RequestTemplate& again = requestAt(result.value(), i);
            QCOMPARE(again.name, original.name);
            QCOMPARE(again.description, original.description);
            QCOMPARE(again.settings, original.settings);
            QCOMPARE(again.body.kind, original.body.kind);
            if (original.body.kind == Model::BodyKind::Multipart) {
                QCOMPARE(again.body.multipart, original.body.multipart);
                continue;
            }
            const Model::PreparedRequest before = prepare(original);
            const Model::PreparedRequest after = prepare(again);
            QCOMPARE(after.method, before.method);
            QCOMPARE(after.url, before.url);
            QCOMPARE(after.body, before.body);
            QCOMPARE(after.headers.size(), before.headers.size());
            for (const Model::HeaderField& header : before.headers)
                QCOMPARE(Model::headerValue(after.headers, header.name), header.value);
        }
        QCOMPARE(requestAt(result.value(), 0).headers[1].enabled, false);
        QCOMPARE(requestAt(result.value(), 0).auth.kind, Model::AuthKind::Bearer);
    }

    // The tags both clients know become the request's settings.
    void tagsBecomeSettings()
    {
        Result<Interchange::ImportResult> result = Interchange::importHttpFile(
            "# @no-redirect\n# @timeout 2 m\nGET https://a.test/\n###\n# @timeout 30\n"
            "GET https://b.test/\n###\n# @timeout soon\nGET https://c.test/\n",
            u"x.http"_s);
        QVERIFY(result.ok());
        QCOMPARE(requestAt(result.value(), 0).settings.followRedirects, false);
        QCOMPARE(requestAt(result.value(), 0).settings.timeoutMs, 120'000);
        QCOMPARE(requestAt(result.value(), 1).settings.timeoutMs, 30'000);
        QVERIFY(requestAt(result.value(), 2).settings.isEmpty());
        QVERIFY(result.value().warnings.join(u'\n').contains(u"line 8: @timeout soon"_s));
    }

    void jetBrainsEnvironmentFilesBecomeEnvironments()
    {
        QTemporaryDir dir;
        auto write = [&dir](const QString& name, const QByteArray& bytes) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        write(
            u"http-client.env.json"_s,
            "{\"$shared\": {\"version\": \"v1\"},\n"
            "                  \"dev\": {\"host\": \"http://127.0.0.1:8000\", \"port\": 8000,\n"
            "                          \"SSLConfiguration\": {\"verifyHostCertificate\": false}},\n"
            "                  \"prod\": {\"host\": \"https://api.example.test\"}}");
        write(u"http-client.private.env.json"_s,
              "{\"dev\": {\"password\": \"pw-dev\", \"user\": \"alice\"}}");
        Result<Interchange::ImportResult> result = Interchange::importHttpFile(
            "GET {{host}}/{{version}}/items\n", dir.filePath(u"api.http"_s), dir.path());
        QVERIFY(result.ok());
        const std::vector<Model::Environment>& environments = result.value().environments;
        QCOMPARE(environments.size(), size_t(2));
        const Model::Environment& dev = environments[0];
        QCOMPARE(dev.name, u"dev"_s);
        auto find = [](const Model::Environment& env, const QString& name) {
            for (const Model::Variable& v : env.variables)
                if (v.name == name)
                    return v;
            return Model::Variable{};
        };
        QCOMPARE(find(dev, u"port"_s).value, u"8000"_s);
        QCOMPARE(find(dev, u"version"_s).value, u"v1"_s);
        QVERIFY(find(dev, u"password"_s).secret);
        QVERIFY(find(dev, u"user"_s).secret); // private file: every value is a secret
        QVERIFY(!find(dev, u"host"_s).secret);
        QCOMPARE(find(environments[1], u"version"_s).value, u"v1"_s);
        QVERIFY(Interchange::carriesSecretValues(result.value()));
        QVERIFY(result.value().warnings.join(u'\n').contains(u"SSLConfiguration"_s));

        write(u"http-client.env.json"_s, "{\"dev\": [1]}");
        result = Interchange::importHttpFile("GET http://x.test/\n", u"api.http"_s, dir.path());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, u"http-client.env.json $.dev"_s);
    }

    void detectsHttpFiles()
    {
        QCOMPARE(Interchange::detectFormat("### a\nGET https://x.test/\n"), u"http"_s);
        QCOMPARE(Interchange::detectFormat("@h = x\n\n# c\nPOST {{h}}/a HTTP/1.1\n"), u"http"_s);
        QCOMPARE(Interchange::detectFormat("https://x.test/\n"), u"http"_s);
        QCOMPARE(Interchange::detectFormat("curl https://x.test/\n"), u"curl"_s);
        QCOMPARE(Interchange::detectFormat("hello world\n"), QString());
        QCOMPARE(Interchange::detectFormat("GET me a coffee\n"), QString());
    }
};

QTEST_GUILESS_MAIN(TestHttpFileImport)
#include "tst_HttpFileImport.moc"
