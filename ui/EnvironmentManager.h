#pragma once

#include "core/model/Folder.h"
#include "core/secrets/SecretStore.h"
#include "core/vars/EnvironmentCompare.h"
#include "core/workspace/EnvironmentEdit.h"

#include <QDialog>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTabWidget;
class QUndoStack;

namespace Keyhole::Ui {

class EnvironmentVariablesModel;

// Environment › Manage Environments: the environments of a workspace on the left (new,
// duplicate, rename, delete — all undoable with Ctrl+Z), the variables of the chosen one on the
// right (shared and current values, secret toggle, reveal), and a side-by-side comparison of
// two environments. Edits of variables are saved with Save (Ctrl+S); the environment-level
// edits write at once. Every change is made by core (Workspace::*Environment,
// Secrets::changesFor*); the dialog only asks and shows.
class EnvironmentManager final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentManager)

public:
    using StoreUser = std::function<void(std::shared_ptr<Secrets::SecretStore>)>;
    // Calls its argument with the secret store (nullptr when none can be opened).
    using StoreProvider = std::function<void(StoreUser)>;

    EnvironmentManager(Model::Workspace* workspace, StoreProvider stores,
                       QWidget* parent = nullptr);
    ~EnvironmentManager() override;

    // Shows `name`'s variables (its secret values read from the store) when the edits of the
    // one shown are settled.
    bool selectEnvironment(const QString& name);
    QString currentEnvironment() const { return m_current; }
    EnvironmentVariablesModel* variables() const { return m_variables; }
    QUndoStack* undoStack() const { return m_undo; }

    // Saves the variables of the environment shown; false when they cannot be saved (the
    // reason is shown). Secret values go to the store asynchronously.
    bool save();
    // The environment-level edits, as the buttons make them (the buttons ask for names).
    bool createEnvironment(const QString& name);
    bool duplicateCurrent();
    bool renameCurrent(const QString& name);
    bool deleteCurrent();

    // The Compare tab: `left` against `right` as saved (secret values read from the store).
    void compare(const QString& left, const QString& right);
    const QList<Vars::VariableComparison>& comparison() const { return m_comparison; }

    void done(int result) override;

signals:
    // The list of environments changed (created, duplicated, renamed, deleted, restored) or the
    // variables of one were saved.
    void environmentsChanged();
    void environmentRenamed(const QString& from, const QString& to);

private:
    // Unsaved variable edits: Save / Discard / Cancel. True when the caller may go on.
    bool settle();
    void refreshList(const QString& select);
    void showEnvironment(const QString& name);
    void withSecrets(const Model::Environment& environment,
                     std::function<void(Model::Environment, QString problem)> then);
    void refreshCompare();
    void fillCompare();
    void updateButtons();
    void say(const QString& text);
    Status applyRename(const QString& from, const QString& to);
    // Refuses a name whose deleted environment waits in the trash: its secret values are kept
    // under that name for Undo, and a new environment of that name would see them.
    Status checkNotInTrash(const QString& name) const;
    // Moves `name` to the trash (where it went: `trashed`) and shows `next`, else the first.
    Status trash(const QString& name, Workspace::TrashedEnvironment& trashed, const QString& next);
    // Brings a trashed environment back and shows it.
    Status restore(const Workspace::TrashedEnvironment& trashed);
    // The undo step of an environment just made (New, Duplicate): its undo trashes it and shows
    // `before` again.
    void pushMade(const QString& text, const QString& made, const QString& before);

    Model::Workspace* m_workspace;
    StoreProvider m_stores;
    QByteArray m_fingerprintKey; // random per dialog: fingerprints mean nothing elsewhere
    QString m_current;
    quint64 m_loadGeneration = 0;
    quint64 m_compareGeneration = 0;
    QList<Vars::VariableComparison> m_comparison;

    QUndoStack* m_undo;
    QListWidget* m_list;
    QPushButton* m_duplicate;
    QPushButton* m_rename;
    QPushButton* m_delete;
    QTabWidget* m_tabs;
    EnvironmentVariablesModel* m_variables;
    QTableView* m_table;
    QPushButton* m_remove;
    QCheckBox* m_reveal;
    QPushButton* m_save;
    QPushButton* m_revert;
    QLabel* m_status;
    QComboBox* m_left;
    QComboBox* m_right;
    QCheckBox* m_onlyDifferences;
    QStandardItemModel* m_compareModel;
    QTableView* m_compareTable;
    QLabel* m_compareSummary;
};

} // namespace Keyhole::Ui
