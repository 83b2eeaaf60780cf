#pragma once

#include "core/Result.h"
#include "core/diagnose/Precedent.h"
#include "core/diagnose/SpecSecurity.h"
#include "core/model/Folder.h"
#include "core/workspace/Unsaved.h"
#include "ui/Preferences.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QTabWidget;
class QTimer;
class QNetworkAccessManager;
class QUndoGroup;

namespace Keyhole::Http {
class Executor;
struct Exchange;
} // namespace Keyhole::Http

namespace Keyhole::Auth {
struct Extracted;
class PendingKeptSend;
class Sender;
class SessionJar;
} // namespace Keyhole::Auth

namespace Keyhole::Diagnose {
struct Probe;
} // namespace Keyhole::Diagnose

namespace Keyhole::Demo {
class LoopbackServer;
} // namespace Keyhole::Demo

namespace Keyhole::Interchange {
struct ImportResult;
enum class SnippetLanguage;
} // namespace Keyhole::Interchange

namespace Keyhole::Secrets {
class SecretStore;
} // namespace Keyhole::Secrets

namespace Keyhole::Ui {

class CommandPalette;
class CookieJarDialog;
class ClipboardGuard;
class CookieJars;
class EnvironmentManager;
class ExportDialog;
class VariablesDialog;
class HistoryModel;
class PreferencesDialog;
class RequestDocument;
class RequestEditor;
class RequestTabs;
class ResponseView;
class WorkspaceTree;
class WorkspaceTreeModel;

// Composes the panes: workspace tree | request editor over response. Owns the open
// documents; everything else is a view over core.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // `secrets` holds the values of secret variables; null chooses one on first need (the OS
    // keychain, else the vault when KEYHOLE_VAULT_PASSPHRASE is set).
    explicit MainWindow(QNetworkAccessManager* network,
                        std::shared_ptr<Secrets::SecretStore> secrets = nullptr,
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the workspace at `path`. Files that cannot be read are listed above the tree; the
    // rest opens. Returns false (and says why) when `path` is not a workspace at all.
    bool openWorkspace(const QString& path);
    // How a request opens: in a tab of its own, or in the preview tab the next preview takes
    // over (a single click in the tree). An open request keeps its tab either way; Tab keeps a
    // preview.
    enum class OpenAs { Tab, Preview };
    // Opens the request at `path` (relative to the workspace root) in the editor, in its tab
    // with the last response it got in this window.
    bool openRequest(const QString& path, OpenAs how = OpenAs::Tab);
    // Closes the tab of `path`, asking first when it has unsaved edits (Save, Discard, Cancel);
    // false when the user kept it open.
    bool closeRequest(QString path);
    // The open requests' paths, in tab order.
    QStringList openRequests() const;
    RequestTabs* tabs() const { return m_tabs; }
    void selectEnvironment(const QString& name);
    // Environment › Manage Environments (modal): opens the manager on the chosen environment.
    EnvironmentManager* manageEnvironments();
    EnvironmentManager* environmentManager() const;
    // Environment › Cookies: the chosen environment's cookie jar (read from the store first).
    void showCookies();
    // Re-sends the current request once with the probe's change (never saved), records it in
    // history under the probe's label, and tells the Diagnosis what it found.
    void probe(const Diagnose::Probe& probe);
    CookieJarDialog* cookieDialog() const;
    // Edit › Preferences (window-modal): OK saves them and applies them at once.
    PreferencesDialog* showPreferences();
    // Saves `preferences` on this machine and applies them: theme, text font, send defaults.
    void applyPreferences(const Preferences& preferences);
    const Preferences& preferences() const { return m_preferences; }

    void send();
    // File › Import: opens the import dialog (with `file` loaded, when given).
    void importInteractively(const QString& file = {});
    // Adds an import to the workspace (credentials lifted into secret variables, values to the
    // secret store, which is opened first: without one nothing is written), reopens it and
    // shows the first imported request. Returns false when the user cancelled; the store may
    // be chosen asynchronously, so the import may finish after this returns.
    bool applyImport(Interchange::ImportResult imported, const QString& targetFolder);
    // The current request (unsaved edits included) as a curl command, secrets as $VARIABLES.
    QString currentAsCurl();
    // The same as HTTPie, Python requests or JavaScript fetch code (secrets read from the
    // process environment).
    QString currentAs(Interchange::SnippetLanguage language);
    // File › Export (window-modal): what, as what, under which environment; previewed.
    ExportDialog* exportInteractively();
    // The variables of the collection or folder at `folderPath`, or the workspace's globals
    // when it is empty (window-modal); Save writes folder.json / keyhole-workspace.json.
    VariablesDialog* editVariables(const QString& folderPath);
    // Starts the demo API (DRF + SimpleJWT behaviour) on 127.0.0.1:8765 inside the app.
    void startDemoApi();
    bool saveCurrent();
    bool saveAll();

    const Model::Workspace& workspace() const { return m_workspace; }
    RequestEditor* editor() const { return m_editor; }
    ResponseView* response() const { return m_response; }
    ClipboardGuard* clipboardGuard() const { return m_clipboard; }
    WorkspaceTreeModel* treeModel() const;
    WorkspaceTree* treePane() const { return m_treePane; }
    RequestDocument* currentDocument() const;
    HistoryModel* historyModel() const { return m_historyModel; }
    // Shows history send `id` in the response area.
    bool showHistoryEntry(const QString& id);
    // Compares two history sends (A older, B newer) in the Compare tab.
    bool compareHistory(const QString& idA, const QString& idB);
    // Deletes these history sends (History's Delete and Clear History ask first); returns how
    // many went. The response area is cleared when it showed one of them.
    qsizetype deleteHistory(const QStringList& ids);
    // Writes these history sends (already masked), oldest first, as a HAR 1.2 file: one entry
    // per hop, as DevTools writes a redirect chain. False (and said) when it cannot.
    bool exportHistoryHar(const QStringList& ids, const QString& file);
    // The shown response against the last 2xx response of the same request (Compare tab).
    bool compareWithLastSuccess();
    // "Works in curl, fails here": the request a curl command sends against the current
    // request as it goes out under the chosen environment (Compare tab). Asynchronous when
    // secret values are read first; false (said in the view) when the command cannot be read.
    bool compareWithCurl(const QString& command);
    // The current request under the chosen environment against the same under `other`.
    bool compareUnderEnvironment(const QString& other);
    // The shown send's last hop against the hop before it (before and after a redirect or a
    // Digest challenge): requests and responses, credentials fingerprinted.
    bool compareHops();
    QString problemsText() const;
    // The command palette: every action of the menus, the environments and the requests
    // (Ctrl+Shift+P), or the requests alone (Ctrl+P).
    CommandPalette* showCommandPalette(bool requestsOnly);
    // Help › Keyboard Shortcuts: every action that has one, from the menus themselves.
    QString shortcutsText() const;
    bool isSending() const { return !m_pending.isNull(); }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    // Geometry and pane sizes, for the next launch (restored by the constructor).
    void saveWindowState() const;
    void updateTitle();
    const Model::Environment* currentEnvironment() const;
    // Fills the environment switcher, choosing `select` (else "No environment").
    void populateEnvironments(const QString& select);
    // Removes from the store the secret values of environments deleted in the last window (their
    // files are in the trash, which is about to be emptied), unless an environment of the same
    // name exists again.
    void purgeTrashedSecrets();
    void onDocumentChanged(RequestDocument* document);
    void updateEditorVariables();
    void refreshHistory();
    // The last success of `requestPath` in history (before `beforeId`), for the Diagnosis of
    // `shown` — empty (and nothing read) unless `shown` is an auth failure.
    struct Precedent {
        std::shared_ptr<Http::Exchange> exchange;
        QString id;
        QDateTime time;
        Diagnose::Precedent view() const { return {exchange.get(), id, time}; }
    };
    Precedent precedentFor(const Http::Exchange& shown, const QString& requestPath,
                           const QString& beforeId) const;
    // What the API's OpenAPI document wants for the request (kept by the OpenAPI import).
    Diagnose::SpecSecurity specFor(const QString& requestPath) const;
    // After an authentication failure: reads every environment's values (secrets from the
    // store, asynchronously) so that the Diagnosis can tell another environment's credential;
    // applied if the send `shownId` is still the one shown.
    void readEnvironmentValues(const QString& shownId);
    // Checks `assertions` (of the request at `requestPath`) against the exchange shown.
    // Variables from `environment` when given (the one a send used, secrets read), else from
    // the current environment (secret values not read: a check that needs one says so).
    void showAssertions(const QList<Model::Assertion>& assertions, const QString& requestPath,
                        const Model::Environment* environment = nullptr);
    // Records a send in history; returns its id (empty when it could not be written).
    QString recordHistory(const Http::Exchange& exchange, const QString& requestPath,
                          const QString& label = {});
    // The open tabs of this workspace, for the next launch.
    void saveTabs() const;
    // Forgets an open request: its tab, document, undo stack and last response.
    void dropDocument(const QString& path);
    // The tree moved `from` to `to`: open requests at or below it follow (documents, tabs,
    // last responses, the send under way).
    void followMove(const QString& from, const QString& to);
    // `path` (and what is below it) goes to the trash: its open requests close. Unsaved edits
    // left (an undo of New Request, a redo of Delete; Delete itself asks first) are saved
    // first, so that Undo brings them back too.
    void releaseForRemoval(const QString& path);
    // Writes the unsaved edits of the requests changed lately beside the workspace
    // (Workspace::keepUnsaved), so that a crash does not lose them; a second after the last
    // keystroke.
    void keepUnsavedEdits();
    // After a workspace opens: the unsaved edits a crash left behind, offered back in a bar
    // above the editor (Restore opens them as unsaved edits; Discard forgets them).
    void offerUnsavedEdits();
    // applyImport's second half: places the import, stores its secret values in `store` (null
    // only when there are none) and reopens the workspace.
    bool placeImport(Interchange::ImportResult imported, const QString& targetFolder,
                     const QString& secretsEnvironment,
                     const std::shared_ptr<Secrets::SecretStore>& store);
    // Runs `use` with the secret store, choosing one first when none was given.
    void withSecretStore(std::function<void(std::shared_ptr<Secrets::SecretStore>)> use);
    // Runs `then` with `environment` and its secret values read from the store (`problems`:
    // the ones that could not be read).
    void withSecretValues(Model::Environment environment,
                          std::function<void(Model::Environment, QStringList problems)> then);
    // The current request prepared as it would go out under `environment` (secret values read
    // first when it uses them), or why it cannot be; `then` is not called when a newer
    // comparison started meanwhile (or another workspace was opened).
    void plannedCurrent(std::optional<Model::Environment> environment,
                        std::function<void(Result<Model::PreparedRequest>)> then);
    // "list-items [local]": the current request under an environment, as a comparison names it.
    QString currentLabel(const QString& environment) const;
    void askCurlToCompare();
    void askEnvironmentToCompare();
    // Offers to save unsaved requests before the workspace is reopened; false = cancelled.
    bool settleUnsaved(const QString& question);
    // Forgets a preparation still waiting for secrets (cancel, another request or workspace).
    void abandonPreparation();
    // Stores what a login-like request's `extract` rules take from a 2xx answer.
    void storeExtracted(const Auth::Extracted& extracted);
    // Prepares the current request with `environment` and sends it; loads secret values from
    // the store first when the request needs them (asynchronously), unless `secretsLoaded`.
    void prepareAndSend(std::optional<Model::Environment> environment, bool secretsLoaded,
                        QStringList secretProblems);

    Model::Workspace m_workspace;
    QHash<QString, RequestDocument*> m_documents;
    QString m_currentPath;
    // The last response each open request got in this window, shown again on its tab (the
    // bodies are shared with the response area, not copied).
    struct Shown {
        std::shared_ptr<const Http::Exchange> exchange;
        QString historyId;
    };
    QHash<QString, Shown> m_responses;
    QString m_pendingPath; // the request m_pending sends
    RequestTabs* m_tabs;

    Http::Executor* m_executor;
    std::unique_ptr<Auth::SessionJar> m_sessions; // session logins, for this window's life
    Auth::Sender* m_sender;
    std::shared_ptr<Secrets::SecretStore> m_secrets;
    bool m_preparing = false;
    quint64 m_sendGeneration =
        0; // a preparation still waiting on the keychain is current only if equal
    quint64 m_compareGeneration = 0; // the same for a curl or environment comparison
    QPointer<Demo::LoopbackServer> m_demo;
    QPointer<Auth::PendingKeptSend> m_pending;
    WorkspaceTree* m_treePane;
    QPointer<EnvironmentManager> m_environmentManager;
    CookieJars* m_cookieJars;
    QPointer<CookieJarDialog> m_cookieDialog;
    QLabel* m_problems;
    QComboBox* m_environment;
    QTabWidget* m_leftTabs;
    HistoryModel* m_historyModel;
    QListView* m_history;
    QComboBox* m_historyFilter;
    QPushButton* m_compareHistory;
    QString m_shownHistoryId; // the history send the response area shows
    RequestEditor* m_editor;
    ResponseView* m_response;
    ClipboardGuard* m_clipboard = nullptr;
    Preferences m_preferences;
    void applyLook();
    // Secret values met in this session (read for sends, extracted from logins): a copy that
    // holds one is cleared from the clipboard after 30 s.
    QList<QByteArray> m_sessionSecrets;
    void rememberSecrets(const QList<QByteArray>& values);
    QUndoGroup* m_undo;
    CommandPalette* m_palette = nullptr; // made on first use
    QTimer* m_unsavedTimer;
    QSet<QString> m_unsavedPending; // requests whose unsaved edits are not written yet
    QWidget* m_recovery;            // the bar offering edits a crash left behind
    QLabel* m_recoveryText;
    QList<Workspace::UnsavedEdit> m_recoverable;
};

} // namespace Keyhole::Ui
