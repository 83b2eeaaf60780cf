#include "core/secrets/SecretStore.h"
#include "core/workspace/JsonCodec.h"
#include "tests/support/Fixtures.h"
#include "tests/support/ModalAnswers.h"
#include "ui/MainWindow.h"
#include "ui/RequestDocument.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTabs.h"
#include "ui/WorkspaceTree.h"
#include "ui/WorkspaceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

const QString kItems = u"demo-api/items"_s;
const QString kListItems = u"demo-api/items/list-items.request.json"_s;

// The rows the tree shows, depth first: "  name" indented by depth (what a user reads).
QStringList shownRows(const QAbstractItemModel* model, const QModelIndex& parent = {},
                      int depth = 0)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        rows.append(QString(depth * 2, u' ') + index.data(Qt::EditRole).toString());
        rows.append(shownRows(model, index, depth + 1));
    }
    return rows;
}

QString fileName(const Ui::MainWindow& window, const QString& path)
{
    return window.workspace().rootPath + u'/' + path;
}

Model::RequestTemplate onDisk(const Ui::MainWindow& window, const QString& path)
{
    return Workspace::requestFromJson(Testing::readAll(fileName(window, path)), path).value();
}

} // namespace

class TestTreeEditing final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    std::shared_ptr<Secrets::MemorySecretStore> m_secrets =
        std::make_shared<Secrets::MemorySecretStore>();
    std::unique_ptr<Ui::MainWindow> m_window;

    Ui::WorkspaceTree* tree() const { return m_window->treePane(); }

    // Keys go to the tree, as when a user works in it.
    void keyInTree(Qt::Key key, Qt::KeyboardModifiers modifiers = {})
    {
        m_window->activateWindow(); // (a message box may have had it)
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        tree()->view()->setFocus();
        QTest::keyClick(tree()->view(), key, modifiers);
    }

    void answerNextQuestion(QMessageBox::StandardButton button)
    {
        Testing::answerNextQuestion(this, button);
    }

private slots:
    void initTestCase()
    {
        QApplication::setOrganizationName(u"KeyholeTreeTests"_s);
        QSettings().clear();
    }

    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), m_dir.path()));
        QSettings().clear();
        m_window = std::make_unique<Ui::MainWindow>(&m_network, m_secrets);
        QVERIFY(m_window->openWorkspace(m_dir.path()));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        new QAbstractItemModelTester(tree()->view()->model(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window.get());
    }

    void cleanup() { m_window.reset(); }

    void newRequestOpensInATabAndRenamesMovesAndUndoes()
    {
        tree()->selectPath(kListItems);
        const QString made = tree()->newRequest();
        QCOMPARE(made, u"demo-api/items/new-request.request.json"_s);
        QVERIFY(QFileInfo::exists(fileName(*m_window, made)));
        QCOMPARE(m_window->currentDocument()->item().path, made);
        QCOMPARE(m_window->tabs()->tabText(m_window->tabs()->currentIndex()), u"GET New Request"_s);
        QVERIFY(m_window->editor()->urlEdit()->hasFocus()); // type the URL at once
        // Right after the selected request, in its folder.
        const QStringList rows = shownRows(tree()->view()->model());
        QCOMPARE(rows.indexOf(u"    New Request"_s), rows.indexOf(u"    List items"_s) + 1);

        // An edit not saved yet, then a rename in the tree: the file gets the name only.
        QTest::keyClicks(m_window->editor()->urlEdit(), u"http://127.0.0.1:1/new"_s);
        QVERIFY(m_window->currentDocument()->isDirty());
        QVERIFY(tree()->rename(made, u"Create item"_s));
        QCOMPARE(onDisk(*m_window, made).name, u"Create item"_s);
        QVERIFY(onDisk(*m_window, made).url.isEmpty());
        QCOMPARE(m_window->tabs()->tabText(m_window->tabs()->currentIndex()),
                 u"GET Create item ●"_s);
        QCOMPARE(m_window->currentDocument()->request().url, u"http://127.0.0.1:1/new"_s);
        // An undo of the URL edit keeps the new name.
        m_window->currentDocument()->undoStack()->undo();
        QCOMPARE(m_window->currentDocument()->request().name, u"Create item"_s);
        m_window->currentDocument()->undoStack()->redo();

        // Moved to another folder: the open tab, its unsaved edit and Save follow.
        const QString moved = tree()->move(made, {u"demo-api/auth"_s, 0});
        QCOMPARE(moved, u"demo-api/auth/new-request.request.json"_s);
        QVERIFY(!QFileInfo::exists(fileName(*m_window, made)));
        QCOMPARE(m_window->currentDocument()->item().path, moved);
        QVERIFY(m_window->openRequests().contains(moved));
        QVERIFY(m_window->treeModel()->indexForPath(moved).data().toString().endsWith(u" ●"_s));
        QVERIFY(m_window->saveCurrent());
        QCOMPARE(onDisk(*m_window, moved).url, u"http://127.0.0.1:1/new"_s);

        // Ctrl+Z in the tree undoes the tree's last edit (the move), not the request's.
        keyInTree(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_window->currentDocument()->item().path, made);
        QVERIFY(QFileInfo::exists(fileName(*m_window, made)));
        QCOMPARE(onDisk(*m_window, made).url, u"http://127.0.0.1:1/new"_s);
        tree()->view()->setFocus();
        QTest::keySequence(tree()->view(), QKeySequence::keyBindings(QKeySequence::Redo).first());
        QCOMPARE(m_window->currentDocument()->item().path, moved);
        // Undo everything: the move, the rename, the new request.
        QUndoStack* undo = tree()->undoStack();
        QCOMPARE(undo->count(), 3);
        undo->undo();
        undo->undo();
        QCOMPARE(onDisk(*m_window, made).name, u"New Request"_s);
        undo->undo();
        QVERIFY(!QFileInfo::exists(fileName(*m_window, made)));
        QVERIFY(!m_window->openRequests().contains(made));
        QVERIFY(!shownRows(tree()->view()->model()).contains(u"    New Request"_s));
    }

    void deleteGoesToTheTrashAndUndoBringsItBack()
    {
        QVERIFY(m_window->openRequest(kListItems));
        const QByteArray saved = Testing::readAll(fileName(*m_window, kListItems));
        QTest::keyClicks(m_window->editor()->urlEdit(), u"?page=2"_s);
        const QStringList before = shownRows(tree()->view()->model());
        tree()->selectPath(kItems);
        // Unsaved edits inside: asked first. Cancel keeps everything.
        answerNextQuestion(QMessageBox::Cancel);
        keyInTree(Qt::Key_Delete);
        QVERIFY(QFileInfo::exists(fileName(*m_window, kItems)));
        QVERIFY(m_window->currentDocument()->isDirty());
        answerNextQuestion(QMessageBox::Yes);
        keyInTree(Qt::Key_Delete);
        QVERIFY(!QFileInfo::exists(fileName(*m_window, kItems)));
        QVERIFY(!m_window->openRequests().contains(kListItems));
        QVERIFY(!m_window->treeModel()->indexForPath(kItems).isValid());
        QVERIFY(QDir(m_dir.path() + u"/.keyhole/trash"_s)
                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                    .size() == 1);

        keyInTree(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(m_window->treeModel()->indexForPath(kListItems).isValid());
        QCOMPARE(Testing::readAll(fileName(*m_window, kListItems)), saved); // as last saved
        QCOMPARE(shownRows(tree()->view()->model()), before);               // in the same place

        // The trash goes when the workspace opens again (undo does not outlive it).
        QVERIFY(m_window->openWorkspace(m_dir.path()));
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/.keyhole/trash"_s));
    }

    void undoingAMovePutsBackTheFileName()
    {
        // The target holds a list-items.request.json already: the moved one is numbered there,
        // and gets its own name back when the move is undone.
        Model::RequestTemplate other;
        other.name = u"List items"_s;
        // (Made behind the window's back, as another program would, then shown.)
        QCOMPARE(Workspace::createRequest(const_cast<Model::Workspace&>(m_window->workspace()),
                                          {u"demo-api/auth"_s, -1}, other)
                     .value(),
                 u"demo-api/auth/list-items.request.json"_s);
        tree()->refresh();
        QVERIFY(m_window->openRequest(kListItems));
        const QString moved = tree()->move(kListItems, {u"demo-api/auth"_s, 0});
        QCOMPARE(moved, u"demo-api/auth/list-items-2.request.json"_s);
        QCOMPARE(m_window->currentDocument()->item().path, moved);
        tree()->undoStack()->undo();
        QVERIFY(QFileInfo::exists(fileName(*m_window, kListItems)));
        QCOMPARE(m_window->currentDocument()->item().path, kListItems);
        tree()->undoStack()->redo();
        QCOMPARE(m_window->currentDocument()->item().path, moved);
    }

    void duplicateAndMoveWithTheKeys()
    {
        tree()->selectPath(kListItems);
        keyInTree(Qt::Key_D, Qt::ControlModifier);
        const QString copy = u"demo-api/items/list-items-copy.request.json"_s;
        QCOMPARE(m_window->currentDocument()->item().path, copy);
        QCOMPARE(onDisk(*m_window, copy).name, u"List items copy"_s);
        QCOMPARE(onDisk(*m_window, copy).url, onDisk(*m_window, kListItems).url);

        // Alt+Up moves it back above the original.
        tree()->selectPath(copy);
        keyInTree(Qt::Key_Up, Qt::AltModifier);
        QStringList rows = shownRows(tree()->view()->model());
        QCOMPARE(rows.indexOf(u"    List items copy"_s) + 1, rows.indexOf(u"    List items"_s));
        QCOMPARE(tree()->currentPath(), copy);
        keyInTree(Qt::Key_Down, Qt::AltModifier);
        rows = shownRows(tree()->view()->model());
        QCOMPARE(rows.indexOf(u"    List items"_s) + 1, rows.indexOf(u"    List items copy"_s));
    }

    void dragAndDropMovesAndRefusesAFolderIntoItself()
    {
        QAbstractItemModel* model = tree()->view()->model();
        const QModelIndex auth = tree()->viewIndex(u"demo-api/auth"_s);
        std::unique_ptr<QMimeData> data(model->mimeData({tree()->viewIndex(kListItems)}));
        QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, auth));
        model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, auth);
        const QString moved = u"demo-api/auth/list-items.request.json"_s;
        QTRY_VERIFY(QFileInfo::exists(fileName(*m_window, moved)));
        QVERIFY(m_window->treeModel()->indexForPath(moved).isValid());

        // Refused: a folder into itself, a request among the collections.
        std::unique_ptr<QMimeData> folder(model->mimeData({tree()->viewIndex(u"demo-api"_s)}));
        QVERIFY(
            !model->canDropMimeData(folder.get(), Qt::MoveAction, 0, 0, tree()->viewIndex(kItems)));
        std::unique_ptr<QMimeData> request(model->mimeData({tree()->viewIndex(moved)}));
        QVERIFY(!model->canDropMimeData(request.get(), Qt::MoveAction, 0, 0, {}));
    }

    void inlineRenameAndNewFolder()
    {
        // F2, type, Enter: the folder is renamed (its directory stays).
        tree()->selectPath(kItems);
        keyInTree(Qt::Key_F2);
        QWidget* editor = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit*>(editor));
        qobject_cast<QLineEdit*>(editor)->selectAll();
        QTest::keyClicks(editor, u"Things"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_window->treeModel()->indexForPath(kItems).data().toString(), u"Things"_s);
        QVERIFY(Testing::readAll(fileName(*m_window, kItems + u"/folder.json"_s))
                    .contains("\"Things\""));

        // A new folder opens its name for editing right away.
        const QString folder = tree()->newFolder();
        QCOMPARE(folder, kItems + u"/new-folder"_s);
        editor = QApplication::focusWidget();
        QVERIFY(qobject_cast<QLineEdit*>(editor));
        QTest::keyClicks(editor, u"Admin"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_window->treeModel()->indexForPath(folder).data().toString(), u"Admin"_s);
    }

    void theFilterShowsMatchesWithTheirFolders()
    {
        QAbstractItemModel* model = tree()->view()->model();
        const QStringList all = shownRows(model);
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(tree()->filterBox()->hasFocus());
        QTest::keyClicks(tree()->filterBox(), u"TOKEN P"_s);
        QCOMPARE(shownRows(model),
                 (QStringList{u"Demo API"_s, u"  Items"_s, u"    List items (Token prefix)"_s}));
        QVERIFY(tree()->view()->isExpanded(tree()->viewIndex(kItems)));
        // By URL and method too; a folder's name shows what is in it.
        tree()->filterBox()->setText(u"auth"_s);
        QVERIFY(shownRows(model).contains(u"    Log in (get a JWT)"_s));
        tree()->filterBox()->setText(u"post"_s); // the login is the only POST
        QCOMPARE(shownRows(model),
                 (QStringList{u"Demo API"_s, u"  Auth"_s, u"    Log in (get a JWT)"_s}));
        tree()->filterBox()->clear();
        QCOMPARE(shownRows(model), all);
    }
};

QTEST_MAIN(TestTreeEditing)
#include "tst_TreeEditing.moc"
