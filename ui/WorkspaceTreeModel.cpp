#include "ui/WorkspaceTreeModel.h"

#include "core/workspace/TreeEdit.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QMimeData>
#include <QPalette>

namespace Keyhole::Ui {

struct WorkspaceTreeModel::Node {
    NodeKind kind = NodeKind::Folder;
    QString path;
    QString name;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

// The method badge's colour, lighter on a dark palette.
QColor methodColor(const QString& method)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    if (method == u"GET")
        return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    if (method == u"POST")
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    if (method == u"PUT" || method == u"PATCH")
        return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
    if (method == u"DELETE")
        return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    return dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x6a, 0x1b, 0x9a);
}

} // namespace

WorkspaceTreeModel::WorkspaceTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

WorkspaceTreeModel::~WorkspaceTreeModel() = default;

void WorkspaceTreeModel::setWorkspace(const Model::Workspace* workspace)
{
    m_dirty.clear();
    m_workspace = workspace;
    rebuild();
}

void WorkspaceTreeModel::rebuild()
{
    const Model::Workspace* workspace = m_workspace;
    beginResetModel();
    m_root = std::make_unique<Node>();
    // Builds child nodes of `parentNode` from `folder`, in the folder's display order.
    auto build = [](auto& self, Node* parentNode, const Model::Folder& folder) -> void {
        for (const QString& entry : folder.order) {
            auto node = std::make_unique<Node>();
            node->parent = parentNode;
            node->row = static_cast<int>(parentNode->children.size());
            const QString path = folder.path + u'/' + entry;
            const Model::Folder* sub = nullptr;
            for (const Model::Folder& candidate : folder.folders) {
                if (candidate.path == path)
                    sub = &candidate;
            }
            if (sub) {
                node->kind = NodeKind::Folder;
                node->path = sub->path;
                node->name = sub->name;
                self(self, node.get(), *sub);
            } else {
                const Model::RequestItem* item = nullptr;
                for (const Model::RequestItem& candidate : folder.requests) {
                    if (candidate.path == path)
                        item = &candidate;
                }
                if (!item)
                    continue;
                node->kind = NodeKind::Request;
                node->path = item->path;
                node->name = item->request.name.isEmpty() ? Model::entryName(item->path)
                                                          : item->request.name;
            }
            parentNode->children.push_back(std::move(node));
        }
    };
    if (workspace) {
        for (const Model::Collection& collection : workspace->collections) {
            auto node = std::make_unique<Node>();
            node->kind = NodeKind::Collection;
            node->parent = m_root.get();
            node->row = static_cast<int>(m_root->children.size());
            node->path = collection.path;
            node->name = collection.name;
            build(build, node.get(), collection);
            m_root->children.push_back(std::move(node));
        }
    }
    endResetModel();
}

void WorkspaceTreeModel::setDirty(const QString& requestPath, bool dirty)
{
    const bool changed = dirty ? !m_dirty.contains(requestPath) : m_dirty.remove(requestPath);
    if (dirty)
        m_dirty.insert(requestPath);
    if (changed)
        requestChanged(requestPath);
}

void WorkspaceTreeModel::requestChanged(const QString& requestPath)
{
    const QModelIndex index = indexForPath(requestPath);
    if (!index.isValid())
        return;
    if (Node* node = nodeFor(index); const Model::RequestItem* item = requestFor(node)) {
        if (!item->request.name.isEmpty())
            node->name = item->request.name;
    }
    emit dataChanged(index, index);
}

QModelIndex WorkspaceTreeModel::indexForPath(const QString& path) const
{
    auto find = [&](auto& self, const Node* node) -> const Node* {
        if (node->path == path && node != m_root.get())
            return node;
        for (const auto& child : node->children) {
            if (const Node* found = self(self, child.get()))
                return found;
        }
        return nullptr;
    };
    const Node* node = find(find, m_root.get());
    return node ? createIndex(node->row, 0, const_cast<Node*>(node)) : QModelIndex();
}

WorkspaceTreeModel::Node* WorkspaceTreeModel::nodeFor(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

const Model::RequestItem* WorkspaceTreeModel::requestFor(const Node* node) const
{
    if (!m_workspace || node->kind != NodeKind::Request)
        return nullptr;
    return Model::findRequest(*m_workspace, node->path);
}

QModelIndex WorkspaceTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const Node* parentNode = nodeFor(parent);
    if (column != 0 || row < 0 || row >= static_cast<int>(parentNode->children.size()))
        return {};
    return createIndex(row, column, parentNode->children[static_cast<size_t>(row)].get());
}

QModelIndex WorkspaceTreeModel::parent(const QModelIndex& child) const
{
    const Node* node = nodeFor(child);
    if (!child.isValid() || !node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int WorkspaceTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeFor(parent)->children.size());
}

int WorkspaceTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant WorkspaceTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* node = nodeFor(index);
    const Model::RequestItem* item = requestFor(node);
    switch (role) {
    case Qt::EditRole:
        return node->name;
    case FilterRole:
        return item ? node->name + u' ' + item->request.method + u' ' + item->request.url
                    : node->name;
    case Qt::DisplayRole: {
        if (!item)
            return node->name;
        const QString marker = m_dirty.contains(node->path) ? QStringLiteral(" ●") : QString();
        return QString(item->request.method.leftJustified(7, u' ') + u' ' + node->name + marker);
    }
    case Qt::ToolTipRole:
        return item ? item->request.method + u' ' + item->request.url : node->path;
    case Qt::FontRole: {
        QFont font;
        if (node->kind == NodeKind::Collection)
            font.setBold(true);
        if (item)
            font.setFamilies({QStringLiteral("monospace")});
        return font;
    }
    case Qt::ForegroundRole:
        return item ? QVariant(methodColor(item->request.method)) : QVariant();
    case KindRole:
        return static_cast<int>(node->kind);
    case PathRole:
        return node->path;
    case MethodRole:
        return item ? item->request.method : QString();
    default:
        return {};
    }
}

namespace {
constexpr char kPathMime[] = "application/x-keyhole-tree-path";
} // namespace

Qt::ItemFlags WorkspaceTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // among the collections
    Qt::ItemFlags flags =
        Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsDragEnabled;
    if (nodeFor(index)->kind != NodeKind::Request)
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

bool WorkspaceTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name == nodeFor(index)->name)
        return false;
    QMetaObject::invokeMethod(
        this, [this, path = nodeFor(index)->path, name] { emit renameRequested(path, name); },
        Qt::QueuedConnection);
    return true;
}

Qt::DropActions WorkspaceTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions WorkspaceTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList WorkspaceTreeModel::mimeTypes() const
{
    return {QString::fromLatin1(kPathMime)};
}

QMimeData* WorkspaceTreeModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(kPathMime), nodeFor(indexes.first())->path.toUtf8());
    return data;
}

bool WorkspaceTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                         const QModelIndex& parent) const
{
    if (action != Qt::MoveAction || !data || !data->hasFormat(QString::fromLatin1(kPathMime)))
        return false;
    const QString path = QString::fromUtf8(data->data(QString::fromLatin1(kPathMime)));
    const QModelIndex source = indexForPath(path);
    if (!source.isValid())
        return false;
    const Node* target = nodeFor(parent);
    if (target->kind == NodeKind::Request)
        return false;
    // A request needs a folder; a folder cannot go into itself.
    if (!parent.isValid())
        return nodeFor(source)->kind != NodeKind::Request;
    return !(nodeFor(source)->kind != NodeKind::Request &&
             Workspace::isAtOrUnder(target->path, path));
}

bool WorkspaceTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                      int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString path = QString::fromUtf8(data->data(QString::fromLatin1(kPathMime)));
    const QString target = parent.isValid() ? nodeFor(parent)->path : QString();
    QMetaObject::invokeMethod(
        this, [this, path, target, row] { emit moveRequested(path, target, row); },
        Qt::QueuedConnection);
    // Nothing for the view to remove: the move rebuilds the rows.
    return false;
}

} // namespace Keyhole::Ui
