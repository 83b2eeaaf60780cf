#include "core/http/Exchange.h"
#include "core/secrets/SecretStore.h"
#include "core/vars/WorkspaceScopes.h"
#include "tests/support/Fixtures.h"
#include "tests/support/ModalAnswers.h"
#include "ui/EnvironmentManager.h"
#include "ui/EnvironmentVariablesModel.h"
#include "ui/MainWindow.h"
#include "ui/RequestDocument.h"
#include "ui/RequestEditor.h"
#include "ui/ResponseView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

using Vm = Ui::EnvironmentVariablesModel;

QStringList listed(const QComboBox* box)
{
    QStringList names;
    for (int i = 0; i < box->count(); ++i)
        names.append(box->itemText(i));
    return names;
}

} // namespace

class TestEnvironmentManager final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    std::shared_ptr<Secrets::MemorySecretStore> m_secrets;
    std::unique_ptr<Ui::MainWindow> m_window;
    QPointer<Ui::EnvironmentManager> m_manager;

    QComboBox* switcher() const { return m_window->findChild<QComboBox*>(u"environment"_s); }
    Vm* variables() const { return m_manager->variables(); }
    QModelIndex cell(int row, int column) const { return variables()->index(row, column); }
    int rowOf(const QString& name) const
    {
        for (int row = 0; row < variables()->rowCount(); ++row) {
            if (cell(row, Vm::Name).data().toString() == name)
                return row;
        }
        return -1;
    }
    std::optional<QByteArray> stored(const QString& environment, const QString& variable) const
    {
        std::optional<QByteArray> value;
        m_secrets->read(Secrets::secretKey(u"keyhole-sample"_s, environment, variable),
                        [&](Secrets::ReadResult read) { value = read.value(); });
        return value;
    }
    QByteArray file(const QString& relative) const
    {
        return Testing::readAll(m_dir.path() + u'/' + relative);
    }
    void click(const QString& objectName)
    {
        auto* button = m_manager->findChild<QPushButton*>(objectName);
        QVERIFY2(button, qPrintable(objectName));
        QVERIFY2(button->isEnabled(), qPrintable(objectName));
        button->click();
    }

private slots:
    void initTestCase()
    {
        QApplication::setOrganizationName(u"KeyholeEnvironmentTests"_s);
        QSettings().clear();
    }

    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), m_dir.path()));
        QSettings().clear();
        m_secrets = std::make_shared<Secrets::MemorySecretStore>();
        m_window = std::make_unique<Ui::MainWindow>(&m_network, m_secrets);
        QVERIFY(m_window->openWorkspace(m_dir.path()));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        // Opened the way a user opens it: Ctrl+Alt+E (or the toolbar's Manage…).
        auto* manage = m_window->findChild<QAction*>(u"manageEnvironments"_s);
        QVERIFY(manage);
        QCOMPARE(manage->shortcut(), QKeySequence(u"Ctrl+Alt+E"_s));
        manage->trigger();
        m_manager = m_window->environmentManager();
        QVERIFY(m_manager);
        QVERIFY(m_manager->isVisible());
        QVERIFY(m_manager->isModal());
        new QAbstractItemModelTester(
            variables(), QAbstractItemModelTester::FailureReportingMode::QtTest, m_manager);
    }

    void cleanup()
    {
        if (m_manager)
            m_manager->variables()->revert();
        m_window.reset();
    }

    void showsSharedAndCurrentValuesAndMasksSecrets()
    {
        QCOMPARE(m_manager->currentEnvironment(), u"local"_s); // the one chosen in the toolbar
        QCOMPARE(variables()->rowCount(), 4);
        const int token = rowOf(u"token"_s);
        QCOMPARE(cell(token, Vm::Shared).data().toString(), u"not shared (secret)"_s);
        QCOMPARE(cell(token, Vm::Current).data().toString(), u"not set"_s);
        QVERIFY(!(variables()->flags(cell(token, Vm::Shared)) & Qt::ItemIsEditable));

        // A secret value typed and saved goes to the store, never to the file.
        QVERIFY(variables()->setData(cell(token, Vm::Current), u"tok-123"_s, Qt::EditRole));
        QCOMPARE(cell(token, Vm::Current).data().toString(), QString::fromUtf8(Http::kSecretMask));
        m_manager->findChild<QCheckBox*>(u"revealSecrets"_s)->setChecked(true);
        QCOMPARE(cell(token, Vm::Current).data().toString(), u"tok-123"_s);
        m_manager->findChild<QCheckBox*>(u"revealSecrets"_s)->setChecked(false);

        // This machine's own base URL: kept out of the shared file, used when sending.
        const QByteArray shared = file(u"environments/local.json"_s);
        const int baseUrl = rowOf(u"baseUrl"_s);
        QVERIFY(variables()->setData(cell(baseUrl, Vm::Current), u"http://127.0.0.1:9"_s,
                                     Qt::EditRole));
        QCOMPARE(cell(baseUrl, Vm::Shared).data().toString(), u"http://127.0.0.1:8765"_s);
        click(u"saveEnvironment"_s);
        QVERIFY(!variables()->isDirty());
        QCOMPARE(stored(u"local"_s, u"token"_s), std::optional<QByteArray>("tok-123"));
        QCOMPARE(file(u"environments/local.json"_s), shared);
        QVERIFY(file(u".keyhole/environments/local.json"_s).contains("http://127.0.0.1:9"));
        QVERIFY(!file(u".keyhole/environments/local.json"_s).contains("tok-123"));
        const Vars::Resolver resolver =
            Vars::resolverFor(m_window->workspace(), u"demo-api/health.request.json"_s,
                              Model::findEnvironment(m_window->workspace(), u"local"_s));
        QCOMPARE(resolver.resolve(u"{{baseUrl}}"_s).text, u"http://127.0.0.1:9"_s);

        // Emptying the current value goes back to the shared one.
        QVERIFY(variables()->setData(cell(baseUrl, Vm::Current), QString(), Qt::EditRole));
        QVERIFY(m_manager->save());
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/.keyhole/environments/local.json"_s));
    }

    void secretToggleMovesTheValueAndAsksBeforeSharing()
    {
        const int password = rowOf(u"password"_s);
        QVERIFY(variables()->setData(cell(password, Vm::Secret), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(m_manager->save());
        QCOMPARE(stored(u"local"_s, u"password"_s), std::optional<QByteArray>("demo"));
        QCOMPARE(file(u"environments/local.json"_s).count("\"demo\""), 1); // username only

        // Making it plain again writes the value where git shares it: asked first.
        Testing::answerNextQuestion(this, QMessageBox::Cancel);
        QVERIFY(
            !variables()->setData(cell(password, Vm::Secret), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(cell(password, Vm::Secret).data(Qt::CheckStateRole).value<Qt::CheckState>(),
                 Qt::Checked);
        Testing::answerNextQuestion(this, QMessageBox::Yes);
        QVERIFY(
            variables()->setData(cell(password, Vm::Secret), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(cell(password, Vm::Shared).data().toString(), u"demo"_s);
        QVERIFY(m_manager->save());
        QCOMPARE(stored(u"local"_s, u"password"_s), std::nullopt);
        QCOMPARE(file(u"environments/local.json"_s).count("\"demo\""), 2);
    }

    void addRemoveAndRefuseRepeatedNames()
    {
        click(u"addVariable"_s);
        const int added = variables()->rowCount() - 1;
        QCOMPARE(cell(added, Vm::Name).data().toString(), u"variable"_s);
        QVERIFY(variables()->setData(cell(added, Vm::Name), u"username"_s, Qt::EditRole));
        Testing::answerNextQuestion(this, QMessageBox::Ok);
        QVERIFY(!m_manager->save()); // "username" is there twice
        QVERIFY(m_manager->findChild<QLabel*>(u"environmentStatus"_s)->text().contains(u"twice"_s));
        m_manager->findChild<QTableView*>(u"environmentVariables"_s)
            ->setCurrentIndex(cell(added, Vm::Name));
        click(u"removeVariable"_s);
        QVERIFY(!variables()->isDirty());

        // A current value stays with its variable when a row of the same name comes and goes.
        const int baseUrl = rowOf(u"baseUrl"_s);
        QVERIFY(variables()->setData(cell(baseUrl, Vm::Current), u"http://mine"_s, Qt::EditRole));
        const int twin = variables()->addVariable();
        QVERIFY(variables()->setData(cell(twin, Vm::Name), u"baseUrl"_s, Qt::EditRole));
        QVERIFY(variables()->removeRow(twin));
        QCOMPARE(cell(baseUrl, Vm::Current).data().toString(), u"http://mine"_s);
    }

    void environmentEditsAreUndoableAndTheSwitcherFollows()
    {
        QCOMPARE(listed(switcher()), (QStringList{u"No environment"_s, u"local"_s, u"staging"_s}));
        QCOMPARE(switcher()->currentText(), u"local"_s);
        m_secrets->write(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s), "tok",
                         [](Status) {});

        // Rename: the switcher keeps it chosen, and the secret value follows.
        QVERIFY(m_manager->renameCurrent(u"Local dev"_s));
        QCOMPARE(switcher()->currentText(), u"Local dev"_s);
        QCOMPARE(stored(u"Local dev"_s, u"token"_s), std::optional<QByteArray>("tok"));
        QCOMPARE(stored(u"local"_s, u"token"_s), std::nullopt);
        QVERIFY(file(u"environments/local.json"_s).contains("Local dev"));
        QCOMPARE(m_manager->undoStack()->undoText(), u"Rename “local” to “Local dev”"_s);
        m_manager->undoStack()->undo();
        QCOMPARE(switcher()->currentText(), u"local"_s);
        QCOMPARE(stored(u"local"_s, u"token"_s), std::optional<QByteArray>("tok"));

        // New and duplicate; a duplicate's secrets have no value.
        QVERIFY(m_manager->createEnvironment(u"Production"_s));
        QVERIFY(QFileInfo::exists(m_dir.path() + u"/environments/production.json"_s));
        QVERIFY(m_manager->selectEnvironment(u"local"_s));
        click(u"duplicateEnvironment"_s);
        QCOMPARE(m_manager->currentEnvironment(), u"local copy"_s);
        QCOMPARE(cell(rowOf(u"token"_s), Vm::Current).data().toString(), u"not set"_s);
        QCOMPARE(listed(switcher()), (QStringList{u"No environment"_s, u"local"_s, u"local copy"_s,
                                                  u"Production"_s, u"staging"_s}));

        // Delete goes to the trash; Undo brings it back; Redo deletes again.
        QVERIFY(m_manager->selectEnvironment(u"staging"_s));
        click(u"deleteEnvironment"_s);
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/environments/staging.json"_s));
        QVERIFY(!listed(switcher()).contains(u"staging"_s));
        m_manager->undoStack()->undo();
        QVERIFY(QFileInfo::exists(m_dir.path() + u"/environments/staging.json"_s));
        QVERIFY(listed(switcher()).contains(u"staging"_s));
        m_manager->undoStack()->redo();
        QVERIFY(!listed(switcher()).contains(u"staging"_s));
        // A name whose deleted environment waits for Undo is refused (its secrets wait too).
        QVERIFY(!m_manager->createEnvironment(u"Staging"_s));
        QVERIFY(m_manager->findChild<QLabel*>(u"environmentStatus"_s)
                    ->text()
                    .contains(u"deleted in this window"_s));
        // Undo all the way (Ctrl+Z's action): as it was.
        QAction* undo = nullptr;
        for (QAction* action : m_manager->actions()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Undo))
                undo = action;
        }
        QVERIFY(undo);
        while (m_manager->undoStack()->canUndo())
            undo->trigger();
        QCOMPARE(listed(switcher()), (QStringList{u"No environment"_s, u"local"_s, u"staging"_s}));
        QCOMPARE(QDir(m_dir.path() + u"/environments"_s).entryList(QDir::Files),
                 (QStringList{u"local.json"_s, u"staging.json"_s}));

        // Undo asks about unsaved variable edits first; an undone rename stays undone on Save.
        QVERIFY(m_manager->selectEnvironment(u"local"_s));
        QVERIFY(m_manager->renameCurrent(u"Local dev"_s));
        QVERIFY(
            variables()->setData(cell(rowOf(u"username"_s), Vm::Shared), u"u2"_s, Qt::EditRole));
        Testing::answerNextQuestion(this, QMessageBox::Cancel);
        undo->trigger();
        QCOMPARE(m_manager->currentEnvironment(), u"Local dev"_s); // nothing undone
        QVERIFY(variables()->isDirty());
        Testing::answerNextQuestion(this, QMessageBox::Discard);
        undo->trigger();
        QCOMPARE(m_manager->currentEnvironment(), u"local"_s);
        QVERIFY(
            variables()->setData(cell(rowOf(u"username"_s), Vm::Shared), u"u3"_s, Qt::EditRole));
        QVERIFY(m_manager->save());
        QVERIFY(file(u"environments/local.json"_s).contains("\"name\": \"local\""));
        QCOMPARE(stored(u"local"_s, u"token"_s), std::optional<QByteArray>("tok"));
    }

    void deletingTheChosenOneAndPurgingItsSecretsOnReopen()
    {
        QVERIFY(m_manager->selectEnvironment(u"local"_s));
        m_secrets->write(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s), "tok",
                         [](Status) {});
        QVERIFY(m_manager->deleteCurrent());
        QCOMPARE(switcher()->currentText(), u"No environment"_s);
        // Kept while Undo could bring it back…
        QCOMPARE(stored(u"local"_s, u"token"_s), std::optional<QByteArray>("tok"));
        m_manager->close();
        QTRY_VERIFY(!m_manager);
        // …and gone when the trash is emptied, as the workspace opens again.
        QVERIFY(m_window->openWorkspace(m_dir.path()));
        QCOMPARE(stored(u"local"_s, u"token"_s), std::nullopt);
        QVERIFY(!QFileInfo::exists(m_dir.path() + u"/.keyhole/trash"_s) ||
                QDir(m_dir.path() + u"/.keyhole/trash"_s).isEmpty());
    }

    void unsavedEditsAreAskedAboutBeforeLeaving()
    {
        QVERIFY(
            variables()->setData(cell(rowOf(u"username"_s), Vm::Shared), u"other"_s, Qt::EditRole));
        QVERIFY(m_manager->findChild<QListWidget*>(u"environmentList"_s)
                    ->currentItem()
                    ->text()
                    .endsWith(u" •"_s));
        Testing::answerNextQuestion(this, QMessageBox::Cancel);
        QVERIFY(!m_manager->selectEnvironment(u"staging"_s));
        QCOMPARE(m_manager->currentEnvironment(), u"local"_s);
        Testing::answerNextQuestion(this, QMessageBox::Save);
        QVERIFY(m_manager->selectEnvironment(u"staging"_s));
        QVERIFY(file(u"environments/local.json"_s).contains("other"));
        QCOMPARE(m_manager->currentEnvironment(), u"staging"_s);
    }

    void unresolvedVariablesCanBeRefused()
    {
        m_manager->close();
        QTRY_VERIFY(!m_manager);
        QVERIFY(m_window->openRequest(u"demo-api/health.request.json"_s));
        QLineEdit* url = m_window->editor()->urlEdit();
        url->selectAll();
        QTest::keyClicks(url, u"{{baseUrl}}/{{nowhere}}/x"_s);
        auto* block = m_window->findChild<QAction*>(u"blockUnresolved"_s);
        QVERIFY(block && block->isCheckable() && !block->isChecked());
        block->trigger();
        QVERIFY(QSettings().value(u"send/blockUnresolved"_s).toBool());
        m_window->send();
        QCOMPARE(m_window->response()->statusText(), u"Not sent"_s);
        const QString said = m_window->response()->findChild<QLabel*>(u"warnings"_s)->text();
        QVERIFY2(said.contains(u"{{nowhere}} would go out literally"_s), qPrintable(said));
        block->trigger(); // off again: sent with a warning (to a closed port here)
        QVERIFY(!QSettings().value(u"send/blockUnresolved"_s).toBool());
    }

    void comparesTwoEnvironmentsWithoutShowingSecrets()
    {
        m_secrets->write(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s),
                         "tok-secret", [](Status) {});
        m_manager->compare(u"local"_s, u"staging"_s);
        QTRY_COMPARE(m_manager->comparison().size(), 4);
        auto* table = m_manager->findChild<QTableView*>(u"environmentCompare"_s);
        const QAbstractItemModel* shown = table->model();
        QCOMPARE(shown->headerData(1, Qt::Horizontal).toString(), u"local"_s);
        QCOMPARE(shown->index(0, 0).data().toString(), u"baseUrl"_s);
        QCOMPARE(shown->index(0, 3).data().toString(), u"differs"_s);
        QCOMPARE(shown->index(3, 0).data().toString(), u"token"_s);
        QCOMPARE(shown->index(3, 3).data().toString(), u"only in local"_s);
        QVERIFY(
            shown->index(3, 1).data().toString().startsWith(QString::fromUtf8(Http::kSecretMask)));
        for (int row = 0; row < shown->rowCount(); ++row) {
            for (int column = 0; column < shown->columnCount(); ++column)
                QVERIFY(!shown->index(row, column).data().toString().contains(u"tok-secret"_s));
        }
        QCOMPARE(m_manager->findChild<QLabel*>(u"compareSummary"_s)->text(),
                 u"1 the same, 2 different, 1 only in local, 0 only in staging"_s);
        m_manager->findChild<QCheckBox*>(u"onlyDifferences"_s)->setChecked(true);
        QCOMPARE(shown->rowCount(), 3);
    }
};

QTEST_MAIN(TestEnvironmentManager)
#include "tst_EnvironmentManager.moc"
