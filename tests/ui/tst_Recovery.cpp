#include "core/secrets/SecretStore.h"
#include "core/workspace/JsonCodec.h"
#include "core/workspace/Unsaved.h"
#include "tests/support/Fixtures.h"
#include "ui/MainWindow.h"
#include "ui/RequestDocument.h"
#include "ui/RequestEditor.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {
const QString kListItems = u"demo-api/items/list-items.request.json"_s;
} // namespace

// A crash or a kill never loses unsaved edits: they are kept beside the workspace while
// unsaved and offered back when it opens next.
class TestRecovery final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    std::shared_ptr<Secrets::MemorySecretStore> m_secrets =
        std::make_shared<Secrets::MemorySecretStore>();

    // A window that edits the list request's URL and then "crashes": it is destroyed without
    // being closed (no question, no save).
    void editAndCrash(const QString& typed)
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(kListItems));
        QTest::keyClicks(window.editor()->urlEdit(), typed);
        QVERIFY(window.currentDocument()->isDirty());
        QTRY_COMPARE_WITH_TIMEOUT(Workspace::unsavedEdits(m_dir.path()).size(), 1, 5000);
    }

private slots:
    void initTestCase()
    {
        QApplication::setOrganizationName(u"KeyholeRecoveryTests"_s);
        QSettings().clear();
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), m_dir.path()));
    }

    void editsLeftByACrashAreOfferedBack()
    {
        const QByteArray file = Testing::readAll(m_dir.path() + u'/' + kListItems);
        editAndCrash(u"?page=2"_s);
        QCOMPARE(Testing::readAll(m_dir.path() + u'/' + kListItems), file); // never saved

        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        auto* bar = window.findChild<QWidget*>(u"recoveryBar"_s);
        QVERIFY(!bar->isHidden());
        QVERIFY(bar->findChild<QLabel*>()->text().contains(u"“List items”"_s));
        bar->findChild<QPushButton*>(u"restoreUnsaved"_s)->click();
        QVERIFY(bar->isHidden());
        QCOMPARE(window.currentDocument()->item().path, kListItems);
        QVERIFY(window.currentDocument()->isDirty()); // back as unsaved edits, one undo away
        QVERIFY(window.editor()->urlEdit()->text().endsWith(u"?page=2"_s));
        QCOMPARE(Testing::readAll(m_dir.path() + u'/' + kListItems), file);

        // Saving writes them and forgets the kept copy.
        QVERIFY(window.saveCurrent());
        QVERIFY(Workspace::unsavedEdits(m_dir.path()).isEmpty());
        QVERIFY(Testing::readAll(m_dir.path() + u'/' + kListItems).contains("?page=2"));
    }

    void discardForgetsThem()
    {
        editAndCrash(u"&size=5"_s);
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        auto* bar = window.findChild<QWidget*>(u"recoveryBar"_s);
        QVERIFY(!bar->isHidden());
        bar->findChild<QPushButton*>(u"discardUnsaved"_s)->click();
        QVERIFY(bar->isHidden());
        QVERIFY(Workspace::unsavedEdits(m_dir.path()).isEmpty());
        QVERIFY(!window.editor()->urlEdit()->text().contains(u"size"_s));
    }

    void undoingBackToTheFileForgetsThem()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.findChild<QWidget*>(u"recoveryBar"_s)->isHidden());
        QVERIFY(window.openRequest(kListItems));
        QTest::keyClicks(window.editor()->urlEdit(), u"x"_s);
        QTRY_COMPARE_WITH_TIMEOUT(Workspace::unsavedEdits(m_dir.path()).size(), 1, 5000);
        window.currentDocument()->undoStack()->undo();
        QVERIFY(!window.currentDocument()->isDirty());
        QVERIFY(Workspace::unsavedEdits(m_dir.path()).isEmpty());
        // A kept edit whose request is gone, or equal to the file, is not offered.
        QVERIFY(Workspace::keepUnsaved(m_dir.path(), u"demo-api/gone.request.json"_s, {}));
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.findChild<QWidget*>(u"recoveryBar"_s)->isHidden());
        QVERIFY(Workspace::unsavedEdits(m_dir.path()).isEmpty());
    }
};

QTEST_MAIN(TestRecovery)
#include "tst_Recovery.moc"
