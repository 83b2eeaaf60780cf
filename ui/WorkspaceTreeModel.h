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
    };
    enum class NodeKind { Collection, Folder, Request };

    explicit WorkspaceTreeModel(QObject* parent = nullptr);
    ~WorkspaceTreeModel() override;

    void setWorkspace(const Model::Workspace* workspace);
    // Marks requests with unsaved edits (shown with a bullet).
    void setDirty(const QString& requestPath, bool dirty);
    // Refreshes the row of a request whose name or method changed.
    void requestChanged(const QString& requestPath);
    QModelIndex indexForPath(const QString& path) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node* nodeFor(const QModelIndex& index) const;
    const Model::RequestItem* requestFor(const Node* node) const;

    const Model::Workspace* m_workspace = nullptr;
    std::unique_ptr<Node> m_root;
    QSet<QString> m_dirty;
};

} // namespace Keyhole::Ui
