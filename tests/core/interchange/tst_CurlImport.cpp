#include "core/auth/EffectiveAuth.h"
#include "core/demo/LoopbackServer.h"
#include "core/http/Executor.h"
#include "core/interchange/import/CurlImport.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/Resolver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

// Headers curl adds by itself, and those Keyhole's network layer adds: not compared.
const QList<QByteArray> kCurlOwn{"user-agent", "accept", "accept-encoding", "host"};
const QList<QByteArray> kKeyholeOwn{"user-agent",      "accept",     "accept-encoding",
                                    "accept-language", "connection", "host"};

QByteArray withoutBoundary(QByteArray bytes, const QByteArray& contentType)
{
    const qsizetype at = contentType.indexOf("boundary=");
    if (at >= 0)
        bytes.replace(contentType.mid(at + 9), "BOUNDARY");
    return bytes;
}

// "%3d" → "%3D": percent-escapes compared without their hex case.
QByteArray upperCaseEscapes(QByteArray target)
{
    for (qsizetype i = 0; i + 2 < target.size(); ++i) {
        if (target[i] != '%')
            continue;
        target[i + 1] = QChar::toUpper(char16_t(target[i + 1])) & 0x7f;
        target[i + 2] = QChar::toUpper(char16_t(target[i + 2])) & 0x7f;
    }
    return target;
}

} // namespace

// Imports curl commands and proves the request Keyhole sends is the one curl sends: the real
// curl and Keyhole both send to a loopback capture server; method, target, headers (except
// those each tool adds by itself, listed above) and body bytes must be equal.
class TestCurlImport final : public QObject {
    Q_OBJECT

    QTemporaryDir m_files;
    QNetworkAccessManager m_network;
    QList<Raw::ParsedRequest> m_received;
    Demo::LoopbackServer m_server{[](const Raw::ParsedRequest&) {
        return Demo::ServerResponse{};
    }};
    int m_compared = 0;

    void write(const QString& name, const QByteArray& bytes)
    {
        QFile file(m_files.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    Raw::ParsedRequest capture(const std::function<void()>& send)
    {
        m_received.clear();
        send();
        [&] {
            QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 1, 10000);
        }();
        return m_received.isEmpty() ? Raw::ParsedRequest{} : m_received.first();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        connect(&m_server, &Demo::LoopbackServer::requestReceived, this,
                [this](const Raw::ParsedRequest& r) { m_received.append(r); });
        write(u"form.txt"_s, "a=1\nb=2\r\n");
        write(u"body.bin"_s, QByteArray("\x00\x01\x02 binary \xff", 12));
        write(u"note.txt"_s, "a note\n");
        write(u"data.json"_s, "{\"k\": [1, 2]}");
        write(u"value.txt"_s, "hello world & more");
    }

    void cleanupTestCase()
    {
        qInfo("%d curl commands sent identically by curl and Keyhole", m_compared);
    }

    void sameWireAsCurl_data()
    {
        QTest::addColumn<QString>("command");
        const QStringList commands{
            u"curl {URL}/"_s,
            u"curl -X POST {URL}/empty"_s,
            u"curl -d 'a=1&b=2' {URL}/form"_s,
            u"curl -d a=1 -d b=2 {URL}/joined"_s,
            u"curl -d '' {URL}/empty-data"_s,
            u"curl --data-raw '@notafile' {URL}/raw"_s,
            u"curl --data-ascii 'x=1' {URL}/ascii"_s,
            u"curl -d 'emoji=✓&zoë=1' {URL}/utf8"_s,
            u"curl --data-urlencode 'q=hello world&x' {URL}/enc"_s,
            u"curl --data-urlencode '=only value' {URL}/enc2"_s,
            u"curl --data-urlencode 'plain text' {URL}/enc3"_s,
            u"curl --data-urlencode 'name@value.txt' {URL}/enc4"_s,
            u"curl -d @form.txt {URL}/file"_s,
            u"curl --data-binary @body.bin {URL}/binary"_s,
            u"curl --data-binary @form.txt {URL}/binary-text"_s,
            u"curl -G -d q=1 -d r=2 {URL}/search"_s,
            u"curl -G --data-urlencode 'q=a b' '{URL}/search?x=1'"_s,
            u"curl -H 'X-A: 1' -H 'X-B: two words' {URL}/h"_s,
            u"curl -H 'Accept: application/json' {URL}/accept"_s,
            u"curl -H 'Content-Type: application/json' -d '{\"a\":1}' {URL}/json"_s,
            u"curl --json '{\"a\":1}' {URL}/json2"_s,
            u"curl -u user:pass {URL}/basic"_s,
            u"curl -u 'zoë:pässword' {URL}/basic-utf8"_s,
            u"curl --oauth2-bearer tok-123 {URL}/bearer"_s,
            u"curl -H 'Authorization: Bearer abc.def' {URL}/auth"_s,
            u"curl -b 'a=1; b=2' {URL}/cookie"_s,
            u"curl -A 'MyAgent/1.0' {URL}/agent"_s,
            u"curl -e 'https://ref.example/page' {URL}/referer"_s,
            u"curl -I {URL}/head"_s,
            u"curl -X PUT -d x {URL}/put"_s,
            u"curl -X DELETE {URL}/items/1"_s,
            u"curl -X PATCH --data-raw '{\"op\":\"x\"}' -H 'Content-Type: application/json' {URL}/patch"_s,
            u"curl -XPOST -d x {URL}/attached"_s,
            u"curl -sSLk -m 10 --compressed {URL}/flags"_s,
            u"curl '{URL}/path?x=1&y=%20z'"_s,
            u"curl $'{URL}/\\x61bc'"_s,
            u"curl '{URL}/it'\\''s'"_s,
            u"curl -F 'name=value' -F 'file=@note.txt' {URL}/multipart"_s,
            u"curl -F 'file=@data.json;type=application/json' {URL}/multipart-typed"_s,
            u"curl -F 'doc=@data.json' -F 'text=<note.txt' {URL}/multipart-json"_s,
            u"curl --form-string 'x=@literal' {URL}/form-string"_s,
            u"curl -d 'a=1' -X GET {URL}/get-with-body"_s,
            u"curl --url {URL}/url-option"_s,
            u"curl -H 'Accept:' {URL}/no-accept"_s,
            u"curl \\\n  -H 'X-Line: 1' \\\n  -d 'z=9' \\\n  {URL}/continued"_s,
            u"curl -H \"X-Quote: say \\\"hi\\\"\" {URL}/dq"_s,
            // Long options, methods, more headers.
            u"curl --request OPTIONS {URL}/options"_s,
            u"curl -X PROPFIND {URL}/dav"_s,
            u"curl --header 'X-Long: 1' --data 'long=1' {URL}/long"_s,
            u"curl --get --data 'q=long' {URL}/long-get"_s,
            u"curl --user 'u:p' --basic {URL}/long-basic"_s,
            u"curl --user ':only-token' {URL}/empty-user"_s,
            u"curl --user-agent 'Agent/2' --referer 'https://r.example/' {URL}/long-ua"_s,
            u"curl --cookie 'session=abc' {URL}/long-cookie"_s,
            u"curl --head {URL}/long-head"_s,
            u"curl -H 'X-Trace: a' -d 'x=1' -X PUT {URL}/put-headers"_s,
            u"curl -H 'X-Time: 12:30:45' {URL}/colon-value"_s,
            u"curl -H 'X-R: 1' -H 'X-R: 2' {URL}/repeated"_s,
            u"curl -H 'User-Agent: Custom/1' {URL}/ua-header"_s,
            u"curl -H 'Accept-Language: fr' {URL}/lang"_s,
            u"curl -H 'accept: text/html' {URL}/lower-case"_s,
            u"curl -H 'X-Unicode: caf\u00e9' {URL}/unicode-header"_s,
            u"curl -H 'Authorization: Token 0123456789abcdef' {URL}/drf-token"_s,
            u"curl -H 'X-API-Key: k-123' -H 'Accept: */*' {URL}/api-key"_s,
            // Query strings with reserved characters.
            u"curl '{URL}/q?a=b%26c&d=%2F&e=%3D'"_s,
            u"curl -g '{URL}/q?ids[]=1&ids[]=2'"_s,
            u"curl '{URL}/q?plus=a+b&pct=100%25'"_s,
            u"curl '{URL}/q?empty=&flag'"_s,
            u"curl '{URL}/caf%C3%A9?x=%E2%9C%93'"_s,
            u"curl -G --data-urlencode 'q=a&b=c' --data-urlencode 'r=\u00e9' {URL}/get-enc"_s,
            // Bodies.
            u"curl -d a=1 --data-raw b=2 --data-binary c=3 {URL}/mixed"_s,
            u"curl --data-binary @body.bin -H 'Content-Type: application/octet-stream' {URL}/bin-typed"_s,
            u"curl -H 'Content-Type: text/plain' --data-binary $'line1\\nline2\\r\\n' {URL}/lines"_s,
            u"curl -d $'tab\\there' {URL}/tab"_s,
            u"curl --data-urlencode 'a=b c' --data-urlencode 'd=\u00e9&f' {URL}/enc-multi"_s,
            u"curl --data-urlencode @value.txt {URL}/enc-file"_s,
            u"curl --json @data.json {URL}/json-file"_s,
            u"curl --json '{\"a\":1}' -H 'Accept: text/plain' {URL}/json-accept"_s,
            u"curl -X PUT --json '[1,2,3]' {URL}/json-put"_s,
            u"curl -X DELETE -d 'reason=dup' {URL}/delete-body"_s,
            u"curl -d '{\"nested\":{\"a\":[1,{\"b\":null}]}}' -H 'Content-Type: application/json' {URL}/nested"_s,
            u"curl -d 'big=$(printf x)' {URL}/dollar"_s,
            u"curl --data-raw '@@at' {URL}/double-at"_s,
            u"curl -d 'a=%20already%20encoded' {URL}/pre-encoded"_s,
            // Multipart.
            u"curl -F 'a=b;type=text/plain' {URL}/mp-typed-text"_s,
            u"curl -F 'note=<note.txt;type=text/markdown' {URL}/mp-content-typed"_s,
            u"curl -d 'a=1' -H 'Content-Type: application/x-www-form-urlencoded; charset=utf-8' {URL}/form-charset"_s,
            u"curl -H 'X-M1: a' -H 'X-M2: b' -H 'X-M3: c' -H 'X-M4: d' -H 'X-M5: e' -H 'X-M6: f' {URL}/many"_s,
            u"curl -F 'f=@body.bin' -F 'g=@form.txt' {URL}/mp-two-files"_s,
            u"curl -F 'x=1' -F 'y=2' -F 'z=3' {URL}/mp-three"_s,
            u"curl -X PUT -F 'doc=@data.json;type=application/json' {URL}/mp-put"_s,
            u"curl -F 'doc=@data.json;filename=report.json' {URL}/mp-filename"_s,
            u"curl {URL}/a/b/../../dots/./here"_s,
            u"curl -F 'doc=@data.json;type=application/json;filename=\"q r.json\"' {URL}/mp-filename-quoted"_s,
            // Auth and transfer options.
            u"curl --digest -u 'd:pw' {URL}/digest-first"_s,
            u"curl -u 'user:p@ss:word' {URL}/basic-colons"_s,
            u"curl --oauth2-bearer 'eyJhbGciOiJIUzI1NiJ9.e30.sig' -H 'Accept: application/json' {URL}/jwt"_s,
            u"curl -L --max-redirs 3 {URL}/redirs"_s,
            u"curl --location-trusted -u a:b {URL}/trusted"_s,
            u"curl --http1.1 {URL}/http11"_s,
            u"curl --connect-timeout 5 --max-time 10 {URL}/timeouts"_s,
            u"curl -v -i -s -S --fail -o /dev/null -w '%{http_code}' {URL}/output-flags"_s,
            u"curl --compressed -H 'Accept-Encoding: gzip' {URL}/compressed-explicit"_s,
        };
        for (const QString& command : commands)
            QTest::newRow(qPrintable(command.left(60))) << command;
    }

    void sameWireAsCurl()
    {
        QFETCH(QString, command);
        const QString concrete = QString(command).replace(u"{URL}"_s, m_server.baseUrl());

        // curl, through the real shell.
        const Raw::ParsedRequest byCurl = capture([&] {
            auto* process = new QProcess(this);
            process->setWorkingDirectory(m_files.path());
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            process->start(u"/bin/bash"_s, {u"-c"_s, concrete + u" >/dev/null 2>&1"_s});
        });

        // Keyhole.
        Result<Interchange::CurlRequest> imported =
            Interchange::importCurl(concrete, m_files.path());
        QVERIFY2(imported.ok(), qPrintable(imported ? QString() : imported.error().toString()));
        const Model::RequestTemplate& request = imported.value().request;
        Result<Model::PreparedRequest> prepared =
            Vars::prepareRequest(request, Vars::Resolver(), m_files.path(), &request.auth);
        QVERIFY2(prepared.ok(), qPrintable(prepared ? QString() : prepared.error().toString()));
        Http::Executor executor(&m_network);
        const Raw::ParsedRequest byKeyhole = capture([&] { executor.execute(prepared.value()); });

        QCOMPARE(byKeyhole.method, byCurl.method);
        // curl writes --data-urlencode's escapes in lower case, Qt's URLs in upper case: the
        // same URL (RFC 3986 2.1), compared as such.
        QCOMPARE(upperCaseEscapes(byKeyhole.target), upperCaseEscapes(byCurl.target));
        const QByteArray curlType = Model::headerValue(byCurl.headers, "Content-Type");
        const QByteArray keyholeType = Model::headerValue(byKeyhole.headers, "Content-Type");
        QCOMPARE(withoutBoundary(byKeyhole.body, keyholeType),
                 withoutBoundary(byCurl.body, curlType));
        for (const Model::HeaderField& field : byCurl.headers) {
            if (kCurlOwn.contains(field.name.toLower()))
                continue;
            // A repeated header: Qt sends one line with the values joined by ", " (RFC 9110
            // 5.3), which the Exchange shows as sent.
            QByteArrayList values;
            for (const Model::HeaderField& same : byCurl.headers)
                if (same.name.compare(field.name, Qt::CaseInsensitive) == 0)
                    values.append(same.value);
            const QByteArray ours = Model::headerValue(byKeyhole.headers, field.name);
            QVERIFY2(!ours.isNull() ||
                         std::any_of(byKeyhole.headers.cbegin(), byKeyhole.headers.cend(),
                                     [&](const Model::HeaderField& h) {
                                         return h.name.compare(field.name, Qt::CaseInsensitive) ==
                                                0;
                                     }),
                     field.name.constData());
            QCOMPARE(withoutBoundary(ours, keyholeType) + " (" + field.name + ')',
                     withoutBoundary(values.join(", "), curlType) + " (" + field.name + ')');
        }
        for (const Model::HeaderField& field : byKeyhole.headers) {
            const bool known = kKeyholeOwn.contains(field.name.toLower()) ||
                               !Model::headerValue(byCurl.headers, field.name).isNull() ||
                               // Qt states an empty POST/PUT body; curl -X POST sends none.
                               (field.name.toLower() == "content-length" && field.value == "0");
            QVERIFY2(known, field.name.constData());
        }
        ++m_compared;
    }

    void shellQuoting_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<int>("dialect");
        QTest::newRow("bash") << u"curl 'a b' \"c \\\"d\\\"\" e\\ f $'g\\nh' 'i'\\''j'"_s
                              << QStringList{u"curl"_s, u"a b"_s,  u"c \"d\""_s,
                                             u"e f"_s,  u"g\nh"_s, u"i'j"_s}
                              << int(Interchange::ShellDialect::Posix);
        QTest::newRow("cmd") << u"curl ^\"https://x/^\" ^\n  -H ^\"A: ^\\^\"q^\\^\"^\""_s
                             << QStringList{u"curl"_s, u"https://x/"_s, u"-H"_s, u"A: \"q\""_s}
                             << int(Interchange::ShellDialect::WindowsCmd);
        QTest::newRow("powershell") << u"curl.exe `\n  -H 'It''s' \"x`\"y\""_s
                                    << QStringList{u"curl.exe"_s, u"-H"_s, u"It's"_s, u"x\"y"_s}
                                    << int(Interchange::ShellDialect::PowerShell);
    }

    void shellQuoting()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, words);
        QFETCH(int, dialect);
        QCOMPARE(int(Interchange::guessDialect(command)), dialect);
        const Result<QStringList> split =
            Interchange::splitShellWords(command, Interchange::ShellDialect(dialect));
        QVERIFY(split.ok());
        QCOMPARE(split.value(), words);
    }

    void malformedCommandsNameThePlace_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("where");
        QTest::newRow("unclosed quote") << u"curl 'http://x"_s << u"position 6"_s;
        QTest::newRow("no url") << u"curl -H 'A: 1'"_s << u"curl"_s;
        QTest::newRow("missing argument") << u"curl http://x -H"_s << u"-H"_s;
        QTest::newRow("not curl") << u"wget http://x"_s << u"argument 1"_s;
        QTest::newRow("bad header") << u"curl -H nocolon http://x"_s << u"-H nocolon"_s;
        QTest::newRow("missing file")
            << u"curl -d @/nonexistent http://x"_s << u"-d @/nonexistent"_s;
        QTest::newRow("infinite time") << u"curl -m inf http://x"_s << u"-m inf"_s;
    }

    void malformedCommandsNameThePlace()
    {
        QFETCH(QString, command);
        QFETCH(QString, where);
        const Result<Interchange::CurlRequest> imported = Interchange::importCurl(command);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error().where, where);
    }

    void promptsSudoAndWarnings()
    {
        Result<Interchange::CurlRequest> imported = Interchange::importCurl(
            u"$ sudo curl -L --max-redirs 3 -x http://proxy:3128 --frob http://h/"_s);
        QVERIFY(imported.ok());
        QCOMPARE(imported.value().request.settings.followRedirects, true);
        QCOMPARE(imported.value().request.settings.maxRedirects, 3);
        const QString warnings = imported.value().warnings.join(u'\n');
        QCOMPARE(imported.value().request.settings.proxy, u"http://proxy:3128"_s);
        QVERIFY(warnings.contains(u"unknown option --frob"_s));
        QCOMPARE(Interchange::importCurl(u"curl --max-redirs -1 -L http://h/"_s)
                     .value()
                     .request.settings.maxRedirects,
                 1000);
        // curl's transfer options become the request's settings; no -L: no redirects.
        const Model::RequestSettings settings =
            Interchange::importCurl(u"curl -k --http2 -m 2.5 --location-trusted https://h/"_s)
                .value()
                .request.settings;
        QCOMPARE(settings.verifyTls, false);
        QCOMPARE(settings.http2, true);
        QCOMPARE(settings.timeoutMs, 2500);
        QCOMPARE(settings.followRedirects, true);
        QCOMPARE(settings.trustRedirects, true);
        QCOMPARE(Interchange::importCurl(u"curl -x socks5://p:1080 -U u:p%20w --noproxy "
                                         "'.lan' http://h/"_s)
                     .value()
                     .request.settings.proxy,
                 u"socks5://u:p%2520w@p:1080"_s); // (-U is literal: % is a character)
        QCOMPARE(
            Interchange::importCurl(u"curl http://h/"_s).value().request.settings.followRedirects,
            false);
        imported = Interchange::importCurl(u"curl -H 'X-Empty;' http://h/"_s);
        QVERIFY(imported.value().warnings.join(u' ').contains(u"empty header"_s));
    }

    // curl's own auth options become Keyhole's schemes.
    void authOptionsBecomeSchemes()
    {
        Model::AuthConfig auth =
            Interchange::importCurl(u"curl --digest -u mufasa:'Circle of Life' http://h/"_s)
                .value()
                .request.auth;
        QCOMPARE(auth.kind, Model::AuthKind::Digest);
        QCOMPARE(auth.password, u"Circle of Life"_s);
        auth = Interchange::importCurl(
                   u"curl --aws-sigv4 'aws:amz:eu-west-1:execute-api' -u AKID:SECRET https://h/"_s)
                   .value()
                   .request.auth;
        QCOMPARE(auth.kind, Model::AuthKind::AwsSigV4);
        QCOMPARE(auth.awsAccessKey, u"AKID"_s);
        QCOMPARE(auth.awsSecretKey, u"SECRET"_s);
        QCOMPARE(auth.awsRegion, u"eu-west-1"_s);
        QCOMPARE(auth.awsService, u"execute-api"_s);
        auth = Interchange::importCurl(
                   u"curl --cert /pki/client.pem:s3cret --key /pki/c.key https://h/"_s)
                   .value()
                   .request.auth;
        QCOMPARE(auth.kind, Model::AuthKind::ClientCertificate);
        QCOMPARE(auth.certFile, u"/pki/client.pem"_s);
        QCOMPARE(auth.keyFile, u"/pki/c.key"_s);
        QCOMPARE(auth.keyPassphrase, u"s3cret"_s);
    }
};

QTEST_GUILESS_MAIN(TestCurlImport)
#include "tst_CurlImport.moc"
