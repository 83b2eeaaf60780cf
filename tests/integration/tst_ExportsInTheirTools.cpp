#include "core/demo/LoopbackServer.h"
#include "core/interchange/export/CodeSnippets.h"
#include "core/workspace/JsonCodec.h"
#include "tests/support/AssertionFixtures.h"
#include "tests/support/Exchanges.h"
#include "tests/support/Fixtures.h"
#include "tests/support/ServerProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

const QString kSample = QStringLiteral(KEYHOLE_SOURCE_DIR "/resources/sample-workspace");
const QString kNewman = QStringLiteral(KEYHOLE_SOURCE_DIR "/tests/js/node_modules/.bin/newman");

// Headers each tool adds by itself and that say nothing about the request: User-Agent, Accept
// (*/*), Accept-Encoding, Connection, Host, Postman-Token, Cache-Control, Accept-Language.
bool noise(const QByteArray& name)
{
    static const QList<QByteArray> names{"user-agent",     "accept-encoding", "connection",
                                         "host",           "postman-token",   "cache-control",
                                         "accept-language"};
    return names.contains(name.toLower());
}

QStringList comparable(const Raw::ParsedRequest& request)
{
    QStringList lines{QString::fromUtf8(request.method + ' ' + request.target),
                      u"body: "_s + QString::fromUtf8(request.body)};
    for (const Model::HeaderField& header : request.headers) {
        if (noise(header.name) || (header.name.toLower() == "accept" && header.value == "*/*"))
            continue;
        lines.append(QString::fromUtf8(header.name.toLower() + ": " + header.value));
    }
    std::sort(lines.begin() + 2, lines.end());
    return lines;
}

} // namespace

// What Keyhole exports is checked by the tools the formats belong to: newman runs the exported
// Postman collection against a loopback capture server and must send what keyhole-cli sends.
class TestExportsInTheirTools final : public QObject {
    Q_OBJECT

    QList<Raw::ParsedRequest> m_received;
    Demo::LoopbackServer m_server{[](const Raw::ParsedRequest& request) {
        Demo::ServerResponse response;
        response.headers.append(Model::HeaderField{"Content-Type", "application/json"});
        response.body = request.target.endsWith("/token/")
                            ? QByteArray(R"({"access": "tok-from-login", "refresh": "r"})")
                            : QByteArray("{}");
        return response;
    }};
    QTemporaryDir m_home;

    QProcessEnvironment vaultEnvironment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"HOME"_s, m_home.path());
        environment.insert(u"KEYHOLE_VAULT"_s, m_home.filePath(u"secrets.vault"_s));
        environment.insert(u"KEYHOLE_VAULT_PASSPHRASE"_s, u"test passphrase"_s);
        return environment;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen());
        connect(&m_server, &Demo::LoopbackServer::requestReceived, this,
                [this](const Raw::ParsedRequest& r) { m_received.append(r); });
        QVERIFY2(QFileInfo::exists(kNewman),
                 "newman is missing: scripts/install-deps.sh installs it (npm ci in tests/js)");
    }

    void newmanSendsWhatKeyholeSends()
    {
        QTemporaryDir directory;
        const QString workspace = directory.filePath(u"ws"_s);
        QVERIFY(Testing::copyTree(kSample, workspace,
                                  {{"http://127.0.0.1:8765", m_server.baseUrl().toUtf8()}}));
        // A request variable over the environment's (Postman: pm.variables in a pre-request
        // script).
        const QString health = workspace + u"/demo-api/health.request.json"_s;
        QByteArray healthJson = Testing::readAll(health);
        healthJson.replace("\"method\": \"GET\",",
                           "\"method\": \"GET\",\n\"variables\": [{\"name\": \"apiPrefix\", "
                           "\"value\": \"/api/v9\"}],");
        QFile out(health);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(healthJson);
        out.close();
        const QString collection = directory.filePath(u"sample.postman_collection.json"_s);
        Testing::ProgramRun exported =
            Testing::runServing(QStringLiteral(KEYHOLE_CLI_PATH),
                                {u"export"_s, u"postman"_s, u"--workspace"_s, workspace, u"--env"_s,
                                 u"local"_s, u"-o"_s, collection});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());

        // newman: the whole collection, in order (log in, then the token is used).
        m_received.clear();
        Testing::ProgramRun newman =
            Testing::runServing(kNewman,
                                {u"run"_s, collection, u"-e"_s,
                                 directory.filePath(u"sample.postman_environment.json"_s),
                                 u"--reporters"_s, u"cli"_s, u"--disable-unicode"_s},
                                {}, QProcessEnvironment::systemEnvironment(), 60000);
        QVERIFY2(newman.exitCode == 0, QByteArray(newman.out + newman.err).constData());
        const QList<Raw::ParsedRequest> byNewman = m_received;
        QCOMPARE(byNewman.size(), 4);

        // keyhole-cli: the same requests, in the same order.
        m_received.clear();
        const QStringList files{u"demo-api/health.request.json"_s,
                                u"demo-api/auth/login.request.json"_s,
                                u"demo-api/items/list-items.request.json"_s,
                                u"demo-api/items/list-items-token-prefix.request.json"_s};
        for (const QString& file : files) {
            Testing::ProgramRun sent =
                Testing::runServing(QStringLiteral(KEYHOLE_CLI_PATH),
                                    {u"send"_s, workspace + u'/' + file, u"--env"_s, u"local"_s,
                                     u"--secret-store"_s, u"vault"_s},
                                    {}, vaultEnvironment());
            QVERIFY2(sent.exitCode == 0, sent.err.constData());
        }
        QCOMPARE(m_received.size(), byNewman.size());
        for (qsizetype i = 0; i < byNewman.size(); ++i)
            QCOMPARE(comparable(m_received[i]), comparable(byNewman[i]));
        QCOMPARE(byNewman[0].target, QByteArray("/api/v9/health/"));
        // The token the login returned went out in both runs.
        QVERIFY(comparable(byNewman[2]).contains(u"authorization: Bearer tok-from-login"_s));
        qInfo("newman and keyhole-cli sent %lld identical requests", qlonglong(byNewman.size()));
    }

    // "Copy as" curl, HTTPie, Python requests and JavaScript fetch, run by the tools
    // themselves (Debian's curl, httpie and python3-requests; node's fetch) against the capture
    // server: each sends the method, target, body bytes and every header the request sets, the
    // secret read from the process environment.
    // A request's assertions exported to Postman run in newman's own sandbox and agree with
    // keyhole-cli: every kind passes against the same answer, and a wrong one fails in both.
    void newmanRunsTheExportedAssertions()
    {
        Demo::LoopbackServer server([](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{200,
                                        "OK",
                                        {{"Content-Type", "application/json"}, {"X-Id", "7"}},
                                        Testing::kCheckedAnswer};
        });
        QVERIFY(server.listen());
        QTemporaryDir directory;
        const QDir ws(directory.filePath(u"ws"_s));
        QVERIFY(ws.mkpath(u"checks"_s) && ws.mkpath(u"environments"_s));
        auto write = [&ws](const QString& file, const QByteArray& bytes) {
            QFile out(ws.filePath(file));
            return out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size();
        };
        QVERIFY(write(u"keyhole-workspace.json"_s, "{\"schemaVersion\": 1}"));
        Model::RequestTemplate passing;
        passing.name = u"Every kind"_s;
        passing.url = server.baseUrl() + u"/check"_s;
        passing.assertions = Testing::everyKind();
        QVERIFY(write(u"checks/every-kind.request.json"_s, Workspace::requestToJson(passing)));
        Model::RequestTemplate failing = passing;
        failing.name = u"Wrong count"_s;
        failing.assertions = {
            Testing::makeAssertion(Testing::Source::Json, u"count"_s, Testing::Op::Equals, u"3"_s)};
        QVERIFY(write(u"checks/wrong-count.request.json"_s, Workspace::requestToJson(failing)));
        Model::Environment local;
        local.name = u"local"_s;
        local.variables.append(Model::Variable{u"token"_s, u"eyJ"_s});
        QVERIFY(write(u"environments/local.json"_s, Workspace::environmentToJson(local)));

        const QString collection = directory.filePath(u"checks.postman_collection.json"_s);
        Testing::ProgramRun exported =
            Testing::runServing(QStringLiteral(KEYHOLE_CLI_PATH),
                                {u"export"_s, u"postman"_s, u"--workspace"_s, ws.path(), u"--env"_s,
                                 u"local"_s, u"-o"_s, collection});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        const QString report = directory.filePath(u"report.json"_s);
        Testing::ProgramRun newman =
            Testing::runServing(kNewman,
                                {u"run"_s, collection, u"-e"_s,
                                 directory.filePath(u"checks.postman_environment.json"_s),
                                 u"--reporters"_s, u"json"_s, u"--reporter-json-export"_s, report},
                                {}, QProcessEnvironment::systemEnvironment(), 60000);
        QCOMPARE(newman.exitCode, 1); // the wrong count
        const QJsonObject run =
            QJsonDocument::fromJson(Testing::readAll(report)).object().value(u"run"_s).toObject();
        const QJsonObject stats = run[u"stats"_s][u"assertions"_s].toObject();
        QCOMPARE(stats[u"total"_s].toInt(), Testing::everyKind().size() + 1);
        QCOMPARE(stats[u"failed"_s].toInt(), 1);
        const QJsonObject failure = run[u"failures"_s][0].toObject();
        QCOMPARE(failure[u"error"_s][u"test"_s].toString(), u"json count equals 3"_s);

        for (const auto& [file, code] : {std::pair{u"every-kind"_s, 0}, {u"wrong-count"_s, 1}}) {
            Testing::ProgramRun sent = Testing::runServing(
                QStringLiteral(KEYHOLE_CLI_PATH),
                {u"send"_s, ws.filePath(u"checks/"_s + file + u".request.json"_s), u"--env"_s,
                 u"local"_s, u"--no-history"_s});
            QVERIFY2(sent.exitCode == code, sent.err.constData());
        }
        qInfo("newman and keyhole-cli agree on %lld assertions",
              qlonglong(Testing::everyKind().size() + 1));
    }

    void snippetsSendWhatTheRequestSets()
    {
        const QString url = m_server.baseUrl();
        QList<Model::PreparedRequest> requests;
        requests.append(Testing::preparedRequest(
            "GET", url + u"/items?q=a%20b&x=1&y=%5B1%5D"_s,
            {{"Accept", "application/json"}, {"X-Empty", ""}, {"X-Quote", "it's \"quoted\""}}));
        requests.append(Testing::preparedRequest(
            "POST", url + u"/login"_s,
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer s3cr3t-t0ken-value"}},
            "{\"user\": \"o'neil\", \"note\": \"caf\xc3\xa9 $HOME `x` \\\\ \\n\"}"));
        requests.append(Testing::preparedRequest(
            "PUT", url + u"/form"_s, {{"Content-Type", "application/x-www-form-urlencoded"}},
            "a=1&b=%C3%A9&c=x+y"));
        requests.append(Testing::preparedRequest("PATCH", url + u"/blob"_s,
                                                 {{"Content-Type", "application/octet-stream"}},
                                                 QByteArray("\x00\x01\xff'\"\\%\n", 8)));
        const QList<Interchange::NamedSecret> secrets{{u"token"_s, "s3cr3t-t0ken-value"}};
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TOKEN"_s, u"s3cr3t-t0ken-value"_s);
        environment.insert(u"HTTPIE_CONFIG_DIR"_s, m_home.filePath(u"httpie"_s));
        int runs = 0;
        for (const Interchange::SnippetLanguage language :
             {Interchange::SnippetLanguage::Curl, Interchange::SnippetLanguage::Httpie,
              Interchange::SnippetLanguage::Python, Interchange::SnippetLanguage::JavaScript}) {
            for (const Model::PreparedRequest& request : std::as_const(requests)) {
                const QString code = Interchange::codeSnippet(request, language, secrets);
                QVERIFY2(!code.contains(u"s3cr3t"_s), qPrintable(code));
                QStringList command;
                switch (language) {
                case Interchange::SnippetLanguage::Curl:
                case Interchange::SnippetLanguage::Httpie:
                    command = QStringList{u"/bin/bash"_s, u"-c"_s, code};
                    break;
                case Interchange::SnippetLanguage::Python:
                    command = QStringList{u"/usr/bin/python3"_s, u"-c"_s, code};
                    break;
                case Interchange::SnippetLanguage::JavaScript:
                    command = QStringList{u"node"_s, u"-e"_s, code};
                    break;
                }
                m_received.clear();
                const Testing::ProgramRun run =
                    Testing::runServing(command.first(), command.mid(1), {}, environment);
                QVERIFY2(run.exitCode == 0 && m_received.size() == 1,
                         qPrintable(code + u"\n"_s + QString::fromUtf8(run.err)));
                const Raw::ParsedRequest& got = m_received.first();
                QCOMPARE(got.method, request.method);
                QCOMPARE(got.target,
                         request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
                QVERIFY2(got.body == request.body, qPrintable(code));
                for (const Model::HeaderField& header : request.headers) {
                    bool sent = false;
                    for (const Model::HeaderField& received : got.headers)
                        sent =
                            sent || (received.name.compare(header.name, Qt::CaseInsensitive) == 0 &&
                                     received.value == header.value);
                    QVERIFY2(sent, qPrintable(u"%1 did not send %2: %3\n%4"_s.arg(
                                       Interchange::snippetLanguageTitle(language),
                                       QString::fromUtf8(header.name + ": " + header.value),
                                       QString::fromUtf8(got.raw.left(600)), code)));
                }
                ++runs;
            }
        }
        qInfo("%d snippets (curl, HTTPie, Python requests, fetch) sent what the request sets",
              runs);
    }

    void cliImportThenExportRoundTrips()
    {
        QTemporaryDir directory;
        const QString workspace = directory.filePath(u"ws"_s);
        const QString cli = QStringLiteral(KEYHOLE_CLI_PATH);
        QCOMPARE(Testing::runServing(cli, {u"init"_s, workspace}).exitCode, 0);
        const QString source = QStringLiteral(KEYHOLE_SOURCE_DIR) +
                               u"/tests/data/postman/examples-v2.1.0/httpbin.json"_s;
        Testing::ProgramRun imported =
            Testing::runServing(cli, {u"import"_s, u"postman"_s, source, u"--into"_s, workspace});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY2(imported.out.contains("4 request(s) in 1 folder(s)"), imported.out.constData());
        const QString out = directory.filePath(u"out.json"_s);
        Testing::ProgramRun exported = Testing::runServing(
            cli, {u"export"_s, u"postman"_s, u"--workspace"_s, workspace, u"-o"_s, out});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        // The exported collection parses with Postman's own library.
        const QString parse = u"const {Collection} = require('postman-collection');"
                              "const c = new Collection(require(process.argv[1]));"
                              "let n = 0; c.forEachItem(() => n++); console.log(n);"_s;
        Testing::ProgramRun node = Testing::runServing(u"node"_s, {u"-e"_s, parse, out}, {}, [] {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"NODE_PATH"_s,
                               QStringLiteral(KEYHOLE_SOURCE_DIR "/tests/js/node_modules"));
            return environment;
        }());
        QVERIFY2(node.exitCode == 0, node.err.constData());
        QCOMPARE(node.out.trimmed(), QByteArray("4"));

        // A malformed file: exit 2, the place named, nothing written.
        QFile broken(directory.filePath(u"broken.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"info\": {\"name\": \"x\"}, \"item\": [{\"request\": {\"url\": 5}}]}");
        broken.close();
        const QStringList before =
            QDir(workspace).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        Testing::ProgramRun failed = Testing::runServing(
            cli, {u"import"_s, u"postman"_s, broken.fileName(), u"--into"_s, workspace});
        QCOMPARE(failed.exitCode, 2);
        QVERIFY2(failed.err.contains("$.item[0].request.url"), failed.err.constData());
        QCOMPARE(QDir(workspace).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    }
};

QTEST_GUILESS_MAIN(TestExportsInTheirTools)
#include "tst_ExportsInTheirTools.moc"
