#include "core/workspace/WorkspaceStore.h"
#include "ui/KeyValueTableModel.h"
#include "ui/WorkspaceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestWorkspaceTreeModel final : public QObject {
    Q_OBJECT

private slots:
    void showsTheSampleInOrder()
    {
        Result<Workspace::LoadReport> report = Workspace::loadWorkspace(
            QStringLiteral(KEYHOLE_SOURCE_DIR "/resources/sample-workspace"));
        QVERIFY(report.ok());
        Ui::WorkspaceTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(&report.value().workspace);

        QCOMPARE(model.rowCount(), 1);
        const QModelIndex api = model.index(0, 0);
        QCOMPARE(api.data().toString(), u"Demo API"_s);
        QCOMPARE(model.rowCount(api), 3);
        const QModelIndex health = model.index(0, 0, api);
        QCOMPARE(health.data(Ui::WorkspaceTreeModel::MethodRole).toString(), u"GET"_s);
        QVERIFY(health.data().toString().contains(u"Health check"_s));
        const QModelIndex auth = model.index(1, 0, api);
        QCOMPARE(auth.data().toString(), u"Auth"_s);
        QCOMPARE(model.parent(model.index(0, 0, auth)), auth);

        const QString login = u"demo-api/auth/login.request.json"_s;
        const QModelIndex loginIndex = model.indexForPath(login);
        QCOMPARE(loginIndex.data(Ui::WorkspaceTreeModel::PathRole).toString(), login);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDirty(login, true);
        QCOMPARE(changed.size(), 1);
        QVERIFY(loginIndex.data().toString().endsWith(u" ●"_s));
        model.setDirty(login, false);
        QVERIFY(!loginIndex.data().toString().endsWith(u" ●"_s));

        model.setWorkspace(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void keyValueTableAddsEditsAndRemoves()
    {
        Ui::KeyValueTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &Ui::KeyValueTableModel::edited);
        QCOMPARE(model.rowCount(), 1); // the "Add…" row
        QVERIFY(model.setData(model.index(0, Ui::KeyValueTableModel::NameColumn), u"Accept"_s));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.setData(model.index(0, Ui::KeyValueTableModel::ValueColumn), u"*/*"_s));
        QVERIFY(model.setData(model.index(0, Ui::KeyValueTableModel::EnabledColumn),
                              QVariant::fromValue(Qt::Unchecked), Qt::CheckStateRole));
        QCOMPARE(edited.size(), 3);
        QCOMPARE(model.rows(), (Model::KeyValueList{{u"Accept"_s, u"*/*"_s, false}}));
        model.removeRowAt(0);
        QCOMPARE(model.rows().size(), 0);
        QCOMPARE(edited.size(), 4);
    }
};

QTEST_MAIN(TestWorkspaceTreeModel)
#include "tst_WorkspaceTreeModel.moc"
