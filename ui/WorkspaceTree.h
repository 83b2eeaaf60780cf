#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"
#include "core/workspace/TreeEdit.h"

#include <QModelIndex>
#include <QSet>
#include <QWidget>

#include <functional>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;
class QUndoCommand;
class QUndoStack;

namespace Keyhole::Ui {

class WorkspaceTreeModel;

// The Requests pane: a filter box over the workspace tree, and the tree's edits — new request,
// folder and collection, rename (F2 or inline), duplicate, delete, move (drag and drop,
// Alt+Up/Down) — each one step of its own undo stack (Workspace::TreeEdit does the files).
// Edits the workspace it is given in place; says what moved or goes away so that the owner
// can follow with its open documents.
class WorkspaceTree final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceTree)

public:
    explicit WorkspaceTree(QWidget* parent = nullptr);
    ~WorkspaceTree() override;

    // Shows `workspace` (owned by the caller), everything expanded. The undo history starts
    // over and the trash of the previous session is emptied.
    void setWorkspace(Model::Workspace* workspace);
    // Rebuilds the rows after the workspace changed elsewhere, keeping what is expanded.
    void refresh();

    WorkspaceTreeModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QLineEdit* filterBox() const { return m_filter; }
    QUndoStack* undoStack() const { return m_undo; }
    // The actions: new request (Ctrl+N), folder, collection; and the edits of the current
    // entry (rename, duplicate, delete, move up and down), whose keys work in the tree.
    QList<QAction*> newActions() const { return m_newActions; }
    QList<QAction*> editActions() const { return m_editActions; }

    // The path of the current entry (empty: none), and making `path` current (not when the
    // filter hides it).
    QString currentPath() const;
    void selectPath(const QString& path);
    // The row of `path` in the view (invalid when the filter hides it).
    QModelIndex viewIndex(const QString& path) const;

    // The edits, on the current entry or where a new one goes from it. Each returns the
    // path it made or moved to (empty when refused, said in a message box).
    QString newRequest();
    QString newFolder(bool collection = false);
    bool rename(const QString& path, const QString& name);
    QString duplicate(const QString& path);
    bool remove(const QString& path);
    // Moves `path` into `to.parent`, before its child `to.position` (-1: last).
    QString move(const QString& path, const Workspace::Place& to);
    QString moveBy(const QString& path, int step);
    // Asked before Delete (not before an undo): false keeps the entry (the owner asks about
    // unsaved edits in it).
    void setRemovalCheck(std::function<bool(const QString& path)> check)
    {
        m_removalCheck = std::move(check);
    }

signals:
    // A request picked: a click or the keys (preview), a double click or Enter (keep).
    void requestActivated(const QString& path, bool keep);
    void requestCreated(const QString& path);
    // After an entry moved (an undo included): everything at or below `from` is below `to`.
    void moved(const QString& from, const QString& to);
    // Before an entry at `path` (and everything below it) goes to the trash.
    void aboutToRemove(const QString& path);
    // After the display name of `path` changed.
    void renamed(const QString& path, const QString& name);
    void message(const QString& text);
    // The user asked to edit the variables of the collection or folder at `path`.
    void variablesRequested(const QString& path);

private:
    // Runs an edit done for the first time (`done` says whether it worked) and keeps it on the
    // undo stack, or says why it failed.
    bool record(const Status& done, QUndoCommand* command);
    // A command that moves the entry at `*path` between the tree and the trash (`present`:
    // it is in the tree now).
    QUndoCommand* presenceCommand(const QString& text, const QString& path, bool present,
                                  const QString& trashed = {}, const Workspace::Place& place = {});
    // Everything at or below `from` is now below `to`: the expanded folders follow, and so
    // does the owner (moved()).
    void followMove(const QString& from, const QString& to);
    Status trash(QString path, QString* trashed);
    Workspace::Place placeForNew() const;
    QString nameOf(const QString& path) const;
    void warn(const Error& error);
    void applyFilter(const QString& text);
    void restoreExpanded();
    void updateActions();

    Model::Workspace* m_workspace = nullptr;
    WorkspaceTreeModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeView* m_view;
    QLineEdit* m_filter;
    QUndoStack* m_undo;
    QSet<QString> m_expanded; // folder paths the user keeps open (outside filtering)
    bool m_tracking = true;   // expanding/collapsing by the user is remembered
    QList<QAction*> m_newActions;
    QList<QAction*> m_editActions;
    std::function<bool(const QString&)> m_removalCheck;
};

} // namespace Keyhole::Ui
