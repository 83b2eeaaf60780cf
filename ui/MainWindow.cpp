#include "ui/MainWindow.h"

#include "core/assertions/Assertions.h"
#include "core/auth/EffectiveAuth.h"
#include "core/auth/Extractor.h"
#include "core/auth/Sender.h"
#include "core/auth/TokenKeeper.h"
#include "core/demo/DemoApi.h"
#include "core/demo/LoopbackServer.h"
#include "core/diagnose/Doctor.h"
#include "core/diagnose/Fixes.h"
#include "core/diff/MessageDiff.h"
#include "core/history/HistoryStore.h"
#include "core/http/CookieJar.h"
#include "core/http/Executor.h"
#include "core/interchange/ImportAny.h"
#include "core/interchange/WorkspaceImport.h"
#include "core/interchange/export/CodeSnippets.h"
#include "core/interchange/export/CurlExport.h"
#include "core/interchange/export/HarExport.h"
#include "core/interchange/export/Selection.h"
#include "core/interchange/import/CurlImport.h"
#include "core/secrets/SecretChanges.h"
#include "core/secrets/SecretStoreChoice.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/WorkspaceScopes.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/CookieJarStore.h"
#include "core/workspace/EnvironmentEdit.h"
#include "core/workspace/TreeEdit.h"
#include "core/workspace/Unsaved.h"
#include "core/workspace/WorkspaceStore.h"
#include "ui/ClipboardGuard.h"
#include "ui/CommandPalette.h"
#include "ui/CompareView.h"
#include "ui/CookieJarDialog.h"
#include "ui/CookieJars.h"
#include "ui/EnvironmentManager.h"
#include "ui/ExportDialog.h"
#include "ui/HistoryModel.h"
#include "ui/ImportDialog.h"
#include "ui/PreferencesDialog.h"
#include "ui/RequestDocument.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTabs.h"
#include "ui/ResponseView.h"
#include "ui/VariablesDialog.h"
#include "ui/WorkspaceTree.h"
#include "ui/WorkspaceTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

MainWindow::MainWindow(QNetworkAccessManager* network,
                       std::shared_ptr<Secrets::SecretStore> secrets, QWidget* parent)
    : QMainWindow(parent)
    , m_tabs(new RequestTabs(this))
    , m_executor(new Http::Executor(network, this))
    , m_sessions(std::make_unique<Auth::SessionJar>())
    , m_sender(new Auth::Sender(m_executor, m_sessions.get(), this))
    , m_secrets(std::move(secrets))
    , m_treePane(new WorkspaceTree(this))
    , m_problems(new QLabel(this))
    , m_environment(new QComboBox(this))
    , m_leftTabs(new QTabWidget(this))
    , m_historyModel(new HistoryModel(this))
    , m_history(new QListView(this))
    , m_historyFilter(new QComboBox(this))
    , m_compareHistory(new QPushButton(tr("Compare"), this))
    , m_editor(new RequestEditor(this))
    , m_response(new ResponseView(this))
    , m_undo(new QUndoGroup(this))
    , m_unsavedTimer(new QTimer(this))
    , m_recovery(new QFrame(this))
    , m_recoveryText(new QLabel(m_recovery))
{
    // The OAuth 2 code flow shows its authorization page in the system browser.
    m_sender->setBrowserOpener([](const QUrl& url) { QDesktopServices::openUrl(url); });
    m_cookieJars = new CookieJars(
        [this](CookieJars::StoreUser use) { withSecretStore(std::move(use)); }, this);
    m_clipboard = new ClipboardGuard(
        [this] {
            QList<QByteArray> known = m_sessionSecrets;
            if (const Http::Exchange* shown = m_response->exchange())
                known += shown->secretValues;
            return known;
        },
        this);
    connect(m_clipboard, &ClipboardGuard::cleared, this, [this] {
        statusBar()->showMessage(tr("Clipboard cleared: it held a secret value"), 8000);
    });
    connect(m_cookieJars, &CookieJars::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    setAcceptDrops(true);
    m_problems->setWordWrap(true);
    m_problems->setObjectName(u"problems"_s);
    m_problems->setStyleSheet(
        u"background: #ffebee; color: #b71c1c; border: 1px solid #e57373; padding: 4px;"_s);
    m_problems->hide();
    m_environment->setObjectName(u"environment"_s);
    m_environment->setMinimumWidth(160);
    m_environment->setToolTip(tr("Environment whose variables fill {{placeholders}} (Ctrl+E)"));

    auto* requests = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(requests);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_problems);
    leftLayout->addWidget(m_treePane, 1);

    // History: every send, newest first; two selected can be compared.
    auto* historyPane = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(historyPane);
    historyLayout->setContentsMargins(0, 4, 0, 0);
    auto* historyBar = new QHBoxLayout;
    m_historyFilter->setObjectName(u"historyFilter"_s);
    m_historyFilter->addItems(
        {tr("All"), tr("2xx"), tr("3xx"), tr("4xx"), tr("5xx"), tr("Transport errors")});
    m_compareHistory->setObjectName(u"compareHistory"_s);
    m_compareHistory->setToolTip(tr("Compare the two selected sends (requests and responses)"));
    m_compareHistory->setEnabled(false);
    historyBar->addWidget(m_historyFilter, 1);
    historyBar->addWidget(m_compareHistory);
    historyLayout->addLayout(historyBar);
    auto* historySearch = new QLineEdit(historyPane);
    historySearch->setObjectName(u"historySearch"_s);
    historySearch->setPlaceholderText(tr("Search: URL, request, environment, status, h12"));
    historySearch->setClearButtonEnabled(true);
    historyLayout->addWidget(historySearch);
    connect(historySearch, &QLineEdit::textChanged, m_historyModel, &HistoryModel::setSearch);
    m_history->setObjectName(u"history"_s);
    m_history->setModel(m_historyModel);
    m_history->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_history->setUniformItemSizes(true);
    historyLayout->addWidget(m_history, 1);
    connect(m_historyFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_historyModel->setFilter(static_cast<HistoryModel::Filter>(index));
    });
    connect(m_history->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList selected = m_history->selectionModel()->selectedRows();
        m_compareHistory->setEnabled(selected.size() == 2);
        if (selected.size() == 1)
            showHistoryEntry(selected.first().data(HistoryModel::IdRole).toString());
    });
    auto selectedIds = [this] {
        QStringList ids;
        for (const QModelIndex& index : m_history->selectionModel()->selectedRows())
            ids.append(index.data(HistoryModel::IdRole).toString());
        return ids;
    };
    // Delete (the key, or the context menu) and Clear History, each asked first: a send is
    // the record of what crossed the wire, and deleting it cannot be undone.
    auto* deleteSends = new QAction(tr("Delete"), m_history);
    deleteSends->setObjectName(u"deleteHistory"_s);
    deleteSends->setShortcut(QKeySequence::Delete);
    deleteSends->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteSends, &QAction::triggered, this, [this, selectedIds] {
        const QStringList ids = selectedIds();
        if (ids.isEmpty() ||
            QMessageBox::question(this, tr("Delete from History"),
                                  tr("Delete %n send(s) from this workspace's history?", "",
                                     static_cast<int>(ids.size()))) != QMessageBox::Yes)
            return;
        deleteHistory(ids);
    });
    auto* clearSends = new QAction(tr("Clear History…"), m_history);
    clearSends->setObjectName(u"clearHistory"_s);
    connect(clearSends, &QAction::triggered, this, [this] {
        QStringList ids;
        for (int row = 0; row < m_historyModel->rowCount(); ++row)
            ids.append(m_historyModel->entryAt(row)->id);
        if (ids.isEmpty() ||
            QMessageBox::question(this, tr("Clear History"),
                                  tr("Delete the %n send(s) listed (the filter and search "
                                     "decide which) from this workspace's history?",
                                     "", static_cast<int>(ids.size()))) != QMessageBox::Yes)
            return;
        deleteHistory(ids);
    });
    // The selected sends as a HAR file, for a browser's DevTools, a HAR viewer or a bug report.
    auto* exportSends = new QAction(tr("Export as HAR…"), m_history);
    exportSends->setObjectName(u"exportHistoryHar"_s);
    connect(exportSends, &QAction::triggered, this, [this, selectedIds] {
        const QStringList ids = selectedIds();
        if (ids.isEmpty())
            return;
        const QString name = QFileInfo(m_workspace.rootPath).fileName();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export History as HAR"),
            QDir(QDir::homePath()).filePath(name + u"-history.har"_s), tr("HTTP Archive (*.har)"));
        if (!path.isEmpty())
            exportHistoryHar(ids, path);
    });
    auto* separator = new QAction(m_history);
    separator->setSeparator(true);
    m_history->addActions({exportSends, separator, deleteSends, clearSends});
    m_history->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_compareHistory, &QPushButton::clicked, this, [this] {
        QModelIndexList selected = m_history->selectionModel()->selectedRows();
        if (selected.size() != 2)
            return;
        // Newest first in the list: the lower row is the older send, A.
        std::sort(selected.begin(), selected.end(),
                  [](const QModelIndex& x, const QModelIndex& y) { return x.row() > y.row(); });
        compareHistory(selected[0].data(HistoryModel::IdRole).toString(),
                       selected[1].data(HistoryModel::IdRole).toString());
    });

    m_leftTabs->setObjectName(u"leftTabs"_s);
    m_leftTabs->addTab(requests, tr("Requests"));
    m_leftTabs->addTab(historyPane, tr("History"));
    QWidget* left = m_leftTabs;

    // The open requests' tabs over the editor they share.
    auto* editorPane = new QWidget(this);
    auto* editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(0);
    // Unsaved edits a crash left behind, offered back.
    m_recovery->setObjectName(u"recoveryBar"_s);
    m_recovery->setStyleSheet(
        u"#recoveryBar { background: #fff8e1; border: 1px solid #ffca28; }"_s);
    auto* recoveryLayout = new QHBoxLayout(m_recovery);
    recoveryLayout->setContentsMargins(6, 3, 6, 3);
    m_recoveryText->setWordWrap(true);
    recoveryLayout->addWidget(m_recoveryText, 1);
    auto* restoreUnsaved = new QPushButton(tr("Restore"), m_recovery);
    restoreUnsaved->setObjectName(u"restoreUnsaved"_s);
    restoreUnsaved->setToolTip(tr("Open these requests with the edits, still unsaved"));
    auto* discardUnsaved = new QPushButton(tr("Discard"), m_recovery);
    discardUnsaved->setObjectName(u"discardUnsaved"_s);
    recoveryLayout->addWidget(restoreUnsaved);
    recoveryLayout->addWidget(discardUnsaved);
    m_recovery->hide();
    connect(restoreUnsaved, &QPushButton::clicked, this, [this] {
        const QList<Workspace::UnsavedEdit> edits = std::exchange(m_recoverable, {});
        m_recovery->hide();
        for (const Workspace::UnsavedEdit& edit : edits) {
            if (openRequest(edit.path, OpenAs::Tab))
                currentDocument()->edit(edit.request, tr("Restore unsaved edits"));
        }
    });
    connect(discardUnsaved, &QPushButton::clicked, this, [this] {
        for (const Workspace::UnsavedEdit& edit : std::exchange(m_recoverable, {}))
            Workspace::forgetUnsaved(m_workspace.rootPath, edit.path);
        m_recovery->hide();
    });
    m_unsavedTimer->setSingleShot(true);
    m_unsavedTimer->setInterval(1000);
    connect(m_unsavedTimer, &QTimer::timeout, this, &MainWindow::keepUnsavedEdits);
    editorLayout->addWidget(m_recovery);
    // The open requests' tabs and, after them, "+" for a new request beside the current one.
    auto* tabsRow = new QHBoxLayout;
    tabsRow->setContentsMargins(0, 0, 0, 0);
    tabsRow->setSpacing(2);
    tabsRow->addWidget(m_tabs);
    auto* newTab = new QToolButton(editorPane);
    newTab->setObjectName(u"newTab"_s);
    newTab->setText(u"+"_s);
    newTab->setAutoRaise(true);
    newTab->setAccessibleName(tr("New request"));
    newTab->setToolTip(tr("A new request next to the current one, in a tab of its own (Ctrl+N)"));
    connect(newTab, &QToolButton::clicked, this, [this] {
        if (!m_currentPath.isEmpty())
            m_treePane->selectPath(m_currentPath);
        m_treePane->newRequest();
    });
    tabsRow->addWidget(newTab);
    tabsRow->addStretch();
    editorLayout->addLayout(tabsRow);
    editorLayout->addWidget(m_editor, 1);
    connect(m_tabs, &RequestTabs::activated, this,
            [this](const QString& path) { openRequest(path, OpenAs::Preview); });
    connect(m_tabs, &RequestTabs::closeRequested, this, &MainWindow::closeRequest);
    connect(m_tabs, &RequestTabs::keepRequested, this, [this](const QString& path) {
        m_tabs->setPreview(path, false);
        saveTabs();
    });
    connect(m_tabs, &QTabBar::tabMoved, this, [this] { saveTabs(); });

    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(u"editorSplitter"_s);
    right->addWidget(editorPane);
    right->addWidget(m_response);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(u"mainSplitter"_s);
    main->addWidget(left);
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({280, 900});
    setCentralWidget(main);

    createActions();
    statusBar()->showMessage(tr("Open a workspace folder to begin (Ctrl+O)"));

    // A click (or moving through the tree with the keys) previews a request; a double click
    // opens it in a tab of its own.
    connect(m_treePane, &WorkspaceTree::requestActivated, this,
            [this](const QString& path, bool keep) {
                openRequest(path, keep ? OpenAs::Tab : OpenAs::Preview);
            });
    connect(m_treePane, &WorkspaceTree::requestCreated, this, [this](const QString& path) {
        openRequest(path, OpenAs::Tab);
        m_editor->focusUrl();
    });
    connect(m_treePane, &WorkspaceTree::moved, this, &MainWindow::followMove);
    connect(m_treePane, &WorkspaceTree::variablesRequested, this,
            [this](const QString& path) { editVariables(path); });
    connect(m_treePane, &WorkspaceTree::aboutToRemove, this, &MainWindow::releaseForRemoval);
    // Delete asks before unsaved edits go (Undo brings the requests back as last saved).
    m_treePane->setRemovalCheck([this](const QString& path) {
        QList<RequestDocument*> dirty;
        QStringList names;
        for (auto it = m_documents.cbegin(); it != m_documents.cend(); ++it) {
            if (Workspace::isAtOrUnder(it.key(), path) && it.value()->isDirty()) {
                dirty.append(it.value());
                names.append(it.value()->request().name.isEmpty() ? it.key()
                                                                  : it.value()->request().name);
            }
        }
        if (dirty.isEmpty())
            return true;
        if (QMessageBox::question(
                this, tr("Unsaved changes"),
                tr("%1 has unsaved changes. Delete anyway? The changes are lost; Undo brings "
                   "the request back as last saved.")
                    .arg(names.join(u", "_s)),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
            return false;
        for (RequestDocument* document : std::as_const(dirty)) {
            // Back to the saved content, so nothing unsaved is written on the way out.
            if (document->undoStack()->cleanIndex() >= 0)
                document->undoStack()->setIndex(document->undoStack()->cleanIndex());
            else
                document->edit(document->saved(), tr("Discard changes"));
        }
        return true;
    });
    connect(m_treePane, &WorkspaceTree::renamed, this,
            [this](const QString& path, const QString& name) {
                if (RequestDocument* document = m_documents.value(path))
                    document->setName(name); // the tab and the editor follow (changed())
            });
    connect(m_treePane, &WorkspaceTree::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    // Undo and Redo act on what has the focus: the tree's edits, or the open request's.
    m_undo->addStack(m_treePane->undoStack());
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (now && m_treePane->isAncestorOf(now))
            m_undo->setActiveStack(m_treePane->undoStack());
        else if (RequestDocument* document = currentDocument();
                 document && now && m_editor->isAncestorOf(now))
            m_undo->setActiveStack(document->undoStack());
    });
    connect(m_editor, &RequestEditor::sendRequested, this, &MainWindow::send);
    connect(m_response->compare(), &CompareView::compareWithLastSuccessRequested, this,
            &MainWindow::compareWithLastSuccess);
    connect(m_response->compare(), &CompareView::compareWithCurlRequested, this,
            &MainWindow::askCurlToCompare);
    connect(m_response->compare(), &CompareView::compareEnvironmentsRequested, this,
            &MainWindow::askEnvironmentToCompare);
    connect(m_response->compare(), &CompareView::compareHopsRequested, this,
            &MainWindow::compareHops);
    connect(
        m_response->compare(), &CompareView::settingsEdited, this,
        [this](const Model::CompareSettings& settings) {
            m_workspace.compare = settings;
            const Status saved = Workspace::saveWorkspaceManifest(m_workspace);
            statusBar()->showMessage(
                saved ? tr("Ignore rules saved in keyhole-workspace.json")
                      : tr("The ignore rules could not be saved: %1").arg(saved.error().toString()),
                8000);
        });
    connect(m_response, &ResponseView::probeRequested, this, &MainWindow::probe);
    connect(m_response, &ResponseView::fixRequested, this, [this](const Diagnose::FixAction& fix) {
        RequestDocument* document = currentDocument();
        if (!document)
            return;
        if (std::optional<Model::RequestTemplate> fixed =
                Diagnose::applyFix(fix, document->request()))
            document->edit(*fixed, fix.label);
        statusBar()->showMessage(
            tr("Applied: %1 — press Ctrl+Enter to send again (Ctrl+Z undoes)").arg(fix.label),
            8000);
    });
    connect(m_editor, &RequestEditor::cancelRequested, this, [this] {
        if (m_pending)
            m_pending->cancel();
        if (m_preparing) {
            abandonPreparation();
            m_response->showError(tr("Cancelled while reading secrets"));
        }
    });
    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_workspace.rootPath.isEmpty())
            QSettings().setValue(u"environment/"_s + m_workspace.rootPath,
                                 m_environment->currentData().toString());
        updateEditorVariables();
    });
    resize(1280, 800);
    // The window as it was left: geometry and the panes' sizes (saved when it closes).
    const QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    main->restoreState(settings.value(u"window/mainSplitter"_s).toByteArray());
    right->restoreState(settings.value(u"window/editorSplitter"_s).toByteArray());
    m_preferences = Preferences::load();
    applyLook();
    updateTitle();
}

void MainWindow::applyLook()
{
    // (The platform's look is left alone until someone picks another.)
    static bool themed = false;
    if (themed || m_preferences.theme != Theme::System) {
        applyTheme(m_preferences.theme);
        themed = true;
    }
    if (m_preferences.textFont != textFont())
        setTextFont(m_preferences.textFont);
    m_editor->setSettingsDefaults(m_preferences.settingsDefaults());
    if (auto* block = findChild<QAction*>(u"blockUnresolved"_s))
        block->setChecked(m_preferences.blockUnresolved);
}

void MainWindow::applyPreferences(const Preferences& preferences)
{
    m_preferences = preferences;
    m_preferences.save();
    applyLook();
    statusBar()->showMessage(tr("Preferences saved"), 4000);
}

PreferencesDialog* MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(m_preferences, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applyPreferences(dialog->preferences()); });
    dialog->open();
    return dialog;
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    for (const QString& name : {u"mainSplitter"_s, u"editorSplitter"_s}) {
        if (const auto* splitter = findChild<QSplitter*>(name))
            settings.setValue(u"window/"_s + name, splitter->saveState());
    }
}

MainWindow::~MainWindow()
{
    // QWidget's destructor moves the focus, after this class's members are gone.
    disconnect(qApp, &QApplication::focusChanged, this, nullptr);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Workspace…"), this, [this] {
        if (!settleUnsaved(tr("Another workspace replaces this one. Save the unsaved requests "
                              "first?")))
            return;
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"));
        if (!dir.isEmpty())
            openWorkspace(dir);
    });
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    file->addActions(m_treePane->newActions());
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save Request"), this, &MainWindow::saveCurrent);
    save->setShortcut(QKeySequence::Save);
    QAction* saveAllAction = file->addAction(tr("Save &All"), this, &MainWindow::saveAll);
    saveAllAction->setShortcut(u"Ctrl+Shift+S"_s);
    file->addAction(tr("&Close Request"), this,
                    [this] {
                        if (!m_currentPath.isEmpty())
                            closeRequest(m_currentPath);
                    })
        ->setShortcut(u"Ctrl+W"_s);
    file->addSeparator();
    QAction* importAction =
        file->addAction(tr("&Import…"), this, [this] { importInteractively(); });
    importAction->setShortcut(u"Ctrl+I"_s);
    importAction->setToolTip(tr("Import a curl command, a Postman collection or environment, an "
                                "Insomnia export, an OpenAPI or Swagger spec, an .http file or "
                                "a HAR file (also: drop a file on the window)"));
    QAction* exportAction =
        file->addAction(tr("&Export…"), this, [this] { exportInteractively(); });
    exportAction->setObjectName(u"export"_s);
    exportAction->setShortcut(u"Ctrl+Shift+E"_s);
    exportAction->setToolTip(tr("Export the workspace, a collection, a folder or a request as a "
                                "Postman collection, curl commands, an .http file or code, "
                                "previewed first (Ctrl+Shift+E)"));
    file->addSeparator();
    file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    // The tree's edits (their keys work in the tree) and its filter.
    edit->addSeparator();
    edit->addActions(m_treePane->editActions());
    edit->addSeparator();
    QAction* filter = edit->addAction(tr("&Filter Requests"), this, [this] {
        m_leftTabs->setCurrentIndex(0);
        m_treePane->filterBox()->setFocus();
        m_treePane->filterBox()->selectAll();
    });
    filter->setShortcut(u"Ctrl+Shift+F"_s);
    filter->setObjectName(u"filterRequests"_s);
    edit->addSeparator();
    QAction* preferences =
        edit->addAction(tr("&Preferences…"), this, [this] { showPreferences(); });
    preferences->setObjectName(u"preferences"_s);
    preferences->setShortcuts({QKeySequence(u"Ctrl+,"_s), QKeySequence::Preferences});
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setToolTip(tr("Theme, text font, the defaults every send starts from, proxy "
                               "and trusted certificate authorities"));

    QMenu* request = menuBar()->addMenu(tr("&Request"));
    QAction* sendAction = request->addAction(tr("&Send"), this, &MainWindow::send);
    sendAction->setShortcuts({QKeySequence(u"Ctrl+Return"_s), QKeySequence(u"Ctrl+Enter"_s)});
    request->addAction(tr("Focus &URL"), m_editor, &RequestEditor::focusUrl)
        ->setShortcut(u"Ctrl+L"_s);
    // Ctrl+Tab goes round the open requests (Ctrl+PgDown too, as in browsers).
    const auto stepTab = [this](int step) {
        if (m_tabs->count() > 1)
            openRequest(
                m_tabs->pathAt((m_tabs->currentIndex() + step + m_tabs->count()) % m_tabs->count()),
                OpenAs::Preview);
    };
    request->addAction(tr("&Next Tab"), this, [stepTab] { stepTab(1); })
        ->setShortcuts({QKeySequence(u"Ctrl+Tab"_s), QKeySequence(u"Ctrl+PgDown"_s)});
    request->addAction(tr("&Previous Tab"), this, [stepTab] { stepTab(-1); })
        ->setShortcuts({QKeySequence(u"Ctrl+Shift+Tab"_s), QKeySequence(u"Ctrl+PgUp"_s)});
    request
        ->addAction(tr("Switch &Environment"), m_environment,
                    [this] {
                        m_environment->setFocus();
                        m_environment->showPopup();
                    })
        ->setShortcut(u"Ctrl+E"_s);
    QAction* block = request->addAction(tr("Refuse &Unresolved Variables"));
    block->setObjectName(u"blockUnresolved"_s);
    block->setCheckable(true);
    // (Checked from the Preferences once they are read; the toggle is one of them.)
    block->setToolTip(tr("Do not send a request that would carry a {{variable}} literally "
                         "(off: send it and warn)"));
    connect(block, &QAction::toggled, this, [this](bool on) {
        if (m_preferences.blockUnresolved == on)
            return;
        m_preferences.blockUnresolved = on;
        m_preferences.save();
    });
    QAction* manage =
        request->addAction(tr("&Manage Environments…"), this, [this] { manageEnvironments(); });
    manage->setObjectName(u"manageEnvironments"_s);
    request->addAction(tr("&Global Variables…"), this, [this] { editVariables(QString()); })
        ->setObjectName(u"globalVariables"_s);
    request
        ->addAction(tr("Co&llection Variables…"), this,
                    [this] {
                        if (!m_currentPath.isEmpty())
                            editVariables(m_currentPath.section(u'/', 0, 0));
                    })
        ->setObjectName(u"collectionVariables"_s);
    manage->setShortcut(u"Ctrl+Alt+E"_s);
    manage->setIconText(tr("Manage…"));
    manage->setToolTip(tr("Environments, their variables and secrets; compare two (Ctrl+Alt+E)"));
    QAction* cookies = request->addAction(tr("C&ookies…"), this, [this] { showCookies(); });
    cookies->setObjectName(u"manageCookies"_s);
    cookies->setShortcut(u"Ctrl+Alt+K"_s);
    cookies->setIconText(tr("Cookies…"));
    cookies->setToolTip(tr("The cookies the servers set in this environment: see, edit or "
                           "delete them (Ctrl+Alt+K)"));

    request->addAction(tr("Compare with a c&url Command…"), this, &MainWindow::askCurlToCompare)
        ->setShortcut(u"Ctrl+Shift+D"_s);
    request->addAction(tr("Compare under Another E&nvironment…"), this,
                       &MainWindow::askEnvironmentToCompare);
    // Copy as curl, HTTPie, Python requests, JavaScript fetch: what Keyhole would send.
    for (const Interchange::SnippetLanguage language :
         {Interchange::SnippetLanguage::Curl, Interchange::SnippetLanguage::Httpie,
          Interchange::SnippetLanguage::Python, Interchange::SnippetLanguage::JavaScript}) {
        const QString title = Interchange::snippetLanguageTitle(language);
        QAction* copy =
            request->addAction(tr("Copy as %1").arg(title), this, [this, language, title] {
                const QString code = currentAs(language);
                if (code.isEmpty())
                    return;
                QApplication::clipboard()->setText(code);
                statusBar()->showMessage(
                    code.startsWith(u'#') || code.startsWith(u"//"_s)
                        ? tr("Copied as %1; secrets are read from environment variables (see the "
                             "first line)")
                              .arg(title)
                        : tr("Copied as %1").arg(title),
                    6000);
            });
        copy->setObjectName(u"copyAs-"_s + Interchange::snippetLanguageName(language));
        if (language == Interchange::SnippetLanguage::Curl)
            copy->setShortcut(u"Ctrl+Shift+C"_s);
    }

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->setObjectName(u"goMenu"_s);
    go->addAction(tr("Go to &Request…"), this, [this] {
          showCommandPalette(true);
      })->setShortcut(u"Ctrl+P"_s);
    QAction* commands =
        go->addAction(tr("&Command Palette…"), this, [this] { showCommandPalette(false); });
    commands->setShortcut(u"Ctrl+Shift+P"_s);
    commands->setToolTip(tr("Search every action, request and environment (Ctrl+Shift+P)"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QMessageBox box(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), QString(),
                        QMessageBox::Close, this);
        box.setTextFormat(Qt::PlainText);
        box.setText(shortcutsText());
        box.setFont(QFont(u"monospace"_s));
        box.exec();
    });
    help->addAction(tr("Start the &Demo API"), this, &MainWindow::startDemoApi);
    help->addAction(tr("&About Keyhole"), this, [this] {
        QMessageBox::about(
            this, tr("About Keyhole"),
            tr("<b>Keyhole %1</b><p>An API workbench that shows exactly what crossed the wire "
               "and explains why the server says your credentials are missing.</p>")
                .arg(QStringLiteral(KEYHOLE_VERSION)));
    });

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolbar"_s);
    toolbar->setMovable(false);
    toolbar->addAction(open);
    toolbar->addAction(save);
    toolbar->addAction(importAction);
    toolbar->addAction(exportAction);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Environment: "), toolbar));
    toolbar->addWidget(m_environment);
    toolbar->addAction(manage);
    toolbar->addAction(cookies);
    auto* spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    commands->setIconText(tr("Search actions (Ctrl+Shift+P)"));
    toolbar->addAction(commands);
}

bool MainWindow::openWorkspace(const QString& path)
{
    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(path);
    if (!report) {
        QMessageBox::warning(this, tr("Cannot open workspace"), report.error().toString());
        return false;
    }
    abandonPreparation();
    keepUnsavedEdits(); // the last second's edits of the workspace being left
    m_recovery->hide();
    m_editor->setDocument(nullptr);
    m_response->clear();
    for (const QString& open : m_tabs->paths())
        m_tabs->remove(open);
    qDeleteAll(m_documents);
    m_documents.clear();
    m_responses.clear();
    m_currentPath.clear();
    m_workspace = std::move(report.value().workspace);
    m_cookieJars->reset(m_workspace.rootPath, m_workspace.id);
    if (m_cookieDialog)
        m_cookieDialog->close();
    ++m_compareGeneration; // a comparison still reading secrets belongs to the old workspace
    m_response->compare()->setSettings(m_workspace.compare);
    purgeTrashedSecrets();
    m_treePane->setWorkspace(&m_workspace); // (empties the trash)
    m_shownHistoryId.clear();
    refreshHistory();

    QStringList problems;
    for (const Error& problem : std::as_const(report.value().problems))
        problems.append(problem.toString());
    m_problems->setText(tr("%n file(s) could not be read and were left out:\n", nullptr,
                           static_cast<int>(problems.size())) +
                        problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());

    populateEnvironments(QSettings()
                             .value(u"environment/"_s + m_workspace.rootPath,
                                    m_workspace.environments.empty()
                                        ? QString()
                                        : m_workspace.environments.front().name)
                             .toString());

    // The tabs open when this workspace was last left (the ones still there) and the request
    // that was shown; a first visit previews the first request.
    // (Read both first: each request opened writes itself as the one shown.)
    const QSettings settings;
    const QStringList tabs = settings.value(u"tabs/"_s + m_workspace.rootPath).toStringList();
    const QString last = settings.value(u"request/"_s + m_workspace.rootPath).toString();
    for (const QString& tab : tabs)
        openRequest(tab);
    if (last.isEmpty() || !openRequest(last, OpenAs::Preview)) {
        if (m_tabs->count() > 0)
            openRequest(m_tabs->pathAt(0), OpenAs::Preview);
        else if (const QString first = Model::firstRequestPath(m_workspace); !first.isEmpty())
            openRequest(first, OpenAs::Preview);
    }
    QSettings().setValue(u"lastWorkspace"_s, m_workspace.rootPath);
    statusBar()->showMessage(tr("Opened %1").arg(m_workspace.rootPath), 5000);
    offerUnsavedEdits();
    updateTitle();
    return true;
}

bool MainWindow::openRequest(const QString& path, OpenAs how)
{
    const Model::RequestItem* item = Model::findRequest(m_workspace, path);
    if (!item)
        return false;
    const bool newTab = m_tabs->indexOf(path) < 0;
    // A new preview takes the old preview's place (an edited preview is no longer one).
    const QString replaced = how == OpenAs::Preview && newTab ? m_tabs->previewPath() : QString();
    RequestDocument* document = m_documents.value(path);
    if (!document) {
        document = new RequestDocument(m_workspace.rootPath, *item, this);
        m_documents.insert(path, document);
        m_undo->addStack(document->undoStack());
        connect(document, &RequestDocument::changed, this,
                [this, document] { onDocumentChanged(document); });
        connect(document, &RequestDocument::dirtyChanged, this, [this, document](bool dirty) {
            const QString& at = document->item().path; // (a move in the tree changes it)
            if (!dirty) {                              // saved, or undone back to the file
                m_unsavedPending.remove(at);
                Workspace::forgetUnsaved(m_workspace.rootPath, at);
            }
            m_treePane->model()->setDirty(at, dirty);
            m_tabs->setDirty(at, dirty);
            if (dirty)
                saveTabs(); // an edited preview is kept
            updateTitle();
        });
    }
    const QString name =
        item->request.name.isEmpty() ? Model::entryName(item->path) : item->request.name;
    m_tabs->showTab(path, item->request.method, name, how == OpenAs::Preview && newTab);
    if (how == OpenAs::Tab)
        m_tabs->setPreview(path, false);
    if (!replaced.isEmpty() && replaced != path)
        dropDocument(replaced);
    saveTabs();
    if (path == m_currentPath)
        return true; // already shown, with its response
    abandonPreparation();
    m_currentPath = path;
    QSettings().setValue(u"request/"_s + m_workspace.rootPath, path);
    if (!m_treePane->isAncestorOf(QApplication::focusWidget()))
        m_undo->setActiveStack(document->undoStack());
    m_editor->setDocument(document);
    updateEditorVariables();
    // The last response this request got here, or the send still under way.
    m_response->clear();
    m_shownHistoryId.clear();
    if (m_pending && m_pendingPath == path) {
        m_editor->setSending(true);
        m_response->showSending(tr("%1 — still waiting for the answer").arg(name));
    } else if (const Shown shown = m_responses.value(path); shown.exchange) {
        m_shownHistoryId = shown.historyId;
        const Precedent precedent = precedentFor(*shown.exchange, path, shown.historyId);
        m_response->showExchange(*shown.exchange, precedent.view(), specFor(path));
        showAssertions(document->request().assertions, path);
    }
    m_treePane->selectPath(path);
    updateTitle();
    return true;
}

// `path` by value: the caller's may be m_currentPath itself, which changes below.
bool MainWindow::closeRequest(QString path)
{
    RequestDocument* document = m_documents.value(path);
    if (document && document->isDirty()) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them before closing?").arg(path),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Save) {
            if (const Status saved = document->save(); !saved) {
                QMessageBox::warning(this, tr("Cannot save"), saved.error().toString());
                return false;
            }
        } else if (Model::RequestItem* item = Model::findRequest(m_workspace, path)) {
            // Back to the file's content in the workspace (the tree and sends read it).
            item->request = document->saved();
            m_treePane->model()->requestChanged(path);
        }
    }
    const bool current = path == m_currentPath;
    m_tabs->remove(path);
    if (current) {
        m_currentPath.clear();
        if (const QString next = m_tabs->currentPath(); !next.isEmpty()) {
            openRequest(next, OpenAs::Preview);
        } else {
            abandonPreparation();
            m_editor->setDocument(nullptr);
            m_response->clear();
            m_shownHistoryId.clear();
            m_treePane->selectPath({});
        }
    }
    dropDocument(path);
    saveTabs();
    updateTitle();
    return true;
}

void MainWindow::dropDocument(const QString& path)
{
    m_tabs->remove(path);
    m_responses.remove(path);
    if (RequestDocument* document = m_documents.take(path)) {
        m_undo->removeStack(document->undoStack());
        m_treePane->model()->setDirty(path, false);
        delete document;
        m_unsavedPending.remove(path);
        Workspace::forgetUnsaved(m_workspace.rootPath, path);
    }
}

void MainWindow::keepUnsavedEdits()
{
    for (const QString& path : std::exchange(m_unsavedPending, {})) {
        if (const RequestDocument* document = m_documents.value(path);
            document && document->isDirty())
            (void)Workspace::keepUnsaved(m_workspace.rootPath, path, document->request());
    }
}

void MainWindow::offerUnsavedEdits()
{
    m_recoverable.clear();
    QStringList names;
    for (Workspace::UnsavedEdit& edit : Workspace::unsavedEdits(m_workspace.rootPath)) {
        const Model::RequestItem* item = Model::findRequest(m_workspace, edit.path);
        if (!item || item->request == edit.request) { // gone, or saved after all
            Workspace::forgetUnsaved(m_workspace.rootPath, edit.path);
            continue;
        }
        names.append(u'“' + (item->request.name.isEmpty() ? edit.path : item->request.name) + u'”');
        m_recoverable.append(std::move(edit));
    }
    m_recoveryText->setText(
        tr("Unsaved edits to %n request(s) were left when Keyhole last stopped: %1.", "",
           static_cast<int>(names.size()))
            .arg(names.join(u", "_s)));
    m_recovery->setVisible(!m_recoverable.isEmpty());
}

void MainWindow::followMove(const QString& from, const QString& to)
{
    const auto follow = [&](const QString& path) {
        return Workspace::movedPath(path, from, to);
    };
    QHash<QString, RequestDocument*> documents;
    for (auto it = m_documents.cbegin(); it != m_documents.cend(); ++it) {
        const QString now = follow(it.key());
        if (now != it.key()) {
            it.value()->setPath(now);
            m_tabs->repath(it.key(), now);
            if (it.value()->isDirty()) {
                // The kept copy moves too: the new one written before the old one goes.
                (void)Workspace::keepUnsaved(m_workspace.rootPath, now, it.value()->request());
                Workspace::forgetUnsaved(m_workspace.rootPath, it.key());
                m_treePane->model()->setDirty(it.key(), false);
                m_treePane->model()->setDirty(now, true);
            }
        }
        documents.insert(now, it.value());
    }
    m_documents = documents;
    QHash<QString, Shown> responses;
    for (auto it = m_responses.cbegin(); it != m_responses.cend(); ++it)
        responses.insert(follow(it.key()), it.value());
    m_responses = responses;
    m_currentPath = follow(m_currentPath);
    m_pendingPath = follow(m_pendingPath);
    for (Workspace::UnsavedEdit& edit : m_recoverable) // still offered, at the new place
        edit.path = follow(edit.path);
    if (!m_currentPath.isEmpty())
        QSettings().setValue(u"request/"_s + m_workspace.rootPath, m_currentPath);
    saveTabs();
    updateEditorVariables(); // another folder: other variables and inherited auth
    updateTitle();
}

void MainWindow::releaseForRemoval(const QString& path)
{
    for (const QString& open : m_tabs->paths()) {
        if (!Workspace::isAtOrUnder(open, path))
            continue;
        if (RequestDocument* document = m_documents.value(open); document && document->isDirty())
            (void)document->save(); // into the trash with it: Undo brings the edits back too
        closeRequest(open);
    }
}

QStringList MainWindow::openRequests() const
{
    return m_tabs->paths();
}

void MainWindow::saveTabs() const
{
    if (m_workspace.rootPath.isEmpty())
        return;
    QStringList kept = m_tabs->paths();
    kept.removeOne(m_tabs->previewPath());
    QSettings().setValue(u"tabs/"_s + m_workspace.rootPath, kept);
}

void MainWindow::selectEnvironment(const QString& name)
{
    m_environment->setCurrentIndex(qMax(0, m_environment->findData(name)));
}

WorkspaceTreeModel* MainWindow::treeModel() const
{
    return m_treePane->model();
}

RequestDocument* MainWindow::currentDocument() const
{
    return m_documents.value(m_currentPath);
}

CommandPalette* MainWindow::showCommandPalette(bool requestsOnly)
{
    if (!m_palette)
        m_palette = new CommandPalette(this);
    QList<CommandPalette::Entry> entries;
    // The open tabs first, then the rest in the tree's order.
    QList<Model::RequestInPlace> requests = Model::requestsInOrder(m_workspace);
    std::stable_partition(requests.begin(), requests.end(), [this](const auto& place) {
        return m_tabs->indexOf(place.request->path) >= 0;
    });
    for (const Model::RequestInPlace& place : std::as_const(requests)) {
        const Model::RequestItem* item = place.request;
        const QString name =
            item->request.name.isEmpty() ? Model::entryName(item->path) : item->request.name;
        entries.append(
            {item->request.method + u' ' + name, place.folders, [this, path = item->path] {
                 openRequest(path);
             }});
    }
    if (!requestsOnly) {
        const QMenu* go = findChild<QMenu*>(u"goMenu"_s); // the palette itself
        QList<CommandPalette::Entry> actions;
        for (QAction* menuAction : menuBar()->actions()) {
            const QMenu* menu = menuAction->menu();
            if (!menu)
                continue;
            const QString menuName = QString(menuAction->text()).remove(u'&');
            for (QAction* action : menu->actions()) {
                if (action->isSeparator() || action->menu() || !action->isEnabled() || menu == go)
                    continue;
                actions.append({menuName + u" › "_s + QString(action->text()).remove(u'&'),
                                action->shortcut().toString(QKeySequence::NativeText),
                                [action = QPointer<QAction>(action)] {
                                    if (action)
                                        action->trigger();
                                }});
            }
        }
        for (int i = 0; i < m_environment->count(); ++i) {
            actions.append({tr("Environment › Use %1").arg(m_environment->itemText(i)),
                            i == m_environment->currentIndex() ? tr("current") : QString(),
                            [this, i] {
                                m_environment->setCurrentIndex(i);
                            }});
        }
        entries = actions + entries;
    }
    m_palette->open(std::move(entries),
                    requestsOnly ? tr("Go to a request by name (Ctrl+Shift+P: every action)")
                                 : tr("Run an action, use an environment, open a request"));
    return m_palette;
}

QString MainWindow::shortcutsText() const
{
    QString text;
    for (const QAction* menuAction : menuBar()->actions()) {
        const QMenu* menu = menuAction->menu();
        if (!menu)
            continue;
        for (const QAction* action : menu->actions()) {
            const QList<QKeySequence> keys = action->shortcuts();
            if (keys.isEmpty())
                continue;
            QStringList written;
            for (const QKeySequence& key : keys)
                written.append(key.toString(QKeySequence::NativeText));
            text += written.join(u" or "_s).leftJustified(26) + u' ' +
                    QString(menuAction->text()).remove(u'&') + u" › "_s +
                    QString(action->text()).remove(u'&') + u'\n';
        }
    }
    text += tr("\nIn the tree, a click previews a request in a tab the next one takes over; a "
               "double click keeps it. A middle click closes a tab. In a comparison, Alt+Down and "
               "Alt+Up move between changes.");
    return text;
}

QString MainWindow::problemsText() const
{
    return m_problems->isHidden() ? QString() : m_problems->text();
}

const Model::Environment* MainWindow::currentEnvironment() const
{
    return Model::findEnvironment(m_workspace, m_environment->currentData().toString());
}

void MainWindow::updateEditorVariables()
{
    if (RequestDocument* document = currentDocument()) {
        m_editor->setResolver(
            Vars::resolverFor(m_workspace, document->item().path, currentEnvironment()));
        m_editor->setEffectiveAuth(Auth::effectiveAuth(m_workspace, document->item().path, {}));
    }
}

void MainWindow::onDocumentChanged(RequestDocument* document)
{
    m_unsavedPending.insert(document->item().path); // written a second later, if still unsaved
    m_unsavedTimer->start();
    if (Model::RequestItem* item = Model::findRequest(m_workspace, document->item().path)) {
        const bool ownVariables = item->request.variables != document->request().variables;
        item->request = document->request();
        m_treePane->model()->requestChanged(item->path);
        m_tabs->setTitle(item->path, item->request.method,
                         item->request.name.isEmpty() ? Model::entryName(item->path)
                                                      : item->request.name);
        // Only then: re-highlighting the body while the editor catches up would edit it.
        if (ownVariables && document->item().path == m_currentPath)
            updateEditorVariables();
    }
    // An assertion edited after a send is checked against that answer at once.
    const QString& path = document->item().path;
    if (path == m_currentPath && m_responses.contains(path) &&
        m_responses.value(path).historyId == m_shownHistoryId)
        showAssertions(document->request().assertions, path);
}

void MainWindow::abandonPreparation()
{
    ++m_sendGeneration;
    m_preparing = false;
    m_editor->setSending(false);
}

void MainWindow::send()
{
    if (!currentDocument() || m_preparing)
        return;
    if (m_pending) {
        if (m_pendingPath != m_currentPath)
            statusBar()->showMessage(
                tr("%1 is still being sent: wait for it or cancel it first").arg(m_pendingPath),
                6000);
        return;
    }
    const Model::Environment* environment = currentEnvironment();
    prepareAndSend(environment ? std::optional(*environment) : std::nullopt, false, {});
}

void MainWindow::prepareAndSend(std::optional<Model::Environment> environment, bool secretsLoaded,
                                QStringList secretProblems)
{
    m_preparing = false;
    m_editor->setSending(false);
    RequestDocument* document = currentDocument();
    if (!document)
        return;
    Result<Model::PreparedRequest> prepared =
        Vars::prepareInWorkspace(m_workspace, document->item().path, document->request(),
                                 environment ? &*environment : nullptr);
    // (A token lifecycle may need the refresh token even when the request's own are set.)
    if (!secretsLoaded && environment && prepared &&
        (Secrets::needsSecrets(*environment, prepared.value().unresolvedVariables) ||
         Auth::lifecycleFor(m_workspace, document->item().path))) {
        // Fetch the secret values, then come back here.
        m_preparing = true;
        m_response->showSending(tr("reading secrets"));
        // The window may close, or the user cancel or switch request, while a keychain
        // answers: the callback checks that this preparation is still the current one.
        const quint64 generation = ++m_sendGeneration;
        m_editor->setSending(true);
        withSecretValues(*environment, [self = QPointer<MainWindow>(this), generation](
                                           Model::Environment loaded, QStringList problems) {
            if (self && self->m_sendGeneration == generation)
                self->prepareAndSend(std::move(loaded), true, problems);
        });
        return;
    }
    if (!prepared) {
        m_response->showError(prepared.error().toString());
        return;
    }
    if (m_preferences.blockUnresolved) {
        const Model::TokenLifecycle* lifecycle =
            Auth::lifecycleFor(m_workspace, document->item().path);
        if (Status resolved = Vars::refuseUnresolved(
                prepared.value(),
                lifecycle ? QStringList{lifecycle->tokenVariable} : QStringList{});
            !resolved) {
            m_response->showError(resolved.error().message);
            return;
        }
    }
    // The environment's cookie jar goes with the send (read from the store first, once).
    const QString jarName = environment ? environment->fileName : QString();
    const std::shared_ptr<Http::CookieJar> jar = m_cookieJars->loaded(jarName);
    if (!jar) {
        m_preparing = true;
        m_response->showSending(tr("reading cookies"));
        const quint64 generation = ++m_sendGeneration;
        m_editor->setSending(true);
        m_cookieJars->use(jarName,
                          [self = QPointer<MainWindow>(this), generation, environment,
                           secretsLoaded, secretProblems](const std::shared_ptr<Http::CookieJar>&) {
                              if (self && self->m_sendGeneration == generation)
                                  self->prepareAndSend(environment, secretsLoaded, secretProblems);
                          });
        return;
    }
    m_response->showSending(QString::fromUtf8(prepared.value().method) + u' ' +
                            prepared.value().url.toDisplayString());
    m_editor->setSending(true);
    // The send keeps the collection's token alive when it has a lifecycle (a refresh or a login
    // first, once more after a 401 that says the token expired).
    const QString path = document->item().path;
    m_pendingPath = path;
    // The defaults from Preferences; the request's own settings win in the executor.
    Http::ExecuteOptions options = m_preferences.send;
    options.cookieJar = jar;
    m_pending = new Auth::PendingKeptSend(
        m_sender, {m_workspace, path, document->request(), environment, {}, options},
        [] { return QDateTime::currentDateTimeUtc(); }, this);
    const QList<Model::Extraction> extractions = document->request().extractions;
    const QList<Model::Assertion> assertions = document->request().assertions;
    connect(m_pending, &Auth::PendingKeptSend::finished, this,
            [this, extractions, assertions, secretProblems, jarName,
             environment](const Auth::KeptSend& outcome) {
                m_cookieJars->keep(jarName);
                if (m_cookieDialog && m_cookieDialog->property("jarName").toString() == jarName)
                    m_cookieDialog->reload();
                const QString at = m_pendingPath; // (where the request is now: it may move)
                const bool shown = at == m_currentPath;
                if (shown)
                    m_editor->setSending(false);
                if (outcome.error) {
                    if (shown)
                        m_response->showError(outcome.error->toString());
                    return;
                }
                Http::Exchange exchange = outcome.result.exchange;
                for (const QString& problem : secretProblems)
                    exchange.warnings.append(tr("Secret not available: %1").arg(problem));
                exchange.warnings += outcome.notes;
                const qsizetype before = outcome.result.logins.size();
                if (before > 0)
                    statusBar()->showMessage(
                        tr("%n exchange(s) before the request (login, token refresh)", nullptr,
                           static_cast<int>(before)),
                        8000);
                // Read before this send is recorded: the success it is set against is earlier.
                const Precedent precedent = shown ? precedentFor(exchange, at, {}) : Precedent{};
                const QString id = recordHistory(exchange, at);
                // Kept for the request's tab (while it is open), shown now if it is current.
                if (m_documents.contains(at))
                    m_responses.insert(at, {std::make_shared<Http::Exchange>(exchange), id});
                if (shown) {
                    m_shownHistoryId = id;
                    m_response->showExchange(exchange, precedent.view(), specFor(at));
                    // (With the environment as sent: its secrets are read.)
                    showAssertions(assertions, at, environment ? &*environment : nullptr);
                    if (Diagnose::looksLikeAuthFailure(exchange))
                        readEnvironmentValues(id);
                }
                storeExtracted(Auth::valuesToStore(outcome, extractions));
            });
}

void MainWindow::refreshHistory()
{
    m_historyModel->setEntries(m_workspace.rootPath.isEmpty()
                                   ? QList<History::Entry>{}
                                   : History::Store(m_workspace.rootPath).list());
}

qsizetype MainWindow::deleteHistory(const QStringList& ids)
{
    if (m_workspace.rootPath.isEmpty())
        return 0;
    const Result<qsizetype> removed = History::Store(m_workspace.rootPath).remove(ids);
    if (!removed) {
        statusBar()->showMessage(tr("History not changed: %1").arg(removed.error().toString()),
                                 8000);
        return 0;
    }
    if (ids.contains(m_shownHistoryId)) {
        m_shownHistoryId.clear();
        m_response->clear();
    }
    // A deleted send is not shown again on its request's tab either.
    m_responses.removeIf(
        [&ids](const auto& shown) { return ids.contains(shown.value().historyId); });
    refreshHistory();
    statusBar()->showMessage(
        tr("%n send(s) deleted from history", "", static_cast<int>(removed.value())), 5000);
    return removed.value();
}

bool MainWindow::exportHistoryHar(const QStringList& ids, const QString& file)
{
    if (m_workspace.rootPath.isEmpty() || ids.isEmpty())
        return false;
    const History::Store store(m_workspace.rootPath);
    QList<History::Entry> entries; // (the index read once, not once per id)
    for (const History::Entry& entry : store.list()) {
        if (ids.contains(entry.id))
            entries.append(entry);
    }
    if (entries.size() != QSet<QString>(ids.cbegin(), ids.cend()).size()) {
        QMessageBox::warning(this, tr("Export failed"),
                             tr("Some of these sends are no longer in history."));
        return false;
    }
    // Oldest first, as a browser records: ids are numbered in the order the sends were made.
    std::sort(entries.begin(), entries.end(), [](const History::Entry& x, const History::Entry& y) {
        return x.id.mid(1).toLongLong() < y.id.mid(1).toLongLong();
    });
    Result<QList<Interchange::HarSend>> sends = Interchange::historySends(store, entries);
    if (!sends) {
        QMessageBox::warning(this, tr("Export failed"), sends.error().toString());
        return false;
    }
    if (Status written = Workspace::writeFileAtomic(QFileInfo(file).absoluteFilePath(),
                                                    Interchange::exportHar(sends.value()));
        !written) {
        QMessageBox::warning(this, tr("Export failed"), written.error().toString());
        return false;
    }
    statusBar()->showMessage(
        tr("Exported %n send(s) as HAR to %1", "", static_cast<int>(entries.size())).arg(file),
        10000);
    return true;
}

void MainWindow::probe(const Diagnose::Probe& probe)
{
    RequestDocument* document = currentDocument();
    const std::optional<Model::RequestTemplate> changed =
        document ? Diagnose::applyFix(probe.fix, document->request()) : std::nullopt;
    if (!changed) {
        m_response->addProbeResult({probe.findingId,
                                    probe.label,
                                    false,
                                    tr("the change does not apply to this request"),
                                    {},
                                    probe.fix.label});
        return;
    }
    // The request as it is now with the one change; it is sent, never saved. Only for the answer
    // this request got last (not a history entry of another one shown meanwhile).
    const QString path = document->item().path;
    const QString shownId = m_shownHistoryId;
    if (!m_responses.contains(path) || m_responses.value(path).historyId != shownId) {
        m_response->addProbeResult({probe.findingId,
                                    probe.label,
                                    false,
                                    tr("not sent: the answer shown is not this request's last"),
                                    {},
                                    probe.fix.label});
        return;
    }
    const Model::Environment* current = currentEnvironment();
    const QString jarName = current ? current->fileName : QString();
    auto run = [self = QPointer<MainWindow>(this), probe, request = *changed, path, shownId,
                jarName](std::optional<Model::Environment> environment) {
        if (!self)
            return;
        // Where it would go now (the request or the environment may have changed since the
        // answer): never to another origin than the credentials were sent to.
        const Result<Model::PreparedRequest> prepared = Vars::prepareInWorkspace(
            self->m_workspace, path, request, environment ? &*environment : nullptr);
        const Http::Exchange* shown = self->m_response->exchange();
        QString refused;
        if (!prepared)
            refused = prepared.error().toString();
        else if (!shown || !Diagnose::probeAllowed(*shown, prepared.value().url))
            refused = tr("not sent: it would go to another origin than the answer shown");
        else if (self->m_preferences.blockUnresolved &&
                 !prepared.value().unresolvedVariables.isEmpty())
            refused = tr("not sent: {{%1}} has no value")
                          .arg(prepared.value().unresolvedVariables.join(u"}}, {{"_s));
        if (!refused.isEmpty()) {
            if (self->m_shownHistoryId == shownId)
                self->m_response->addProbeResult(
                    {probe.findingId, probe.label, false, refused, {}, probe.fix.label});
            return;
        }
        Http::ExecuteOptions options = self->m_preferences.send;
        options.cookieJar = self->m_cookieJars->loaded(jarName);
        auto* pending = new Auth::PendingKeptSend(
            self->m_sender, {self->m_workspace, path, request, std::move(environment), {}, options},
            [] { return QDateTime::currentDateTimeUtc(); }, self);
        connect(pending, &Auth::PendingKeptSend::finished, self,
                [self, probe, path, shownId, jarName](const Auth::KeptSend& outcome) {
                    self->m_cookieJars->keep(jarName);
                    Diagnose::ProbeResult result{probe.findingId, probe.label, false, {}, {},
                                                 probe.fix.label};
                    if (outcome.error) {
                        result.outcome = outcome.error->toString();
                    } else {
                        const QString id =
                            self->recordHistory(outcome.result.exchange, path, probe.label);
                        result = Diagnose::probeResult(probe, outcome.result.exchange, id);
                        self->storeExtracted(Auth::valuesToStore(outcome, {}));
                    }
                    if (self->m_shownHistoryId == shownId)
                        self->m_response->addProbeResult(result);
                    self->statusBar()->showMessage(
                        result.confirmed
                            ? tr("Probe confirmed it: %1 → %2").arg(probe.fix.label, result.outcome)
                            : tr("Probe did not confirm it: %1 → %2")
                                  .arg(probe.fix.label, result.outcome),
                        8000);
                });
    };
    if (!current)
        run(std::nullopt);
    else
        withSecretValues(*current, [run](Model::Environment loaded, const QStringList&) {
            run(std::move(loaded));
        });
}

QString MainWindow::recordHistory(const Http::Exchange& exchange, const QString& requestPath,
                                  const QString& label)
{
    if (m_workspace.rootPath.isEmpty())
        return {};
    Result<History::Entry> entry =
        History::Store(m_workspace.rootPath)
            .record(exchange, requestPath, m_environment->currentData().toString(),
                    QDateTime::currentDateTimeUtc(), label);
    if (!entry) {
        statusBar()->showMessage(tr("Not recorded in history: %1").arg(entry.error().toString()),
                                 8000);
        return {};
    }
    refreshHistory();
    return entry.value().id;
}

void MainWindow::readEnvironmentValues(const QString& shownId)
{
    // (Also without an environment: a credential of any environment was pasted.)
    const Model::Environment* current = currentEnvironment();
    if (m_workspace.environments.empty() || (current && m_workspace.environments.size() < 2))
        return;
    auto values = std::make_shared<Diagnose::EnvironmentValues>();
    values->current = current ? current->name : QString();
    auto remaining = std::make_shared<std::vector<Model::Environment>>(m_workspace.environments);
    // One environment after the other; the pending read keeps the chain alive.
    auto next = std::make_shared<std::function<void()>>();
    *next = [self = QPointer<MainWindow>(this), values, remaining, shownId,
             weak = std::weak_ptr<std::function<void()>>(next)] {
        const std::shared_ptr<std::function<void()>> again = weak.lock();
        if (!self || !again)
            return;
        if (remaining->empty()) {
            if (self->m_shownHistoryId == shownId)
                self->m_response->setEnvironmentValues(*values);
            return;
        }
        const Model::Environment environment = remaining->front();
        remaining->erase(remaining->begin());
        self->withSecretValues(environment,
                               [values, again](Model::Environment loaded, const QStringList&) {
                                   values->add(loaded);
                                   (*again)();
                               });
    };
    (*next)();
}

void MainWindow::showAssertions(const QList<Model::Assertion>& assertions,
                                const QString& requestPath, const Model::Environment* environment)
{
    const Http::Exchange* exchange = m_response->exchange();
    if (!exchange)
        return;
    const Vars::Resolver resolver = Vars::resolverFor(
        m_workspace, requestPath, environment ? environment : currentEnvironment());
    m_response->showAssertions(Assertions::check(assertions, *exchange, &resolver));
}

Diagnose::SpecSecurity MainWindow::specFor(const QString& requestPath) const
{
    const Model::RequestItem* item = Model::findRequest(m_workspace, requestPath);
    return item ? Diagnose::SpecSecurity::fromPreserved(item->request.preserved)
                : Diagnose::SpecSecurity{};
}

MainWindow::Precedent MainWindow::precedentFor(const Http::Exchange& shown,
                                               const QString& requestPath,
                                               const QString& beforeId) const
{
    // Only a failure the Doctor explains needs it: no history read after a success.
    Precedent precedent;
    if (m_workspace.rootPath.isEmpty() || requestPath.isEmpty() ||
        !Diagnose::looksLikeAuthFailure(shown))
        return precedent;
    const History::Store store(m_workspace.rootPath);
    const std::optional<History::Entry> success = store.lastSuccessful(requestPath, beforeId);
    if (!success)
        return precedent;
    Result<Http::Exchange> exchange = store.exchange(success->id);
    if (exchange) {
        precedent.exchange = std::make_shared<Http::Exchange>(exchange.value());
        precedent.id = success->id;
        precedent.time = success->time;
    }
    return precedent;
}

bool MainWindow::showHistoryEntry(const QString& id)
{
    Result<Http::Exchange> exchange = History::Store(m_workspace.rootPath).exchange(id);
    if (!exchange) {
        statusBar()->showMessage(exchange.error().toString(), 8000);
        return false;
    }
    Result<History::Entry> entry = History::Store(m_workspace.rootPath).find(id);
    m_shownHistoryId = entry ? entry.value().id : QString();
    const Precedent precedent =
        entry ? precedentFor(exchange.value(), entry.value().requestPath, entry.value().id)
              : Precedent{};
    m_response->showExchange(exchange.value(), precedent.view());
    // The request's assertions as they are now, against that answer.
    if (entry)
        if (const Model::RequestItem* item =
                Model::findRequest(m_workspace, entry.value().requestPath))
            showAssertions(item->request.assertions, item->path);
    statusBar()->showMessage(tr("Showing %1 from history").arg(m_shownHistoryId), 5000);
    return true;
}

bool MainWindow::compareHistory(const QString& idA, const QString& idB)
{
    const History::Store store(m_workspace.rootPath);
    Result<Http::Exchange> a = store.exchange(idA);
    Result<Http::Exchange> b = store.exchange(idB);
    if (!a || !b || a.value().hops.isEmpty() || b.value().hops.isEmpty()) {
        m_response->compare()->showMessage(tr("Cannot compare: %1")
                                               .arg(!a   ? a.error().toString()
                                                    : !b ? b.error().toString()
                                                         : tr("a send without a request")));
        m_response->showCompareTab();
        return false;
    }
    const Http::Hop& hopA = a.value().hops.last();
    const Http::Hop& hopB = b.value().hops.last();
    CompareView::Inputs inputs{idA, idB,
                               std::pair{Diff::comparedRequest(hopA), Diff::comparedRequest(hopB)},
                               std::nullopt};
    if (hopA.response.received && hopB.response.received)
        inputs.responses = std::pair{Diff::comparedResponse(hopA), Diff::comparedResponse(hopB)};
    m_response->compare()->compare(std::move(inputs));
    m_response->showCompareTab();
    return true;
}

bool MainWindow::compareWithLastSuccess()
{
    const History::Store store(m_workspace.rootPath);
    QString shownId = m_shownHistoryId;
    if (shownId.isEmpty() && !m_currentPath.isEmpty()) { // the newest send of this request
        for (const History::Entry& entry : store.list()) {
            if (entry.requestPath == m_currentPath) {
                shownId = entry.id;
                break;
            }
        }
    }
    if (shownId.isEmpty()) {
        m_response->compare()->showMessage(tr("Send the request first: its response is compared "
                                              "with the last successful one in history."));
        return false;
    }
    Result<History::Entry> shown = store.find(shownId);
    std::optional<History::Entry> success =
        shown ? store.lastSuccessful(shown.value().requestPath, shownId) : std::nullopt;
    if (!success) {
        m_response->compare()->showMessage(
            tr("No earlier successful (2xx) send of this request in history to compare with."));
        m_response->showCompareTab();
        return false;
    }
    return compareHistory(success->id, shownId);
}

void MainWindow::rememberSecrets(const QList<QByteArray>& values)
{
    for (const QByteArray& value : values)
        if (!value.isEmpty() && !m_sessionSecrets.contains(value))
            m_sessionSecrets.append(value);
}

void MainWindow::storeExtracted(const Auth::Extracted& extracted)
{
    for (const Auth::ExtractedValue& value : extracted.values)
        if (value.secret)
            rememberSecrets({value.value.toUtf8()});
    const QString environment = m_environment->currentData().toString();
    if (extracted.values.isEmpty() || environment.isEmpty())
        return;
    auto store = [this, extracted, environment](std::shared_ptr<Secrets::SecretStore> secrets) {
        Auth::storeExtracted(
            secrets, m_workspace, environment, extracted.values,
            [self = QPointer<MainWindow>(this), extracted,
             environment](const QStringList& problems) {
                if (!self)
                    return;
                QStringList names;
                for (const Auth::ExtractedValue& value : extracted.values)
                    names.append(u"{{"_s + value.variable + u"}}"_s);
                self->statusBar()->showMessage(
                    problems.isEmpty() ? tr("Stored %1 in %2").arg(names.join(u", "_s), environment)
                                       : problems.join(u"; "_s),
                    8000);
                self->updateEditorVariables();
            });
    };
    withSecretStore(store);
}

void MainWindow::startDemoApi()
{
    if (m_demo) {
        statusBar()->showMessage(tr("The demo API already runs on %1").arg(m_demo->baseUrl()),
                                 5000);
        return;
    }
    auto api = std::make_shared<Demo::DemoApi>();
    m_demo = new Demo::LoopbackServer([api](const Raw::ParsedRequest& r) { return api->handle(r); },
                                      this);
    // The sample workspace expects port 8765; any free port if that one is taken.
    if (!m_demo->listen(8765) && !m_demo->listen(0)) {
        QMessageBox::warning(this, tr("Demo API"), m_demo->errorString());
        delete m_demo;
        return;
    }
    statusBar()->showMessage(
        tr("Demo API on %1 (loopback only) — log in as demo / demo").arg(m_demo->baseUrl()));
}

bool MainWindow::saveCurrent()
{
    RequestDocument* document = currentDocument();
    if (!document)
        return true;
    const Status status = document->save();
    if (!status) {
        QMessageBox::warning(this, tr("Cannot save"), status.error().toString());
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(document->item().path), 3000);
    return true;
}

bool MainWindow::saveAll()
{
    for (RequestDocument* document : std::as_const(m_documents)) {
        if (!document->isDirty())
            continue;
        if (const Status status = document->save(); !status) {
            QMessageBox::warning(this, tr("Cannot save"), status.error().toString());
            return false;
        }
    }
    return true;
}

void MainWindow::updateTitle()
{
    bool dirty = false;
    for (const RequestDocument* document : std::as_const(m_documents))
        dirty = dirty || document->isDirty();
    setWindowModified(dirty);
    setWindowTitle(m_workspace.name.isEmpty() ? u"Keyhole[*]"_s
                                              : tr("%1[*] — Keyhole").arg(m_workspace.name));
}

bool MainWindow::settleUnsaved(const QString& question)
{
    if (!isWindowModified())
        return true;
    const auto answer =
        QMessageBox::question(this, tr("Unsaved changes"), question,
                              QMessageBox::SaveAll | QMessageBox::Cancel, QMessageBox::SaveAll);
    return answer == QMessageBox::SaveAll && saveAll();
}

void MainWindow::importInteractively(const QString& file)
{
    if (m_workspace.rootPath.isEmpty()) {
        QMessageBox::information(this, tr("Import"), tr("Open a workspace first."));
        return;
    }
    ImportDialog dialog(this);
    if (!file.isEmpty())
        dialog.loadFile(file);
    if (dialog.exec() != QDialog::Accepted || !dialog.result())
        return;
    applyImport(*dialog.result(), dialog.targetFolder());
}

bool MainWindow::applyImport(Interchange::ImportResult imported, const QString& targetFolder)
{
    if (!settleUnsaved(tr("Importing reopens the workspace. Save the unsaved requests first?")))
        return false;
    const qsizetype warningsBefore = imported.warnings.size();
    const QString secretsEnvironment = Interchange::liftSecretsInto(imported, m_workspace);
    const bool lifted = imported.warnings.size() > warningsBefore;
    if (!Interchange::carriesSecretValues(imported)) {
        placeImport(std::move(imported), targetFolder, lifted ? secretsEnvironment : QString(),
                    nullptr);
        return true;
    }
    // The secret store is opened before anything is written: without one, nothing is imported
    // (the files would hold references to values stored nowhere).
    withSecretStore([self = QPointer<MainWindow>(this), imported = std::move(imported),
                     targetFolder, lifted,
                     secretsEnvironment](std::shared_ptr<Secrets::SecretStore> store) mutable {
        if (!self)
            return;
        if (!store) {
            QMessageBox::warning(self, tr("Import failed"),
                                 tr("Nothing was imported: the import carries credentials, and "
                                    "there is no secret store to keep them (no OS keychain, and "
                                    "KEYHOLE_VAULT_PASSPHRASE is not set for the vault)."));
            return;
        }
        self->placeImport(std::move(imported), targetFolder,
                          lifted ? secretsEnvironment : QString(), store);
    });
    return true;
}

bool MainWindow::placeImport(Interchange::ImportResult imported, const QString& targetFolder,
                             const QString& secretsEnvironment,
                             const std::shared_ptr<Secrets::SecretStore>& store)
{
    const bool lifted = !secretsEnvironment.isEmpty();
    const QString previousEnvironment = m_environment->currentData().toString();
    const QString format = imported.format;
    Result<Interchange::PlacedImport> placed =
        Interchange::addToWorkspace(m_workspace, std::move(imported), targetFolder);
    if (!placed) {
        QMessageBox::warning(this, tr("Import failed"),
                             tr("Nothing was imported.\n\n%1").arg(placed.error().toString()));
        return false;
    }
    // Secret values go to the store; the files hold only the names.
    for (const Interchange::SecretToStore& secret :
         Interchange::takeSecretValues(placed.value(), m_workspace.id)) {
        const QString key = secret.where;
        store->write(secret.key, secret.value,
                     [self = QPointer<MainWindow>(this), key](const Status& status) {
                         if (self && !status)
                             self->statusBar()->showMessage(
                                 tr("A secret could not be stored (%1): %2")
                                     .arg(key, status.error().message),
                                 10000);
                     });
    }
    const QString root = m_workspace.rootPath;
    openWorkspace(root);
    // The environment holding the imported credentials becomes active, so the first send of
    // an imported request works; otherwise the user's choice stays.
    // Placing may have joined an environment spelled differently ("github" for "GitHub").
    QString active = previousEnvironment;
    for (const QString& name : std::as_const(placed.value().environmentNames)) {
        if (lifted && name.compare(secretsEnvironment, Qt::CaseInsensitive) == 0)
            active = name;
    }
    selectEnvironment(active);
    if (!placed.value().requestPaths.isEmpty())
        openRequest(placed.value().requestPaths.first());
    QString message =
        tr("Imported %1: %n request(s) into %2", nullptr, int(placed.value().requestPaths.size()))
            .arg(format, placed.value().targetPath);
    if (lifted)
        message += tr("; credentials are secrets of environment \"%1\" (now active)")
                       .arg(secretsEnvironment);
    statusBar()->showMessage(message, 10000);
    return true;
}

QString MainWindow::currentAsCurl()
{
    return currentAs(Interchange::SnippetLanguage::Curl);
}

QString MainWindow::currentAs(Interchange::SnippetLanguage language)
{
    RequestDocument* document = currentDocument();
    if (!document)
        return {};
    Model::Folder selection;
    selection.requests.push_back({document->item().path, document->request()});
    QStringList warnings;
    Result<QString> command = Interchange::exportSnippets(
        m_workspace, selection, currentEnvironment(), false, language, warnings);
    if (!command) {
        statusBar()->showMessage(command.error().toString(), 8000);
        return {};
    }
    // Drop the "# name" line of a single request; keep the secrets note.
    QStringList lines = command.value().split(u'\n');
    lines.removeIf([&](const QString& line) {
        const QString name = Model::oneLine(document->request().name);
        return line == u"# "_s + name || line == u"// "_s + name;
    });
    return lines.join(u'\n').trimmed();
}

VariablesDialog* MainWindow::editVariables(const QString& folderPath)
{
    const Model::Folder* folder =
        folderPath.isEmpty() ? nullptr : Workspace::findFolder(m_workspace, folderPath);
    if (!folderPath.isEmpty() && !folder)
        return nullptr;
    const bool collection = folder && !folderPath.contains(u'/');
    const QString title = !folder      ? tr("Global Variables")
                          : collection ? tr("Variables of Collection \"%1\"").arg(folder->name)
                                       : tr("Variables of Folder \"%1\"").arg(folder->name);
    const QString scope =
        !folder ? tr("For every request of the workspace; the lowest precedence: a collection, "
                     "environment, folder or request variable of the same name wins.")
        : collection
            ? tr("For the requests of this collection, over the globals; an environment, folder "
                 "or request variable of the same name wins.")
            : tr("For the requests in this folder, over the environment's and the collection's; "
                 "an inner folder's or the request's own win.");
    auto* dialog =
        new VariablesDialog(title, scope, folder ? folder->variables : m_workspace.globals, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog, folderPath] {
        Status saved = Success{};
        if (folderPath.isEmpty()) {
            m_workspace.globals = dialog->variables();
            saved = Workspace::saveWorkspaceManifest(m_workspace);
        } else if (auto* edited =
                       const_cast<Model::Folder*>(Workspace::findFolder(m_workspace, folderPath))) {
            edited->variables = dialog->variables();
            saved = Workspace::saveFolderManifest(m_workspace.rootPath, *edited);
        }
        if (!saved) {
            QMessageBox::warning(this, tr("Variables not saved"), saved.error().toString());
            return;
        }
        updateEditorVariables();
        statusBar()->showMessage(tr("Variables saved"), 4000);
    });
    dialog->open();
    return dialog;
}

ExportDialog* MainWindow::exportInteractively()
{
    auto* dialog = new ExportDialog(
        m_workspace, m_currentPath, m_environment->currentData().toString(),
        [self = QPointer<MainWindow>(this)](const Model::Environment& environment,
                                            std::function<void(Model::Environment)> done) {
            if (self)
                self->withSecretValues(environment,
                                       [done](Model::Environment loaded, const QStringList&) {
                                           done(std::move(loaded));
                                       });
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this,
            [this] { statusBar()->showMessage(tr("Exported"), 6000); });
    dialog->open();
    return dialog;
}

void MainWindow::populateEnvironments(const QString& select)
{
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    m_environment->addItem(tr("No environment"), QString());
    for (const Model::Environment& environment : m_workspace.environments)
        m_environment->addItem(environment.name, environment.name);
    m_environment->setCurrentIndex(qMax(0, m_environment->findData(select)));
}

EnvironmentManager* MainWindow::environmentManager() const
{
    return m_environmentManager;
}

EnvironmentManager* MainWindow::manageEnvironments()
{
    if (m_workspace.rootPath.isEmpty())
        return nullptr;
    if (m_environmentManager) {
        m_environmentManager->raise();
        return m_environmentManager;
    }
    m_environmentManager = new EnvironmentManager(
        &m_workspace, [this](EnvironmentManager::StoreUser use) { withSecretStore(use); }, this);
    m_environmentManager->setAttribute(Qt::WA_DeleteOnClose);
    m_environmentManager->selectEnvironment(m_environment->currentData().toString());
    connect(m_environmentManager, &EnvironmentManager::environmentRenamed, this,
            [this](const QString& from, const QString& to) {
                if (m_environment->currentData().toString() == from) {
                    populateEnvironments(to);
                    QSettings().setValue(u"environment/"_s + m_workspace.rootPath, to);
                }
            });
    connect(m_environmentManager, &EnvironmentManager::environmentsChanged, this, [this] {
        // A deleted environment's jar moved to the trash; a new one may reuse its file name.
        QStringList files;
        for (const Model::Environment& environment : std::as_const(m_workspace.environments))
            files.append(environment.fileName);
        m_cookieJars->keepOnly(files);
        // The chosen one stays chosen while it exists; a deleted one leaves "No environment".
        populateEnvironments(m_environment->currentData().toString());
        updateEditorVariables();
    });
    m_environmentManager->show();
    return m_environmentManager;
}

void MainWindow::showCookies()
{
    const Model::Environment* environment = currentEnvironment();
    const QString jarName = environment ? environment->fileName : QString();
    const QString label = environment ? environment->name : QString();
    m_cookieJars->use(jarName, [self = QPointer<MainWindow>(this), jarName,
                                label](const std::shared_ptr<Http::CookieJar>& jar) {
        if (!self)
            return;
        if (self->m_cookieDialog)
            self->m_cookieDialog->close();
        auto* dialog = new CookieJarDialog(jar, label, self);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setProperty("jarName", jarName);
        connect(dialog, &CookieJarDialog::jarEdited, self,
                [self, jarName] { self->m_cookieJars->keep(jarName); });
        self->m_cookieDialog = dialog;
        dialog->show();
    });
}

CookieJarDialog* MainWindow::cookieDialog() const
{
    return m_cookieDialog;
}

void MainWindow::purgeTrashedSecrets()
{
    QList<Secrets::SecretChange> changes;
    for (const Model::Environment& trashed : Workspace::environmentsInTrash(m_workspace.rootPath)) {
        if (!Model::findEnvironment(m_workspace, trashed.name))
            changes += Secrets::changesForRemoval(m_workspace.id, trashed);
        // Its cookie jar's values too, unless a new environment has its file name (and jar).
        if (std::none_of(
                m_workspace.environments.cbegin(), m_workspace.environments.cend(),
                [&](const Model::Environment& e) { return e.fileName == trashed.fileName; }))
            changes.append({Secrets::SecretChange::Kind::Remove,
                            Workspace::cookieJarSecretKey(m_workspace.id, trashed.fileName),
                            {},
                            {}});
    }
    if (changes.isEmpty())
        return;
    withSecretStore([changes](std::shared_ptr<Secrets::SecretStore> store) {
        if (store)
            Secrets::applySecretChanges(store, changes, [](const QList<Error>&) {});
    });
}

void MainWindow::withSecretStore(std::function<void(std::shared_ptr<Secrets::SecretStore>)> use)
{
    if (m_secrets)
        return use(m_secrets);
    Secrets::StoreOptions options;
    options.vaultPassphrase = qgetenv("KEYHOLE_VAULT_PASSPHRASE");
    Secrets::chooseSecretStore(
        options, [self = QPointer<MainWindow>(this), use](Result<Secrets::Choice> choice) {
            if (!self)
                return;
            // Without a store the values still serve this session (they live in memory).
            if (choice && !self->m_secrets)
                self->m_secrets = choice.value().store;
            if (!choice || !choice.value().notice.isEmpty())
                self->statusBar()->showMessage(
                    choice ? choice.value().notice : choice.error().toString(), 8000);
            use(self->m_secrets);
        });
}

void MainWindow::withSecretValues(Model::Environment environment,
                                  std::function<void(Model::Environment, QStringList)> then)
{
    withSecretStore([self = QPointer<MainWindow>(this), environment,
                     then](const std::shared_ptr<Secrets::SecretStore>& store) {
        if (!self)
            return;
        if (!store)
            return then(environment, {tr("no secret store could be opened: secret variables "
                                         "have no values")});
        Secrets::loadSecretValues(
            *store, self->m_workspace.id, environment,
            [self, store, then](Model::Environment loaded, QList<Error> errors) {
                if (!self)
                    return;
                QStringList problems;
                for (const Error& error : std::as_const(errors))
                    problems.append(error.toString());
                QList<QByteArray> secrets;
                for (const Model::Variable& variable : Model::effectiveVariables(loaded))
                    if (variable.secret && !variable.value.isNull())
                        secrets.append(variable.value.toUtf8());
                self->rememberSecrets(secrets);
                then(std::move(loaded), problems);
            });
    });
}

void MainWindow::plannedCurrent(std::optional<Model::Environment> environment,
                                std::function<void(Result<Model::PreparedRequest>)> then)
{
    RequestDocument* document = currentDocument();
    if (!document)
        return then(Error{u"request.none"_s, tr("open a request first"), {}});
    // Unsaved edits included: what Send would send now, in the workspace it belongs to.
    auto prepare = [workspace = m_workspace, path = document->item().path,
                    request = document->request()](const Model::Environment* chosen) {
        return Vars::prepareInWorkspace(workspace, path, request, chosen);
    };
    Result<Model::PreparedRequest> prepared = prepare(environment ? &*environment : nullptr);
    if (environment && prepared &&
        Secrets::needsSecrets(*environment, prepared.value().unresolvedVariables)) {
        const quint64 generation = m_compareGeneration;
        withSecretValues(
            *environment, [self = QPointer<MainWindow>(this), prepare, then,
                           generation](Model::Environment loaded, QStringList problems) {
                if (!self || self->m_compareGeneration != generation)
                    return; // a newer comparison, or another workspace: this one is not shown
                if (!problems.isEmpty())
                    self->statusBar()->showMessage(problems.join(u"; "_s), 8000);
                then(prepare(&loaded));
            });
        return;
    }
    then(prepared);
}

QString MainWindow::currentLabel(const QString& environment) const
{
    const RequestDocument* document = currentDocument();
    const QString name =
        document ? QFileInfo(document->item().path).fileName().remove(u".request.json"_s)
                 : tr("request");
    return name + u" ["_s + (environment.isEmpty() ? tr("no environment") : environment) + u']';
}

bool MainWindow::compareWithCurl(const QString& command)
{
    CompareView* view = m_response->compare();
    m_response->showCompareTab();
    Result<Interchange::CurlRequest> imported = Interchange::importCurl(command);
    Result<Model::PreparedRequest> curl =
        imported
            ? Vars::prepareInWorkspace(Model::Workspace{}, {}, imported.value().request, nullptr)
            : Result<Model::PreparedRequest>(imported.error());
    if (!curl) {
        view->showMessage(tr("Cannot read the curl command: %1").arg(curl.error().toString()));
        return false;
    }
    if (!imported.value().warnings.isEmpty())
        statusBar()->showMessage(tr("curl: %1").arg(imported.value().warnings.join(u"; "_s)),
                                 10000);
    const Model::Environment* environment = currentEnvironment();
    const QString label = currentLabel(environment ? environment->name : QString());
    ++m_compareGeneration;
    view->showMessage(tr("Preparing %1…").arg(label));
    // Each side's secret values are fingerprinted in both: a token pasted in the command and
    // the same token from the environment compare equal, and neither is shown.
    plannedCurrent(environment ? std::optional(*environment) : std::nullopt,
                   [self = QPointer<MainWindow>(this), label,
                    curl = curl.value()](Result<Model::PreparedRequest> mine) {
                       if (!self)
                           return;
                       CompareView* compare = self->m_response->compare();
                       if (!mine)
                           return compare->showMessage(
                               tr("Cannot prepare this request: %1").arg(mine.error().toString()));
                       compare->compare({u"curl"_s, label,
                                         Diff::plannedRequests(curl, mine.value()), std::nullopt});
                   });
    return true;
}

bool MainWindow::compareUnderEnvironment(const QString& other)
{
    CompareView* view = m_response->compare();
    m_response->showCompareTab();
    const Model::Environment* found = Model::findEnvironment(m_workspace, other);
    if (!found || !currentDocument()) {
        view->showMessage(!found ? tr("No environment named \"%1\" in this workspace").arg(other)
                                 : tr("Open a request first."));
        return false;
    }
    const Model::Environment* current = currentEnvironment();
    const QString labelA = currentLabel(current ? current->name : QString());
    const QString labelB = currentLabel(found->name);
    ++m_compareGeneration;
    view->showMessage(tr("Preparing %1 and %2…").arg(labelA, labelB));
    auto failed = [self = QPointer<MainWindow>(this)](const Error& error) {
        if (self)
            self->m_response->compare()->showMessage(
                tr("Cannot prepare this request: %1").arg(error.toString()));
    };
    plannedCurrent(current ? std::optional(*current) : std::nullopt,
                   [self = QPointer<MainWindow>(this), other = *found, labelA, labelB,
                    failed](Result<Model::PreparedRequest> a) {
                       if (!self)
                           return;
                       if (!a)
                           return failed(a.error());
                       self->plannedCurrent(other, [self, labelA, labelB, failed, a = a.value()](
                                                       Result<Model::PreparedRequest> b) {
                           if (!self)
                               return;
                           if (!b)
                               return failed(b.error());
                           // Both environments' secret values fingerprinted in both sides.
                           self->m_response->compare()->compare(
                               {labelA, labelB, Diff::plannedRequests(a, b.value()), std::nullopt});
                       });
                   });
    return true;
}

bool MainWindow::compareHops()
{
    m_response->showCompareTab();
    const Http::Exchange* shown = m_response->exchange();
    if (!shown || shown->hops.size() < 2) {
        m_response->compare()->showMessage(
            tr("The shown send took one hop: nothing was redirected or answered again. A send "
               "that was redirected compares the request before the redirect with the one "
               "after it here."));
        return false;
    }
    // Secrets masked, credentials as fingerprints (bodies as the Body tab shows them: their
    // secret values masked — a 200 MB body is not searched for token-like members here).
    const Http::Exchange masked = Http::maskCredentials(*shown, false);
    const qsizetype last = masked.hops.size() - 1;
    const Http::Hop& before = masked.hops[last - 1];
    const Http::Hop& after = masked.hops[last];
    auto label = [](qsizetype index, const Http::Hop& hop) -> QString { // not a QStringBuilder
        return tr("hop %1").arg(index + 1) +
               (hop.cause.isEmpty() ? QString() : u" ("_s + QString::fromUtf8(hop.cause) + u')');
    };
    CompareView::Inputs inputs{
        label(last - 1, before), label(last, after),
        std::pair{Diff::comparedRequest(before), Diff::comparedRequest(after)}, std::nullopt};
    if (before.response.received && after.response.received)
        inputs.responses = std::pair{Diff::comparedResponse(before), Diff::comparedResponse(after)};
    m_response->compare()->compare(std::move(inputs));
    m_response->compare()->showPart(false); // the request: what the redirect changed
    return true;
}

void MainWindow::askCurlToCompare()
{
    if (!currentDocument()) {
        m_response->compare()->showMessage(tr("Open a request first."));
        return;
    }
    // A browser's "Copy as cURL" is usually on the clipboard already.
    QString suggested = QApplication::clipboard()->text().trimmed();
    if (!suggested.startsWith(u"curl"_s))
        suggested.clear();
    bool ok = false;
    const QString command = QInputDialog::getMultiLineText(
        this, tr("Compare with a curl command"),
        tr("Paste the curl command that works (a browser's \"Copy as cURL\" too). Keyhole "
           "compares the request it sends with this request's:"),
        suggested, &ok);
    if (ok && !command.trimmed().isEmpty())
        compareWithCurl(command);
}

void MainWindow::askEnvironmentToCompare()
{
    const Model::Environment* current = currentEnvironment();
    QStringList others;
    for (const Model::Environment& environment : m_workspace.environments) {
        if (!current || environment.name != current->name)
            others.append(environment.name);
    }
    if (!currentDocument() || others.isEmpty()) {
        m_response->compare()->showMessage(
            !currentDocument() ? tr("Open a request first.")
                               : tr("This workspace has no other environment to compare with."));
        return;
    }
    bool ok = false;
    const QString other =
        QInputDialog::getItem(this, tr("Compare under another environment"),
                              tr("Compare this request under %1 with the same request under:")
                                  .arg(current ? current->name : tr("no environment")),
                              others, 0, false, &ok);
    if (ok)
        compareUnderEnvironment(other);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        importInteractively(urls.first().toLocalFile());
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!isWindowModified()) {
        saveWindowState();
        event->accept();
        return;
    }
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("Some requests have unsaved changes. Save them?"),
        QMessageBox::SaveAll | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::SaveAll);
    if (answer == QMessageBox::Cancel || (answer == QMessageBox::SaveAll && !saveAll())) {
        event->ignore();
        return;
    }
    if (answer == QMessageBox::Discard) { // nothing to offer back next time
        m_unsavedTimer->stop();
        m_unsavedPending.clear();
        for (const RequestDocument* document : std::as_const(m_documents))
            Workspace::forgetUnsaved(m_workspace.rootPath, document->item().path);
    }
    saveWindowState();
    event->accept();
}

} // namespace Keyhole::Ui
