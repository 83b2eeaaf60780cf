#include "ui/WorkspaceTree.h"

#include "core/workspace/TreeEdit.h"
#include "ui/EditCommand.h"
#include "ui/WorkspaceTreeModel.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

// `where` as moveEntry reads it (before the child now at that position, counted with `path`
// still in its old place) for `path` to end up exactly at `where`.
Workspace::Place landingAt(const Model::Workspace& workspace, const QString& path,
                           Workspace::Place where)
{
    if (const Result<Workspace::Place> now = Workspace::placeOf(workspace, path);
        now && now.value().parent == where.parent && where.position > now.value().position)
        ++where.position;
    return where;
}

} // namespace

WorkspaceTree::WorkspaceTree(QWidget* parent)
    : QWidget(parent)
    , m_model(new WorkspaceTreeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_undo(new QUndoStack(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(WorkspaceTreeModel::FilterRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true); // a match shows the folders above it
    m_proxy->setAutoAcceptChildRows(true);       // and a matching folder what is in it

    m_filter->setObjectName(u"treeFilter"_s);
    m_filter->setPlaceholderText(tr("Filter: name, method, URL"));
    m_filter->setAccessibleName(tr("Filter requests"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, &WorkspaceTree::applyFilter);

    m_view->setModel(m_proxy);
    m_view->setHeaderHidden(true);
    m_view->setObjectName(u"workspaceTree"_s);
    m_view->setAccessibleName(tr("Workspace"));
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers); // F2 renames (the action)
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDropIndicatorShown(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);

    // A click (or the arrow keys) previews a request; a double click or Enter keeps it.
    const auto pick = [this](const QModelIndex& index, bool keep) {
        if (index.data(WorkspaceTreeModel::KindRole).toInt() ==
            static_cast<int>(WorkspaceTreeModel::NodeKind::Request))
            emit requestActivated(index.data(WorkspaceTreeModel::PathRole).toString(), keep);
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, pick](const QModelIndex& current) {
                updateActions();
                pick(current, false);
            });
    connect(m_view, &QTreeView::clicked, this,
            [pick](const QModelIndex& index) { pick(index, false); });
    connect(m_view, &QTreeView::activated, this,
            [pick](const QModelIndex& index) { pick(index, true); });
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex& index) {
        if (m_tracking)
            m_expanded.insert(index.data(WorkspaceTreeModel::PathRole).toString());
    });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex& index) {
        if (m_tracking)
            m_expanded.remove(index.data(WorkspaceTreeModel::PathRole).toString());
    });
    connect(m_model, &WorkspaceTreeModel::renameRequested, this, &WorkspaceTree::rename);
    connect(m_model, &WorkspaceTreeModel::moveRequested, this,
            [this](const QString& path, const QString& folder, int row) {
                move(path, {folder, row});
            });

    const auto addAction = [this](QList<QAction*>& into, const QString& text,
                                  const QString& objectName, const QString& tip,
                                  std::function<void()> run) -> QAction* {
        auto* action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setToolTip(tip);
        connect(action, &QAction::triggered, this, std::move(run));
        into.append(action);
        return action;
    };
    addAction(m_newActions, tr("&New Request"), u"newRequest"_s,
              tr("A new request after the selected one, or in the selected folder"),
              [this] { newRequest(); })
        ->setShortcut(u"Ctrl+N"_s);
    addAction(m_newActions, tr("New &Folder"), u"newFolder"_s,
              tr("A new folder in the selected folder"), [this] { newFolder(); })
        ->setShortcut(u"Ctrl+Shift+N"_s);
    addAction(m_newActions, tr("New C&ollection"), u"newCollection"_s,
              tr("A new collection: a top-level folder of the workspace"),
              [this] { newFolder(true); });

    const auto current = [this] {
        return currentPath();
    };
    // These act on the tree's current entry; their keys work while the tree has the focus.
    const QList<std::tuple<QString, QString, QString, QString, std::function<void()>>> edits{
        {tr("&Rename"), u"renameEntry"_s, u"F2"_s, tr("Rename the selected entry"),
         [this] {
             const QModelIndex index = m_view->currentIndex();
             if (index.isValid()) {
                 m_view->setFocus();
                 m_view->edit(index);
             }
         }},
        {tr("D&uplicate"), u"duplicateEntry"_s, u"Ctrl+D"_s,
         tr("A copy of the selected request or folder (as saved), right after it"),
         [this, current] {
             duplicate(current());
         }},
        {tr("&Delete"), u"deleteEntry"_s, u"Del"_s,
         tr("Move the selected entry to the workspace's trash (Undo brings it back)"),
         [this, current] {
             remove(current());
         }},
        {tr("Move &Up"), u"moveEntryUp"_s, u"Alt+Up"_s, tr("Move the selected entry up"),
         [this, current] {
             moveBy(current(), -1);
         }},
        {tr("Move Do&wn"), u"moveEntryDown"_s, u"Alt+Down"_s, tr("Move the selected entry down"),
         [this, current] {
             moveBy(current(), 1);
         }},
    };
    for (const auto& [text, name, key, tip, run] : edits) {
        // (Not while a name is being typed in place: its keys belong to the editor.)
        QAction* action = addAction(m_editActions, text, name, tip, [this, run = run] {
            const QWidget* focus = QApplication::focusWidget();
            if (!(focus && focus != m_view && m_view->isAncestorOf(focus)))
                run();
        });
        action->setShortcut(QKeySequence(key));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
    }
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        menu.addActions(m_newActions);
        const QModelIndex entry = m_view->indexAt(at);
        if (entry.isValid()) { // (on an entry, which is now the current one)
            menu.addSeparator();
            menu.addActions(m_editActions);
            if (entry.data(WorkspaceTreeModel::KindRole).toInt() !=
                static_cast<int>(WorkspaceTreeModel::NodeKind::Request)) {
                menu.addSeparator();
                const QString path = currentPath();
                menu.addAction(tr("&Variables…"), this,
                               [this, path] { emit variablesRequested(path); });
            }
        }
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    updateActions();
}

WorkspaceTree::~WorkspaceTree() = default;

void WorkspaceTree::setWorkspace(Model::Workspace* workspace)
{
    m_undo->clear();
    m_workspace = workspace;
    if (workspace && !workspace->rootPath.isEmpty())
        Workspace::emptyTrash(workspace->rootPath);
    m_model->setWorkspace(workspace);
    m_expanded.clear();
    const auto collect = [this](auto& self, const Model::Folder& folder) -> void {
        m_expanded.insert(folder.path);
        for (const Model::Folder& sub : folder.folders)
            self(self, sub);
    };
    if (workspace) {
        for (const Model::Collection& collection : workspace->collections)
            collect(collect, collection);
    }
    restoreExpanded();
    updateActions();
}

void WorkspaceTree::refresh()
{
    const QString current = currentPath();
    m_model->rebuild();
    restoreExpanded();
    selectPath(current);
    updateActions();
}

QString WorkspaceTree::currentPath() const
{
    return m_view->currentIndex().data(WorkspaceTreeModel::PathRole).toString();
}

QModelIndex WorkspaceTree::viewIndex(const QString& path) const
{
    return m_proxy->mapFromSource(m_model->indexForPath(path));
}

void WorkspaceTree::selectPath(const QString& path)
{
    if (path.isEmpty()) {
        m_view->setCurrentIndex({});
        return;
    }
    const QModelIndex index = viewIndex(path);
    if (!index.isValid())
        return; // filtered out, or gone
    if (m_view->currentIndex() != index)
        m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void WorkspaceTree::applyFilter(const QString& text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    restoreExpanded();
}

void WorkspaceTree::restoreExpanded()
{
    const QScopedValueRollback tracking(m_tracking, false);
    if (!m_proxy->filterRegularExpression().pattern().isEmpty()) {
        m_view->expandAll(); // every match in sight
        return;
    }
    m_view->collapseAll();
    for (const QString& path : std::as_const(m_expanded)) {
        if (const QModelIndex index = viewIndex(path); index.isValid())
            m_view->expand(index);
    }
}

void WorkspaceTree::updateActions()
{
    const bool open = m_workspace && !m_workspace->rootPath.isEmpty();
    for (QAction* action : std::as_const(m_newActions))
        action->setEnabled(open);
    for (QAction* action : std::as_const(m_editActions))
        action->setEnabled(open && !currentPath().isEmpty());
}

QString WorkspaceTree::nameOf(const QString& path) const
{
    if (!m_workspace)
        return path;
    if (const Model::Folder* folder = Workspace::findFolder(*m_workspace, path))
        return folder->name;
    if (const Model::RequestItem* item = Model::findRequest(*m_workspace, path))
        return item->request.name.isEmpty() ? Model::entryName(path) : item->request.name;
    return Model::entryName(path);
}

void WorkspaceTree::warn(const Error& error)
{
    refresh(); // the model may have changed even so (an order that could not be written)
    QMessageBox::warning(this, tr("Cannot change the workspace"), error.toString());
}

bool WorkspaceTree::record(const Status& done, QUndoCommand* command)
{
    if (!done) {
        delete command;
        warn(done.error());
        return false;
    }
    m_undo->push(command); // its first redo() is what was just done
    refresh();
    return true;
}

Workspace::Place WorkspaceTree::placeForNew() const
{
    const QString path = currentPath();
    if (path.isEmpty() || !m_workspace) {
        return {m_workspace && !m_workspace->collections.empty()
                    ? m_workspace->collections.front().path
                    : QString(),
                -1};
    }
    if (Workspace::findFolder(*m_workspace, path))
        return {path, -1}; // into the selected folder, last
    const Result<Workspace::Place> place = Workspace::placeOf(*m_workspace, path);
    return place ? Workspace::Place{place.value().parent, place.value().position + 1}
                 : Workspace::Place{};
}

Status WorkspaceTree::trash(QString path, QString* trashed)
{
    emit aboutToRemove(path);
    Result<QString> gone = Workspace::trashEntry(*m_workspace, path);
    if (!gone)
        return gone.error();
    *trashed = gone.value();
    return Success{};
}

QUndoCommand* WorkspaceTree::presenceCommand(const QString& text, const QString& path, bool present,
                                             const QString& trashed, const Workspace::Place& place)
{
    struct State {
        QString path;
        QString trashed;
        Workspace::Place place;
    };
    auto state = std::make_shared<State>();
    state->path = path;
    state->trashed = trashed;
    state->place = place;
    const auto toTrash = [this, state]() -> Status {
        const Result<Workspace::Place> now = Workspace::placeOf(*m_workspace, state->path);
        if (!now) // gone meanwhile (changed outside Keyhole)
            return now.error();
        state->place = now.value();
        Status done = trash(state->path, &state->trashed);
        refresh();
        return done;
    };
    const auto back = [this, state]() -> Status {
        Status done =
            Workspace::restoreEntry(*m_workspace, state->trashed, state->path, state->place);
        refresh();
        selectPath(state->path);
        return done;
    };
    const auto failed = [this](const Error& error) {
        warn(error);
    };
    return present ? new EditCommand(text, back, toTrash, failed)
                   : new EditCommand(text, toTrash, back, failed);
}

QString WorkspaceTree::newRequest()
{
    if (!m_workspace || m_workspace->rootPath.isEmpty())
        return {};
    Workspace::Place where = placeForNew();
    m_undo->beginMacro(tr("New Request"));
    if (where.parent.isEmpty()) // no collection yet: one to hold it
        where.parent = newFolder(true);
    QString path;
    if (!where.parent.isEmpty()) {
        Model::RequestTemplate request;
        request.name = tr("New Request");
        Result<QString> made = Workspace::createRequest(*m_workspace, where, request);
        if (made) {
            path = made.value();
            record(Success{}, presenceCommand(tr("New Request"), path, true));
        } else {
            warn(made.error());
        }
    }
    m_undo->endMacro();
    if (!path.isEmpty()) {
        m_expanded.insert(where.parent);
        restoreExpanded();
        emit requestCreated(path);
    }
    return path;
}

QString WorkspaceTree::newFolder(bool collection)
{
    if (!m_workspace || m_workspace->rootPath.isEmpty())
        return {};
    Workspace::Place where = collection ? Workspace::Place{} : placeForNew();
    const bool topLevel = where.parent.isEmpty();
    const QString name = topLevel ? tr("New Collection") : tr("New Folder");
    Result<QString> made = Workspace::createFolder(*m_workspace, where, name);
    if (!made) {
        warn(made.error());
        return {};
    }
    const QString path = made.value();
    record(Success{},
           presenceCommand(topLevel ? tr("New Collection") : tr("New Folder"), path, true));
    m_expanded.insert(path);
    m_expanded.insert(where.parent);
    restoreExpanded();
    selectPath(path);
    // Named right away, as in a file manager.
    if (const QModelIndex index = viewIndex(path); index.isValid() && isVisible()) {
        m_view->setFocus();
        m_view->edit(index);
    }
    return path;
}

bool WorkspaceTree::rename(const QString& path, const QString& name)
{
    if (!m_workspace || path.isEmpty())
        return false;
    const Model::RequestItem* item = Model::findRequest(*m_workspace, path);
    const QString before = item ? item->request.name : nameOf(path); // (a request's may be empty)
    const QString after = name.trimmed();
    if (after.isEmpty() || after == before)
        return false;
    const auto renameTo = [this, path](const QString& to) -> Status {
        Status done = Workspace::renameEntry(*m_workspace, path, to);
        if (done)
            emit renamed(path, to);
        refresh();
        return done;
    };
    const QString title = tr("Rename “%1” to “%2”").arg(nameOf(path), after);
    const Status done = Workspace::renameEntry(*m_workspace, path, after);
    if (done)
        emit renamed(path, after);
    return record(done, new EditCommand(
                            title, [renameTo, after] { return renameTo(after); },
                            [renameTo, before] { return renameTo(before); },
                            [this](const Error& error) { warn(error); }));
}

QString WorkspaceTree::duplicate(const QString& path)
{
    if (!m_workspace || path.isEmpty())
        return {};
    Result<QString> made = Workspace::duplicateEntry(*m_workspace, path);
    if (!made) {
        warn(made.error());
        return {};
    }
    record(Success{}, presenceCommand(tr("Duplicate “%1”").arg(nameOf(path)), made.value(), true));
    if (Model::findRequest(*m_workspace, made.value()))
        emit requestCreated(made.value());
    else
        selectPath(made.value());
    return made.value();
}

bool WorkspaceTree::remove(const QString& path)
{
    if (!m_workspace || path.isEmpty())
        return false;
    const QString name = nameOf(path);
    const Result<Workspace::Place> place = Workspace::placeOf(*m_workspace, path);
    if (!place) {
        warn(place.error());
        return false;
    }
    if (m_removalCheck && !m_removalCheck(path))
        return false;
    QString trashed;
    const Status done = trash(path, &trashed);
    if (!record(done,
                presenceCommand(tr("Delete “%1”").arg(name), path, false, trashed, place.value())))
        return false;
    emit message(tr("Deleted “%1” — Undo (Ctrl+Z in the tree) brings it back").arg(name));
    return true;
}

QString WorkspaceTree::move(const QString& path, const Workspace::Place& to)
{
    if (!m_workspace || path.isEmpty())
        return {};
    const Result<Workspace::Place> from = Workspace::placeOf(*m_workspace, path);
    if (!from) {
        warn(from.error());
        return {};
    }
    const Result<QString> moved = Workspace::moveEntry(*m_workspace, path, to);
    if (!moved) {
        warn(moved.error());
        return {};
    }
    const Workspace::Place landed = Workspace::placeOf(*m_workspace, moved.value()).value();
    if (moved.value() == path && landed == from.value())
        return path; // dropped where it was
    followMove(path, moved.value());
    auto at = std::make_shared<QString>(moved.value()); // where the entry is now
    // Each way puts back the entry name it had there (a name taken in the target got a number).
    const auto moveTo = [this, at](const Workspace::Place& where, const QString& name) -> Status {
        const Result<QString> done =
            Workspace::moveEntry(*m_workspace, *at, landingAt(*m_workspace, *at, where), name);
        if (!done) {
            refresh();
            return done.error();
        }
        followMove(*at, done.value());
        *at = done.value();
        refresh();
        selectPath(*at);
        return Success{};
    };
    record(Success{},
           new EditCommand(
               tr("Move “%1”").arg(nameOf(*at)),
               [moveTo, landed, name = Model::entryName(*at)] { return moveTo(landed, name); },
               [moveTo, back = from.value(), name = Model::entryName(path)] {
                   return moveTo(back, name);
               },
               [this](const Error& error) { warn(error); }));
    selectPath(*at);
    return *at;
}

void WorkspaceTree::followMove(const QString& from, const QString& to)
{
    if (from == to)
        return;
    QSet<QString> expanded;
    for (const QString& folder : std::as_const(m_expanded))
        expanded.insert(Workspace::movedPath(folder, from, to));
    m_expanded = expanded;
    emit moved(from, to);
}

QString WorkspaceTree::moveBy(const QString& path, int step)
{
    if (!m_workspace || path.isEmpty())
        return {};
    const Result<Workspace::Place> place = Workspace::placeOf(*m_workspace, path);
    if (!place)
        return {};
    const int target = place.value().position + step;
    const qsizetype count =
        place.value().parent.isEmpty()
            ? static_cast<qsizetype>(m_workspace->collections.size())
            : Model::childrenInOrder(*Workspace::findFolder(*m_workspace, place.value().parent))
                  .size();
    if (target < 0 || target >= count)
        return {};
    return move(path, {place.value().parent, step > 0 ? target + 1 : target});
}

} // namespace Keyhole::Ui
