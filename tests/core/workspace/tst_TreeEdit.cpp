#include "core/workspace/JsonCodec.h"
#include "core/workspace/TreeEdit.h"
#include "core/workspace/WorkspaceStore.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

// The tree as the user sees it: "path = name", depth first in display order.
void outlineOf(const Model::Folder& folder, int depth, QStringList& lines)
{
    lines.append(QString(depth * 2, u' ') + folder.path + u" = "_s + folder.name);
    for (const Model::FolderEntry& entry : Model::childrenInOrder(folder)) {
        if (entry.folder)
            outlineOf(*entry.folder, depth + 1, lines);
        else
            lines.append(QString((depth + 1) * 2, u' ') + entry.request->path + u" = "_s +
                         entry.request->request.name);
    }
}

QStringList outline(const Model::Workspace& workspace)
{
    QStringList lines;
    for (const Model::Collection& collection : workspace.collections)
        outlineOf(collection, 0, lines);
    return lines;
}

} // namespace

class TestTreeEdit final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Model::Workspace m_workspace;

    // The model after each edit equals the workspace loaded again from disk.
    void verifyDiskMatches()
    {
        QCOMPARE(outline(Testing::loadCleanly(m_dir.path())), outline(m_workspace));
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = Testing::freshSampleCopy(m_dir.path());
    }

    void slugsFollowTheName()
    {
        QCOMPARE(Workspace::slugFor(u"List items (v2)"_s, u"x"_s), u"list-items-v2"_s);
        QCOMPARE(Workspace::slugFor(u"  Ünïcode Näme!"_s, u"x"_s), u"ünïcode-näme"_s);
        QCOMPARE(Workspace::slugFor(u"../.."_s, u"request"_s), u"request"_s);
        QCOMPARE(Workspace::slugFor(QString(200, u'a'), u"x"_s).size(), 48);
    }

    void createsRequestsFoldersAndCollectionsInPlace()
    {
        Model::RequestTemplate request;
        request.name = u"List items"_s; // items/ already has list-items.request.json
        request.method = u"POST"_s;
        const Result<QString> path =
            Workspace::createRequest(m_workspace, {u"demo-api/items"_s, 0}, request);
        QVERIFY2(path, qPrintable(path ? QString() : path.error().toString()));
        QCOMPARE(path.value(), u"demo-api/items/list-items-2.request.json"_s);
        QCOMPARE(Workspace::placeOf(m_workspace, path.value()).value(),
                 (Workspace::Place{u"demo-api/items"_s, 0}));
        verifyDiskMatches();

        const Result<QString> folder =
            Workspace::createFolder(m_workspace, {u"demo-api"_s, 1}, u"Admin / Users"_s);
        QVERIFY(folder);
        QCOMPARE(folder.value(), u"demo-api/admin-users"_s);
        QCOMPARE(Workspace::findFolder(m_workspace, folder.value())->name, u"Admin / Users"_s);
        QCOMPARE(Workspace::placeOf(m_workspace, folder.value()).value().position, 1);
        verifyDiskMatches();

        // A collection called "Environments" must not take the environments/ directory.
        const Result<QString> collection =
            Workspace::createFolder(m_workspace, {{}, 0}, u"Environments"_s);
        QVERIFY(collection);
        QCOMPARE(collection.value(), u"environments-2"_s);
        QCOMPARE(m_workspace.collections.front().path, u"environments-2"_s);
        verifyDiskMatches();

        // A request needs a folder; an empty name is refused.
        QCOMPARE(Workspace::createRequest(m_workspace, {}, request).error().code, u"tree.parent"_s);
        QCOMPARE(Workspace::createFolder(m_workspace, {u"demo-api"_s, -1}, u"  "_s).error().code,
                 u"tree.name"_s);
    }

    void renameChangesTheNameOnlyAndKeepsUnsavedEdits()
    {
        const QString path = u"demo-api/items/list-items.request.json"_s;
        const QByteArray before = Testing::readAll(m_dir.path() + u'/' + path);
        Model::RequestItem* item = Model::findRequest(m_workspace, path);
        item->request.url = u"http://unsaved.example/"_s; // an edit not saved yet
        QVERIFY(Workspace::renameEntry(m_workspace, path, u"  All the items "_s));
        QCOMPARE(item->request.name, u"All the items"_s);
        QCOMPARE(item->request.url, u"http://unsaved.example/"_s);
        const Model::RequestTemplate onDisk =
            Workspace::requestFromJson(Testing::readAll(m_dir.path() + u'/' + path), path).value();
        QCOMPARE(onDisk.name, u"All the items"_s);
        QVERIFY(onDisk.url != u"http://unsaved.example/"_s);
        QVERIFY(before.contains("\"name\""));

        QVERIFY(Workspace::renameEntry(m_workspace, u"demo-api"_s, u"Demo"_s));
        QCOMPARE(m_workspace.collections.front().name, u"Demo"_s);
        // A folder needs a name; a request may go back to none (its file name shows).
        QCOMPARE(Workspace::renameEntry(m_workspace, u"demo-api"_s, u" "_s).error().code,
                 u"tree.name"_s);
        QCOMPARE(Workspace::renameEntry(m_workspace, u"nope"_s, u"x"_s).error().code,
                 u"tree.missing"_s);
        item->request.url = onDisk.url;
        verifyDiskMatches();
    }

    void duplicatesRequestsAndFoldersRightAfterThem()
    {
        const Result<QString> request =
            Workspace::duplicateEntry(m_workspace, u"demo-api/health.request.json"_s);
        QVERIFY(request);
        QCOMPARE(request.value(), u"demo-api/health-check-copy.request.json"_s);
        QCOMPARE(Workspace::placeOf(m_workspace, request.value()).value().position, 1);
        QVERIFY(Model::findRequest(m_workspace, request.value())->request.name.endsWith(u" copy"));

        const Result<QString> folder = Workspace::duplicateEntry(m_workspace, u"demo-api/items"_s);
        QVERIFY2(folder, qPrintable(folder ? QString() : folder.error().toString()));
        QCOMPARE(folder.value(), u"demo-api/items-copy"_s);
        const Model::Folder* copy = Workspace::findFolder(m_workspace, folder.value());
        QCOMPARE(copy->requests.size(), 2u);
        QVERIFY(Model::findRequest(m_workspace, u"demo-api/items-copy/list-items.request.json"_s));
        verifyDiskMatches();
    }

    void movesWithinAFolderAndAcross()
    {
        // Reorder: health goes last in demo-api.
        Result<QString> moved = Workspace::moveEntry(m_workspace, u"demo-api/health.request.json"_s,
                                                     {u"demo-api"_s, -1});
        QVERIFY(moved);
        QCOMPARE(moved.value(), u"demo-api/health.request.json"_s);
        QCOMPARE(Workspace::findFolder(m_workspace, u"demo-api"_s)->order,
                 (QStringList{u"auth"_s, u"items"_s, u"health.request.json"_s}));
        verifyDiskMatches();
        // ... and back first.
        QVERIFY(Workspace::moveEntry(m_workspace, u"demo-api/health.request.json"_s,
                                     {u"demo-api"_s, 0}));
        QCOMPARE(
            Workspace::placeOf(m_workspace, u"demo-api/health.request.json"_s).value().position, 0);

        // Across: the login request into items/, second; the token lifecycle follows it.
        Model::Collection& api = m_workspace.collections.front();
        api.tokenLifecycle.loginRequest = u"demo-api/auth/login.request.json"_s;
        QVERIFY(Workspace::saveFolderManifest(m_dir.path(), api));
        moved = Workspace::moveEntry(m_workspace, u"demo-api/auth/login.request.json"_s,
                                     {u"demo-api/items"_s, 1});
        QVERIFY2(moved, qPrintable(moved ? QString() : moved.error().toString()));
        QCOMPARE(moved.value(), u"demo-api/items/login.request.json"_s);
        QVERIFY(QFileInfo::exists(m_dir.path() + u"/demo-api/items/login.request.json"_s));
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/demo-api/auth/login.request.json"_s));
        QCOMPARE(Workspace::placeOf(m_workspace, moved.value()).value().position, 1);
        QCOMPARE(Testing::loadCleanly(m_dir.path()).collections.front().tokenLifecycle.loginRequest,
                 moved.value());
        verifyDiskMatches();

        // A folder into another: every path below it follows.
        moved = Workspace::moveEntry(m_workspace, u"demo-api/items"_s, {u"demo-api/auth"_s, 0});
        QVERIFY(moved);
        QCOMPARE(moved.value(), u"demo-api/auth/items"_s);
        QVERIFY(Model::findRequest(m_workspace, u"demo-api/auth/items/login.request.json"_s));
        QCOMPARE(m_workspace.collections.front().tokenLifecycle.loginRequest,
                 u"demo-api/auth/items/login.request.json"_s);
        verifyDiskMatches();

        // Refused: a folder into itself, a request out of every folder.
        QCOMPARE(
            Workspace::moveEntry(m_workspace, u"demo-api/auth"_s, {u"demo-api/auth/items"_s, 0})
                .error()
                .code,
            u"tree.move"_s);
        QCOMPARE(Workspace::moveEntry(m_workspace, u"demo-api/health.request.json"_s, {{}, 0})
                     .error()
                     .code,
                 u"tree.parent"_s);
    }

    void aNameTakenInTheTargetGetsANumber()
    {
        const Result<QString> folder =
            Workspace::createFolder(m_workspace, {u"demo-api"_s, -1}, u"Other"_s);
        QVERIFY(folder);
        QVERIFY(
            Workspace::duplicateEntry(m_workspace, u"demo-api/items/list-items.request.json"_s));
        QVERIFY(Workspace::moveEntry(m_workspace, u"demo-api/items/list-items.request.json"_s,
                                     {folder.value(), -1}));
        const Result<QString> second = Workspace::moveEntry(
            m_workspace, u"demo-api/items/list-items-copy.request.json"_s, {folder.value(), -1});
        QCOMPARE(second.value(), u"demo-api/other/list-items-copy.request.json"_s);
        QVERIFY(Workspace::createRequest(m_workspace, {u"demo-api/items"_s, -1},
                                         Model::findRequest(m_workspace, second.value())->request));
        const Result<QString> third = Workspace::moveEntry(
            m_workspace, u"demo-api/items/list-items-copy.request.json"_s, {folder.value(), 0});
        QCOMPARE(third.value(), u"demo-api/other/list-items-copy-2.request.json"_s);
        verifyDiskMatches();
    }

    void collectionsMoveAndReorder()
    {
        const Result<QString> second = Workspace::createFolder(m_workspace, {{}, -1}, u"Second"_s);
        QVERIFY(second);
        QVERIFY(Workspace::moveEntry(m_workspace, second.value(), {{}, 0}));
        QCOMPARE(m_workspace.collections.front().path, u"second"_s);
        verifyDiskMatches();
        // The demo collection becomes a folder of "Second", and back.
        const Result<QString> inside =
            Workspace::moveEntry(m_workspace, u"demo-api"_s, {u"second"_s, 0});
        QVERIFY(inside);
        QCOMPARE(inside.value(), u"second/demo-api"_s);
        QCOMPARE(m_workspace.collections.size(), 1u);
        verifyDiskMatches();
        QVERIFY(Workspace::moveEntry(m_workspace, inside.value(), {{}, 0}));
        QCOMPARE(m_workspace.collections.front().path, u"demo-api"_s);
        verifyDiskMatches();
    }

    void trashAndRestoreRoundTrip()
    {
        const QString folder = u"demo-api/items"_s;
        const QStringList before = outline(m_workspace);
        const QByteArray file =
            Testing::readAll(m_dir.path() + u"/demo-api/items/list-items.request.json"_s);
        const Result<QString> trashed = Workspace::trashEntry(m_workspace, folder);
        QVERIFY(trashed);
        QVERIFY(trashed.value().startsWith(u".keyhole/trash/"_s));
        QVERIFY(!QFileInfo::exists(m_dir.path() + u'/' + folder));
        QVERIFY(!Workspace::findFolder(m_workspace, folder));
        QVERIFY(QFileInfo::exists(m_dir.path() + u"/.keyhole/.gitignore"_s));
        verifyDiskMatches();

        QVERIFY(Workspace::restoreEntry(m_workspace, trashed.value(), folder, {u"demo-api"_s, 2}));
        QCOMPARE(outline(m_workspace), before);
        QCOMPARE(Testing::readAll(m_dir.path() + u"/demo-api/items/list-items.request.json"_s),
                 file);
        verifyDiskMatches();

        // A request, and a place taken meanwhile: restoring refuses rather than overwrites.
        const QString request = u"demo-api/health.request.json"_s;
        const Result<QString> gone = Workspace::trashEntry(m_workspace, request);
        QVERIFY(gone);
        Model::RequestTemplate other;
        other.name = u"Health"_s;
        QCOMPARE(Workspace::createRequest(m_workspace, {u"demo-api"_s, 0}, other).value(), request);
        QCOMPARE(Workspace::restoreEntry(m_workspace, gone.value(), request, {u"demo-api"_s, 0})
                     .error()
                     .code,
                 u"tree.restore"_s);
        Workspace::emptyTrash(m_dir.path());
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/.keyhole/trash"_s));
    }
};

QTEST_GUILESS_MAIN(TestTreeEdit)
#include "tst_TreeEdit.moc"
