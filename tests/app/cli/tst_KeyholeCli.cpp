#include "core/demo/LoopbackServer.h"
#include "core/workspace/JsonCodec.h"
#include "tests/support/Fixtures.h"
#include "tests/support/ServerProcess.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

using Run = Testing::ProgramRun;

// A copy of the sample workspace (sends record history into their workspace: never into the
// source tree), made in initTestCase.
QString kSample;

} // namespace

// Drives the real keyhole-cli binary, as a user or a CI script would.
class TestKeyholeCli final : public QObject {
    Q_OBJECT

    // Runs keyhole-cli while this process's event loop keeps loopback servers answering.
    Run cli(const QStringList& arguments, const QByteArray& input = {},
            const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
    {
        return Testing::runServing(QStringLiteral(KEYHOLE_CLI_PATH), arguments, input, environment);
    }

    QProcess m_demo;
    QTemporaryDir m_sampleCopy;
    QString m_demoUrl;
    QTemporaryDir m_home; // HOME and XDG dirs of every keyhole-cli started by the secret tests

    // An environment whose vault, HOME and XDG dirs are all inside m_home, and no keychain.
    QProcessEnvironment vaultEnvironment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"HOME"_s, m_home.path());
        environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        environment.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
        environment.insert(u"KEYHOLE_VAULT"_s, m_home.filePath(u"secrets.vault"_s));
        environment.insert(u"KEYHOLE_VAULT_PASSPHRASE"_s, u"test passphrase"_s);
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/keyhole-bus"_s);
        environment.remove(u"DISPLAY"_s);
        return environment;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_sampleCopy.isValid());
        kSample = m_sampleCopy.path();
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), kSample));
        m_demo.start(QStringLiteral(KEYHOLE_CLI_PATH), {u"demo-server"_s, u"--port"_s, u"0"_s});
        QVERIFY(m_demo.waitForStarted(5000));
        QVERIFY(m_demo.waitForReadyRead(5000));
        const QString banner = QString::fromUtf8(m_demo.readLine());
        const QRegularExpressionMatch match =
            QRegularExpression(u"(http://127\\.0\\.0\\.1:\\d+)"_s).match(banner);
        QVERIFY2(match.hasMatch(), qPrintable(banner));
        m_demoUrl = match.captured(1);
    }

    void cleanupTestCase()
    {
        m_demo.kill();
        m_demo.waitForFinished(5000);
    }

    void helpAndVersion()
    {
        const Run help = cli({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.startsWith("Usage: keyhole-cli"));
        const Run version = cli({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QByteArray("keyhole-cli " KEYHOLE_VERSION "\n"));
        QCOMPARE(cli({}).exitCode, 2);
    }

    void badArgumentsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown command")
            << QStringList{u"frobnicate"_s} << QByteArray("frobnicate: unknown command");
        QTest::newRow("send nothing") << QStringList{u"send"_s} << QByteArray("missing METHOD URL");
        QTest::newRow("header without value")
            << QStringList{u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s, u"-H"_s}
            << QByteArray("-H: missing value");
        QTest::newRow("header without colon")
            << QStringList{u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s, u"-H"_s, u"oops"_s}
            << QByteArray("-H oops: expected 'Name: value'");
        QTest::newRow("unknown option")
            << QStringList{u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s, u"--frob"_s}
            << QByteArray("--frob: unknown option");
        QTest::newRow("not a method")
            << QStringList{u"send"_s, u"get it"_s, u"http://127.0.0.1:1/"_s}
            << QByteArray("expected an HTTP method");
        QTest::newRow("header injection")
            << QStringList{u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s, u"-H"_s,
                           u"X: a\r\nY: b"_s}
            << QByteArray("headers[0]");
        QTest::newRow("ftp") << QStringList{u"send"_s, u"GET"_s, u"ftp://127.0.0.1/"_s}
                             << QByteArray("url: \"ftp://127.0.0.1/\" is not a valid http");
        QTest::newRow("not a workspace") << QStringList{u"send"_s, u"/nonexistent/x.request.json"_s}
                                         << QByteArray("no keyhole-workspace.json");
        QTest::newRow("unknown environment")
            << QStringList{u"send"_s, kSample + u"/demo-api/health.request.json"_s, u"--env"_s,
                           u"mars"_s}
            << QByteArray("available: local, staging");
    }

    void badArgumentsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Run run = cli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void sendPrintsWhatTheServerAnswered()
    {
        QList<Raw::ParsedRequest> received;
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{
                403, "Forbidden", {{"Content-Type", "text/plain"}, {"X-Trace", "t1"}}, "denied"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) { received.append(r); });

        const Run run = cli({u"send"_s, u"POST"_s, server.baseUrl() + u"/v1/x?a=1"_s, u"-H"_s,
                             u"Authorization: Token abc"_s, u"--data"_s, u"{\"k\": 1}"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("HTTP/1.1 403 Forbidden\n"), run.out.constData());
        QVERIFY(run.out.contains("\nX-Trace: t1\n"));
        QVERIFY(run.out.endsWith("\n\ndenied"));
        QCOMPARE(received.size(), 1);
        QCOMPARE(received[0].target, QByteArray("/v1/x?a=1"));
        QCOMPARE(Model::headerValue(received[0].headers, "Authorization"), QByteArray("Token abc"));
        QCOMPARE(Model::headerValue(received[0].headers, "Content-Type"),
                 QByteArray("application/json"));
        QCOMPARE(received[0].body, QByteArray("{\"k\": 1}"));
    }

    // The request file's "assert" rules and --assert check the answer: one line each on
    // stderr, assertions[] in --json, exit 1 when one fails.
    void assertionsCheckTheAnswer()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{
                200, "OK", {{"Content-Type", "application/json"}}, "{\"access\": \"eyJ.x\"}"};
        });
        QVERIFY(server.listen());
        QTemporaryDir dir;
        QVERIFY(cli({u"init"_s, dir.path()}).exitCode == 0);
        Model::RequestTemplate request;
        request.url = server.baseUrl() + u"/token"_s;
        Model::Assertion status;
        status.expected = u"2xx"_s;
        request.assertions.append(status);
        QVERIFY(QDir(dir.path()).mkpath(u"api"_s));
        QFile out(dir.filePath(u"api/login.request.json"_s));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(Workspace::requestToJson(request));
        out.close();
        const QStringList send{u"send"_s, out.fileName(), u"--no-history"_s};

        Run run = cli(send + QStringList{u"--assert"_s, u"json access exists"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("assert: ✓ status equals 2xx\nassert: ✓ json access exists\n"),
                 run.err.constData());

        run = cli(send + QStringList{u"--assert"_s, u"json refresh exists"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("assert: ✗ json refresh exists — no \"refresh\" in the JSON "
                                  "body\nkeyhole-cli: 1 of 2 assertions failed"),
                 run.err.constData());
        const QJsonArray results =
            QJsonDocument::fromJson(run.out).object().value(u"assertions"_s).toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0][u"actual"_s].toString(), u"200"_s);
        QCOMPARE(results[1][u"passed"_s].toBool(true), false);
        QCOMPARE(results[1][u"path"_s].toString(), u"refresh"_s);

        run = cli(send + QStringList{u"--assert"_s, u"json access"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("an operator is missing"), run.err.constData());
    }

    void rawPrintsExactlyWhatCrossedTheWire()
    {
        QList<QByteArray> received;
        Demo::LoopbackServer server([](const Raw::ParsedRequest& r) {
            if (r.target == "/old")
                return Demo::ServerResponse{301, "Moved Permanently", {{"Location", "/new"}}, {}};
            return Demo::ServerResponse{200, "OK", {{"X-Final", "1"}}, "done"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) { received.append(r.raw); });
        const Run run = cli({u"send"_s, u"GET"_s, server.baseUrl() + u"/old"_s, u"-H"_s,
                             u"X-Trace: 1"_s, u"--raw"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(received.size(), 2);
        QVERIFY(run.out.startsWith(QByteArray("* hop 1 request\n" + received[0])));
        QVERIFY(run.out.contains("\n* hop 1 response\nHTTP/1.1 301 Moved Permanently\r\n"));
        QVERIFY(run.out.contains(QByteArray("* hop 2 request\n" + received[1])));
        QVERIFY(run.out.contains("X-Final: 1\r\nContent-Length: 4\r\n\r\ndone"));
        QVERIFY2(run.err.contains("redirect: HTTP/1.1 301 Moved Permanently → "),
                 run.err.constData());
    }

    // A request file's settings apply; the command line's flags win over them; a curl
    // command without -L does not follow, as curl does not.
    void requestSettingsAndFlagsThatWin()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest& r) {
            if (r.target == "/old")
                return Demo::ServerResponse{302, "Found", {{"Location", "/new"}}, {}};
            return Demo::ServerResponse{200, "OK", {}, "done"};
        });
        QVERIFY(server.listen());
        QTemporaryDir dir;
        QVERIFY(cli({u"init"_s, dir.path()}).exitCode == 0);
        QVERIFY(QDir(dir.path()).mkpath(u"api"_s));
        Model::RequestTemplate request;
        request.url = server.baseUrl() + u"/old"_s;
        request.settings.followRedirects = false;
        const QString file = dir.filePath(u"api/old.request.json"_s);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(Workspace::requestToJson(request));
        out.close();
        const QStringList send{u"send"_s, file, u"--no-history"_s};
        QVERIFY(cli(send).out.startsWith("HTTP/1.1 302 Found"));
        QVERIFY(cli(send + QStringList{u"--follow"_s}).out.startsWith("HTTP/1.1 200 OK"));

        const QString url = server.baseUrl() + u"/old"_s;
        QVERIFY(cli({u"send"_s, u"--curl"_s, u"curl "_s + url}).out.startsWith("HTTP/1.1 302"));
        QVERIFY(cli({u"send"_s, u"--curl"_s, u"curl -L "_s + url}).out.startsWith("HTTP/1.1 200"));

        // --cacert reaches the sender: a file without a certificate stops the send at once.
        const Run refused = cli({u"send"_s, u"GET"_s, u"https://127.0.0.1:9/"_s, u"--cacert"_s,
                                 file, u"--no-history"_s});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("CA certificates file"), refused.err.constData());
    }

    void jsonFollowsTheDocumentedContract()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest& r) {
            if (r.target == "/start")
                return Demo::ServerResponse{302, "Found", {{"Location", "/end"}}, {}};
            return Demo::ServerResponse{401,
                                        "Unauthorized",
                                        {{"WWW-Authenticate", "Bearer realm=\"api\""},
                                         {"Set-Cookie", "a=1"},
                                         {"Set-Cookie", "b=2"}},
                                        QByteArray("\xff\x00binary", 8)};
        });
        QVERIFY(server.listen());
        const Run run = cli({u"send"_s, u"GET"_s, server.baseUrl() + u"/start"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(run.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(root.value(u"final_status"_s).toInt(), 401);
        QVERIFY(root.value(u"error"_s).isNull());
        const QJsonArray hops = root.value(u"hops"_s).toArray();
        QCOMPARE(hops.size(), 2);
        for (const QJsonValue& value : hops) {
            const QJsonObject hop = value.toObject();
            const QJsonObject request = hop.value(u"request"_s).toObject();
            QCOMPARE(request.value(u"method"_s).toString(), u"GET"_s);
            QVERIFY(request.value(u"url"_s).toString().startsWith(server.baseUrl()));
            QVERIFY(request.value(u"raw"_s).toString().startsWith(u"GET /"_s));
            const QJsonObject response = hop.value(u"response"_s).toObject();
            for (const QString& key :
                 {u"status"_s, u"reason"_s, u"http_version"_s, u"headers"_s, u"body_base64"_s})
                QVERIFY2(response.contains(key), qPrintable(key));
            QVERIFY(hop.value(u"timings"_s).isObject());
            QVERIFY(hop.value(u"dropped_headers"_s).isArray());
        }
        const QJsonObject last = hops[1].toObject().value(u"response"_s).toObject();
        QCOMPARE(last.value(u"reason"_s).toString(), u"Unauthorized"_s);
        QCOMPARE(last.value(u"http_version"_s).toString(), u"HTTP/1.1"_s);
        QCOMPARE(QByteArray::fromBase64(last.value(u"body_base64"_s).toString().toLatin1()),
                 QByteArray("\xff\x00binary", 8));
        const QJsonArray headers = last.value(u"headers"_s).toArray();
        QVERIFY(headers.contains(QJsonArray{u"Set-Cookie"_s, u"a=1"_s}));
        QVERIFY(headers.contains(QJsonArray{u"Set-Cookie"_s, u"b=2"_s}));
    }

    void repeatSendsInARowAndSummarises()
    {
        int received = 0;
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200, "OK", {}, "n"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this, [&] { ++received; });
        const Run run =
            cli({u"send"_s, u"GET"_s, server.baseUrl() + u"/r"_s, u"--repeat"_s, u"25"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(received, 25);
        QVERIFY(run.out.startsWith("HTTP/1.1 200 OK\n"));
        QVERIFY2(run.err.contains("repeat: 25 requests in "), run.err.constData());
        QCOMPARE(cli({u"send"_s, u"GET"_s, server.baseUrl(), u"--repeat"_s, u"0"_s}).exitCode, 2);
    }

    void initCreatesAnEmptyWorkspace()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(u"api"_s);
        Run run = cli({u"init"_s, root, u"--name"_s, u"Shop API"_s});
        QCOMPARE(run.exitCode, 0);
        QFile manifest(root + u"/keyhole-workspace.json"_s);
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(manifest.readAll()).object();
        QCOMPARE(json.value(u"name"_s).toString(), u"Shop API"_s);
        QCOMPARE(json.value(u"id"_s).toString().size(), 36);
        QVERIFY(QDir(root + u"/environments"_s).exists());
        run = cli({u"init"_s, root});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("already a Keyhole workspace"));
    }

    void environmentVariablesAndSecrets()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(u"ws"_s);
        const QProcessEnvironment environment = vaultEnvironment();
        QCOMPARE(cli({u"init"_s, root}).exitCode, 0);
        const QStringList staging{u"--workspace"_s, root, u"--env"_s, u"staging"_s};
        QCOMPARE(cli(QStringList{u"env"_s, u"set"_s} + staging + QStringList{u"host"_s, u"h1"_s},
                     {}, environment)
                     .exitCode,
                 0);
        Run run =
            cli(QStringList{u"env"_s, u"set"_s} + staging + QStringList{u"token"_s, u"--secret"_s},
                "tok-123\n", environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("notice: no OS keychain answers here"), run.err.constData());

        run = cli(QStringList{u"env"_s, u"show"_s} + staging, {}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("host = h1\n"));
        QVERIFY2(run.out.contains("token = \xe2\x80\xa2"), run.out.constData());
        QVERIFY(run.out.contains("(secret, in the vault)"));
        QVERIFY(!run.out.contains("tok-123"));

        run = cli(QStringList{u"env"_s, u"list"_s, u"--workspace"_s, root}, {}, environment);
        QCOMPARE(run.out, QByteArray("staging\t2 variables, 1 secret\n"));

        // This machine's current value (the environment manager writes it) is shown and kept.
        QVERIFY(QDir().mkpath(root + u"/.keyhole/environments"_s));
        QFile local(root + u"/.keyhole/environments/staging.json"_s);
        QVERIFY(local.open(QIODevice::WriteOnly));
        local.write(R"({"currentValues": {"host": "mine"}, "schemaVersion": 1})");
        local.close();
        QCOMPARE(cli(QStringList{u"env"_s, u"set"_s} + staging + QStringList{u"x"_s, u"1"_s}, {},
                     environment)
                     .exitCode,
                 0);
        run = cli(QStringList{u"env"_s, u"show"_s} + staging, {}, environment);
        QVERIFY2(run.out.contains("host = mine  (current value on this machine; shared: h1)\n"),
                 run.out.constData());
        QCOMPARE(
            cli(QStringList{u"env"_s, u"unset"_s} + staging + QStringList{u"x"_s}, {}, environment)
                .exitCode,
            0);
        // What env set sets is what counts: the current value goes.
        QCOMPARE(cli(QStringList{u"env"_s, u"set"_s} + staging + QStringList{u"host"_s, u"h1"_s},
                     {}, environment)
                     .exitCode,
                 0);
        QVERIFY(!QFileInfo::exists(local.fileName()));

        // A secret on the command line would land in shell history: refused.
        run = cli(QStringList{u"env"_s, u"set"_s} + staging + QStringList{u"token"_s, u"x"_s}, {},
                  environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("never from the command line"));

        QCOMPARE(cli(QStringList{u"env"_s, u"unset"_s} + staging + QStringList{u"token"_s}, {},
                     environment)
                     .exitCode,
                 0);
        run = cli(QStringList{u"env"_s, u"show"_s} + staging, {}, environment);
        QCOMPARE(run.out, QByteArray("host = h1\n"));
    }

    void unresolvedVariablesCanBeRefused()
    {
        const Run run = cli({u"send"_s, u"GET"_s, u"http://127.0.0.1:9/{{nowhere}}"_s, u"-H"_s,
                             u"Authorization: Bearer {{token}}"_s, u"--fail-on-unresolved"_s,
                             u"--no-history"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("not sent: {{nowhere}}, {{token}} would go out literally"),
                 run.err.constData());
    }

    // A sentinel secret is used on the wire but appears in no file and no default output.
    void secretsNeverLandInFilesOrOutput()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(u"ws"_s);
        const QProcessEnvironment environment = vaultEnvironment();
        const QByteArray sentinel = "SENTINEL-7f3a-do-not-leak";
        QCOMPARE(cli({u"init"_s, root}).exitCode, 0);
        const QStringList local{u"--workspace"_s, root, u"--env"_s, u"local"_s};
        QCOMPARE(
            cli(QStringList{u"env"_s, u"set"_s} + local + QStringList{u"token"_s, u"--secret"_s},
                sentinel, environment)
                .exitCode,
            0);

        QList<QByteArray> received;
        Demo::LoopbackServer server([sentinel](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{
                200, "OK", {{"X-Echo", "Bearer " + sentinel}}, "you sent " + sentinel};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) { received.append(r.raw); });
        const QStringList send =
            QStringList{u"send"_s, u"GET"_s, server.baseUrl() + u"/?t={{token}}"_s, u"-H"_s,
                        u"Authorization: Bearer {{token}}"_s} +
            local;
        for (const QStringList& extra :
             {QStringList{}, QStringList{u"--raw"_s}, QStringList{u"--json"_s}}) {
            const Run run = cli(send + extra, {}, environment);
            QCOMPARE(run.exitCode, 0);
            QVERIFY2(!run.out.contains(sentinel) && !run.err.contains(sentinel),
                     qPrintable(extra.join(u' ')));
        }
        QCOMPARE(received.size(), 3);
        for (const QByteArray& raw : std::as_const(received))
            QVERIFY(raw.contains(QByteArray("Authorization: Bearer " + sentinel))); // really sent
        const Run revealed =
            cli(send + QStringList{u"--raw"_s, u"--reveal-secrets"_s}, {}, environment);
        QVERIFY(revealed.out.contains(QByteArray("Authorization: Bearer " + sentinel)));

        QCOMPARE(Testing::filesContaining(root, sentinel), QStringList());
        QCOMPARE(Testing::filesContaining(m_home.path(), sentinel), QStringList());
        QVERIFY(QFile::exists(m_home.filePath(u"secrets.vault"_s)));
    }

    // env compare: two environments side by side, secrets compared by fingerprint only.
    void environmentsCompareSideBySide()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(u"ws"_s);
        const QProcessEnvironment environment = vaultEnvironment();
        QCOMPARE(cli({u"init"_s, root}).exitCode, 0);
        auto set = [&](const QString& env, const QStringList& rest, const QByteArray& input = {}) {
            return cli(QStringList{u"env"_s, u"set"_s, u"--workspace"_s, root, u"--env"_s, env} +
                           rest,
                       input, environment)
                .exitCode;
        };
        QCOMPARE(set(u"local"_s, {u"host"_s, u"http://127.0.0.1"_s}), 0);
        QCOMPARE(set(u"local"_s, {u"token"_s, u"--secret"_s}, "SENTINEL-same-token\n"), 0);
        QCOMPARE(set(u"local"_s, {u"only"_s, u"here"_s}), 0);
        QCOMPARE(set(u"staging"_s, {u"host"_s, u"https://staging.test"_s}), 0);
        QCOMPARE(set(u"staging"_s, {u"token"_s, u"--secret"_s}, "SENTINEL-same-token\n"), 0);
        const QStringList compare{u"env"_s,   u"compare"_s, u"--workspace"_s, root,
                                  u"--env"_s, u"local"_s,   u"--env"_s,       u"staging"_s};
        Run run = cli(compare, {}, environment);
        QCOMPARE(run.exitCode, 1); // they differ
        QVERIFY2(run.out.startsWith("STATE\tNAME\tlocal\tstaging\n"), run.out.constData());
        QVERIFY(run.out.contains("differs\thost\thttp://127.0.0.1\thttps://staging.test\n"));
        QVERIFY(run.out.contains("\nsame\ttoken\t"));
        QVERIFY(run.out.contains("\nonly-local\tonly\there\t"));
        QVERIFY(!run.out.contains("SENTINEL"));
        QVERIFY2(run.err.contains("2 of 3 variables differ between local and staging"),
                 run.err.constData());
        QCOMPARE(cli({u"env"_s, u"compare"_s, u"--workspace"_s, root, u"--env"_s, u"local"_s}, {},
                     environment)
                     .exitCode,
                 2);
    }

    void cookiesLiveInTheEnvironmentsJar()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(u"ws"_s);
        const QProcessEnvironment environment = vaultEnvironment();
        const QByteArray sentinel = "SENTINEL-cookie-4b1d";
        QCOMPARE(cli({u"init"_s, root}).exitCode, 0);
        const QStringList local{u"--workspace"_s, root, u"--env"_s, u"local"_s};
        QCOMPARE(cli(QStringList{u"env"_s, u"set"_s} + local + QStringList{u"host"_s, u"x"_s}, {},
                     environment)
                     .exitCode,
                 0);

        QList<QByteArray> cookies; // the Cookie header of each request received
        Demo::LoopbackServer server([sentinel](const Raw::ParsedRequest& r) {
            if (r.target == "/login")
                return Demo::ServerResponse{
                    200,
                    "OK",
                    {{"Set-Cookie", "sessionid=" + sentinel + "; Path=/; HttpOnly"}},
                    {}};
            if (r.target == "/logout")
                return Demo::ServerResponse{
                    200, "OK", {{"Set-Cookie", "sessionid=; Path=/; Max-Age=0"}}, {}};
            return Demo::ServerResponse{200, "OK", {}, "me"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) {
                    cookies.append(Model::headerValue(r.headers, "Cookie"));
                });
        auto send = [&](const QString& path, const QStringList& extra = {}) {
            return cli(QStringList{u"send"_s, server.baseUrl() + path} + local + extra, {},
                       environment);
        };
        Run run = send(u"/login"_s, {u"--raw"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("cookies: sessionid in the jar of environment local (values in "
                                  "the vault)"),
                 run.err.constData());
        QVERIFY(!run.out.contains(sentinel) && !run.err.contains(sentinel)); // masked
        // A later run sends it back; --no-cookies neither sends nor keeps.
        QCOMPARE(send(u"/me"_s).exitCode, 0);
        QCOMPARE(send(u"/me"_s, {u"--no-cookies"_s}).exitCode, 0);
        QCOMPARE(cookies.size(), 3);
        QVERIFY(cookies[0].isNull());
        QCOMPARE(cookies[1], QByteArray("sessionid=" + sentinel));
        QVERIFY(cookies[2].isNull());

        run = cli(QStringList{u"env"_s, u"cookies"_s} + local, {}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("127.0.0.1\t/\tsessionid=\xe2\x80\xa2"), run.out.constData());
        QVERIFY(run.out.contains("\tsession\tHttpOnly\n"));
        QCOMPARE(Testing::filesContaining(root, sentinel), QStringList());
        QCOMPARE(Testing::filesContaining(m_home.path(), sentinel), QStringList());
        QVERIFY(QFile::exists(root + u"/.keyhole/cookies/local.json"_s));

        // The server deletes it; env cookies --clear empties the jar.
        run = send(u"/logout"_s);
        QVERIFY2(run.err.contains("cookies: the jar of environment local is empty now"),
                 run.err.constData());
        QVERIFY(!QFile::exists(root + u"/.keyhole/cookies/local.json"_s));
        QCOMPARE(send(u"/login"_s).exitCode, 0);
        run = cli(QStringList{u"env"_s, u"cookies"_s} + local + QStringList{u"--clear"_s}, {},
                  environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.contains("1 cookie(s) of environment local deleted"));
        QCOMPARE(cli(QStringList{u"env"_s, u"cookies"_s} + local, {}, environment).out,
                 QByteArray());
    }

    void diagnoseExplainsTheFirst401()
    {
        const QStringList common{
            u"--env"_s, u"local"_s,     u"--var"_s,     u"baseUrl="_s + m_demoUrl,
            u"--var"_s, u"token=abc"_s, u"--diagnose"_s};
        const QString file = kSample + u"/demo-api/items/list-items-token-prefix.request.json"_s;
        Run run = cli(QStringList{u"send"_s, file} + common);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("--- Diagnosis ---\n1. drf-scheme-mismatch (confirmed)"),
                 run.out.constData());
        QVERIFY(run.out.contains("Fix: Switch the prefix to \"Bearer\""));

        run = cli(QStringList{u"send"_s, file} + common + QStringList{u"--json"_s});
        const QJsonArray findings =
            QJsonDocument::fromJson(run.out).object().value(u"findings"_s).toArray();
        QVERIFY(!findings.isEmpty());
        const QJsonObject top = findings.first().toObject();
        QCOMPARE(top.value(u"id"_s).toString(), u"drf-scheme-mismatch"_s);
        QCOMPARE(top.value(u"confidence"_s).toString(), u"confirmed"_s);
        for (const QString& key : {u"title"_s, u"explanation"_s, u"fixes"_s, u"evidence"_s})
            QVERIFY(top.contains(key));
        const QJsonObject evidence = top.value(u"evidence"_s).toArray().first().toObject();
        for (const QString& key : {u"hop"_s, u"part"_s, u"start"_s, u"end"_s})
            QVERIFY(evidence.contains(key));

        run = cli(QStringList{u"send"_s, kSample + u"/demo-api/health.request.json"_s} + common);
        QVERIFY(run.out.contains("Not an authentication failure"));
    }

    // --probe confirms instead of guessing: with a valid token the re-send with "Bearer" gets
    // through (confirmed, in history as a probe); with an invalid one it does not, and says so.
    void probeConfirmsOrRefutesTheFinding()
    {
        QTemporaryDir dir;
        Testing::freshSampleCopy(dir.path());
        const Run login = cli({u"send"_s, u"POST"_s, m_demoUrl + u"/api/token/"_s, u"-H"_s,
                               u"Content-Type: application/json"_s, u"--data"_s,
                               u"{\"username\":\"demo\",\"password\":\"demo\"}"_s, u"--json"_s});
        const QJsonObject answer = QJsonDocument::fromJson(login.out).object();
        const QByteArray body = QByteArray::fromBase64(answer.value(u"hops"_s)
                                                           .toArray()
                                                           .last()
                                                           .toObject()
                                                           .value(u"response"_s)
                                                           .toObject()
                                                           .value(u"body_base64"_s)
                                                           .toString()
                                                           .toLatin1());
        const QString access = QJsonDocument::fromJson(body).object().value(u"access"_s).toString();
        QVERIFY2(!access.isEmpty(), login.out.constData());

        const QString file = dir.filePath(u"demo-api/items/list-items-token-prefix.request.json"_s);
        const QStringList common{u"send"_s,   file,       u"--env"_s,
                                 u"local"_s,  u"--var"_s, u"baseUrl="_s + m_demoUrl,
                                 u"--probe"_s};
        Run run = cli(common + QStringList{u"--var"_s, u"token="_s + access});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("probe: Switch the prefix to \"Bearer\": confirmed → 200 OK"),
                 run.err.constData());
        QVERIFY2(run.out.contains("1. drf-scheme-mismatch (confirmed)"), run.out.constData());
        QVERIFY(run.out.contains("Confirmed by a probe"));
        QVERIFY(!run.out.contains(access.toUtf8()));
        const Run history = cli({u"history"_s, u"--workspace"_s, dir.path(), u"--json"_s});
        QVERIFY2(history.out.contains("\"label\": \"probe: Switch the prefix to \\\"Bearer\\\"\""),
                 history.out.constData());

        run = cli(common + QStringList{u"--var"_s, u"token=abc"_s, u"--json"_s});
        const QJsonArray probes =
            QJsonDocument::fromJson(run.out).object().value(u"probes"_s).toArray();
        QCOMPARE(probes.size(), 1);
        const QJsonObject probe = probes.first().toObject();
        QCOMPARE(probe.value(u"finding"_s).toString(), u"drf-scheme-mismatch"_s);
        QCOMPARE(probe.value(u"confirmed"_s).toBool(), false);
        QVERIFY(probe.value(u"outcome"_s).toString().startsWith(u"401"_s));
        QVERIFY(probe.value(u"history"_s).toString().startsWith(u'h'));
    }

    void authOptionsBuildTheHeaders()
    {
        QList<Raw::ParsedRequest> received;
        Demo::LoopbackServer server(
            [](const Raw::ParsedRequest&) { return Demo::ServerResponse{}; });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) { received.append(r); });
        const QString url = server.baseUrl() + u"/a"_s;
        QCOMPARE(cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"basic"_s, u"--user"_s, u"u:pw"_s})
                     .exitCode,
                 0);
        QCOMPARE(cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"bearer"_s, u"--token"_s, u"@-"_s,
                      u"--prefix"_s, u"Token"_s},
                     "tok-from-stdin\n")
                     .exitCode,
                 0);
        QCOMPARE(cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"apikey"_s, u"--key"_s, u"api_key"_s,
                      u"--value"_s, u"k1"_s, u"--in"_s, u"query"_s})
                     .exitCode,
                 0);
        QCOMPARE(received.size(), 3);
        QCOMPARE(Model::headerValue(received[0].headers, "Authorization"),
                 "Basic " + QByteArray("u:pw").toBase64());
        QCOMPARE(Model::headerValue(received[1].headers, "Authorization"),
                 QByteArray("Token tok-from-stdin"));
        QCOMPARE(received[2].target, QByteArray("/a?api_key=k1"));
        // AWS Signature V4: the header form, then a presigned URL; the secret comes from stdin.
        QCOMPARE(cli({u"send"_s, u"GET"_s, url + u"?b=2&a=1"_s, u"--auth"_s, u"aws-sigv4"_s,
                      u"--access-key"_s, u"AKIDEXAMPLE"_s, u"--secret-key"_s, u"@-"_s,
                      u"--region"_s, u"eu-west-1"_s, u"--service"_s, u"execute-api"_s},
                     "aws-secret-from-stdin\n")
                     .exitCode,
                 0);
        QCOMPARE(
            cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"aws-sigv4"_s, u"--access-key"_s,
                 u"AKIDEXAMPLE"_s, u"--secret-key"_s, u"s"_s, u"--session-token"_s, u"tok/en+"_s,
                 u"--region"_s, u"us-east-1"_s, u"--service"_s, u"s3"_s, u"--in"_s, u"query"_s})
                .exitCode,
            0);
        QCOMPARE(received.size(), 5);
        const QByteArray signature = Model::headerValue(received[3].headers, "Authorization");
        const QByteArray day = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd"_s).toLatin1();
        QVERIFY2(signature.startsWith(QByteArray("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + day +
                                                 "/eu-west-1/execute-api/aws4_request, "
                                                 "SignedHeaders=host;x-amz-date, Signature=")),
                 signature.constData());
        QVERIFY(Model::headerValue(received[3].headers, "X-Amz-Date")
                    .startsWith(QByteArray(day + 'T')));
        QCOMPARE(received[3].target, QByteArray("/a?b=2&a=1"));
        QVERIFY(received[4].target.startsWith(QByteArray(
            "/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F" + day)));
        QVERIFY(received[4].target.contains("&X-Amz-Security-Token=tok%2Fen%2B&"));
        QVERIFY(received[4].target.contains("&X-Amz-Signature="));
        QVERIFY(Model::headerValue(received[4].headers, "Authorization").isNull());

        const Run unsupported = cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"oauth2"_s});
        QCOMPARE(unsupported.exitCode, 2);
        QVERIFY(unsupported.err.contains("--token-url"));
        QCOMPARE(cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"hawk"_s}).exitCode, 2);
        const Run noLoginUrl = cli(
            {u"send"_s, u"GET"_s, url, u"--auth"_s, u"django-session"_s, u"--user"_s, u"u:p"_s});
        QCOMPARE(noLoginUrl.exitCode, 2);
        QVERIFY(noLoginUrl.err.contains("--login-url"));
        QCOMPARE(cli({u"send"_s, u"GET"_s, url, u"--auth"_s, u"bearer"_s}).exitCode, 2);
    }

    // Log in once; the token lands in the environment's secrets; the next request uses it.
    void loginStoresTheTokenForTheNextRequest()
    {
        QTemporaryDir dir;
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), dir.path(),
                                  {{"http://127.0.0.1:8765", m_demoUrl.toUtf8()}}));
        const QProcessEnvironment environment = vaultEnvironment();
        const QStringList local{u"--env"_s, u"local"_s};
        Run run =
            cli(QStringList{u"send"_s, dir.filePath(u"demo-api/auth/login.request.json"_s)} + local,
                {}, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("stored {{token}} in environment local (secret, vault)"),
                 run.err.constData());
        run =
            cli(QStringList{u"send"_s, dir.filePath(u"demo-api/items/list-items.request.json"_s)} +
                    local,
                {}, environment);
        QVERIFY2(run.out.startsWith("HTTP/1.1 200 OK"), run.out.constData());
        QVERIFY(!Testing::readAll(dir.filePath(u"environments/local.json"_s)).contains("eyJ"));
    }

    void diffExitCodesAndOutput()
    {
        const QString items = kSample + u"/demo-api/items/list-items.request.json"_s;
        const QString prefix = kSample + u"/demo-api/items/list-items-token-prefix.request.json"_s;
        Run run = cli({u"diff"_s, items, prefix, u"--env"_s, u"local"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.startsWith("# 1 header differs · 2 lines changed\n"
                                    "# authorization: scheme Bearer → Token\n--- "),
                 run.out.constData());
        // The token was never set: it went out literally, and the diff says so plainly.
        QVERIFY2(run.out.contains("-Authorization: Bearer {{token}}\n"), run.out.constData());
        run = cli({u"diff"_s, items, items, u"--env"_s, u"local"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        // The same request under two environments (staging has another base URL).
        run = cli({u"diff"_s, items, u"--env"_s, u"local"_s, u"--env-b"_s, u"staging"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("[local]\n+++ ") && run.out.contains("[staging]\n"),
                 run.out.constData());
        QVERIFY(run.out.contains("-Host: 127.0.0.1:8765\n+Host: localhost:8765"));
        // "Works in curl, fails here": the request curl would send against this one.
        run = cli({u"diff"_s, u"--curl"_s,
                   u"curl http://127.0.0.1:8765/api/items/ -H 'Accept: application/json' "
                   "-H 'Authorization: Bearer {{token}}'"_s,
                   items, u"--env"_s, u"local"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(cli({u"diff"_s, items}).exitCode, 2);
        QCOMPARE(cli({u"diff"_s, u"17"_s, items}).exitCode, 2);
    }

    // Two environments' secret tokens compare by value (as fingerprints), not as two identical
    // unresolved "{{token}}": diff reads the secret store as send does.
    void diffUnderTwoEnvironmentsReadsSecretTokens()
    {
        QTemporaryDir dir;
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), dir.path()));
        const QProcessEnvironment environment = vaultEnvironment();
        for (const auto& [name, token] : {std::pair{u"local"_s, QByteArray("tok-local-1")},
                                          std::pair{u"staging"_s, QByteArray("tok-staging-2")}}) {
            QCOMPARE(cli({u"env"_s, u"set"_s, u"--workspace"_s, dir.path(), u"--env"_s, name,
                          u"token"_s, u"--secret"_s},
                         token, environment)
                         .exitCode,
                     0);
        }
        const Run run = cli({u"diff"_s, dir.filePath(u"demo-api/items/list-items.request.json"_s),
                             u"--env"_s, u"local"_s, u"--env-b"_s, u"staging"_s},
                            {}, environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("# authorization: value differs"), run.out.constData());
        QVERIFY(!run.out.contains("tok-") && !run.err.contains("tok-"));
        QVERIFY(!run.out.contains("{{token}}"));
    }

    void transportErrorExitsThree()
    {
        const Run run = cli({u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("refused"), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // The new user's first minutes: the sample workspace against the demo API.
    void sampleWorkspaceFirstSendFirst401ThenLogin()
    {
        const QStringList common{u"--env"_s, u"local"_s, u"--var"_s, u"baseUrl="_s + m_demoUrl};
        Run run =
            cli(QStringList{u"send"_s, kSample + u"/demo-api/health.request.json"_s} + common);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("HTTP/1.1 200 OK"), run.out.constData());

        run = cli(QStringList{u"send"_s, kSample + u"/demo-api/items/list-items.request.json"_s} +
                  common);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("HTTP/1.1 401 Unauthorized"));
        QVERIFY(run.out.contains("WWW-Authenticate: Bearer realm=\"api\""));
        QVERIFY2(run.err.contains("Unresolved variables sent literally: {{token}}"),
                 run.err.constData());

        // Relative request path, resolved against --workspace.
        run = cli(QStringList{u"send"_s, u"demo-api/auth/login.request.json"_s, u"--workspace"_s,
                              kSample} +
                  common);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("HTTP/1.1 200 OK"));
        const QByteArray body = run.out.mid(run.out.indexOf("\n\n") + 2);
        const QString access = QJsonDocument::fromJson(body).object().value(u"access"_s).toString();
        QVERIFY(!access.isEmpty());

        run = cli(QStringList{u"send"_s, kSample + u"/demo-api/items/list-items.request.json"_s} +
                  common + QStringList{u"--var"_s, u"token="_s + access});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("HTTP/1.1 200 OK"), run.out.constData());
        QVERIFY2(QRegularExpression(u"^history: h\\d+\n$"_s)
                     .match(QString::fromUtf8(run.err))
                     .hasMatch(),
                 run.err.constData());

        // Token prefix against a Bearer server: the header is ignored.
        run = cli(QStringList{u"send"_s,
                              kSample + u"/demo-api/items/list-items-token-prefix.request.json"_s} +
                  common + QStringList{u"--var"_s, u"token="_s + access});
        QVERIFY(run.out.contains("Authentication credentials were not provided."));
    }

    void historyRecordsListsShowsAndCompares()
    {
        QTemporaryDir dir;
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), dir.path()));
        const QStringList common{u"--workspace"_s, dir.path(), u"--env"_s,
                                 u"local"_s,       u"--var"_s, u"baseUrl="_s + m_demoUrl};
        const QString items = u"demo-api/items/list-items.request.json"_s;
        Run run = cli(QStringList{u"send"_s, items} + common); // 401: no token yet
        QCOMPARE(run.err.count("history: h1\n"), 1);
        run = cli(QStringList{u"send"_s, u"demo-api/auth/login.request.json"_s} + common);
        QCOMPARE(run.exitCode, 0);
        const QString access = QJsonDocument::fromJson(run.out.mid(run.out.indexOf("\n\n") + 2))
                                   .object()
                                   .value(u"access"_s)
                                   .toString();
        QVERIFY(!access.isEmpty());
        run = cli(QStringList{u"send"_s, items, u"--var"_s, u"token="_s + access} + common);
        QVERIFY(run.err.contains("history: h3\n"));
        run = cli(QStringList{u"send"_s, items, u"--no-history"_s} + common);
        QVERIFY(!run.err.contains("history:"));

        // The list, newest first; filtered by status.
        run = cli({u"history"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith("h3 ") && lines[0].contains(" 200 ") &&
                     lines[0].contains(QByteArray("GET " + m_demoUrl.toUtf8() + "/api/items/")) &&
                     lines[0].contains("demo-api/items/list-items.request.json  [local]"),
                 lines[0].constData());
        run =
            cli({u"history"_s, u"--workspace"_s, dir.path(), u"--status"_s, u"4xx"_s, u"--json"_s});
        const QJsonArray listed = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0].toObject().value(u"id"_s).toString(), u"h1"_s);
        QCOMPARE(listed[0].toObject().value(u"status"_s).toInt(), 401);

        // Secrets never stored: the token went out in h3 and came back in h2's body.
        QDirIterator files(dir.path() + u"/.keyhole"_s, QDir::Files | QDir::Hidden,
                           QDirIterator::Subdirectories);
        int checked = 0;
        while (files.hasNext()) {
            const QByteArray bytes = Testing::readAll(files.next());
            QVERIFY2(!bytes.contains(access.toUtf8()), qPrintable(files.filePath()));
            ++checked;
        }
        QVERIFY(checked >= 4); // .gitignore, index, three entries

        run = cli({u"history"_s, u"show"_s, u"last"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("GET /api/items/ HTTP/1.1") &&
                     run.out.contains("HTTP/1.1 200 OK"),
                 run.out.constData());
        run = cli({u"history"_s, u"show"_s, u"h9"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 2);

        // Compare the failing send with the one that worked: requests and responses.
        run = cli({u"diff"_s, u"h1"_s, u"last"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("--- h1 request\n+++ last request\n"), run.out.constData());
        // The unresolved {{token}} of h1 (no secret: shown) against h3's token (a fingerprint).
        QVERIFY(run.out.contains("# authorization: value differs\n"));
        QVERIFY(run.out.contains("-Authorization: Bearer {{token}}\n"));
        QVERIFY(run.out.contains("+Authorization: Bearer \xe2\x80\xb9"
                                 "fingerprint "));
        QVERIFY(run.out.contains("--- h1 response\n+++ last response\n"));
        // (Date may differ too when the sends straddle a second: then it sits between them.)
        QVERIFY(run.out.contains("\n-HTTP/1.1 401 Unauthorized\n") &&
                run.out.contains("\n+HTTP/1.1 200 OK\n"));
        QVERIFY(!run.out.contains(access.toUtf8()));
        run = cli({u"diff"_s, u"h3"_s, u"h3"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 0);
        run = cli({u"diff"_s, u"h1"_s, u"h7"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 2);

        // HAR out of history: valid by the HAR schema's own validator (har-validator, the
        // library Postman's tools use), one entry per hop, no token, and it imports back.
        const QString har = dir.filePath(u"sends.har"_s);
        run = cli({u"export"_s, u"har"_s, u"--workspace"_s, dir.path(), u"-o"_s, har});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("Exported 3 send(s), 3 HAR entries"), run.out.constData());
        const QByteArray harBytes = Testing::readAll(har);
        QVERIFY(!harBytes.contains(access.toUtf8()));
        const QJsonArray entries = QJsonDocument::fromJson(harBytes)
                                       .object()
                                       .value(u"log"_s)
                                       .toObject()
                                       .value(u"entries"_s)
                                       .toArray();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[0].toObject().value(u"response"_s).toObject().value(u"status"_s).toInt(),
                 401);
        QVERIFY(entries[0]
                    .toObject()
                    .value(u"comment"_s)
                    .toString()
                    .startsWith(u"h1 · demo-api/items/list-items.request.json · local"_s));
        const QString validate =
            u"require('har-validator').har(JSON.parse(require('fs').readFileSync(process.argv[1])))"
            ".then(() => console.log('valid')).catch(e => { console.error(JSON.stringify(e.errors || e)); process.exit(1); });"_s;
        QProcessEnvironment node = QProcessEnvironment::systemEnvironment();
        node.insert(u"NODE_PATH"_s, QStringLiteral(KEYHOLE_SOURCE_DIR "/tests/js/node_modules"));
        const Testing::ProgramRun validated =
            Testing::runServing(u"node"_s, {u"-e"_s, validate, har}, {}, node);
        QVERIFY2(validated.exitCode == 0 && validated.out.trimmed() == "valid",
                 validated.err.constData());
        run = cli({u"export"_s, u"har"_s, u"--workspace"_s, dir.path(), u"--history"_s, u"h2,h3"_s,
                   u"-o"_s, u"-"_s});
        QCOMPARE(QJsonDocument::fromJson(run.out)
                     .object()
                     .value(u"log"_s)
                     .toObject()
                     .value(u"entries"_s)
                     .toArray()
                     .size(),
                 2);
        QTemporaryDir back;
        QCOMPARE(cli({u"init"_s, back.path()}).exitCode, 0);
        run = cli({u"import"_s, u"har"_s, har, u"--into"_s, back.path()}, {}, vaultEnvironment());
        QVERIFY2(run.exitCode == 0 && run.out.contains("3 request(s)"), run.out.constData());
        run = cli({u"diff"_s, u"h1"_s, u"h3"_s, u"--workspace"_s, dir.path(),
                   u"--ignore-json-path"_s, u"$.items["_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("unclosed ["), run.err.constData());

        // Deleting: all or none (an unknown id deletes nothing), clear only with --yes.
        run = cli({u"history"_s, u"delete"_s, u"h1"_s, u"h9"_s, u"--workspace"_s, dir.path()});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(cli({u"history"_s, u"show"_s, u"h1"_s, u"--workspace"_s, dir.path()}).exitCode, 0);
        run = cli({u"history"_s, u"delete"_s, u"h1,last"_s, u"--workspace"_s, dir.path()});
        QVERIFY2(run.exitCode == 0 && run.out == "Deleted 2 send(s) from history\n",
                 run.out.constData());
        run = cli({u"history"_s, u"--workspace"_s, dir.path()});
        QVERIFY(!run.out.contains("h1 ") && !run.out.contains("h3 ") && run.out.contains("h2 "));
        QCOMPARE(cli({u"history"_s, u"clear"_s, u"--workspace"_s, dir.path()}).exitCode, 2);
        run = cli({u"history"_s, u"clear"_s, u"--yes"_s, u"--workspace"_s, dir.path()});
        QVERIFY2(run.exitCode == 0 && run.out == "Deleted 1 send(s) from history\n",
                 run.out.constData());
        QVERIFY(cli({u"history"_s, u"--workspace"_s, dir.path()}).out.isEmpty());
        QCOMPARE(cli({u"history"_s, u"clear"_s, u"--yes"_s, u"--workspace"_s,
                      dir.filePath(u"no-such-folder"_s)})
                     .exitCode,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestKeyholeCli)
#include "tst_KeyholeCli.moc"
