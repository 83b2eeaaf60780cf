#include "core/interchange/WorkspaceImport.h"
#include "core/interchange/export/PostmanExport.h"
#include "core/interchange/export/Selection.h"
#include "core/interchange/import/PostmanImport.h"
#include "core/workspace/WorkspaceStore.h"
#include "tests/core/interchange/PostmanFixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;

namespace {

QString examplesDir()
{
    return QStringLiteral(KEYHOLE_SOURCE_DIR) + u"/tests/data/postman/examples-v2.1.0"_s;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Interchange::ImportResult importOk(const QByteArray& json)
{
    Result<Interchange::ImportResult> result = Interchange::importPostman(json, u"test.json"_s);
    if (!result)
        qWarning().noquote() << result.error().toString();
    Q_ASSERT(result.ok());
    return result.value();
}

const Model::RequestTemplate& firstRequest(const Interchange::ImportResult& result)
{
    return result.collection->requests.front().request;
}

} // namespace

class TestPostmanImport : public QObject {
    Q_OBJECT

private slots:
    void everyOfficialExampleImports_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = QDir(examplesDir()).entryList({u"*.json"_s}, QDir::Files);
        QVERIFY2(files.size() >= 20, qPrintable(examplesDir()));
        for (const QString& file : files)
            QTest::newRow(qPrintable(file)) << examplesDir() + u'/' + file;
    }

    void everyOfficialExampleImports()
    {
        QFETCH(QString, file);
        Result<Interchange::ImportResult> result =
            Interchange::importPostman(readFile(file), QFileInfo(file).fileName());
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QVERIFY(result.value().collection.has_value());
        // And it survives placing, an export and a second import with the same requests.
        QTemporaryDir directory;
        Model::Workspace workspace;
        workspace.rootPath = directory.path();
        workspace.id = u"w"_s;
        QVERIFY(Workspace::saveWorkspace(workspace).ok());
        Result<Interchange::PlacedImport> placed =
            Interchange::addToWorkspace(workspace, result.value());
        QVERIFY(placed.ok());
        Result<Workspace::LoadReport> loaded = Workspace::loadWorkspace(directory.path());
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value().problems.isEmpty());
        Result<Model::Folder> selection =
            Interchange::exportSelection(loaded.value().workspace, {}, {});
        QVERIFY(selection.ok());
        QCOMPARE(Interchange::requestCount(selection.value()),
                 Interchange::requestCount(*result.value().collection));
        const QByteArray exported =
            Interchange::exportPostmanCollection(selection.value(), u"seed"_s);
        Result<Interchange::ImportResult> again =
            Interchange::importPostman(exported, u"exported.json"_s);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().toString()));
        QCOMPARE(Interchange::requestCount(*again.value().collection),
                 Interchange::requestCount(*result.value().collection));
    }

    void v21AndV20AuthShapes()
    {
        const QByteArray v21 = kFixture0;
        const Interchange::ImportResult a = importOk(v21);
        QCOMPARE(a.format, u"Postman collection v2.1"_s);
        QCOMPARE(a.collection->auth.kind, Model::AuthKind::Bearer);
        QCOMPARE(a.collection->auth.token, u"{{token}}"_s);
        QCOMPARE(firstRequest(a).auth.kind, Model::AuthKind::ApiKey);
        QCOMPARE(firstRequest(a).auth.keyName, u"X-API-Key"_s);
        QVERIFY(firstRequest(a).auth.keyInQuery);

        const QByteArray v20 = kFixture1;
        const Interchange::ImportResult b = importOk(v20);
        QCOMPARE(b.format, u"Postman collection v2.0"_s);
        QCOMPARE(firstRequest(b).auth.kind, Model::AuthKind::Basic);
        QCOMPARE(firstRequest(b).auth.username, u"u"_s);
        QCOMPARE(firstRequest(b).auth.password, u"{{pw}}"_s);
        QCOMPARE(b.collection->requests[1].request.auth.kind, Model::AuthKind::Inherit);
        QCOMPARE(b.collection->requests[2].request.auth.kind, Model::AuthKind::None);
    }

    void urlObjectQueryAndPathVariables()
    {
        const QByteArray json = kFixture2;
        const Model::RequestTemplate request = firstRequest(importOk(json));
        QCOMPARE(request.method, u"GET"_s);
        QCOMPARE(request.url, u"{{base}}/users/42"_s);
        QCOMPARE(request.params.size(), 3);
        QCOMPARE(request.params[2].name, u"off"_s);
        QVERIFY(!request.params[2].enabled);
    }

    void everyBodyMode()
    {
        const QByteArray json = kFixture3;
        const Interchange::ImportResult result = importOk(json);
        const auto& requests = result.collection->requests;
        QCOMPARE(requests[0].request.body.kind, Model::BodyKind::Raw);
        QCOMPARE(requests[0].request.body.contentType, u"application/json"_s);
        QCOMPARE(requests[1].request.body.kind, Model::BodyKind::FormUrlEncoded);
        QVERIFY(!requests[1].request.body.form[1].enabled);
        QCOMPARE(requests[2].request.body.kind, Model::BodyKind::Multipart);
        QVERIFY(requests[2].request.body.multipart[1].isFile);
        QCOMPARE(requests[2].request.body.multipart[1].value, u"/tmp/a.png"_s);
        QCOMPARE(requests[3].request.body.kind, Model::BodyKind::BinaryFile);
        QCOMPARE(requests[3].request.body.filePath, u"data.bin"_s);
        QCOMPARE(requests[4].request.body.text,
                 uR"({"query":"{ me { id } }","variables":{"x":1}})"_s);
    }

    void scriptsAreKeptAndTokenSavingBecomesAnExtraction()
    {
        const QByteArray json = kFixture4;
        const Interchange::ImportResult result = importOk(json);
        const Model::RequestTemplate& request = firstRequest(result);
        QCOMPARE(request.extractions.size(), 2);
        QCOMPARE(request.extractions[0].path, u"data.access"_s);
        QCOMPARE(request.extractions[0].variable, u"token"_s);
        QVERIFY(request.extractions[0].secret);
        QCOMPARE(request.extractions[1].from, Model::Extraction::Source::Header);
        QCOMPARE(request.extractions[1].path, u"X-Session"_s);
        QVERIFY(request.preserved.value(u"postman"_s).toObject().contains(u"event"_s));
        QVERIFY(result.warnings.join(u'\n').contains(u"kept but not run"_s));
        // Export keeps the script and does not add a second setter for the same variable.
        const QByteArray exported = Interchange::exportPostmanCollection(*result.collection, {});
        QCOMPARE(exported.count("pm.environment.set(\\\"token\\\""), 1);
    }

    // protocolProfileBehavior's followRedirects, maxRedirects, strictSSL and
    // followAuthorizationHeader are Keyhole's settings; the rest is kept for the export.
    void protocolProfileBehaviorBecomesSettings()
    {
        Interchange::ImportResult result =
            importOk(readFile(examplesDir() + u"/httpMethods.json"_s));
        Model::RequestTemplate* get = nullptr;
        int n = 0;
        for (Model::RequestItem& item : result.collection->requests) {
            item.path = u"c/%1.request.json"_s.arg(++n); // (as the workspace names them)
            if (item.request.settings.followRedirects == false)
                get = &item.request;
        }
        QVERIFY(get);
        QCOMPARE(get->settings.verifyTls, true);
        const QJsonObject kept = get->preserved.value(u"postman"_s)
                                     .toObject()
                                     .value(u"protocolProfileBehavior"_s)
                                     .toObject();
        QCOMPARE(kept, QJsonObject({{u"disableBodyPruning"_s, true}}));
        // The collection's own (followRedirects: true) holds for the requests that say nothing.
        for (const Model::RequestItem& item : result.collection->requests)
            if (&item.request != get)
                QCOMPARE(item.request.settings.followRedirects, true);

        get->settings.maxRedirects = 7;
        get->settings.trustRedirects = true;
        const QByteArray exported = Interchange::exportPostmanCollection(*result.collection, {});
        const QJsonArray items = QJsonDocument::fromJson(exported)[u"item"_s].toArray();
        QCOMPARE(QJsonDocument::fromJson(exported)[u"protocolProfileBehavior"_s].toObject(),
                 QJsonObject({{u"disableBodyPruning"_s, false}, {u"followRedirects"_s, true}}));
        QJsonObject behavior;
        for (const QJsonValue& item : items)
            if (item[u"name"_s] == get->name)
                behavior = item[u"protocolProfileBehavior"_s].toObject();
        QCOMPARE(behavior, QJsonObject({{u"disableBodyPruning"_s, true},
                                        {u"followRedirects"_s, false},
                                        {u"strictSSL"_s, true},
                                        {u"maxRedirects"_s, 7},
                                        {u"followAuthorizationHeader"_s, true}}));
        // And back: the same settings.
        const Model::RequestSettings again = [&] {
            const Interchange::ImportResult back = importOk(exported); // (kept alive)
            for (const Model::RequestItem& item : back.collection->requests)
                if (item.request.name == get->name)
                    return item.request.settings;
            return Model::RequestSettings{};
        }();
        QCOMPARE(again, get->settings);
    }

    void unsupportedAuthIsKeptAndWarned()
    {
        const QByteArray json = kFixture5;
        const Interchange::ImportResult result = importOk(json);
        QCOMPARE(firstRequest(result).auth.kind, Model::AuthKind::None);
        QVERIFY(result.warnings.join(u'\n').contains(u"\"hawk\" is not supported yet"_s));
        Model::Collection placed = *result.collection; // as the workspace import names them
        placed.order.clear();
        for (Model::RequestItem& item : placed.requests)
            item.path = item.request.name + u".request.json"_s;
        const QJsonObject exported =
            QJsonDocument::fromJson(Interchange::exportPostmanCollection(placed, {})).object();
        QHash<QString, QJsonObject> auths;
        for (const QJsonValue& item : exported[u"item"_s].toArray())
            auths.insert(item[u"name"_s].toString(), item[u"request"_s][u"auth"_s].toObject());
        QCOMPARE(auths[u"d"_s][u"type"_s].toString(), u"hawk"_s);
        // Digest and AWS Signature V4 are Keyhole schemes of their own, and go back as they came.
        const Model::AuthConfig digest = result.collection->requests[1].request.auth;
        QCOMPARE(digest.kind, Model::AuthKind::Digest);
        QCOMPARE(digest.username, u"u"_s);
        const Model::AuthConfig aws = result.collection->requests[2].request.auth;
        QCOMPARE(aws.kind, Model::AuthKind::AwsSigV4);
        QCOMPARE(aws.awsRegion, u"eu-west-1"_s);
        QCOMPARE(aws.awsService, u"s3"_s);
        QCOMPARE(auths[u"g"_s][u"type"_s].toString(), u"digest"_s);
        QCOMPARE(auths[u"a"_s][u"awsv4"_s][1][u"value"_s].toString(), u"SK"_s);
    }

    void errorsNameThePlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("syntax") << QByteArray("{\n  \"info\": {,\n}") << u"test.json:2:"_s;
        QTest::newRow("item not array")
            << QByteArray(R"({"info": {"name": "x"}, "item": {}})") << u"test.json $.item"_s;
        QTest::newRow("header type")
            << QByteArray(R"({"info": {}, "item": [{"request": {"url": "u", "header": 5}}]})")
            << u"test.json $.item[0].request.header"_s;
        QTest::newRow("auth type")
            << QByteArray(R"({"info": {}, "item": [{"request": {"url": "u", "auth": {}}}]})")
            << u"test.json $.item[0].request.auth.type"_s;
        QTest::newRow("not postman") << QByteArray(R"({"openapi": "3.0.0"})") << u"test.json $"_s;
        QTest::newRow("array root") << QByteArray("[]") << u"test.json $"_s;
    }

    void errorsNameThePlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        Result<Interchange::ImportResult> result = Interchange::importPostman(json, u"test.json"_s);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().where.startsWith(where), qPrintable(result.error().where));
    }

    void hostileInputNeverCrashes()
    {
        // Deep nesting is refused with a place, not a stack overflow.
        QByteArray deep = R"({"info": {}, "item": [)";
        for (int i = 0; i < 200; ++i)
            deep += R"({"name": "f", "item": [)";
        for (int i = 0; i < 200; ++i)
            deep += "]}";
        deep += "]}";
        Result<Interchange::ImportResult> nested = Interchange::importPostman(deep, u"d.json"_s);
        QVERIFY(!nested.ok());
        QVERIFY2(nested.error().message.contains(u"nested deeper than 64"_s),
                 qPrintable(nested.error().toString()));
        // Wrong types everywhere are errors or warnings, never a crash.
        const QByteArray wrong = kFixture6;
        Result<Interchange::ImportResult> result = Interchange::importPostman(wrong, u"w.json"_s);
        QVERIFY(!result.ok());
        QVERIFY(!Interchange::importPostman(QByteArray("\xff\xfe{", 3), u"b"_s).ok());
    }

    void environmentSecretsAndCredentialNames()
    {
        const QByteArray json = kFixture7;
        const Interchange::ImportResult result = importOk(json);
        QCOMPARE(result.environments.size(), size_t(1));
        const Model::Environment& environment = result.environments.front();
        QCOMPARE(environment.name, u"Staging"_s);
        QVERIFY(!environment.variables[0].secret);
        QVERIFY(environment.variables[1].secret); // the name says credential
        QVERIFY(environment.variables[2].secret); // Postman said secret
        QVERIFY(!environment.variables[3].enabled);
        // Export: secret values only when asked for.
        const QByteArray redacted = Interchange::exportPostmanEnvironment(environment);
        QVERIFY(!redacted.contains("abc123"));
        QVERIFY(!redacted.contains("s3cret"));
        const QByteArray included =
            Interchange::exportPostmanEnvironment(environment, {{u"pw"_s, "s3cret"}});
        QVERIFY(included.contains("s3cret"));
    }

    void sampleExportIsStableAndComplete()
    {
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(
            QStringLiteral(KEYHOLE_SOURCE_DIR) + u"/resources/sample-workspace"_s);
        QVERIFY(report.ok());
        const Model::Workspace& workspace = report.value().workspace;
        Result<Model::Folder> selection = Interchange::exportSelection(workspace, {}, {});
        QVERIFY(selection.ok());
        const QByteArray first = Interchange::exportPostmanCollection(selection.value(), u"s"_s);
        const QByteArray second = Interchange::exportPostmanCollection(selection.value(), u"s"_s);
        QCOMPARE(first, second);
        const QJsonObject collection = QJsonDocument::fromJson(first).object();
        QCOMPARE(collection[u"info"_s][u"schema"_s].toString(),
                 u"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"_s);
        // Folder variables go to the collection (Postman has none at run time).
        bool hasPrefix = false;
        for (const QJsonValue& variable : collection[u"variable"_s].toArray())
            hasPrefix = hasPrefix || variable[u"key"_s].toString() == u"apiPrefix";
        QVERIFY(hasPrefix);
        // The login's extraction became a test script.
        QVERIFY(first.contains("pm.environment.set(\\\"token\\\", pm.response.json().access)"));
        // The "Token" prefix becomes an explicit Authorization header.
        QVERIFY(first.contains("Token {{token}}"));

        // One request: its folder's auth and variables come along.
        Result<Model::Folder> single =
            Interchange::exportSelection(workspace, {}, u"demo-api/items/list-items"_s);
        QVERIFY2(single.ok(), qPrintable(single.ok() ? QString() : single.error().toString()));
        QCOMPARE(single.value().requests.size(), size_t(1));
        QVERIFY(std::any_of(single.value().variables.begin(), single.value().variables.end(),
                            [](const Model::Variable& v) { return v.name == u"apiPrefix"; }));
        QVERIFY(!Interchange::exportSelection(workspace, u"nope"_s, {}).ok());
    }

    void urlSplitLikePostman()
    {
        const auto parts = Interchange::splitPostmanUrl(u"http://127.0.0.1:8765/api/items/"_s);
        QCOMPARE(parts.protocol, u"http"_s);
        QCOMPARE(parts.host, (QStringList{u"127"_s, u"0"_s, u"0"_s, u"1"_s}));
        QCOMPARE(parts.port, u"8765"_s);
        QCOMPARE(parts.path, (QStringList{u"api"_s, u"items"_s, u""_s}));
        const auto variable = Interchange::splitPostmanUrl(u"{{baseUrl}}/a"_s);
        QCOMPARE(variable.host, QStringList{u"{{baseUrl}}"_s});
        QCOMPARE(variable.path, QStringList{u"a"_s});
    }
};

QTEST_GUILESS_MAIN(TestPostmanImport)
#include "tst_PostmanImport.moc"
