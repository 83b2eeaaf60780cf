#include "core/demo/LoopbackServer.h"
#include "core/http/CookieJar.h"
#include "core/http/Exchange.h"
#include "core/secrets/SecretStore.h"
#include "core/workspace/CookieJarStore.h"
#include "tests/support/Fixtures.h"
#include "ui/CookieJarDialog.h"
#include "ui/MainWindow.h"
#include "ui/ResponseView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestCookieJarDialog final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_network;
    std::shared_ptr<Secrets::MemorySecretStore> m_secrets =
        std::make_shared<Secrets::MemorySecretStore>();

private slots:
    void initTestCase()
    {
        QApplication::setOrganizationName(u"KeyholeTests"_s);
        QSettings().clear();
    }

    void theModelMasksEditsAndDeletes()
    {
        auto jar = std::make_shared<Http::CookieJar>();
        jar->absorb(QUrl(u"https://api.example.com/"_s),
                    {"sessionid=s3cr3t-value; Path=/; Secure; HttpOnly",
                     "csrftoken=c5rf-value; Domain=example.com; Path=/; Max-Age=3600"});
        Ui::CookieJarDialog dialog(jar, u"local"_s);
        Ui::CookieJarModel* model = dialog.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&dialog, &Ui::CookieJarDialog::jarEdited);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(dialog.windowTitle(), u"Cookies — local"_s);
        const QModelIndex value = model->index(0, Ui::CookieJarModel::ValueColumn);
        QCOMPARE(value.data().toString(), QString::fromUtf8(Http::kSecretMask));
        QCOMPARE(model->index(0, Ui::CookieJarModel::FlagsColumn).data().toString(),
                 u"Secure HttpOnly"_s);
        QCOMPARE(model->index(0, Ui::CookieJarModel::ExpiresColumn).data().toString(),
                 u"session"_s);
        QVERIFY(model->index(1, Ui::CookieJarModel::DomainColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"every subdomain"_s));
        // Masked values cannot be edited; revealed ones can, and the jar follows.
        QVERIFY(!(model->flags(value) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(value, u"x"_s, Qt::EditRole));
        dialog.findChild<QCheckBox*>(u"revealCookies"_s)->setChecked(true);
        QCOMPARE(value.data().toString(), u"s3cr3t-value"_s);
        QVERIFY(model->setData(value, u"edited-value"_s, Qt::EditRole));
        QCOMPARE(edited.size(), 1);
        QCOMPARE(jar->cookiesFor(QUrl(u"https://api.example.com/"_s)).size(), 2);
        QVERIFY(Http::cookieHeader(jar->cookiesFor(QUrl(u"https://api.example.com/"_s)))
                    .contains("sessionid=edited-value"));

        // Delete the selected row; Delete All empties the jar.
        auto* table = dialog.findChild<QTableView*>(u"cookieTable"_s);
        auto* remove = dialog.findChild<QPushButton*>(u"deleteCookie"_s);
        QVERIFY(!remove->isEnabled());
        table->selectRow(0);
        QVERIFY(remove->isEnabled());
        remove->click();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(jar->cookies().size(), 1);
        dialog.findChild<QPushButton*>(u"clearCookies"_s)->click();
        QVERIFY(jar->isEmpty());
        QCOMPARE(edited.size(), 3);
        QVERIFY(!dialog.findChild<QPushButton*>(u"clearCookies"_s)->isEnabled());
    }

    // A session cookie set by one send goes with the next, survives the window (values in the
    // secret store, never in the workspace's files), and is gone once deleted in the dialog.
    void sendsKeepTheEnvironmentsCookies()
    {
        const QByteArray sentinel = "SENTINEL-ui-cookie-91c";
        QList<QByteArray> received;
        Demo::LoopbackServer server([sentinel](const Raw::ParsedRequest&) {
            return Demo::ServerResponse{
                200,
                "OK",
                {{"Content-Type", "application/json"},
                 {"Set-Cookie", "sessionid=" + sentinel + "; Path=/; HttpOnly"}},
                R"({"status": "ok"})"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) {
                    received.append(Model::headerValue(r.headers, "Cookie"));
                });
        QTemporaryDir dir;
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), dir.path(),
                                  {{"http://127.0.0.1:8765", server.baseUrl().toUtf8()}}));
        const QString health = u"demo-api/health.request.json"_s;
        {
            Ui::MainWindow window(&m_network, m_secrets);
            QVERIFY(window.openWorkspace(dir.path()));
            window.selectEnvironment(u"local"_s);
            QVERIFY(window.openRequest(health));
            for (int i = 0; i < 2; ++i) {
                window.send();
                QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
            }
            QCOMPARE(received.size(), 2);
            QVERIFY(received[0].isNull());
            QCOMPARE(received[1], QByteArray("sessionid=" + sentinel));
            // The Raw tab masks it like any secret.
            QVERIFY(!window.response()->rawText().contains(QString::fromLatin1(sentinel)));
            QTRY_VERIFY(Workspace::hasCookieJar(dir.path(), u"local.json"_s));
        }
        QCOMPARE(Testing::filesContaining(dir.path(), sentinel), QStringList());

        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.selectEnvironment(u"local"_s);
        QVERIFY(window.openRequest(health));
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(received.size(), 3);
        QCOMPARE(received[2], QByteArray("sessionid=" + sentinel));

        // Another environment has a jar of its own.
        window.selectEnvironment(u"staging"_s);
        window.findChild<QAction*>(u"manageCookies"_s)->trigger();
        QTRY_VERIFY(window.cookieDialog());
        QCOMPARE(window.cookieDialog()->model()->rowCount(), 0);
        QVERIFY(window.cookieDialog()->windowTitle().endsWith(u"staging"_s));

        window.selectEnvironment(u"local"_s);
        window.showCookies();
        QTRY_VERIFY(window.cookieDialog() &&
                    window.cookieDialog()->windowTitle().endsWith(u"local"_s));
        Ui::CookieJarDialog* dialog = window.cookieDialog();
        QCOMPARE(dialog->model()->rowCount(), 1);
        dialog->findChild<QPushButton*>(u"clearCookies"_s)->click();
        QTRY_VERIFY(!Workspace::hasCookieJar(dir.path(), u"local.json"_s));
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(received.size(), 4);
        QVERIFY(received[3].isNull());
        // ...and the dialog shows what that send set.
        QTRY_COMPARE(dialog->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestCookieJarDialog)
#include "tst_CookieJarDialog.moc"
