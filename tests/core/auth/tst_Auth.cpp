#include "core/auth/EffectiveAuth.h"
#include "core/auth/Extractor.h"
#include "core/auth/TokenCheck.h"
#include "core/secrets/SecretStore.h"
#include "core/workspace/WorkspaceStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

Http::Exchange answer(int status, const QByteArray& body, Model::HeaderFields headers = {})
{
    Http::Exchange exchange;
    Http::Hop hop;
    hop.response.received = true;
    hop.response.status = status;
    hop.response.headers = std::move(headers);
    hop.response.body = hop.response.decodedBody = body;
    exchange.hops.append(hop);
    return exchange;
}

} // namespace

class TestAuth final : public QObject {
    Q_OBJECT

private slots:
    void inheritWalksUpTheFolders()
    {
        Model::Workspace workspace;
        Model::Collection collection;
        collection.path = u"c"_s;
        collection.auth.kind = Model::AuthKind::Bearer;
        collection.auth.token = u"{{token}}"_s;
        Model::Folder folder;
        folder.path = u"c/f"_s;
        folder.requests.push_back({u"c/f/r.request.json"_s, {}});
        collection.folders.push_back(folder);
        workspace.collections.push_back(collection);

        QCOMPARE(Auth::effectiveAuth(workspace, u"c/f/r.request.json"_s, {}).kind,
                 Model::AuthKind::Bearer);
        workspace.collections.front().folders.front().auth.kind = Model::AuthKind::None;
        QCOMPARE(Auth::effectiveAuth(workspace, u"c/f/r.request.json"_s, {}).kind,
                 Model::AuthKind::None);
        Model::AuthConfig own;
        own.kind = Model::AuthKind::Basic;
        QCOMPARE(Auth::effectiveAuth(workspace, u"c/f/r.request.json"_s, own).kind,
                 Model::AuthKind::Basic);
        QCOMPARE(Auth::effectiveAuth({}, u"nowhere"_s, {}).kind, Model::AuthKind::None);
    }

    void pastedTokensAreChecked_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QString>("cleaned");
        QTest::addColumn<int>("problems");
        QTest::newRow("fine") << u"eyJ.a.b"_s << u"eyJ.a.b"_s << 0;
        QTest::newRow("spaces and newline") << u"  eyJ.a.b\n"_s << u"eyJ.a.b"_s << 2;
        QTest::newRow("quotes") << u"\"eyJ.a.b\""_s << u"eyJ.a.b"_s << 1;
        QTest::newRow("prefix pasted too") << u"Bearer eyJ.a.b"_s << u"eyJ.a.b"_s << 1;
        QTest::newRow("inner space") << u"abc def"_s << u"abc def"_s << 1;
    }

    void pastedTokensAreChecked()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, cleaned);
        QFETCH(int, problems);
        const Auth::TokenCheck check = Auth::checkToken(pasted, u"Bearer"_s);
        QCOMPARE(check.cleaned, cleaned);
        QCOMPARE(check.problems.size(), problems);
    }

    void valuesAreExtractedFromSuccessOnly()
    {
        const QList<Model::Extraction> rules{
            {Model::Extraction::Source::Json, u"access"_s, u"token"_s, true},
            {Model::Extraction::Source::Json, u"data.items[1].id"_s, u"id"_s, false},
            {Model::Extraction::Source::Json, u"/data/items/0/name"_s, u"name"_s, false},
            {Model::Extraction::Source::Header, u"X-Request-Id"_s, u"rid"_s, false},
            {Model::Extraction::Source::Json, u"missing"_s, u"nothing"_s, false}};
        const QByteArray body =
            R"({"access": "a.b.c", "data": {"items": [{"name": "x/y"}, {"id": 7}]}})";
        const Auth::Extracted extracted =
            Auth::extractValues(answer(200, body, {{"X-Request-Id", "r1"}}), rules);
        QCOMPARE(extracted.values.size(), 4);
        QCOMPARE(extracted.values[0].value, u"a.b.c"_s);
        QVERIFY(extracted.values[0].secret);
        QCOMPARE(extracted.values[1].value, u"7"_s);
        QCOMPARE(extracted.values[2].value, u"x/y"_s);
        QCOMPARE(extracted.values[3].value, u"r1"_s);
        QCOMPARE(extracted.problems.size(), 1);
        QVERIFY(Auth::extractValues(answer(401, body), rules).values.isEmpty());
    }

    void extractedSecretsGoToTheStoreNotTheFile()
    {
        QTemporaryDir dir;
        Model::Workspace workspace;
        workspace.rootPath = dir.path();
        workspace.id = u"ws"_s;
        workspace.environments.push_back({u"local"_s, u"local.json"_s, {{u"host"_s, u"h"_s}}, {}});
        QVERIFY(Workspace::saveWorkspace(workspace).ok());
        auto store = std::make_shared<Secrets::MemorySecretStore>();
        QStringList problems{u"not called"_s};
        Auth::storeExtracted(store, workspace, u"local"_s,
                             {{u"token"_s, u"SECRET-abc"_s, true}, {u"userId"_s, u"42"_s, false}},
                             [&](QStringList p) { problems = p; });
        QVERIFY(problems.isEmpty());
        std::optional<QByteArray> stored;
        store->read(Secrets::secretKey(u"ws"_s, u"local"_s, u"token"_s),
                    [&](Secrets::ReadResult r) { stored = r.value(); });
        QCOMPARE(stored, std::optional<QByteArray>("SECRET-abc"));
        QFile file(dir.filePath(u"environments/local.json"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(!json.contains("SECRET-abc"));
        QVERIFY(json.contains("\"value\": \"42\""));
        QVERIFY(json.contains("\"name\": \"token\""));
        // The session goes on with the value in memory.
        QCOMPARE(Model::findEnvironment(workspace, u"local"_s)->variables[1].value,
                 u"SECRET-abc"_s);
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_Auth.moc"
