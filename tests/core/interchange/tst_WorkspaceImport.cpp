#include "core/interchange/SecretLifting.h"
#include "core/interchange/WorkspaceImport.h"
#include "core/interchange/import/CurlImport.h"
#include "core/interchange/import/HarImport.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;

namespace {

Model::Workspace emptyWorkspace(const QString& root)
{
    Model::Workspace workspace;
    workspace.rootPath = root;
    workspace.id = u"ws"_s;
    workspace.name = u"Test"_s;
    Q_ASSERT(Workspace::saveWorkspace(workspace).ok());
    return workspace;
}

Model::Workspace reload(const QString& root)
{
    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(root);
    Q_ASSERT(report.ok());
    Q_ASSERT(report.value().problems.isEmpty());
    return report.value().workspace;
}

Interchange::ImportResult collectionOf(const QString& name, const QStringList& requestNames)
{
    Interchange::ImportResult result;
    Model::Folder folder;
    folder.name = name;
    for (const QString& requestName : requestNames) {
        Model::RequestTemplate request;
        request.name = requestName;
        request.url = u"https://x.test/"_s + requestName;
        folder.requests.push_back({{}, request});
    }
    result.collection = folder;
    return result;
}

// Every file under `root`, relative, sorted.
QStringList filesUnder(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(root).relativeFilePath(it.next()));
    files.sort();
    return files;
}

QByteArray read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray contentsUnder(const QString& root)
{
    QByteArray all;
    for (const QString& file : filesUnder(root)) {
        QFile f(root + u'/' + file);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace

class TestWorkspaceImport : public QObject {
    Q_OBJECT

private slots:
    void namedCollectionBecomesATopLevelCollection()
    {
        QTemporaryDir directory;
        const Model::Workspace workspace = emptyWorkspace(directory.path());
        Interchange::ImportResult imported = collectionOf(u"My API"_s, {u"List"_s, u"List"_s});
        Model::Folder sub;
        sub.name = u"Auth"_s;
        sub.requests.push_back({{}, {}});
        sub.requests.back().request.name = u"Log in"_s;
        imported.collection->folders.push_back(sub);
        imported.collection->order = {u"request:0"_s, u"folder:0"_s, u"request:1"_s};
        Result<Interchange::PlacedImport> placed = Interchange::addToWorkspace(workspace, imported);
        QVERIFY(placed.ok());
        QCOMPARE(placed.value().collectionPath, u"my-api"_s);
        const Model::Workspace after = reload(directory.path());
        QCOMPARE(after.collections.size(), size_t(1));
        const Model::Folder& collection = after.collections.front();
        QCOMPARE(collection.name, u"My API"_s);
        // Same names get distinct files; the interleaved order is kept.
        QCOMPARE(collection.order,
                 (QStringList{u"list.request.json"_s, u"auth"_s, u"list-2.request.json"_s}));
        QCOMPARE(collection.folders.front().requests.front().path,
                 u"my-api/auth/log-in.request.json"_s);

        // A second import of the same name never overwrites the first.
        Result<Interchange::PlacedImport> again =
            Interchange::addToWorkspace(after, collectionOf(u"My API"_s, {u"Other"_s}));
        QVERIFY(again.ok());
        QCOMPARE(again.value().collectionPath, u"my-api-2"_s);
        QCOMPARE(reload(directory.path()).collections.size(), size_t(2));
    }

    void looseRequestsGoToImportedOrTheNamedFolder()
    {
        QTemporaryDir directory;
        const Model::Workspace workspace = emptyWorkspace(directory.path());
        Interchange::ImportResult curl = collectionOf({}, {u"GET /a"_s});
        curl.looseRequests = true;
        Result<Interchange::PlacedImport> placed = Interchange::addToWorkspace(workspace, curl);
        QVERIFY(placed.ok());
        QCOMPARE(placed.value().requestPaths, QStringList{u"imported/get-a.request.json"_s});
        // Into an existing folder, by display name, beside what is there.
        const Model::Workspace after = reload(directory.path());
        Result<Interchange::PlacedImport> second =
            Interchange::addToWorkspace(after, curl, u"Imported"_s);
        QVERIFY(second.ok());
        QCOMPARE(second.value().requestPaths, QStringList{u"imported/get-a-2.request.json"_s});
        const Model::Workspace last = reload(directory.path());
        QCOMPARE(last.collections.front().requests.size(), size_t(2));
        QCOMPARE(last.collections.front().order.size(), 2);
        // A nested folder that does not exist yet is created.
        Result<Interchange::PlacedImport> nested =
            Interchange::addToWorkspace(last, curl, u"Imported/From curl/Today"_s);
        QVERIFY(nested.ok());
        QCOMPARE(nested.value().requestPaths,
                 QStringList{u"imported/from-curl/today/get-a.request.json"_s});
        QVERIFY(reload(directory.path()).collections.front().folders.size() == 1);
    }

    void aFailedImportWritesNothing()
    {
        QTemporaryDir directory;
        const Model::Workspace workspace = emptyWorkspace(directory.path());
        // "environments" is a file: the environment cannot be written.
        QFile blocker(directory.path() + u"/environments"_s);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QStringList before = filesUnder(directory.path());
        const QByteArray beforeBytes = contentsUnder(directory.path());
        Interchange::ImportResult imported = collectionOf(u"API"_s, {u"a"_s, u"b"_s});
        imported.environments.push_back({u"Env"_s, {}, {{u"x"_s, u"1"_s, false, true}}, {}});
        Result<Interchange::PlacedImport> placed = Interchange::addToWorkspace(workspace, imported);
        QVERIFY(!placed.ok());
        QCOMPARE(filesUnder(directory.path()), before);
        QCOMPARE(contentsUnder(directory.path()), beforeBytes);
    }

    void literalCredentialsBecomeSecretVariables()
    {
        Result<Interchange::CurlRequest> curl = Interchange::importCurl(
            u"curl https://api.test/items?api_key=K123 -H 'Authorization: Bearer eyJabc.def' "
            "-H 'Cookie: sessionid=s3ss' -H 'X-CSRFToken: c5rf' -H 'Accept: application/json'"_s);
        QVERIFY(curl.ok());
        Interchange::ImportResult imported;
        imported.looseRequests = true;
        imported.collection = Model::Folder{};
        imported.collection->requests.push_back({{}, curl.value().request});
        QCOMPARE(Interchange::liftSecrets(imported, u"Imported"_s, {u"token"_s}), 4);
        const Model::RequestTemplate& request = imported.collection->requests.front().request;
        QCOMPARE(request.headers[0].value, u"Bearer {{token_2}}"_s);
        QCOMPARE(request.headers[1].value, u"{{cookie}}"_s);
        QCOMPARE(request.headers[2].value, u"{{x_csrftoken}}"_s);
        QCOMPARE(request.headers[3].value, u"application/json"_s);
        QVERIFY(request.url.contains(u"{{api_key}}"_s) ||
                std::any_of(request.params.begin(), request.params.end(),
                            [](const Model::KeyValue& kv) { return kv.value == u"{{api_key}}"; }));
        QCOMPARE(imported.environments.size(), size_t(1));
        for (const Model::Variable& variable : imported.environments.front().variables)
            QVERIFY(variable.secret);

        // Placed: no workspace file holds a credential.
        QTemporaryDir directory;
        const Model::Workspace workspace = emptyWorkspace(directory.path());
        QVERIFY(Interchange::addToWorkspace(workspace, imported).ok());
        const QByteArray files = contentsUnder(directory.path());
        for (const char* secret : {"eyJabc.def", "s3ss", "c5rf", "K123"})
            QVERIFY2(!files.contains(secret), secret);
        QVERIFY(files.contains("{{token_2}}"));
    }

    void slashTargetMeansTheRootAndBrokenManifestsAreNotOverwritten()
    {
        QTemporaryDir directory;
        const Model::Workspace workspace = emptyWorkspace(directory.path());
        Interchange::ImportResult curl = collectionOf({}, {u"GET /a"_s});
        curl.looseRequests = true;
        Result<Interchange::PlacedImport> placed =
            Interchange::addToWorkspace(workspace, curl, u" / "_s);
        QVERIFY(placed.ok());
        QCOMPARE(placed.value().requestPaths, QStringList{u"imported/get-a.request.json"_s});
        // A folder.json that does not parse: the import refuses and leaves it as it was.
        const QString manifest = directory.filePath(u"imported/folder.json"_s);
        const Model::Workspace loaded = reload(directory.path());
        QFile file(manifest);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{ \"name\": \"Imported\", broken");
        file.close();
        Result<Interchange::PlacedImport> refused =
            Interchange::addToWorkspace(loaded, curl, u"Imported"_s);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"folder.json is fixed"_s),
                 qPrintable(refused.error().toString()));
        QCOMPARE(read(manifest), QByteArray("{ \"name\": \"Imported\", broken"));
        QCOMPARE(filesUnder(directory.filePath(u"imported"_s)),
                 (QStringList{u"folder.json"_s, u"get-a.request.json"_s}));
    }

    void credentialsInBodiesVariablesAndKeptDataAreLifted()
    {
        Interchange::ImportResult imported;
        Model::Folder folder;
        folder.name = u"API"_s;
        folder.variables = {{u"apiToken"_s, u"tok-1"_s, false, true},
                            {u"baseUrl"_s, u"https://x.test"_s, false, true}};
        Model::RequestTemplate form;
        form.name = u"login form"_s;
        form.body.kind = Model::BodyKind::Raw;
        form.body.contentType = u"application/x-www-form-urlencoded"_s;
        form.body.text = u"username=demo&password=hunter2"_s;
        Model::RequestTemplate json;
        json.name = u"login json"_s;
        json.body.kind = Model::BodyKind::Raw;
        json.body.text =
            u"{\n  \"username\": \"demo\",\n  \"password\": \"pa55\",\n  \"author\": \"Ann\"\n}"_s;
        Model::RequestTemplate kept;
        kept.name = u"kept"_s;
        kept.preserved =
            QJsonDocument::fromJson(
                "{\"postman\": {\"auth\": {\"type\": \"oauth1\", \"oauth1\": "
                "{\"consumerSecret\": \"cs-1\"}}, \"response\": [{\"originalRequest\": "
                "{\"header\": [{\"key\": \"Authorization\", \"value\": \"Bearer "
                "old-tok\"}]}}]}}")
                .object();
        folder.requests = {{{}, form}, {{}, json}, {{}, kept}};
        imported.collection = folder;
        Interchange::liftSecrets(imported, u"API"_s);
        const auto& requests = imported.collection->requests;
        QCOMPARE(requests[0].request.body.text, u"username=demo&password={{password}}"_s);
        QVERIFY(requests[1].request.body.text.contains(u"\"password\": \"{{password_2}}\""_s));
        // "author" is not a credential (the pattern looks for auth, not author).
        QVERIFY(requests[1].request.body.text.contains(u"\"author\": \"Ann\""_s));
        const QByteArray keptJson = QJsonDocument(requests[2].request.preserved).toJson();
        QVERIFY2(!keptJson.contains("cs-1") && !keptJson.contains("old-tok"), keptJson.constData());
        QCOMPARE(imported.collection->variables.size(), 2);
        QCOMPARE(imported.collection->variables[0].value, u"{{apitoken}}"_s);
        QCOMPARE(imported.collection->variables[1].value, u"https://x.test"_s);
        QByteArray secrets;
        for (const Model::Variable& variable : imported.environments.front().variables)
            secrets += variable.value.toUtf8() + ' ';
        for (const char* value : {"hunter2", "pa55", "cs-1", "old-tok", "tok-1"})
            QVERIFY2(secrets.contains(value), value);
    }

    void harEntriesBecomeRequests()
    {
        const QByteArray har =
            "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"t\", \"version\": \"1\"},"
            " \"entries\": [{\"request\": {\"method\": \"POST\", \"url\": "
            "\"https://api.test/login?next=%2Fhome\", \"httpVersion\": \"HTTP/2\", \"headers\": "
            "[{\"name\": \":authority\", \"value\": \"api.test\"}, {\"name\": \"content-type\", "
            "\"value\": \"application/json\"}, {\"name\": \"Content-Length\", \"value\": \"2\"}],"
            " \"queryString\": [], \"cookies\": [], \"headersSize\": -1, \"bodySize\": 2, "
            "\"postData\": {\"mimeType\": \"application/json\", \"text\": \"{}\"}}, "
            "\"response\": {}}]}}";
        Result<Interchange::ImportResult> result = Interchange::importHar(har, u"x.har"_s);
        QVERIFY(result.ok());
        QVERIFY(result.value().looseRequests);
        const Model::RequestTemplate& request = result.value().collection->requests.front().request;
        QCOMPARE(request.method, u"POST"_s);
        QCOMPARE(request.url, u"https://api.test/login"_s);
        QCOMPARE(request.params.front().value, u"/home"_s);
        QCOMPARE(request.headers.size(), 1); // pseudo-header and Content-Length dropped
        QCOMPARE(request.body.text, u"{}"_s);
        QCOMPARE(request.name, u"POST /login"_s);

        Result<Interchange::ImportResult> bad =
            Interchange::importHar("{\"log\": {\"entries\": [{\"request\": 1}]}}", u"b.har"_s);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().where, u"b.har $.log.entries[0].request"_s);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceImport)
#include "tst_WorkspaceImport.moc"
