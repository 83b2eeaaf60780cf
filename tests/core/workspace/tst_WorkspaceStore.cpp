#include "core/workspace/JsonCodec.h"
#include "core/workspace/WorkspaceStore.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Keyhole::Model::RequestTemplate)

namespace {

QString sampleDir()
{
    return Testing::sampleWorkspace();
}

void copySample(const QString& target)
{
    QVERIFY(Testing::copyTree(sampleDir(), target));
}

QByteArray read(const QString& path)
{
    return Testing::readAll(path);
}

void write(const QString& path, const QByteArray& data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(data);
}

} // namespace

class TestWorkspaceStore final : public QObject {
    Q_OBJECT

private slots:
    void loadsTheSampleInManifestOrder()
    {
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(sampleDir());
        QVERIFY2(report.ok(), qPrintable(report ? QString() : report.error().toString()));
        QVERIFY(report.value().problems.isEmpty());
        const Model::Workspace& workspace = report.value().workspace;
        QCOMPARE(workspace.name, u"Keyhole sample"_s);
        QCOMPARE(workspace.collections.size(), 1u);
        const Model::Collection& api = workspace.collections.front();
        QCOMPARE(api.name, u"Demo API"_s);
        QCOMPARE(api.order, (QStringList{u"health.request.json"_s, u"auth"_s, u"items"_s}));
        QCOMPARE(workspace.environments.size(), 2u);
        QCOMPARE(workspace.environments[0].name, u"local"_s);

        const Model::RequestItem* login =
            Model::findRequest(workspace, u"demo-api/auth/login.request.json"_s);
        QVERIFY(login);
        QCOMPARE(login->request.method, u"POST"_s);
        QCOMPARE(login->request.body.kind, Model::BodyKind::Raw);
        QVERIFY(login->request.body.text.contains(u"{{username}}"_s));
    }

    void savingUnchangedIsByteIdentical()
    {
        QTemporaryDir dir;
        copySample(dir.path());
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(dir.path());
        QVERIFY(report.ok());
        QVERIFY(Workspace::saveWorkspace(report.value().workspace).ok());
        QDirIterator it(sampleDir(), QDir::Files, QDirIterator::Subdirectories);
        int compared = 0;
        while (it.hasNext()) {
            const QString source = it.next();
            const QString copy = dir.path() + u'/' + QDir(sampleDir()).relativeFilePath(source);
            QCOMPARE(read(copy), read(source));
            ++compared;
        }
        QVERIFY(compared >= 8);
    }

    void compareSettingsRoundTrip()
    {
        QTemporaryDir dir;
        copySample(dir.path());
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(dir.path());
        QVERIFY(report.ok());
        Model::Workspace workspace = report.value().workspace;
        QVERIFY(workspace.compare.isEmpty());
        workspace.compare.ignoreHeaders = {u"Date"_s, u"X-Request-Id"_s};
        workspace.compare.ignoreJsonPaths = {u"$..updated_at"_s};
        workspace.compare.ignoreWhitespace = true;
        QVERIFY(Workspace::saveWorkspace(workspace).ok());
        report = Workspace::loadWorkspace(dir.path());
        QVERIFY(report.ok());
        QCOMPARE(report.value().workspace.compare, workspace.compare);
    }

    void roundTripsEveryBodyKind_data()
    {
        QTest::addColumn<Model::RequestTemplate>("request");
        Model::RequestTemplate raw;
        raw.name = u"Ünïcode ✓"_s;
        raw.method = u"PATCH"_s;
        raw.url = u"{{base}}/a b?x=1"_s;
        raw.params = {{u"q"_s, u"a&b"_s, true}, {u"off"_s, u"1"_s, false}};
        raw.headers = {{u"X-A"_s, u"1"_s, true}, {u"X-A"_s, u"2"_s, false}};
        raw.body.kind = Model::BodyKind::Raw;
        raw.body.contentType = u"application/xml"_s;
        raw.body.text = u"<a>\n  ü\n</a>"_s;
        raw.description = u"multi\nline"_s;
        raw.auth.kind = Model::AuthKind::Bearer;
        raw.auth.token = u"{{token}}"_s;
        raw.auth.prefix = u"Token"_s;
        raw.extractions = {{Model::Extraction::Source::Json, u"access"_s, u"token"_s, true},
                           {Model::Extraction::Source::Header, u"X-Id"_s, u"id"_s, false}};
        QTest::newRow("raw") << raw;

        Model::RequestTemplate form;
        form.url = u"http://h/"_s;
        form.auth.kind = Model::AuthKind::ApiKey;
        form.auth.keyName = u"key"_s;
        form.auth.keyValue = u"{{k}}"_s;
        form.auth.keyInQuery = true;
        form.body.kind = Model::BodyKind::FormUrlEncoded;
        form.body.form = {{u"a"_s, u"1"_s, true}, {u"b"_s, u""_s, false}};
        QTest::newRow("form") << form;

        Model::RequestTemplate multipart;
        multipart.url = u"http://h/"_s;
        multipart.body.kind = Model::BodyKind::Multipart;
        multipart.body.multipart = {
            {u"f"_s, u"/tmp/x.png"_s, true, u"image/png"_s, true, u"shot.png"_s},
            {u"t"_s, u"text"_s, false, {}, false, {}}};
        QTest::newRow("multipart") << multipart;

        Model::RequestTemplate binary;
        binary.url = u"http://h/"_s;
        binary.body.kind = Model::BodyKind::BinaryFile;
        binary.body.filePath = u"data/blob.bin"_s;
        binary.body.contentType = u"application/octet-stream"_s;
        QTest::newRow("binary") << binary;

        Model::RequestTemplate settings;
        settings.url = u"https://h/"_s;
        settings.settings.followRedirects = false;
        settings.settings.maxRedirects = 3;
        settings.settings.trustRedirects = true;
        settings.settings.allowDowngrade = false;
        settings.settings.timeoutMs = 2500;
        settings.settings.verifyTls = false;
        settings.settings.http2 = true;
        Model::Assertion header;
        header.source = Model::Assertion::Source::Header;
        header.path = u"Content-Type"_s;
        header.op = Model::Assertion::Op::Contains;
        header.expected = u"json"_s;
        Model::Assertion off;
        off.enabled = false;
        off.op = Model::Assertion::Op::Exists;
        settings.assertions = {header, off};
        QTest::newRow("settings and assertions") << settings;
    }

    void roundTripsEveryBodyKind()
    {
        QFETCH(Model::RequestTemplate, request);
        const QByteArray json = Workspace::requestToJson(request);
        QVERIFY(json.endsWith("}\n"));
        Result<Model::RequestTemplate> back = Workspace::requestFromJson(json, u"r.json"_s);
        QVERIFY2(back.ok(), qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(back.value(), request);
        QCOMPARE(Workspace::requestToJson(back.value()), json);
    }

    void syntaxErrorNamesFileLineAndColumn()
    {
        const QByteArray broken =
            "{\n    \"schemaVersion\": 1,\n    \"url\": \"x\"\n    \"name\": 1\n}\n";
        Result<Model::RequestTemplate> result = Workspace::requestFromJson(broken, u"a/b.json"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, u"json.syntax"_s);
        QVERIFY2(result.error().where.startsWith(u"a/b.json:4:"_s),
                 qPrintable(result.error().where));
    }

    void typeErrorNamesJsonPath()
    {
        const QByteArray json = R"({"schemaVersion": 1, "url": "http://h/", )"
                                R"("headers": [{"name": "A", "value": "1"}, {"name": 7}]})";
        Result<Model::RequestTemplate> result = Workspace::requestFromJson(json, u"r.json"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, u"r.json $.headers[1].name"_s);
        QCOMPARE(result.error().message, u"expected a string"_s);
    }

    void badSettingsNameTheirPath()
    {
        const QByteArray json = "{\"schemaVersion\": 1, \"url\": \"http://h/\", "
                                "\"settings\": {\"timeoutMs\": -5}}";
        Result<Model::RequestTemplate> result = Workspace::requestFromJson(json, u"r.json"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, u"r.json $.settings.timeoutMs"_s);
        // Unset settings are not written.
        QVERIFY(!Workspace::requestToJson(Model::RequestTemplate{}).contains("settings"));
    }

    void newerSchemaIsRefused()
    {
        Result<Model::RequestTemplate> result =
            Workspace::requestFromJson(R"({"schemaVersion": 99, "url": "x"})", u"r.json"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, u"r.json $.schemaVersion"_s);
        QVERIFY(result.error().message.contains(u"newer"_s));
    }

    void brokenFileIsReportedAndTheRestOpens()
    {
        QTemporaryDir dir;
        copySample(dir.path());
        const QString broken = dir.path() + u"/demo-api/items/list-items.request.json"_s;
        const QByteArray before = "{ \"schemaVersion\": 1, \"url\": ";
        write(broken, before);
        write(dir.path() + u"/environments/bad.json"_s, "[]");

        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(dir.path());
        QVERIFY(report.ok());
        QCOMPARE(report.value().problems.size(), 2);
        QVERIFY(report.value().problems[0].where.startsWith(
            u"demo-api/items/list-items.request.json:"_s));
        QCOMPARE(report.value().problems[1].where, u"environments/bad.json $"_s);
        const Model::Workspace& workspace = report.value().workspace;
        QVERIFY(!Model::findRequest(workspace, u"demo-api/items/list-items.request.json"_s));
        QVERIFY(Model::findRequest(workspace, u"demo-api/auth/login.request.json"_s));
        QCOMPARE(workspace.environments.size(), 2u);

        // Saving what did load never touches the broken file.
        QVERIFY(Workspace::saveWorkspace(workspace).ok());
        QCOMPARE(read(broken), before);
    }

    void unlistedEntriesAreAppendedAndMissingOnesIgnored()
    {
        QTemporaryDir dir;
        copySample(dir.path());
        write(dir.path() + u"/demo-api/items/folder.json"_s,
              R"({"schemaVersion": 1, "name": "Items", "order": ["gone.request.json", )"
              R"("list-items-token-prefix.request.json"]})");
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(dir.path());
        QVERIFY(report.ok());
        const Model::Folder& items = report.value().workspace.collections.front().folders.back();
        QCOMPARE(items.order, (QStringList{u"list-items-token-prefix.request.json"_s,
                                           u"list-items.request.json"_s}));
    }

    void secretValuesNeverReachTheFile()
    {
        Model::Environment environment{
            u"prod"_s,
            {},
            {{u"token"_s, u"s3cr3t-value"_s, true, true}, {u"host"_s, u"h"_s, false, true}},
            {}};
        const QByteArray json = Workspace::environmentToJson(environment);
        QVERIFY(!json.contains("s3cr3t-value"));
        QVERIFY(json.contains("\"secret\": true"));
        QTemporaryDir dir;
        QVERIFY(Workspace::saveEnvironment(dir.path(), environment).ok());
        QVERIFY(!read(dir.path() + u"/environments/prod.json"_s).contains("s3cr3t"));
    }

    void notAWorkspaceIsAClearError()
    {
        QTemporaryDir dir;
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(dir.path());
        QVERIFY(!report.ok());
        QVERIFY(report.error().message.contains(u"keyhole-workspace.json"_s));
        QCOMPARE(Workspace::findWorkspaceRoot(dir.path()), QString());
        QCOMPARE(Workspace::findWorkspaceRoot(sampleDir() + u"/demo-api/auth/login.request.json"_s),
                 QDir(sampleDir()).absolutePath());
    }

    void atomicWriteFailsCleanlyOnAnUnwritablePlace()
    {
        QTemporaryDir dir;
        write(dir.path() + u"/file"_s, "x");
        // A directory cannot be created below a regular file.
        const Status status = Workspace::saveRequest(dir.path(), {u"file/r.request.json"_s, {}});
        QVERIFY(!status.ok());
        QVERIFY(!status.error().where.isEmpty());
        QCOMPARE(read(dir.path() + u"/file"_s), QByteArray("x"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceStore)
#include "tst_WorkspaceStore.moc"
