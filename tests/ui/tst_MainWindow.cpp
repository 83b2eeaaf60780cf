#include "core/demo/DemoApi.h"
#include "core/demo/LoopbackServer.h"
#include "core/history/HistoryStore.h"
#include "core/http/Exchange.h"
#include "core/secrets/SecretStore.h"
#include "core/vars/WorkspaceScopes.h"
#include "tests/support/Exchanges.h"
#include "tests/support/Fixtures.h"
#include "ui/AssertionsTableModel.h"
#include "ui/ClipboardGuard.h"
#include "ui/CommandPalette.h"
#include "ui/CompareSettingsDialog.h"
#include "ui/CompareView.h"
#include "ui/CookiesModel.h"
#include "ui/ExportDialog.h"
#include "ui/HistoryModel.h"
#include "ui/ImportDialog.h"
#include "ui/KeyValueTableModel.h"
#include "ui/LargeTextView.h"
#include "ui/MainWindow.h"
#include "ui/PreferencesDialog.h"
#include "ui/RequestDocument.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTabs.h"
#include "ui/ResponseView.h"
#include "ui/TimelineView.h"
#include "ui/VariablesDialog.h"
#include "ui/WorkspaceTree.h"
#include "ui/WorkspaceTreeModel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

// A private copy of the sample whose environments point at `baseUrl`.
void copySample(const QString& target, const QString& baseUrl)
{
    QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), target,
                              {{"http://127.0.0.1:8765", baseUrl.toUtf8()}}));
}

QByteArray read(const QString& path)
{
    return Testing::readAll(path);
}

// The sample copy at `workspace` with a secret {{token}} in staging whose value, `value`, is
// in `secrets`; returns the secret's key.
QString addStagingToken(const QString& workspace, Secrets::SecretStore& secrets,
                        const QByteArray& value)
{
    const QString staging = QDir(workspace).filePath(u"environments/staging.json"_s);
    QByteArray file = read(staging);
    file.replace("\"variables\": [", "\"variables\": [\n{\"name\": \"token\", \"secret\": true},");
    QFile out(staging);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(file) != file.size())
        qFatal("cannot write %s", qPrintable(staging));
    out.close();
    const QString key = Secrets::secretKey(u"keyhole-sample"_s, u"staging"_s, u"token"_s);
    secrets.write(key, value, [](Status) {});
    return key;
}

} // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

    Demo::DemoApi m_api;
    Demo::LoopbackServer m_server{[this](const Raw::ParsedRequest& r) {
        return m_api.handle(r);
    }};
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    std::shared_ptr<Secrets::MemorySecretStore> m_secrets =
        std::make_shared<Secrets::MemorySecretStore>();

private slots:
    void initTestCase()
    {
        QApplication::setOrganizationName(u"KeyholeTests"_s);
        QSettings().clear(); // remembered environments must not leak between runs
        QVERIFY(m_server.listen());
        copySample(m_dir.path(), m_server.baseUrl());
    }

    void opensTheSampleAndShowsTheTree()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"Keyhole sample[*] — Keyhole"_s);
        QCOMPARE(window.treeModel()->rowCount(), 1);
        QVERIFY(window.problemsText().isEmpty());
        auto* environment = window.findChild<QComboBox*>(u"environment"_s);
        QCOMPARE(environment->currentText(), u"local"_s);
        QCOMPARE(environment->count(), 3);
        // The first request opens by itself, so Send works at once.
        QVERIFY(window.currentDocument());
        QCOMPARE(window.currentDocument()->item().path, u"demo-api/health.request.json"_s);
    }

    void clickSendSeeTheFirst401()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Click the request in the tree, as a user would.
        auto* tree = window.findChild<QTreeView*>(u"workspaceTree"_s);
        const QModelIndex index =
            window.treePane()->viewIndex(u"demo-api/items/list-items.request.json"_s);
        QVERIFY(index.isValid());
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
        QVERIFY(window.currentDocument());
        QCOMPARE(window.editor()->urlEdit()->text(), u"{{baseUrl}}{{apiPrefix}}/items/"_s);

        // Ctrl+Enter sends.
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"401 Unauthorized"_s);
        QVERIFY(window.response()->bodyText().contains(u"Given token not valid"_s));
        QVERIFY(window.response()->bodyView()->jsonHighlighting()); // keys, strings... coloured
        QVERIFY2(window.response()->warningText().contains(u"{{token}}"_s),
                 qPrintable(window.response()->warningText()));
        // The Raw tab shows the hop as sent, including what the network layer added.
        const QString raw = window.response()->rawText();
        QVERIFY(
            raw.startsWith(u"── hop 1 · request ──\nGET /api/items/ HTTP/1.1\nHost: 127.0.0.1:"_s));
        QVERIFY(raw.contains(u"\nAuthorization: Bearer {{token}}\n"_s));
        QVERIFY(raw.contains(u"\nAccept-Language: en,*\n"_s));
        QVERIFY(raw.contains(u"── hop 1 · response ──\nHTTP/1.1 401 Unauthorized\n"_s));

        // Health needs no token.
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"200 OK"_s);
        QVERIFY(window.response()->bodyText().contains(u"\"status\": \"ok\""_s));
    }

    void secretTokenIsUsedButMaskedUntilRevealed()
    {
        const QByteArray token = m_api.issueToken("access", 300);
        const QString key = Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s);
        m_secrets->write(key, token, [](Status) {});
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
        QVERIFY(!window.response()->rawText().contains(QString::fromLatin1(token)));
        QVERIFY(window.response()->rawText().contains(u"Authorization: Bearer ••••••"_s));
        window.response()->setRevealSecrets(true);
        QVERIFY(window.response()->rawText().contains(QString::fromLatin1(token)));

        // A copy that holds the secret leaves the clipboard after a while (30 s; short here);
        // other copies stay.
        window.clipboardGuard()->setClearAfter(50);
        QClipboard* clipboard = QApplication::clipboard();
        clipboard->setText(u"Authorization: Bearer "_s + QString::fromLatin1(token));
        QVERIFY(window.clipboardGuard()->armed());
        QTRY_VERIFY_WITH_TIMEOUT(clipboard->text().isEmpty(), 2000);
        QVERIFY(window.statusBar()->currentMessage().contains(u"Clipboard cleared"_s));
        clipboard->setText(u"nothing secret here"_s);
        QVERIFY(!window.clipboardGuard()->armed());
        QTest::qWait(100);
        QCOMPARE(clipboard->text(), u"nothing secret here"_s);
        m_secrets->remove(key, [](Status) {});
    }

    void historyListsSendsAndComparesWithTheLastSuccess()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        const QByteArray token = m_api.issueToken("access", 300);
        const QString key = Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s);
        m_secrets->write(key, token, [](Status) {});
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        window.selectEnvironment(u"local"_s);
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
        m_secrets->write(key, "expired-or-wrong", [](Status) {});
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"401 Unauthorized"_s, 10000);
        // The Diagnosis sets the 401 against the 200 in history: another token than h1's.
        QVERIFY2(window.response()->diagnosisText().contains(
                     u"credential-changed-since-success (likely) — Another Authorization than "
                     u"the one that worked in h1"_s),
                 qPrintable(window.response()->diagnosisText()));

        // Both sends are listed, newest first; the filter narrows to 4xx.
        QCOMPARE(window.historyModel()->rowCount(), 2);
        QCOMPARE(window.historyModel()->index(0).data(Ui::HistoryModel::IdRole).toString(),
                 u"h2"_s);
        QVERIFY(
            window.historyModel()->index(0).data().toString().contains(u"401  GET /api/items/"_s));
        auto* filter = window.findChild<QComboBox*>(u"historyFilter"_s);
        filter->setCurrentIndex(3); // 4xx
        QCOMPARE(window.historyModel()->rowCount(), 1);
        filter->setCurrentIndex(0);
        // Typing in the search box narrows by id, URL, request, environment or status.
        auto* search = window.findChild<QLineEdit*>(u"historySearch"_s);
        QTest::keyClicks(search, u"401"_s);
        // (The URL is searched too: when the server's random port holds "401", so do both.)
        QCOMPARE(window.historyModel()->rowCount(), m_server.baseUrl().contains(u"401"_s) ? 2 : 1);
        search->setText(u"H1"_s);
        QCOMPARE(window.historyModel()->index(0).data(Ui::HistoryModel::IdRole).toString(),
                 u"h1"_s);
        search->setText(u"/api/items"_s);
        QCOMPARE(window.historyModel()->rowCount(), 2);
        search->clear();
        QAbstractItemModelTester tester(window.historyModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        // One click: the 401 against the last 200 of the same request.
        auto* compare = window.response()->compare();
        QTest::mouseClick(compare->findChild<QPushButton*>(u"compareLastSuccess"_s),
                          Qt::LeftButton);
        QVERIFY2(compare->summaryText().contains(u"<b>h1</b> → <b>h2</b> (responses)"_s),
                 qPrintable(compare->summaryText()));
        QVERIFY(compare->summaryText().contains(u"header"_s));
        QVERIFY(compare->pane()->hunkCount() >= 1);
        // (The Date lines pair up with the status lines when the sends fall in two seconds.)
        QVERIFY2(compare->unifiedText().contains(u"\n-HTTP/1.1 200 OK\n"_s) &&
                     compare->unifiedText().contains(u"\n+HTTP/1.1 401 Unauthorized\n"_s),
                 qPrintable(compare->unifiedText().left(600)));
        // The requests differ in the credential only, shown as fingerprints.
        compare->showPart(false);
        QVERIFY2(compare->detailsText().contains(u"authorization: value differs"_s),
                 qPrintable(compare->detailsText()));
        QVERIFY(!compare->unifiedText().contains(QString::fromLatin1(token)));
        QVERIFY(compare->unifiedText().contains(u"Authorization: Bearer ‹fingerprint "_s));
        // Hunk navigation moves the view; unified mode lists - then + lines.
        compare->pane()->setMode(Ui::DiffPane::Mode::Unified);
        compare->pane()->nextHunk();
        QCOMPARE(compare->pane()->currentHunk(), 0);
        QVERIFY(compare->pane()->rowText(compare->pane()->firstVisibleRow() + 3).startsWith(u'-'));

        // Selecting a send shows it; two selected can be compared.
        QVERIFY(window.showHistoryEntry(u"h1"_s));
        QCOMPARE(window.response()->statusText(), u"200 OK"_s);
        compare->pane()->setMode(Ui::DiffPane::Mode::SideBySide);
        QVERIFY(window.compareHistory(u"h1"_s, u"h2"_s));
        QCOMPARE(compare->pane()->currentHunk(), 0);
        window.grab().save(QDir::temp().filePath(u"keyhole-compare.png"_s));

        // Selected sends export as a HAR file (context menu), oldest first, token masked.
        auto* history = window.findChild<QListView*>(u"history"_s);
        QVERIFY(history->findChild<QAction*>(u"exportHistoryHar"_s));
        const QString harFile = dir.filePath(u"sends.har"_s);
        QVERIFY(window.exportHistoryHar({u"h2"_s, u"h1"_s}, harFile));
        QFile har(harFile);
        QVERIFY(har.open(QIODevice::ReadOnly));
        const QByteArray harBytes = har.readAll();
        QVERIFY(!harBytes.contains(token));
        const QJsonArray harEntries =
            QJsonDocument::fromJson(harBytes).object()[u"log"_s][u"entries"_s].toArray();
        QCOMPARE(harEntries.size(), 2);
        QVERIFY(harEntries[0][u"comment"_s].toString().startsWith(u"h1"_s));
        QCOMPARE(harEntries[1][u"response"_s][u"status"_s].toInt(), 401);

        // History's Delete and Clear History are in its context menu; deleting the shown send
        // clears the response area.
        QVERIFY(history->findChild<QAction*>(u"deleteHistory"_s));
        QCOMPARE(history->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(window.showHistoryEntry(u"h1"_s));
        QCOMPARE(window.deleteHistory({u"h1"_s}), qsizetype(1));
        QCOMPARE(window.historyModel()->rowCount(), 1);
        QCOMPARE(window.historyModel()->index(0).data(Ui::HistoryModel::IdRole).toString(),
                 u"h2"_s);
        QVERIFY(window.response()->statusText().startsWith(u"No response yet"_s));
        QVERIFY(!window.showHistoryEntry(u"h1"_s));
        m_secrets->remove(key, [](Status) {});
    }

    // "Works in curl, fails here" and "works in local, fails in staging", from the Compare tab.
    void compareWithCurlAndUnderAnotherEnvironment()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        const QByteArray token = "tok-local-ui-7";
        const QString key = Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s);
        m_secrets->write(key, token, [](Status) {});
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.selectEnvironment(u"local"_s);
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        auto* compare = window.response()->compare();

        QVERIFY(window.compareWithCurl(u"curl -H 'Authorization: Token tok-local-ui-7' -H "
                                       "'X-Private: tok-local-ui-7' -H "
                                       "'Accept: application/json' "_s +
                                       m_server.baseUrl() + u"/api/items/"_s));
        QTRY_VERIFY2(compare->summaryText().contains(
                         u"<b>curl</b> → <b>list-items [local]</b> (requests)"_s),
                     qPrintable(compare->summaryText()));
        QVERIFY2(compare->detailsText().contains(u"authorization: scheme Token → Bearer"_s),
                 qPrintable(compare->detailsText()));
        QVERIFY(compare->unifiedText().contains(u"+Authorization: Bearer ‹fingerprint "_s));
        QVERIFY(!compare->unifiedText().contains(QString::fromLatin1(token)));
        QVERIFY(!compare->summaryText().contains(QString::fromLatin1(token)));
        window.resize(1400, 860);
        window.grab().save(QDir::temp().filePath(u"keyhole-compare-curl.png"_s));

        // A command that cannot be read says so, and where.
        QVERIFY(!window.compareWithCurl(u"curl -H"_s));
        QVERIFY2(compare->summaryText().contains(u"Cannot read the curl command"_s),
                 qPrintable(compare->summaryText()));

        // The same request under staging: another host, and no token there at all.
        QVERIFY(window.compareUnderEnvironment(u"staging"_s));
        QTRY_VERIFY2(compare->summaryText().contains(
                         u"<b>list-items [local]</b> → <b>list-items [staging]</b>"_s),
                     qPrintable(compare->summaryText()));
        QVERIFY(compare->unifiedText().contains(u"+Host: localhost:8765\n"_s));
        QVERIFY(compare->unifiedText().contains(u"+Authorization: Bearer {{token}}\n"_s));
        QVERIFY(!compare->unifiedText().contains(QString::fromLatin1(token)));
        QVERIFY(!window.compareUnderEnvironment(u"nowhere"_s));
        m_secrets->remove(key, [](Status) {});
    }

    // Compare › Previous hop: the request before a redirect to another port against the one
    // after it — the Authorization the engine dropped shows as "only in A".
    void comparesTheHopsOfARedirect()
    {
        Demo::LoopbackServer redirecting{[this](const Raw::ParsedRequest&) {
            Demo::ServerResponse response;
            response.status = 302;
            response.reason = "Found";
            response.headers = {{"Location", (m_server.baseUrl() + u"/api/health/"_s).toUtf8()}};
            return response;
        }};
        QVERIFY(redirecting.listen());
        const Http::Exchange exchange = Testing::sendAndWait(
            m_network, Testing::preparedRequest("GET", redirecting.baseUrl() + u"/old"_s,
                                                {{"Authorization", "Bearer hop-secret-1"}}));
        QCOMPARE(exchange.hops.size(), 2);
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        auto* compare = window.response()->compare();
        QVERIFY(!window.compareHops()); // nothing shown yet
        QVERIFY(compare->summaryText().contains(u"one hop"_s));
        window.response()->showExchange(exchange);
        QTest::mouseClick(compare->findChild<QPushButton*>(u"compareHops"_s), Qt::LeftButton);
        QVERIFY2(
            compare->summaryText().contains(u"<b>hop 1</b> → <b>hop 2 (redirect)</b> (requests)"_s),
            qPrintable(compare->summaryText()));
        QVERIFY2(compare->detailsText().contains(u"authorization: only in A"_s),
                 qPrintable(compare->detailsText()));
        QVERIFY2(compare->unifiedText().contains(u"-GET /old HTTP/1.1\n"_s) &&
                     compare->unifiedText().contains(u"+GET /api/health/ HTTP/1.1\n"_s) &&
                     compare->unifiedText().contains(u"-Authorization: Bearer ‹fingerprint "_s),
                 qPrintable(compare->unifiedText()));
        QVERIFY(!compare->unifiedText().contains(u"hop-secret-1"_s));
        compare->showPart(true);
        QVERIFY(compare->unifiedText().contains(u"-HTTP/1.1 302 Found\n+HTTP/1.1 200 OK"_s));

        // The Timeline: both hops, why the second was sent, what was left behind, the phases.
        const QString timeline = window.response()->timeline()->text();
        const QStringList lines = timeline.split(u'\n');
        QVERIFY2(lines.size() >= 6, qPrintable(timeline));
        QVERIFY2(
            lines[0].startsWith(u"1 · GET "_s + redirecting.baseUrl() + u"/old → 302 Found · "_s),
            qPrintable(timeline));
        QVERIFY(lines[1].contains(u"connect "_s) && lines[1].contains(u"wait "_s));
        QCOMPARE(lines[2], u"   ↳ Redirected: 302 Found → Location: "_s + m_server.baseUrl() +
                               u"/api/health/"_s);
        QCOMPARE(lines[3], u"   ↳ Origin changed: "_s + redirecting.baseUrl() + u" → "_s +
                               m_server.baseUrl());
        QVERIFY2(lines[4].startsWith(u"   ↳ Authorization not sent: not sent to another origin"_s),
                 qPrintable(lines[4]));
        QVERIFY(
            lines[5].startsWith(u"2 · GET "_s + m_server.baseUrl() + u"/api/health/ → 200 OK"_s));
    }

    // The Cookies tab: what was sent and what the server set, with its attributes.
    void cookiesTabListsSentAndSetCookies()
    {
        Demo::LoopbackServer setting{[](const Raw::ParsedRequest&) {
            Demo::ServerResponse response;
            response.headers = {{"Set-Cookie", "sessionid=fresh; HttpOnly; Path=/; SameSite=Lax"},
                                {"Set-Cookie", "gone=; Max-Age=0; Path=/"}};
            return response;
        }};
        QVERIFY(setting.listen());
        Http::Exchange exchange = Testing::sendAndWait(
            m_network, Testing::preparedRequest("GET", setting.baseUrl() + u"/?key=topsecret"_s,
                                                {{"Cookie", "csrftoken=abc; theme=dark"}}));
        exchange.secretValues = {"topsecret", "fresh"}; // as if both came from secret variables
        Ui::MainWindow window(&m_network, m_secrets);
        window.response()->showExchange(exchange);
        Ui::CookiesModel* cookies = window.response()->cookies();
        QAbstractItemModelTester tester(cookies,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(cookies->rowCount(), 4);
        const auto cell = [&](int row, int column) {
            return cookies->index(row, column).data().toString();
        };
        QCOMPARE(cell(0, Ui::CookiesModel::DirectionColumn), u"sent"_s);
        QCOMPARE(cell(1, Ui::CookiesModel::ValueColumn), u"dark"_s);
        QCOMPARE(cell(2, Ui::CookiesModel::NameColumn), u"sessionid"_s);
        // Secret values are masked here and in the Timeline, as everywhere, until revealed.
        const QString mask = QString::fromUtf8(Http::kSecretMask);
        QCOMPARE(cell(2, Ui::CookiesModel::ValueColumn), mask);
        QVERIFY(!window.response()->timeline()->text().contains(u"topsecret"_s));
        QVERIFY(window.response()->timeline()->text().contains(u"key="_s + mask));
        window.response()->setRevealSecrets(true);
        QCOMPARE(cell(2, Ui::CookiesModel::ValueColumn), u"fresh"_s);
        QVERIFY(window.response()->timeline()->text().contains(u"key=topsecret"_s));
        window.response()->setRevealSecrets(false);
        QCOMPARE(cell(2, Ui::CookiesModel::DirectionColumn), u"set"_s);
        QCOMPARE(cell(2, Ui::CookiesModel::ExpiresColumn), u"session"_s);
        QCOMPARE(cell(2, Ui::CookiesModel::FlagsColumn), u"HttpOnly SameSite=Lax"_s);
        QCOMPARE(cell(3, Ui::CookiesModel::ExpiresColumn), u"deletes it"_s);
        auto* tabs = window.response()->findChild<QTabWidget*>();
        bool labelled = false;
        for (int i = 0; i < tabs->count(); ++i)
            labelled = labelled || tabs->tabText(i) == u"Cookies (4)"_s;
        QVERIFY(labelled);
        window.response()->clear();
        QCOMPARE(cookies->rowCount(), 0);
    }

    // Compare › Ignore…: rules edited in the dialog apply at once and are saved with the
    // workspace; a malformed JSON path is refused with its line.
    void ignoreRulesAreEditedSavedAndApplied()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        auto* compare = window.response()->compare();
        compare->compare({u"A"_s, u"B"_s, std::nullopt,
                          std::pair{QByteArray("HTTP/1.1 200 OK\r\nX-Trace: 1\r\n\r\n"
                                               "{\"count\": 1, \"at\": 5}"),
                                    QByteArray("HTTP/1.1 200 OK\r\nX-Trace: 2\r\n\r\n"
                                               "{\"count\": 1, \"at\": 6}")}});
        QVERIFY2(compare->summaryText().contains(u"1 header differs · 1 JSON path differs"_s),
                 qPrintable(compare->summaryText()));

        Ui::CompareSettingsDialog check({});
        check.setJsonPaths(u"$.at\n$.items[0"_s);
        QVERIFY2(check.problem().startsWith(u"JSON paths, line 2 ($.items[0): unclosed ["_s),
                 qPrintable(check.problem()));
        check.accept();
        QVERIFY(check.result() != QDialog::Accepted);

        // Through the dialog, as a user: the Ignore… button, two rules, OK.
        QTimer::singleShot(0, this, [] {
            auto* dialog =
                qobject_cast<Ui::CompareSettingsDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->setHeaders(u"X-Trace"_s);
            dialog->setJsonPaths(u"$.at"_s);
            dialog->accept();
        });
        QTimer::singleShot(5000, this, [] { // never left waiting on a dialog
            if (auto* dialog = QApplication::activeModalWidget())
                dialog->close();
        });
        QTest::mouseClick(compare->findChild<QPushButton*>(u"compareIgnore"_s), Qt::LeftButton);
        QCOMPARE(compare->settings().ignoreJsonPaths, QStringList{u"$.at"_s});
        QVERIFY2(compare->summaryText().contains(u"identical"_s),
                 qPrintable(compare->summaryText()));
        const QByteArray saved = read(dir.filePath(u"keyhole-workspace.json"_s));
        QVERIFY2(saved.contains("\"ignoreJsonPaths\"") && saved.contains("X-Trace"),
                 saved.constData());

        Ui::MainWindow reopened(&m_network, m_secrets);
        QVERIFY(reopened.openWorkspace(dir.path()));
        QCOMPARE(reopened.response()->compare()->settings().ignoreHeaders,
                 QStringList{u"X-Trace"_s});
    }

    // Big sides are compared on a worker thread: the window stays responsive, a newer
    // comparison replaces one still running, and Cancel stops one.
    void bigComparisonsRunOffTheWindowsThread()
    {
        QByteArray a = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[\n";
        for (int i = 0; i < 40000; ++i)
            a += "  {\"id\": " + QByteArray::number(i) + ", \"name\": \"item " +
                 QByteArray::number(i) + "\"},\n";
        a += "  null\n]\n";
        QByteArray b = a;
        b.replace("\"item 20000\"", "\"ITEM\"");
        QVERIFY(a.size() > 1024 * 1024);
        Ui::CompareView view;
        view.compare({u"big-a"_s, u"big-b"_s, std::nullopt, std::pair{a, b}});
        QVERIFY(view.isComparing());
        QVERIFY(view.summaryText().contains(u"Comparing big-a with big-b"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isComparing(), 30000);
        QVERIFY2(view.summaryText().contains(u"1 JSON path differs"_s),
                 qPrintable(view.summaryText()));
        QCOMPARE(view.detailsText(), u"~ $[20000].name: \"item 20000\" → \"ITEM\""_s);

        // A part asked for while comparing is the part shown when the result arrives.
        view.compare({u"big-a"_s, u"big-b"_s, std::pair{a, b}, std::pair{a, b}});
        view.showPart(false);
        QVERIFY(view.isComparing());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isComparing(), 30000);
        QVERIFY2(view.summaryText().contains(u"(requests)"_s), qPrintable(view.summaryText()));

        // A newer comparison wins; the older one's result is dropped when it arrives.
        view.compare({u"big-a"_s, u"big-b"_s, std::nullopt, std::pair{a, b}});
        view.compare({u"x"_s, u"y"_s,
                      std::pair{QByteArray("GET /x HTTP/1.1\r\n\r\n"),
                                QByteArray("GET /y HTTP/1.1\r\n\r\n")},
                      std::nullopt});
        QVERIFY(!view.isComparing());
        QTest::qWait(2000);
        QVERIFY2(view.summaryText().contains(u"<b>x</b>"_s), qPrintable(view.summaryText()));

        view.compare({u"big-a"_s, u"big-b"_s, std::nullopt, std::pair{a, b}});
        auto* cancel = view.findChild<QPushButton*>(u"compareCancel"_s);
        QVERIFY(cancel && !cancel->isHidden());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isComparing(), 30000);
        QVERIFY(cancel->isHidden());
    }

    // JSON blocks fold from the gutter: the rows on screen skip the hidden lines, the folded
    // line ends with "… }", Fold All folds the top level, and a match inside a fold opens it.
    void jsonBlocksFold()
    {
        const QByteArray json = "{\n"
                                "    \"a\": {\n"
                                "        \"x\": 1\n"
                                "    },\n"
                                "    \"b\": [\n"
                                "        1,\n"
                                "        2\n"
                                "    ],\n"
                                "    \"c\": \"plain\"\n"
                                "}";
        Ui::LargeTextView view;
        view.resize(600, 400);
        view.setJsonHighlighting(true);
        view.setText(json);
        QCOMPARE(view.lineCount(), 10);
        QVERIFY(!view.toggleFold(8)); // "c": "plain" opens nothing
        QVERIFY(view.toggleFold(1));
        QVERIFY(view.isFolded(1));
        QCOMPARE(view.visibleRowCount(), 8);
        view.foldAll();
        QVERIFY(view.isFolded(1) && view.isFolded(4));
        QCOMPARE(view.visibleRowCount(), 5);
        view.grab().save(QDir::temp().filePath(u"keyhole-json-folds.png"_s));
        // A click on the marker in the gutter (row 2 is line 4, "b") unfolds it.
        const int row = view.fontMetrics().height() + 1;
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(4, row * 2 + row / 2));
        QVERIFY(!view.isFolded(4));
        QCOMPARE(view.visibleRowCount(), 8);
        // The whole document in one row; what was folded inside it is part of it.
        QVERIFY(view.toggleFold(0));
        QCOMPARE(view.visibleRowCount(), 1);
        QVERIFY(!view.isFolded(1));
        QSignalSpy found(&view, &Ui::LargeTextView::found);
        view.find(u"plain"_s);
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, 5000);
        QCOMPARE(found.first().first().toLongLong(), 8);
        QVERIFY(!view.isFolded(0));
        QCOMPARE(view.visibleRowCount(), 10);
        view.toggleFold(4);
        view.unfoldAll();
        QCOMPARE(view.visibleRowCount(), 10);
        // Not JSON: nothing folds.
        view.setJsonHighlighting(false);
        QVERIFY(!view.toggleFold(1));
    }

    // The Body tab on a big body: the first screen at once, every line once indexed on a
    // worker, find on a worker, and a minified JSON body pretty-printed off the window's thread.
    void bigBodiesShowAtOnceAndFindWorks()
    {
        QByteArray log;
        for (int i = 0; i < 300000; ++i)
            log += "line " + QByteArray::number(i) + (i == 250000 ? " needle\r\n" : "\n");
        Ui::LargeTextView view;
        view.resize(800, 600);
        view.setText(log);
        QVERIFY(!view.isIndexed());
        QVERIFY(view.lineCount() >= 50); // the first screens, before the worker is done
        QCOMPARE(view.line(0), u"line 0"_s);
        QSignalSpy early(&view, &Ui::LargeTextView::found);
        view.find(u"needle"_s); // searched before every line is known: the true line all the same
        QTRY_VERIFY_WITH_TIMEOUT(view.isIndexed(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(early.size(), 1, 10000);
        QCOMPARE(early.first().first().toLongLong(), 250000);
        view.setText(log); // a fresh start for the checks below
        QTRY_VERIFY_WITH_TIMEOUT(view.isIndexed(), 10000);
        QCOMPARE(view.lineCount(), 300000);
        QCOMPARE(view.line(250000), u"line 250000 needle"_s); // CR of a CRLF not shown
        QCOMPARE(view.line(299999), u"line 299999"_s);
        QSignalSpy found(&view, &Ui::LargeTextView::found);
        view.find(u"needle"_s);
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, 10000);
        QCOMPARE(found.first().first().toLongLong(), 250000);
        QVERIFY(view.firstVisibleLine() > 249000 && view.firstVisibleLine() <= 250000);
        view.find(u"no such text"_s);
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 2, 10000);
        QCOMPARE(found.last().first().toLongLong(), -1);
        view.showFindBar();
        view.grab().save(QDir::temp().filePath(u"keyhole-large-body.png"_s)); // visible lines only

        // A 3 MB minified JSON body in the window: shown as received, then pretty-printed.
        QByteArray json = "[";
        for (int i = 0; i < 120000; ++i)
            json += (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i) +
                    ",\"name\":\"item\"}";
        json += "]";
        QVERIFY(json.size() > 2 * 1024 * 1024);
        Http::Exchange exchange;
        Http::Hop hop;
        hop.response.received = true;
        hop.response.status = 200;
        hop.response.reason = "OK";
        hop.response.headers = {{"Content-Type", "application/json"}};
        hop.response.body = json;
        hop.response.decodedBody = json;
        exchange.hops.append(hop);
        Ui::ResponseView response;
        response.showExchange(exchange);
        QTRY_VERIFY_WITH_TIMEOUT(response.bodyView()->lineCount() > 100000, 10000);
        QCOMPARE(response.bodyView()->line(1), u"    {"_s);
        QCOMPARE(response.bodyView()->line(2), u"        \"id\": 0,"_s);
    }

    // The next launch finds the window as it was left: the request that was open in this
    // workspace, the window's geometry and the sizes of its panes.
    void stateSurvivesARestart()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        QList<int> sizes;
        {
            Ui::MainWindow window(&m_network, m_secrets);
            QVERIFY(window.openWorkspace(dir.path()));
            QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto* splitter = window.findChild<QSplitter*>(u"mainSplitter"_s);
            splitter->setSizes({400, 800});
            sizes = splitter->sizes();
            QVERIFY(window.close());
        }
        Ui::MainWindow again(&m_network, m_secrets);
        QVERIFY(again.openWorkspace(dir.path()));
        QCOMPARE(again.currentDocument()->item().path, u"demo-api/items/list-items.request.json"_s);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.findChild<QSplitter*>(u"mainSplitter"_s)->sizes(), sizes);
    }

    // Requests open in tabs: a click in the tree previews (the next click takes its place), a
    // double click or an edit keeps the tab; each tab shows the last response its request got;
    // Ctrl+Tab goes round, Ctrl+W closes (asking about unsaved edits), and the tabs come back
    // on the next launch.
    void tabsKeepEachRequestsResponseAndComeBack()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        const QString health = u"demo-api/health.request.json"_s;
        const QString items = u"demo-api/items/list-items.request.json"_s;
        const QString login = u"demo-api/auth/login.request.json"_s;
        {
            Ui::MainWindow window(&m_network, m_secrets);
            QVERIFY(window.openWorkspace(dir.path()));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            Ui::RequestTabs* tabs = window.tabs();
            QCOMPARE(window.openRequests(), QStringList{health});
            QCOMPARE(tabs->previewPath(), health);
            QCOMPARE(tabs->tabText(0), u"GET Health check"_s);
            QVERIFY(tabs->isVisible() && tabs->height() > 10); // (a hidden bar kept 0 px)

            auto* tree = window.findChild<QTreeView*>(u"workspaceTree"_s);
            const auto click = [&](const QString& path, bool twice) {
                const QModelIndex index = window.treePane()->viewIndex(path);
                tree->scrollTo(index);
                const QPoint at = tree->visualRect(index).center();
                QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
                if (twice)
                    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
            };
            click(items, false);
            QCOMPARE(window.openRequests(), QStringList{items}); // the preview moved on
            click(items, true);
            QVERIFY(tabs->previewPath().isEmpty()); // kept
            click(health, false);
            QCOMPARE(window.openRequests(), (QStringList{items, health}));
            QCOMPARE(tabs->previewPath(), health);

            window.send();
            QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
            QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
            QCOMPARE(window.currentDocument()->item().path, items);
            QVERIFY(window.response()->statusText().startsWith(u"No response yet"_s));
            window.send();
            QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"401 Unauthorized"_s,
                                      10000);
            QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier | Qt::ShiftModifier);
            QCOMPARE(window.currentDocument()->item().path, health);
            QCOMPARE(window.response()->statusText(), u"200 OK"_s);
            QVERIFY(window.response()->bodyText().contains(u"\"status\": \"ok\""_s));
            tabs->setCurrentIndex(0); // a click on the tab
            QCOMPARE(window.currentDocument()->item().path, items);
            QCOMPARE(window.response()->statusText(), u"401 Unauthorized"_s);

            // Another preview takes health's tab. An edit keeps a preview and marks its tab;
            // closing it asks, Discard reverts.
            QVERIFY(window.openRequest(login, Ui::MainWindow::OpenAs::Preview));
            QCOMPARE(window.openRequests(), (QStringList{items, login}));
            QCOMPARE(tabs->previewPath(), login);
            const QString url = window.currentDocument()->request().url;
            QTest::keyClicks(window.editor()->urlEdit(), u"x"_s);
            QVERIFY(tabs->previewPath().isEmpty());
            QVERIFY(tabs->tabText(tabs->currentIndex()).endsWith(u" ●"_s));
            QTimer::singleShot(0, this, [] {
                if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                    box->button(QMessageBox::Discard)->click();
            });
            QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
            QCOMPARE(window.openRequests(), QStringList{items});
            QVERIFY(!window.isWindowModified());
            QCOMPARE(Model::findRequest(window.workspace(), login)->request.url, url);
            QCOMPARE(window.treeModel()->indexForPath(login).data().toString().endsWith(u" ●"_s),
                     false);
            // The neighbour shows, with its response.
            QCOMPARE(window.currentDocument()->item().path, items);
            QCOMPARE(window.response()->statusText(), u"401 Unauthorized"_s);
            // A middle click closes too (nothing to ask).
            click(health, true);
            QCOMPARE(window.openRequests(), (QStringList{items, health}));
            QTest::mouseClick(tabs, Qt::MiddleButton, {}, tabs->tabRect(1).center());
            QCOMPARE(window.openRequests(), QStringList{items});
            window.activateWindow(); // (offscreen, the message box took activation with it)
            QVERIFY(QTest::qWaitForWindowActive(&window));
            QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
            QVERIFY(window.openRequests().isEmpty());
            QVERIFY(!window.currentDocument());
            click(health, true);
            click(items, true);
            tabs->setCurrentIndex(0); // the first tab is the one shown when the window closes
            QCOMPARE(window.currentDocument()->item().path, health);
            QVERIFY(window.close());
        }
        Ui::MainWindow again(&m_network, m_secrets);
        QVERIFY(again.openWorkspace(dir.path()));
        QCOMPARE(again.openRequests(), (QStringList{health, items}));
        QCOMPARE(again.currentDocument()->item().path, health);
        QVERIFY(again.tabs()->previewPath().isEmpty());
    }

    // Ctrl+Shift+P reaches every menu action, the environments and the requests; Ctrl+P the
    // requests alone. Help lists the shortcuts, read from the menus themselves.
    void commandPaletteReachesEverything()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        auto* palette = window.findChild<Ui::CommandPalette*>(u"commandPalette"_s);
        QVERIFY(palette && palette->isVisible());
        const QStringList all = palette->shownTexts();
        for (const QString& expected :
             {u"Request › Send\t"_s, u"File › Import…\tCtrl+I"_s, u"Environment › Use staging"_s,
              u"GET List items (Token prefix)\tDemo API / Items"_s})
            QVERIFY2(std::any_of(all.begin(), all.end(),
                                 [&](const QString& shown) { return shown.startsWith(expected); }),
                     qPrintable(expected + u" not in:\n"_s + all.join(u'\n')));
        QVERIFY(!all.join(u'\n').contains(u"Command Palette"_s)); // not itself
        // Typed, the best match is first; Enter runs it.
        QTest::keyClicks(palette->searchBox(), u"use stag"_s);
        QVERIFY(palette->shownTexts().first().startsWith(u"Environment › Use staging"_s));
        QTest::keyClick(palette->searchBox(), Qt::Key_Return);
        QCOMPARE(window.findChild<QComboBox*>(u"environment"_s)->currentText(), u"staging"_s);
        window.selectEnvironment(u"local"_s);

        // Ctrl+P: requests only, by name or folder.
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_P, Qt::ControlModifier);
        QVERIFY(palette->isVisible());
        QCOMPARE(palette->shownTexts().size(), 4);
        QTest::keyClicks(palette->searchBox(), u"list tok"_s);
        QCOMPARE(palette->shownTexts().first(),
                 u"GET List items (Token prefix)\tDemo API / Items"_s);
        QTest::keyClick(palette->searchBox(), Qt::Key_Return);
        QCOMPARE(window.currentDocument()->item().path,
                 u"demo-api/items/list-items-token-prefix.request.json"_s);
        QVERIFY(window.openRequests().contains(window.currentDocument()->item().path));

        const QString keys = window.shortcutsText();
        QVERIFY2(keys.contains(u"Ctrl+Return or Ctrl+Enter"_s), qPrintable(keys));
        QVERIFY(keys.contains(u"Ctrl+Shift+P"_s));
        QVERIFY(keys.contains(u"Ctrl+W"_s));
    }

    void unsetVariablesAreFlaggedBeforeSending()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        window.selectEnvironment(u"local"_s);
        QVERIFY2(window.editor()->variableProblemsText().contains(u"{{token}}: secret"_s),
                 qPrintable(window.editor()->variableProblemsText()));
        QVERIFY(
            window.editor()->urlEdit()->toolTip().contains(u"{{apiPrefix}} = /api (collection)"_s));
        window.selectEnvironment(u"staging"_s); // staging has no token at all
        QVERIFY(window.editor()->variableProblemsText().contains(u"⚠ Not set here: {{token}}"_s));
        window.selectEnvironment(QString());
        QVERIFY(window.editor()->variableProblemsText().contains(u"{{baseUrl}}"_s));
    }

    // The Auth tab names what will be sent: a request inheriting its folder's Bearer says
    // "Auth: bearer" as soon as it is opened (it once showed the previous request's).
    void authTabNamesTheInheritedScheme()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        QFile folder(dir.filePath(u"demo-api/items/folder.json"_s));
        QVERIFY(folder.open(QIODevice::WriteOnly));
        folder.write("{\"schemaVersion\": 1, \"name\": \"Items\", \"auth\": {\"kind\": "
                     "\"bearer\", \"prefix\": \"Bearer\", \"token\": \"{{token}}\"}}");
        folder.close();
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        auto* tabs = window.editor()->findChild<QTabWidget*>(u"requestTabs"_s);
        QVERIFY(tabs);
        auto authTab = [tabs] {
            for (int i = 0; i < tabs->count(); ++i)
                if (tabs->tabText(i).startsWith(u"Auth"_s))
                    return tabs->tabText(i);
            return QString();
        };
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        QCOMPARE(authTab(), u"Auth: none"_s);
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        QCOMPARE(authTab(), u"Auth: bearer"_s);
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        QCOMPARE(authTab(), u"Auth: none"_s);
    }

    void diagnosisOpensByItselfAndAppliesTheFix()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(u"demo-api/items/list-items-token-prefix.request.json"_s));
        window.selectEnvironment(u"local"_s);
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"401 Unauthorized"_s, 10000);
        QVERIFY(window.response()->diagnosisShown());
        // {{token}} is a secret with no stored value here: the first cause is the unresolved
        // variable; the prefix mismatch comes with it.
        const QString text = window.response()->diagnosisText();
        QVERIFY2(text.startsWith(u"1. unresolved-variable (confirmed)"_s), qPrintable(text));
        QVERIFY(text.contains(u"drf-scheme-mismatch"_s));

        m_secrets->write(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s),
                         m_api.issueToken("access", 300), [](Status) {});
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(
            window.response()->diagnosisText().startsWith(u"1. drf-scheme-mismatch"_s), 10000);
        auto* fix = window.response()->findChild<QPushButton*>(u"fix"_s);
        QVERIFY(fix);
        QCOMPARE(fix->text(), u"Switch the prefix to \"Bearer\""_s);
        fix->click();
        QCOMPARE(window.currentDocument()->request().headers.last().value, u"Bearer {{token}}"_s);
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
        window.currentDocument()->undoStack()->undo();
        QCOMPARE(window.currentDocument()->request().headers.last().value, u"Token {{token}}"_s);
        m_secrets->remove(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s),
                          [](Status) {});
    }

    // "Probe: Switch the prefix to Bearer" re-sends once with Bearer, leaves the request as it
    // is, keeps the probe in History under its label and marks the finding confirmed.
    void probeConfirmsTheFindingWithoutChangingTheRequest()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        auto secrets = std::make_shared<Secrets::MemorySecretStore>();
        secrets->write(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s),
                       m_api.issueToken("access", 300), [](Status) {});
        Ui::MainWindow window(&m_network, secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.selectEnvironment(u"local"_s);
        QVERIFY(window.openRequest(u"demo-api/items/list-items-token-prefix.request.json"_s));
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"401 Unauthorized"_s, 10000);
        QVERIFY(window.response()->diagnosisText().startsWith(u"1. drf-scheme-mismatch"_s));
        auto* probe = window.response()->findChild<QPushButton*>(u"probe"_s);
        QVERIFY(probe);
        QCOMPARE(probe->text(), u"Probe: Switch the prefix to \"Bearer\""_s);
        probe->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.response()->diagnosisText().contains(u"by a probe"_s),
                                 10000);
        QVERIFY(
            window.response()->diagnosisText().startsWith(u"1. drf-scheme-mismatch (confirmed)"_s));
        QVERIFY2(window.response()->diagnosisText().contains(
                     u"Confirmed by a probe — Switch the prefix to \"Bearer\": it answered 200 OK "
                     "(h2)"_s),
                 qPrintable(window.response()->diagnosisText()));
        // Done once per answer; the request and the shown 401 stay as they were.
        QTRY_VERIFY(!window.response()->findChild<QPushButton*>(u"probe"_s)->isEnabled());
        QCOMPARE(window.response()->statusText(), u"401 Unauthorized"_s);
        QCOMPARE(window.currentDocument()->request().headers.last().value, u"Token {{token}}"_s);
        QVERIFY(!window.currentDocument()->isDirty());
        const QList<History::Entry> history = History::Store(dir.path()).list();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.first().status, 200);
        QCOMPARE(history.first().label, u"probe: Switch the prefix to \"Bearer\""_s);
        QVERIFY(history.last().label.isEmpty());
    }

    void logInThenListItems()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        auto secrets = std::make_shared<Secrets::MemorySecretStore>();
        Ui::MainWindow window(&m_network, secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.selectEnvironment(u"local"_s);
        QVERIFY(window.openRequest(u"demo-api/auth/login.request.json"_s));
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
        std::optional<QByteArray> stored;
        QTRY_VERIFY_WITH_TIMEOUT(
            (secrets->read(Secrets::secretKey(u"keyhole-sample"_s, u"local"_s, u"token"_s),
                           [&](Secrets::ReadResult r) { stored = r.value(); }),
             stored.has_value()),
            5000);
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
        // The token is masked in the raw view; the file holds only the reference.
        QVERIFY(!window.response()->rawText().contains(QString::fromLatin1(*stored)));
        QVERIFY(!read(dir.filePath(u"environments/local.json"_s)).contains(stored->left(20)));
    }

    void pastingACurlCommandImportsIt()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        Ui::RequestDocument* document = window.currentDocument();
        QApplication::clipboard()->setText(
            u"curl -X POST '%1/api/token/' -H 'Content-Type: application/json' --data-raw '{\"username\":\"demo\",\"password\":\"demo\"}'"_s
                .arg(m_server.baseUrl()));
        QLineEdit* url = window.editor()->urlEdit();
        url->selectAll();
        url->paste();
        QCOMPARE(document->request().method, u"POST"_s);
        QCOMPARE(document->request().url, m_server.baseUrl() + u"/api/token/"_s);
        QCOMPARE(document->request().body.text, u"{\"username\":\"demo\",\"password\":\"demo\"}"_s);
        QCOMPARE(document->request().name, u"Health check"_s);
        window.send();
        QTRY_COMPARE_WITH_TIMEOUT(window.response()->statusText(), u"200 OK"_s, 10000);
        document->undoStack()->undo();
        QCOMPARE(document->request().method, u"GET"_s);
    }

    void importDialogPreviewsBeforeWriting()
    {
        Ui::ImportDialog dialog;
        dialog.setInput("curl https://api.test/items -H 'Authorization: Bearer abc.def'",
                        u"(clipboard)"_s);
        QVERIFY(dialog.result().has_value());
        QCOMPARE(dialog.previewText(), u"GET GET /items"_s); // method, then the name
        dialog.setInput("{\"info\": {\"name\": \"x\"}, \"item\": [{\"request\": {\"url\": 5}}]}",
                        u"c.json"_s);
        QVERIFY(!dialog.result().has_value());
        dialog.setInput(Testing::readAll(QStringLiteral(KEYHOLE_SOURCE_DIR) +
                                         u"/tests/data/postman/examples-v2.1.0/httpbin.json"_s),
                        u"httpbin.json"_s);
        QVERIFY(dialog.result().has_value());
        QVERIFY2(dialog.previewText().contains(u"GET"_s), qPrintable(dialog.previewText()));
    }

    void importedCredentialsGoToTheSecretStore()
    {
        QTemporaryDir directory;
        copySample(directory.path(), m_server.baseUrl());
        auto secrets = std::make_shared<Secrets::MemorySecretStore>();
        Ui::MainWindow window(&m_network, secrets);
        QVERIFY(window.openWorkspace(directory.path()));
        Ui::ImportDialog dialog;
        dialog.setInput(
            u"curl %1/api/items/ -H 'Authorization: Bearer s3cr3t-t0ken'"_s.arg(m_server.baseUrl())
                .toUtf8(),
            u"(clipboard)"_s);
        QVERIFY(dialog.result().has_value());
        QVERIFY(window.applyImport(*dialog.result(), {}));
        Ui::RequestDocument* document = window.currentDocument();
        QVERIFY(document);
        QCOMPARE(document->item().path, u"imported/get-api-items.request.json"_s);
        QCOMPARE(document->request().headers.front().value, u"Bearer {{token}}"_s);
        QVERIFY(!read(directory.filePath(document->item().path)).contains("s3cr3t"));
        const QString key = Secrets::secretKey(u"keyhole-sample"_s, u"Imported"_s, u"token"_s);
        QByteArray stored;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                secrets->read(key, [&](Secrets::ReadResult r) {
                    if (r && r.value())
                        stored = *r.value();
                });
                return stored == "s3cr3t-t0ken";
            }(),
            5000);
    }

    void copyAsCurlKeepsSecretsOut()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        window.selectEnvironment(u"local"_s);
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        const QString command = window.currentAsCurl();
        QVERIFY2(command.contains(u"${TOKEN}"_s), qPrintable(command));
        QVERIFY2(command.contains(m_server.baseUrl() + u"/api/items/"_s), qPrintable(command));
        QVERIFY(command.startsWith(u"# Secrets are not included"_s));
    }

    void helpMenuStartsTheDemoApi()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        window.startDemoApi();
        const QString message = window.statusBar()->currentMessage();
        const QRegularExpressionMatch match =
            QRegularExpression(u"http://127\\.0\\.0\\.1:(\\d+)"_s).match(message);
        QVERIFY2(match.hasMatch(), qPrintable(message));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, match.captured(1).toUShort());
        QVERIFY(socket.waitForConnected(3000));
        window.startDemoApi(); // a second start reports the running one
        QVERIFY(window.statusBar()->currentMessage().contains(u"already runs"_s));
    }

    void editsAreUndoableAndSaveToTheFile()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        const QString path = u"demo-api/health.request.json"_s;
        QVERIFY(window.openRequest(path));
        Ui::RequestDocument* document = window.currentDocument();
        const QByteArray before = read(m_dir.filePath(path));

        QLineEdit* url = window.editor()->urlEdit();
        url->setFocus();
        url->end(false);
        QTest::keyClicks(url, u"?verbose=1"_s);
        QCOMPARE(document->request().url, u"{{baseUrl}}{{apiPrefix}}/health/?verbose=1"_s);
        QVERIFY(document->isDirty());
        QVERIFY(window.isWindowModified());
        QCOMPARE(document->undoStack()->count(), 1); // typing merges into one step
        QVERIFY(window.treeModel()->indexForPath(path).data().toString().endsWith(u" ●"_s));

        document->undoStack()->undo();
        QCOMPARE(url->text(), u"{{baseUrl}}{{apiPrefix}}/health/"_s);
        QVERIFY(!document->isDirty());
        document->undoStack()->redo();

        // A header added in the table.
        Ui::KeyValueTableModel* headers = window.editor()->headersModel();
        QVERIFY(
            headers->setData(headers->index(0, Ui::KeyValueTableModel::NameColumn), u"X-Trace"_s));
        QCOMPARE(document->request().headers.size(), 1);

        QVERIFY(window.saveCurrent());
        QVERIFY(!document->isDirty());
        const QByteArray after = read(m_dir.filePath(path));
        QVERIFY(after != before);
        QVERIFY(after.contains("/health/?verbose=1"));
        QVERIFY(after.contains("\"name\": \"X-Trace\""));
    }

    // The Settings tab: a click turns redirects off for this request; the file keeps only what
    // differs from the defaults; the send does what the tab says.
    void settingsTabChangesHowTheRequestIsSent()
    {
        Demo::LoopbackServer redirecting{[](const Raw::ParsedRequest& r) {
            if (r.target == "/old")
                return Demo::ServerResponse{302, "Found", {{"Location", "/new"}}, {}};
            return Demo::ServerResponse{200, "OK", {{"Content-Type", "text/plain"}}, "new"};
        }};
        QVERIFY(redirecting.listen());
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.show();
        const QString path = u"demo-api/health.request.json"_s;
        QVERIFY(window.openRequest(path));
        Ui::RequestDocument* document = window.currentDocument();
        Model::RequestTemplate request = document->request();
        request.url = redirecting.baseUrl() + u"/old"_s;
        document->edit(request, u"Point at the redirect"_s);

        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"200 OK"_s); // followed by default

        auto* tabs = window.editor()->findChild<QTabWidget*>(u"requestTabs"_s);
        auto* follow = window.editor()->findChild<QCheckBox*>(u"followRedirects"_s);
        auto* verify = window.editor()->findChild<QCheckBox*>(u"verifyTls"_s);
        QVERIFY(tabs && follow && verify);
        const int settingsTab = tabs->indexOf(follow->parentWidget());
        QCOMPARE(tabs->tabText(settingsTab), u"Settings"_s);
        tabs->setCurrentIndex(settingsTab);
        QVERIFY(follow->isChecked());
        QTest::mouseClick(follow, Qt::LeftButton, {}, QPoint(8, follow->height() / 2));
        QCOMPARE(document->request().settings.followRedirects, false);
        QCOMPARE(tabs->tabText(settingsTab), u"Settings (1)"_s);
        QVERIFY(!window.editor()->findChild<QSpinBox*>(u"maxRedirects"_s)->isEnabled());

        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"302 Found"_s);

        QVERIFY(window.saveCurrent());
        const QByteArray saved = read(dir.filePath(path));
        QVERIFY2(saved.contains("\"settings\": {\n        \"followRedirects\": false\n    }"),
                 saved.constData());

        // The proxy, as typed; emptied, it is the system's again (nothing stored).
        auto* proxy = window.editor()->findChild<QLineEdit*>(u"proxy"_s);
        QTest::keyClicks(proxy, u"none"_s);
        QCOMPARE(document->request().settings.proxy, u"none"_s);
        QCOMPARE(tabs->tabText(settingsTab), u"Settings (2)"_s);
        proxy->selectAll();
        QTest::keyClick(proxy, Qt::Key_Delete);
        QCOMPARE(document->request().settings.proxy, std::nullopt);
        // Unchecking TLS verification warns right there; undo takes it back.
        verify->click();
        QVERIFY(window.editor()->findChild<QLabel*>(u"insecureNote"_s)->isVisibleTo(tabs));
        QCOMPARE(document->request().settings.verifyTls, false);
        document->undoStack()->undo();
        QCOMPARE(document->request().settings.verifyTls, std::nullopt);
        QVERIFY(verify->isChecked());
        // Back to the default: nothing stored.
        follow->click();
        QVERIFY(document->request().settings.isEmpty());
        QCOMPARE(tabs->tabText(settingsTab), u"Settings"_s);
    }

    // Request › Global / Collection Variables (and Variables… on a folder in the tree): the
    // values are edited in a table, saved to folder.json / keyhole-workspace.json and used at
    // once.
    void collectionAndGlobalVariablesAreEditable()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        const QString path = u"demo-api/health.request.json"_s;
        QVERIFY(window.openRequest(path));

        Ui::VariablesDialog* dialog = window.editVariables(u"demo-api"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->windowTitle(), u"Variables of Collection \"Demo API\""_s);
        Ui::KeyValueTableModel* model = dialog->model();
        QCOMPARE(model->rows().size(), 1);
        QCOMPARE(model->rows().first().name, u"apiPrefix"_s);
        QVERIFY(model->setData(model->index(0, Ui::KeyValueTableModel::ValueColumn), u"/v2"_s));
        QVERIFY(model->setData(model->index(1, Ui::KeyValueTableModel::NameColumn), u"page"_s));
        QCOMPARE(model->rows().size(), 2);
        dialog->accept();
        QVERIFY(read(dir.filePath(u"demo-api/folder.json"_s)).contains("\"/v2\""));
        const Vars::Resolver resolver = Vars::resolverFor(window.workspace(), path, nullptr);
        QCOMPARE(resolver.resolve(u"{{apiPrefix}}"_s).text, u"/v2"_s);

        dialog = window.editVariables(QString());
        QCOMPARE(dialog->windowTitle(), u"Global Variables"_s);
        model = dialog->model();
        QVERIFY(model->setData(
            model->index(model->rowCount() - 1, Ui::KeyValueTableModel::NameColumn), u"tenant"_s));
        QVERIFY(model->setData(
            model->index(model->rowCount() - 2, Ui::KeyValueTableModel::ValueColumn), u"acme"_s));
        dialog->accept();
        QVERIFY(read(dir.filePath(u"keyhole-workspace.json"_s)).contains("\"acme\""));
        QCOMPARE(Vars::resolverFor(window.workspace(), path, nullptr).resolve(u"{{tenant}}"_s).text,
                 u"acme"_s);
        // Cancel changes nothing.
        dialog = window.editVariables(QString());
        dialog->model()->removeRowAt(0);
        dialog->reject();
        QVERIFY(read(dir.filePath(u"keyhole-workspace.json"_s)).contains("\"acme\""));
        QVERIFY(!window.editVariables(u"no/such/folder"_s));
    }

    // The Vars tab: a value for this request only, over the environment's; saved in the
    // request file; the tab counts them.
    void requestVariablesWinOverTheEnvironment()
    {
        Demo::LoopbackServer other{[](const Raw::ParsedRequest& r) {
            return Demo::ServerResponse{200, "OK", {{"Content-Type", "text/plain"}}, r.target};
        }};
        QVERIFY(other.listen());
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.selectEnvironment(u"local"_s);
        const QString path = u"demo-api/health.request.json"_s;
        QVERIFY(window.openRequest(path));
        auto* table = window.editor()->findChild<QTableView*>(u"variablesTable"_s);
        auto* tabs = window.editor()->findChild<QTabWidget*>(u"requestTabs"_s);
        QVERIFY(table && tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(table)), u"Vars"_s);
        QAbstractItemModel* model = table->model();
        QVERIFY(model->setData(model->index(0, Ui::KeyValueTableModel::NameColumn), u"baseUrl"_s));
        QVERIFY(
            model->setData(model->index(0, Ui::KeyValueTableModel::ValueColumn), other.baseUrl()));
        QCOMPARE(tabs->tabText(tabs->indexOf(table)), u"Vars (1)"_s);
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"200 OK"_s);
        QVERIFY2(window.response()->bodyText().contains(u"/health"_s),
                 qPrintable(window.response()->bodyText()));
        QVERIFY(window.saveCurrent());
        QVERIFY(read(dir.filePath(path)).contains("\"variables\": ["));
        window.currentDocument()->undoStack()->undo(); // the value, then the new row
        window.currentDocument()->undoStack()->undo();
        QVERIFY(window.currentDocument()->request().variables.isEmpty());
    }

    // "+" after the tabs: a new request beside the current one, in a tab of its own, the URL
    // field ready for typing; Undo takes it back.
    void plusTabMakesANewRequestBesideTheCurrentOne()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.show();
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        auto* plus = window.findChild<QToolButton*>(u"newTab"_s);
        QVERIFY(plus && plus->isVisible());
        const int tabs = window.tabs()->count();
        plus->click();
        QCOMPARE(window.tabs()->count(), tabs + 1);
        const QString made = window.currentDocument()->item().path;
        QVERIFY2(made.startsWith(u"demo-api/items/"_s), qPrintable(made));
        QCOMPARE(window.currentDocument()->request().name, u"New Request"_s);
        QVERIFY(QFile::exists(dir.filePath(made)));
        QVERIFY(window.tabs()->previewPath() != made);
    }

    // File › Export: what, as what, under which environment — previewed; secret values only
    // when asked for (read from the store), the Postman environment written beside.
    void exportDialogPreviewsAndWritesEachFormat()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        const QByteArray stagingToken = "staging-export-token-42";
        addStagingToken(dir.path(), *m_secrets, stagingToken);

        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        Ui::ExportDialog* dialog = window.exportInteractively();
        auto* scope = dialog->findChild<QComboBox*>(u"scope"_s);
        auto* format = dialog->findChild<QComboBox*>(u"format"_s);
        auto* environment = dialog->findChild<QComboBox*>(u"environment"_s);
        auto* includeSecrets = dialog->findChild<QCheckBox*>(u"includeSecrets"_s);
        QVERIFY(scope && format && environment && includeSecrets);
        QVERIFY2(scope->currentText().startsWith(u"Collection"_s),
                 qPrintable(scope->currentText()));
        QVERIFY(dialog->previewText().contains(u"schema.getpostman.com"_s));
        QVERIFY(dialog->previewText().contains(u"List items"_s));
        QVERIFY(dialog->previewText().contains(u"Log in"_s));

        // One request as curl under staging: the secret as $TOKEN until included.
        scope->setCurrentIndex(scope->count() - 1);
        format->setCurrentIndex(format->findData(u"curl"_s));
        environment->setCurrentIndex(environment->findData(u"staging"_s));
        QVERIFY2(dialog->previewText().contains(u"curl "_s), qPrintable(dialog->previewText()));
        QVERIFY(dialog->previewText().contains(u"$TOKEN"_s));
        QVERIFY(!dialog->previewText().contains(u"Log in"_s));
        QVERIFY(!dialog->previewText().contains(QString::fromLatin1(stagingToken)));
        includeSecrets->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->previewText().contains(u"Bearer "_s + QString::fromLatin1(stagingToken)), 5000);
        const QString script = dir.filePath(u"list.sh"_s);
        QVERIFY(dialog->saveTo(script));
        QCOMPARE(QString::fromUtf8(read(script)), dialog->previewText());

        // Postman with an environment: the environment file beside, its secret left empty.
        includeSecrets->click();
        format->setCurrentIndex(format->findData(u"postman"_s));
        QVERIFY(dialog->warnings().join(u'\n').contains(u"\"token\" exported without its value"_s));
        const QString collection = dir.filePath(u"list.postman_collection.json"_s);
        QVERIFY(dialog->saveTo(collection));
        const QByteArray environmentFile = read(dir.filePath(u"list.postman_environment.json"_s));
        QVERIFY2(environmentFile.contains("\"staging\""), environmentFile.constData());
        QVERIFY(!environmentFile.contains(stagingToken));
        dialog->close();
    }

    // Edit › Preferences: the defaults every send starts from (a request's Settings tab wins),
    // saved on this machine; the text font and the theme reach every view at once.
    void preferencesSetTheDefaultsOfEverySend()
    {
        Demo::LoopbackServer redirecting{[](const Raw::ParsedRequest& r) {
            if (r.target == "/old")
                return Demo::ServerResponse{302, "Found", {{"Location", "/new"}}, {}};
            return Demo::ServerResponse{200, "OK", {{"Content-Type", "text/plain"}}, "new"};
        }};
        QVERIFY(redirecting.listen());
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.show();
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        Ui::RequestDocument* document = window.currentDocument();
        Model::RequestTemplate request = document->request();
        request.url = redirecting.baseUrl() + u"/old"_s;
        document->edit(request, u"Point at the redirect"_s);

        Ui::PreferencesDialog* dialog = window.showPreferences();
        QVERIFY(dialog->isVisible());
        auto* follow = dialog->findChild<QCheckBox*>(u"followRedirects"_s);
        auto* timeout = dialog->findChild<QDoubleSpinBox*>(u"timeout"_s);
        auto* proxy = dialog->findChild<QLineEdit*>(u"proxy"_s);
        auto* authorities = dialog->findChild<QLineEdit*>(u"caCertificates"_s);
        auto* theme = dialog->findChild<QComboBox*>(u"theme"_s);
        auto* fontSize = dialog->findChild<QSpinBox*>(u"textFontSize"_s);
        QVERIFY(follow && timeout && proxy && authorities && theme && fontSize);
        QVERIFY(follow->isChecked());
        QCOMPARE(timeout->value(), 30.0);
        follow->click();
        timeout->setValue(12.5);
        theme->setCurrentIndex(theme->findData(int(Ui::Theme::Dark)));
        fontSize->setValue(17);
        // What cannot work is refused, saying why, and the dialog stays.
        proxy->setText(u"ftp://proxy.example:21"_s);
        dialog->accept();
        auto* problem = dialog->findChild<QLabel*>(u"problem"_s);
        QVERIFY(dialog->isVisible());
        QVERIFY(problem->isVisibleTo(dialog));
        QVERIFY2(problem->text().contains(u"ftp"_s), qPrintable(problem->text()));
        proxy->setText(u"http://me:hunter2@proxy.example:3128"_s); // never in QSettings
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY2(problem->text().contains(u"password"_s), qPrintable(problem->text()));
        proxy->setText(u"none"_s);
        authorities->setText(dir.filePath(u"environments/local.json"_s));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QVERIFY2(problem->text().contains(u"PEM"_s), qPrintable(problem->text()));
        authorities->clear();
        dialog->accept();
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        // Saved, and shown as the request's defaults (nothing written to the request).
        QCOMPARE(QSettings().value(u"preferences/followRedirects"_s).toBool(), false);
        QCOMPARE(window.preferences().send.timeoutMs, 12'500);
        auto* requestFollow = window.editor()->findChild<QCheckBox*>(u"followRedirects"_s);
        QVERIFY(!requestFollow->isChecked());
        QVERIFY(document->request().settings.isEmpty());
        QCOMPARE(window.editor()->findChild<QDoubleSpinBox*>(u"timeout"_s)->value(), 12.5);
        // The theme and the font, everywhere at once.
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 128);
        QCOMPARE(window.response()->findChild<Ui::LargeTextView*>()->font().pointSize(), 17);
        QCOMPARE(window.editor()->findChild<QPlainTextEdit*>(u"bodyText"_s)->font().pointSize(),
                 17);

        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"302 Found"_s);

        // The request's own setting wins, and stays stored even once it equals the default.
        requestFollow->click();
        QCOMPARE(document->request().settings.followRedirects, true);
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"200 OK"_s);
        Ui::Preferences following = window.preferences();
        following.send.followRedirects = true;
        window.applyPreferences(following);
        window.editor()->findChild<QSpinBox*>(u"maxRedirects"_s)->setValue(3);
        QCOMPARE(document->request().settings.followRedirects, true);
        QCOMPARE(document->request().settings.maxRedirects, 3);

        window.applyPreferences(Ui::Preferences());
        QVERIFY(QApplication::palette().color(QPalette::Base).lightness() >= 128);
    }

    // A 401 with staging's token sent under local: the Diagnosis reads every environment's
    // values (secrets from the store, after the answer) and says whose credential it is.
    void diagnosisKnowsAnotherEnvironmentsToken()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        const QByteArray stagingToken = "staging-token-0123456789abcdef";
        const QString key = addStagingToken(dir.path(), *m_secrets, stagingToken);

        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        QVERIFY(window.problemsText().isEmpty());
        QVERIFY(window.openRequest(u"demo-api/items/list-items.request.json"_s));
        Ui::RequestDocument* document = window.currentDocument();
        Model::RequestTemplate request = document->request();
        request.headers.append({u"X-Api-Key"_s, QString::fromLatin1(stagingToken), true});
        document->edit(request, u"Paste staging's key"_s);
        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->statusText(), u"401 Unauthorized"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.response()->diagnosisText().contains(
                u"The X-Api-Key sent is {{token}} of environment \"staging\", but the request "
                "went out under environment \"local\""_s),
            5000);
        // The evidence is highlighted in the Raw tab: the header that carried the key.
        const QStringList rawLines = window.response()->rawText().split(u'\n');
        QStringList marked;
        for (int line : window.response()->evidenceLines())
            marked.append(rawLines.value(line));
        QVERIFY2(marked.contains(u"X-Api-Key: "_s + QString::fromLatin1(stagingToken)),
                 qPrintable(marked.join(u'\n')));
        auto* responseTabs = window.response()->findChild<QTabWidget*>();
        auto* showEvidence = window.response()->findChild<QPushButton*>(u"showEvidence"_s);
        QVERIFY(showEvidence);
        showEvidence->click();
        auto* rawView = window.response()->findChild<QPlainTextEdit*>(u"raw"_s);
        QCOMPARE(responseTabs->currentWidget(), rawView);
        QCOMPARE(rawView->textCursor().blockNumber(), window.response()->evidenceLines().first());
        // Revealing secrets in the Raw tab re-renders in place: no second set of fix buttons,
        // no jump to the Diagnosis tab.
        const qsizetype buttons = window.response()->findChildren<QPushButton*>(u"fix"_s).size();
        responseTabs->setCurrentIndex(
            responseTabs->indexOf(window.response()->findChild<QPlainTextEdit*>(u"raw"_s)));
        const int raw = responseTabs->currentIndex();
        window.response()->setRevealSecrets(true);
        QCOMPARE(window.response()->findChildren<QPushButton*>(u"fix"_s).size(), buttons);
        QCOMPARE(responseTabs->currentIndex(), raw);
        m_secrets->remove(key, [](Status) {});
    }

    // The Assertions tab: a row added by choosing what to check, checked against every answer;
    // an edit after the send is checked against that answer at once.
    void assertionsAreCheckedAgainstEveryAnswer()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString path = u"demo-api/health.request.json"_s;
        QVERIFY(window.openRequest(path));
        Ui::RequestDocument* document = window.currentDocument();

        auto* table = window.editor()->findChild<QTableView*>(u"assertionsTable"_s);
        QVERIFY(table);
        auto* model = qobject_cast<Ui::AssertionsTableModel*>(table->model());
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* tabs = window.editor()->findChild<QTabWidget*>(u"requestTabs"_s);
        tabs->setCurrentWidget(table);
        // Choose "status" in the empty row's combo box, as a user would.
        const QModelIndex add = model->index(0, Ui::AssertionsTableModel::SourceColumn);
        table->edit(add);
        auto* combo = table->findChild<QComboBox*>();
        QVERIFY(combo);
        combo->setCurrentText(u"status"_s);
        emit combo->activated(combo->currentIndex());
        QCOMPARE(document->request().assertions.size(), 1);
        QCOMPARE(Model::describeAssertion(document->request().assertions[0]),
                 u"status equals 2xx"_s);
        QVERIFY(model->setData(model->index(1, Ui::AssertionsTableModel::SourceColumn), u"json"_s));
        QVERIFY(model->setData(model->index(1, Ui::AssertionsTableModel::PathColumn), u"status"_s));
        QVERIFY(model->setData(model->index(1, Ui::AssertionsTableModel::OpColumn), u"equals"_s));
        QVERIFY(model->setData(model->index(1, Ui::AssertionsTableModel::ExpectedColumn), u"ok"_s));
        QCOMPARE(tabs->tabText(tabs->indexOf(table)), u"Assertions (2)"_s);

        window.send();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isSending(), 10000);
        QCOMPARE(window.response()->assertionsText(),
                 u"✓ status equals 2xx\n✓ json status equals ok"_s);
        auto* responseTabs = window.response()->findChild<QTabWidget*>();
        auto* results = window.response()->findChild<QListWidget*>(u"assertionResults"_s);
        QCOMPARE(responseTabs->tabText(responseTabs->indexOf(results)), u"Assertions ✓ 2/2"_s);

        QVERIFY(
            model->setData(model->index(1, Ui::AssertionsTableModel::ExpectedColumn), u"down"_s));
        QCOMPARE(window.response()->assertionsText(),
                 u"✓ status equals 2xx\n✗ json status equals down — got ok"_s);
        QCOMPARE(responseTabs->tabText(responseTabs->indexOf(results)), u"Assertions ✗ 1/2"_s);
        document->undoStack()->undo();
        QVERIFY(window.response()->assertionsText().endsWith(u"✓ json status equals ok"_s));

        QVERIFY(window.saveCurrent());
        QVERIFY(read(dir.filePath(path)).contains("\"assert\": ["));
    }

    // Each scheme shows its own fields in the Auth tab, and what is typed lands in the file.
    void authTabShowsEachSchemesFields()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        const QString path = u"demo-api/health.request.json"_s;
        QVERIFY(window.openRequest(path));
        auto* kind = window.findChild<QComboBox*>(u"authKind"_s);
        auto* loginUrl = window.findChild<QLineEdit*>(u"loginUrl"_s);
        auto* accessKey = window.findChild<QLineEdit*>(u"accessKey"_s);
        QVERIFY(kind && loginUrl && accessKey);
        QWidget* authEditor = loginUrl->parentWidget();

        kind->setCurrentIndex(kind->findText(u"Django session + CSRF"_s));
        QCOMPARE(window.currentDocument()->request().auth.kind, Model::AuthKind::DjangoSession);
        QVERIFY(loginUrl->isVisibleTo(authEditor));
        QVERIFY(!accessKey->isVisibleTo(authEditor));
        loginUrl->setFocus();
        QTest::keyClicks(loginUrl, u"/accounts/login/"_s);
        QCOMPARE(window.currentDocument()->request().auth.loginUrl, u"/accounts/login/"_s);

        auto* tokenUrl = window.findChild<QLineEdit*>(u"tokenUrl"_s);
        auto* grant = window.findChild<QComboBox*>(u"oauthGrant"_s);
        QVERIFY(tokenUrl && grant);
        QVERIFY(!tokenUrl->isVisibleTo(authEditor));
        kind->setCurrentIndex(kind->findText(u"OAuth 2.0"_s));
        QVERIFY(tokenUrl->isVisibleTo(authEditor));
        grant->setCurrentIndex(2);
        QCOMPARE(window.currentDocument()->request().auth.oauthGrant, u"authorization_code"_s);

        kind->setCurrentIndex(kind->findText(u"AWS Signature V4"_s));
        QVERIFY(accessKey->isVisibleTo(authEditor));
        QVERIFY(!loginUrl->isVisibleTo(authEditor));
        QVERIFY(window.saveCurrent());
        const QByteArray saved = read(m_dir.filePath(path));
        QVERIFY(saved.contains("\"kind\": \"aws-sigv4\""));
        window.currentDocument()->undoStack()->undo(); // consecutive auth edits are one step
        QCOMPARE(window.currentDocument()->request().auth.kind, Model::AuthKind::Inherit);
        QVERIFY(!loginUrl->isVisibleTo(authEditor));
        QVERIFY(!accessKey->isVisibleTo(authEditor));
        while (window.currentDocument()->undoStack()->canUndo())
            window.currentDocument()->undoStack()->undo();
        QVERIFY(window.saveCurrent());
    }

    // A JWT in the Bearer field — literal or through a variable — is decoded under it.
    void bearerTokenShowsWhatTheJwtSays()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        auto* kind = window.findChild<QComboBox*>(u"authKind"_s);
        auto* token = window.findChild<QLineEdit*>(u"token"_s);
        auto* summary = window.findChild<QLabel*>(u"jwtSummary"_s);
        QVERIFY(kind && token && summary);
        kind->setCurrentIndex(kind->findText(u"Bearer / Token"_s));
        constexpr auto base64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
        const qint64 exp = QDateTime::currentSecsSinceEpoch() - 125;
        const QString jwt =
            QString::fromLatin1(QByteArray(R"({"alg":"HS256"})").toBase64(base64) + '.' +
                                QByteArray(R"({"token_type":"access","user_id":7,"exp":)" +
                                           QByteArray::number(exp) + '}')
                                    .toBase64(base64) +
                                ".c2ln");
        token->setFocus();
        QTest::keyClicks(token, jwt);
        QVERIFY2(summary->text().startsWith(u"JWT HS256 · token_type access · user_id 7"_s),
                 qPrintable(summary->text()));
        QVERIFY(summary->text().contains(u"expired 2 min ago"_s));
        window.currentDocument()->undoStack()->undo();
        QVERIFY(window.saveCurrent());
    }

    void brokenFilesAreListedAndTheRestOpens()
    {
        QTemporaryDir dir;
        copySample(dir.path(), m_server.baseUrl());
        QFile broken(dir.filePath(u"demo-api/auth/login.request.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{ not json");
        broken.close();
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(dir.path()));
        QVERIFY(window.problemsText().contains(u"demo-api/auth/login.request.json:1:"_s));
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        QVERIFY(!window.openRequest(u"demo-api/auth/login.request.json"_s));
    }

    void badRequestIsExplainedNotSent()
    {
        Ui::MainWindow window(&m_network, m_secrets);
        QVERIFY(window.openWorkspace(m_dir.path()));
        QVERIFY(window.openRequest(u"demo-api/health.request.json"_s));
        window.selectEnvironment(QString()); // no environment: {{baseUrl}} is unresolved
        window.send();
        QVERIFY(!window.isSending());
        QCOMPARE(window.response()->statusText(), u"Not sent"_s);
        QVERIFY(window.response()->warningText().contains(u"baseUrl"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
