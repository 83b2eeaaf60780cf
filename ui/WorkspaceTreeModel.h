#pragma once

#include "core/model/Folder.h"

#include <QAbstractItemModel>
#include <QSet>

#include <memory>
#include <vector>

namespace Keyhole::Ui {

// The workspace tree: collections, folders and requests in manifest order. Adapts a
// Model::Workspace owned elsewhere; call setWorkspace() again after it changes.
class WorkspaceTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceTreeModel)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind
        PathRole,                    // path relative to the workspace root
        MethodRole,                  // for requests: "GET", "POST", ...
        FilterRole,                  // what the filter box matches: name, method and URL
    };
    enum class NodeKind { Collection, Folder, Request };

    explicit WorkspaceTreeModel(QObject* parent = nullptr);
    ~WorkspaceTreeModel() override;

    void setWorkspace(const Model::Workspace* workspace);
    // Builds the rows again from the same workspace after a tree edit (unsaved marks kept).
    void rebuild();
    // Marks requests with unsaved edits (shown with a bullet).
    void setDirty(const QString& requestPath, bool dirty);
    // Refreshes the row of a request whose name or method changed.
    void requestChanged(const QString& requestPath);
    QModelIndex indexForPath(const QString& path) const;

    // Editing: a new name (inline rename) and drag and drop ask; the owner of the workspace
    // decides and calls rebuild(). Both signals are queued: never a reset inside the view's
    // own commit or drop.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

signals:
    void renameRequested(const QString& path, const QString& name);
    // Move `path` into the folder `parent` (empty: among the collections), before its
    // child `row` (-1: last).
    void moveRequested(const QString& path, const QString& parent, int row);

private:
    struct Node;
    Node* nodeFor(const QModelIndex& index) const;
    const Model::RequestItem* requestFor(const Node* node) const;

    const Model::Workspace* m_workspace = nullptr;
    std::unique_ptr<Node> m_root;
    QSet<QString> m_dirty;
};

} // namespace Keyhole::Ui
