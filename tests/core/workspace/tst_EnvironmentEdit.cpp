#include "core/secrets/SecretChanges.h"
#include "core/vars/EnvironmentCompare.h"
#include "core/vars/WorkspaceScopes.h"
#include "core/workspace/CookieJarStore.h"
#include "core/workspace/EnvironmentEdit.h"
#include "core/workspace/WorkspaceStore.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

QStringList namesOf(const Model::Workspace& workspace)
{
    QStringList names;
    for (const Model::Environment& environment : workspace.environments)
        names.append(environment.name + u" <"_s + environment.fileName + u'>');
    return names;
}

QString valueOf(const Model::Workspace& workspace, const QString& environment, const QString& text)
{
    const Vars::Resolver resolver =
        Vars::resolverFor(workspace, u"demo-api/health.request.json"_s,
                          Model::findEnvironment(workspace, environment));
    return resolver.resolve(text).text;
}

} // namespace

class TestEnvironmentEdit final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Model::Workspace m_workspace;

    // The model after each edit equals the workspace loaded again from disk.
    void verifyDiskMatches()
    {
        const Model::Workspace again = Testing::loadCleanly(m_dir.path());
        QCOMPARE(namesOf(again), namesOf(m_workspace));
        for (std::size_t i = 0; i < again.environments.size(); ++i)
            QCOMPARE(again.environments[i], m_workspace.environments[i]);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = Testing::freshSampleCopy(m_dir.path());
    }

    void createsAndRefusesTakenNames()
    {
        const Result<QString> file = Workspace::createEnvironment(
            m_workspace, u"  Production (EU)"_s, {{u"baseUrl"_s, u"https://eu.example"_s}});
        QVERIFY(file);
        QCOMPARE(file.value(), u"production-eu.json"_s);
        QCOMPARE(namesOf(m_workspace),
                 (QStringList{u"local <local.json>"_s, u"Production (EU) <production-eu.json>"_s,
                              u"staging <staging.json>"_s}));
        verifyDiskMatches();
        for (const QString& taken : {u"STAGING"_s, u" local "_s, u""_s, u"   "_s}) {
            const Result<QString> refused = Workspace::createEnvironment(m_workspace, taken);
            QVERIFY2(!refused, qPrintable(taken));
            QCOMPARE(refused.error().code, u"env.name"_s);
        }
        QCOMPARE(m_workspace.environments.size(), 3u);
    }

    void duplicatesWithoutSecretValues()
    {
        Model::findEnvironment(m_workspace, u"local"_s)->variables[3].value = u"s3cret"_s;
        const Result<QString> copy = Workspace::duplicateEnvironment(m_workspace, u"local"_s);
        QVERIFY(copy);
        QCOMPARE(copy.value(), u"local copy"_s);
        const Model::Environment* duplicate = Model::findEnvironment(m_workspace, u"local copy"_s);
        QVERIFY(duplicate);
        QCOMPARE(duplicate->fileName, u"local-copy.json"_s);
        QCOMPARE(duplicate->variables.size(), 4);
        QVERIFY(duplicate->variables[3].secret);
        QVERIFY(duplicate->variables[3].value.isNull());
        QVERIFY(!Testing::readAll(m_dir.path() + u"/environments/local-copy.json"_s)
                     .contains("s3cret"));
        QCOMPARE(Workspace::duplicateEnvironment(m_workspace, u"local"_s).value(),
                 u"local copy 2"_s);
        QVERIFY(!Workspace::duplicateEnvironment(m_workspace, u"nowhere"_s));
        Model::findEnvironment(m_workspace, u"local"_s)->variables[3].value = QString();
        verifyDiskMatches();
    }

    void renamesTheNameNotTheFile()
    {
        QVERIFY(Workspace::renameEnvironment(m_workspace, u"staging"_s, u"Staging EU"_s));
        QCOMPARE(namesOf(m_workspace),
                 (QStringList{u"local <local.json>"_s, u"Staging EU <staging.json>"_s}));
        verifyDiskMatches();
        QVERIFY(!Workspace::renameEnvironment(m_workspace, u"Staging EU"_s, u"LOCAL"_s));
        // A change of letter case alone is a rename, not a clash with itself.
        QVERIFY(Workspace::renameEnvironment(m_workspace, u"Staging EU"_s, u"staging eu"_s));
        verifyDiskMatches();
    }

    void trashAndRestoreKeepEverything()
    {
        Model::Environment staging = *Model::findEnvironment(m_workspace, u"staging"_s);
        staging.currentValues.insert(u"password"_s, u"mine"_s);
        QVERIFY(Workspace::updateEnvironment(m_workspace, staging));
        const QByteArray before = Testing::readAll(m_dir.path() + u"/environments/staging.json"_s);
        // Its cookie jar's file goes to the trash and comes back with it.
        const QString jar = m_dir.path() + u'/' + Workspace::cookieJarPath(u"staging.json"_s);
        QVERIFY(QDir().mkpath(QFileInfo(jar).path()));
        QFile jarFile(jar);
        QVERIFY(jarFile.open(QIODevice::WriteOnly) && jarFile.write("{\"cookies\": []}") > 0);
        jarFile.close();

        const Result<Workspace::TrashedEnvironment> trashed =
            Workspace::trashEnvironment(m_workspace, u"staging"_s);
        QVERIFY(trashed);
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/environments/staging.json"_s));
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/.keyhole/environments/staging.json"_s));
        QVERIFY(!QFileInfo::exists(jar));
        QCOMPARE(namesOf(m_workspace), QStringList{u"local <local.json>"_s});
        verifyDiskMatches();
        const std::vector<Model::Environment> inTrash =
            Workspace::environmentsInTrash(m_dir.path());
        QCOMPARE(inTrash.size(), 1u);
        QCOMPARE(inTrash.front().name, u"staging"_s);
        QCOMPARE(inTrash.front().fileName, u"staging.json"_s);

        QVERIFY(Workspace::restoreEnvironment(m_workspace, trashed.value()));
        QCOMPARE(Testing::readAll(m_dir.path() + u"/environments/staging.json"_s), before);
        QCOMPARE(
            Model::findEnvironment(m_workspace, u"staging"_s)->currentValues.value(u"password"_s),
            u"mine"_s);
        QVERIFY(Workspace::environmentsInTrash(m_dir.path()).empty());
        QVERIFY(QFileInfo::exists(jar));
        verifyDiskMatches();

        // Not when another environment took the name meanwhile.
        const Result<Workspace::TrashedEnvironment> again =
            Workspace::trashEnvironment(m_workspace, u"staging"_s);
        QVERIFY(again);
        QVERIFY(Workspace::createEnvironment(m_workspace, u"Staging"_s));
        QVERIFY(!Workspace::restoreEnvironment(m_workspace, again.value()));
        verifyDiskMatches();
    }

    void currentValuesStayOnThisMachineAndWin()
    {
        Model::Environment local = *Model::findEnvironment(m_workspace, u"local"_s);
        const QByteArray shared = Testing::readAll(m_dir.path() + u"/environments/local.json"_s);
        local.currentValues.insert(u"baseUrl"_s, u"http://127.0.0.1:9999"_s);
        local.currentValues.insert(u"token"_s, u"not-for-secrets"_s);
        QVERIFY(Workspace::updateEnvironment(m_workspace, local));
        // The shared file is unchanged; the current values are in git-ignored .keyhole.
        QCOMPARE(Testing::readAll(m_dir.path() + u"/environments/local.json"_s), shared);
        QVERIFY(Testing::readAll(m_dir.path() + u"/.keyhole/environments/local.json"_s)
                    .contains("9999"));
        QVERIFY(QFileInfo::exists(m_dir.path() + u"/.keyhole/.gitignore"_s));
        verifyDiskMatches();
        QCOMPARE(valueOf(m_workspace, u"local"_s, u"{{baseUrl}}"_s), u"http://127.0.0.1:9999"_s);
        // A current value never stands in for a secret's value.
        QCOMPARE(valueOf(m_workspace, u"local"_s, u"{{token}}"_s), u"{{token}}"_s);

        local.currentValues.clear();
        QVERIFY(Workspace::updateEnvironment(m_workspace, local));
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/.keyhole/environments/local.json"_s));
        QCOMPARE(valueOf(m_workspace, u"local"_s, u"{{baseUrl}}"_s), u"http://127.0.0.1:8765"_s);
    }

    void comparesSideBySideWithoutShowingSecrets()
    {
        Model::Environment local = *Model::findEnvironment(m_workspace, u"local"_s);
        Model::Environment staging = *Model::findEnvironment(m_workspace, u"staging"_s);
        local.variables[3].value = u"tok-A"_s;
        staging.variables.append({u"token"_s, u"tok-A"_s, true, true});
        staging.variables.append({u"debug"_s, u"1"_s, false, true});
        staging.variables.append({u"off"_s, u"1"_s, false, false});
        const QByteArray key = "session-key";
        QList<Vars::VariableComparison> rows = Vars::compareEnvironments(local, staging, key);
        using State = Vars::VariableComparison::State;
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].name, u"baseUrl"_s);
        QCOMPARE(rows[0].state, State::Different);
        QCOMPARE(rows[0].left, u"http://127.0.0.1:8765"_s);
        QCOMPARE(rows[1].state, State::Same);      // username
        QCOMPARE(rows[2].state, State::Different); // password
        QCOMPARE(rows[3].name, u"token"_s);
        QCOMPARE(rows[3].state, State::Same);
        QVERIFY(rows[3].secret);
        QVERIFY(!rows[3].left.contains(u"tok-A"_s));
        QCOMPARE(rows[3].left, rows[3].right); // same fingerprint, visibly
        QCOMPARE(rows[4].name, u"debug"_s);
        QCOMPARE(rows[4].state, State::OnlyRight); // "off" is disabled: not there at all

        staging.variables[3].value = u"tok-B"_s;
        rows = Vars::compareEnvironments(local, staging, key);
        QCOMPARE(rows[3].state, State::Different);
        QVERIFY(rows[3].left != rows[3].right);
        staging.variables[3].value = QString(); // not set
        rows = Vars::compareEnvironments(local, staging, key);
        QCOMPARE(rows[3].state, State::Different);
        QCOMPARE(rows[3].right, u"(secret, not set)"_s);
        // A current value is what counts.
        staging.currentValues.insert(u"password"_s, u"demo"_s);
        QCOMPARE(Vars::compareEnvironments(local, staging, key)[2].state, State::Same);
        // Another session's key gives other fingerprints.
        QVERIFY(Vars::secretFingerprint("k1", u"x"_s) != Vars::secretFingerprint("k2", u"x"_s));
    }

    void secretChangesWriteMoveAndRemove()
    {
        auto store = std::make_shared<Secrets::MemorySecretStore>();
        using Kind = Secrets::SecretChange::Kind;
        QList<Error> errors{Error{}};
        Secrets::applySecretChanges(store,
                                    {{Kind::Write, u"a"_s, "one", {}},
                                     {Kind::Write, u"b"_s, "two", {}},
                                     {Kind::Move, u"a"_s, {}, u"c"_s},
                                     {Kind::Move, u"nothing"_s, {}, u"d"_s},
                                     {Kind::Remove, u"b"_s, {}, {}}},
                                    [&](QList<Error> met) { errors = met; });
        QVERIFY(errors.isEmpty());
        auto read = [&](const QString& key) {
            std::optional<QByteArray> value;
            store->read(key, [&](Secrets::ReadResult result) { value = result.value(); });
            return value;
        };
        QCOMPARE(read(u"a"_s), std::nullopt);
        QCOMPARE(read(u"b"_s), std::nullopt);
        QCOMPARE(read(u"c"_s), std::optional<QByteArray>("one"));
        QCOMPARE(read(u"d"_s), std::nullopt);
    }

    void plansTheStoreChangesOfAnEdit()
    {
        using Kind = Secrets::SecretChange::Kind;
        Model::Environment saved{u"local"_s,
                                 u"local.json"_s,
                                 {{u"token"_s, u"old"_s, true, true},
                                  {u"refresh"_s, u"r"_s, true, true},
                                  {u"unset"_s, QString(), true, true},
                                  {u"gone"_s, u"g"_s, true, true},
                                  {u"plain"_s, u"p"_s, false, true}},
                                 {}};
        Model::Environment edited = saved;
        edited.variables[0].value = u"new"_s;     // changed: written
        edited.variables[1].secret = false;       // made plain: removed from the store
        edited.variables[2].value = u"now set"_s; // written
        edited.variables.removeAt(3);             // removed
        edited.variables[3].secret = true;        // made secret: written
        auto describe = [](const QList<Secrets::SecretChange>& changes) {
            QStringList out;
            for (const Secrets::SecretChange& change : changes)
                out.append(QString::number(int(change.kind)) + u' ' + change.key.section(u'/', -1) +
                           u'=' + QString::fromUtf8(change.value) + change.to.section(u'/', -1));
            return out;
        };
        const QList<Secrets::SecretChange> changes =
            Secrets::changesForEdit(u"ws"_s, saved, edited);
        QCOMPARE(describe(changes), (QStringList{u"1 refresh="_s, u"1 gone="_s, u"0 token=new"_s,
                                                 u"0 unset=now set"_s, u"0 plain=p"_s}));
        QCOMPARE(changes[2].key, Secrets::secretKey(u"ws"_s, u"local"_s, u"token"_s));
        QVERIFY(Secrets::changesForEdit(u"ws"_s, saved, saved).isEmpty());

        const QList<Secrets::SecretChange> moves =
            Secrets::changesForRename(u"ws"_s, saved, u"Local EU"_s);
        QCOMPARE(moves.size(), 4);
        QCOMPARE(moves[0].kind, Kind::Move);
        QCOMPARE(moves[0].to, Secrets::secretKey(u"ws"_s, u"Local EU"_s, u"token"_s));
        QCOMPARE(Secrets::changesForRemoval(u"ws"_s, saved).size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentEdit)
#include "tst_EnvironmentEdit.moc"
