#include "core/workspace/TreeEdit.h"

#include "core/workspace/AtomicFile.h"
#include "core/workspace/JsonCodec.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <optional>
#include <variant>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {
namespace {

using Entry = std::variant<Model::Folder, Model::RequestItem>;

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? QString() : path.left(slash);
}

QString joinPath(const QString& parent, const QString& name)
{
    return parent.isEmpty() ? name : parent + u'/' + name;
}

Model::Folder* folderIn(Model::Folder& folder, const QString& path)
{
    if (folder.path == path)
        return &folder;
    for (Model::Folder& sub : folder.folders) {
        if (isAtOrUnder(path, sub.path))
            return folderIn(sub, path);
    }
    return nullptr;
}

Model::Folder* folderAt(Model::Workspace& workspace, const QString& path)
{
    return const_cast<Model::Folder*>(findFolder(std::as_const(workspace), path));
}

// The entry names of a folder's children in display order (what its manifest lists).
QStringList displayOrder(const Model::Folder& folder)
{
    QStringList names;
    for (const Model::FolderEntry& entry : Model::childrenInOrder(folder))
        names.append(Model::entryName(entry.folder ? entry.folder->path : entry.request->path));
    return names;
}

// The children of `parent` (empty: the collections) by entry name, in display order.
QStringList childrenOf(const Model::Workspace& workspace, const QString& parent)
{
    if (parent.isEmpty()) {
        QStringList names;
        for (const Model::Collection& collection : workspace.collections)
            names.append(collection.path);
        return names;
    }
    const Model::Folder* folder = findFolder(workspace, parent);
    return folder ? displayOrder(*folder) : QStringList();
}

Error missing(const QString& path)
{
    return Error{u"tree.missing"_s, u"no such collection, folder or request"_s, path};
}

Error needsFolder(const QString& path)
{
    return Error{u"tree.parent"_s, u"a request goes into a collection or a folder"_s, path};
}

// An entry name not yet used in `parent`, on disk or in the model: `base` + `suffix`, else
// `base-2` + `suffix`, … A collection is never called "environments".
Result<QString> freeName(const Model::Workspace& workspace, const QString& parent,
                         const QString& base, const QString& suffix)
{
    const QStringList taken = childrenOf(workspace, parent);
    const QDir directory(joinPath(workspace.rootPath, parent));
    for (int n = 1; n < 1000; ++n) {
        const QString name = (n == 1 ? base : base + u'-' + QString::number(n)) + suffix;
        if (parent.isEmpty() && name == QString::fromUtf16(kEnvironmentsDir))
            continue;
        if (!taken.contains(name) && !QFileInfo::exists(directory.filePath(name)))
            return name;
    }
    return Error{u"tree.name"_s, u"no free name for %1"_s.arg(base + suffix), parent};
}

QString pathOf(const Entry& entry)
{
    return std::holds_alternative<Model::Folder>(entry) ? std::get<Model::Folder>(entry).path
                                                        : std::get<Model::RequestItem>(entry).path;
}

// Takes the entry at `path` out of the model (and out of its parent's order).
std::optional<Entry> takeEntry(Model::Workspace& workspace, const QString& path)
{
    const QString parent = parentOf(path);
    if (parent.isEmpty()) {
        for (auto it = workspace.collections.begin(); it != workspace.collections.end(); ++it) {
            if (it->path == path) {
                Entry entry = std::move(*it);
                workspace.collections.erase(it);
                return entry;
            }
        }
        return std::nullopt;
    }
    Model::Folder* folder = folderAt(workspace, parent);
    if (!folder)
        return std::nullopt;
    folder->order = displayOrder(*folder);
    folder->order.removeOne(Model::entryName(path));
    for (auto it = folder->folders.begin(); it != folder->folders.end(); ++it) {
        if (it->path == path) {
            Entry entry = std::move(*it);
            folder->folders.erase(it);
            return entry;
        }
    }
    for (auto it = folder->requests.begin(); it != folder->requests.end(); ++it) {
        if (it->path == path) {
            Entry entry = std::move(*it);
            folder->requests.erase(it);
            return entry;
        }
    }
    return std::nullopt;
}

// Puts `entry` (its path already final) into its parent, `position`-th in display order.
void putEntry(Model::Workspace& workspace, Entry entry, int position)
{
    const QString path = pathOf(entry);
    const QString parent = parentOf(path);
    if (parent.isEmpty()) {
        auto& collections = workspace.collections;
        const auto at = position < 0 || static_cast<size_t>(position) > collections.size()
                            ? collections.end()
                            : collections.begin() + position;
        collections.insert(at, std::get<Model::Folder>(std::move(entry)));
        return;
    }
    Model::Folder* folder = folderAt(workspace, parent);
    if (!folder)
        return;
    folder->order = displayOrder(*folder);
    folder->order.insert(position < 0 || position > folder->order.size() ? folder->order.size()
                                                                         : position,
                         Model::entryName(path));
    if (std::holds_alternative<Model::Folder>(entry))
        folder->folders.push_back(std::get<Model::Folder>(std::move(entry)));
    else
        folder->requests.push_back(std::get<Model::RequestItem>(std::move(entry)));
}

void rebase(Model::Folder& folder, const QString& from, const QString& to)
{
    folder.path = movedPath(folder.path, from, to);
    for (Model::RequestItem& item : folder.requests)
        item.path = movedPath(item.path, from, to);
    for (Model::Folder& sub : folder.folders)
        rebase(sub, from, to);
}

// Writes the order of `parent`: its folder.json, or the workspace manifest for collections.
Status saveParent(const Model::Workspace& workspace, const QString& parent)
{
    if (parent.isEmpty())
        return saveWorkspaceManifest(workspace);
    const Model::Folder* folder = findFolder(workspace, parent);
    if (!folder)
        return missing(parent);
    Model::Folder manifest = *folder;
    manifest.order = displayOrder(*folder);
    return saveFolderManifest(workspace.rootPath, manifest);
}

Result<Model::RequestTemplate> readRequest(const QString& root, const QString& path)
{
    Result<QByteArray> bytes = readFile(root + u'/' + path);
    if (!bytes)
        return bytes.error();
    return requestFromJson(bytes.value(), path);
}

// Copies the directory `from` to `to` (which must not exist), every file in it.
Status copyTree(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return Error{u"io.mkdir"_s, u"cannot create the directory"_s, to};
    QDirIterator it(from, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        const bool ok = it.fileInfo().isDir() ? QDir().mkpath(target) : QFile::copy(source, target);
        if (!ok)
            return Error{u"io.copy"_s, u"cannot copy this file"_s, source};
    }
    return Success{};
}

} // namespace

bool isAtOrUnder(const QString& path, const QString& entry)
{
    return path == entry || path.startsWith(entry + u'/');
}

QString movedPath(const QString& path, const QString& from, const QString& to)
{
    return isAtOrUnder(path, from) ? to + path.mid(from.size()) : path;
}

const Model::Folder* findFolder(const Model::Workspace& workspace, const QString& path)
{
    for (const Model::Collection& collection : workspace.collections) {
        if (isAtOrUnder(path, collection.path))
            return folderIn(const_cast<Model::Collection&>(collection), path);
    }
    return nullptr;
}

QString slugFor(const QString& name, const QString& fallback)
{
    QString slug;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            slug.append(c.toLower());
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug.append(u'-');
        if (slug.size() >= 48)
            break;
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.isEmpty() ? fallback : slug;
}

Result<Place> placeOf(const Model::Workspace& workspace, const QString& path)
{
    const QString parent = parentOf(path);
    if (!parent.isEmpty() && !findFolder(workspace, parent))
        return missing(path);
    const int position =
        static_cast<int>(childrenOf(workspace, parent).indexOf(Model::entryName(path)));
    if (position < 0)
        return missing(path);
    return Place{parent, position};
}

Result<QString> createRequest(Model::Workspace& workspace, const Place& where,
                              const Model::RequestTemplate& request)
{
    if (where.parent.isEmpty())
        return needsFolder(where.parent);
    if (!findFolder(workspace, where.parent))
        return missing(where.parent);
    const Result<QString> name =
        freeName(workspace, where.parent, slugFor(request.name, u"request"_s),
                 QString::fromUtf16(kRequestSuffix));
    if (!name)
        return name.error();
    const QString path = joinPath(where.parent, name.value());
    if (Status written = writeFileAtomic(workspace.rootPath + u'/' + path, requestToJson(request));
        !written)
        return written.error();
    putEntry(workspace, Model::RequestItem{path, request}, where.position);
    if (Status saved = saveParent(workspace, where.parent); !saved)
        return saved.error();
    return path;
}

Result<QString> createFolder(Model::Workspace& workspace, const Place& where, const QString& name)
{
    if (name.trimmed().isEmpty())
        return Error{u"tree.name"_s, u"a name cannot be empty"_s, where.parent};
    if (!where.parent.isEmpty() && !findFolder(workspace, where.parent))
        return missing(where.parent);
    const Result<QString> entry =
        freeName(workspace, where.parent,
                 slugFor(name, where.parent.isEmpty() ? u"collection"_s : u"folder"_s), {});
    if (!entry)
        return entry.error();
    Model::Folder folder;
    folder.path = joinPath(where.parent, entry.value());
    folder.name = name.trimmed();
    if (Status saved = saveFolderManifest(workspace.rootPath, folder); !saved)
        return saved.error();
    const QString path = folder.path;
    putEntry(workspace, std::move(folder), where.position);
    if (Status saved = saveParent(workspace, where.parent); !saved)
        return saved.error();
    return path;
}

Status renameEntry(Model::Workspace& workspace, const QString& path, const QString& name)
{
    const QString trimmed = name.trimmed();
    Model::Folder* folder = folderAt(workspace, path);
    if (trimmed.isEmpty() && (folder || !Model::findRequest(workspace, path)))
        return Error{u"tree.name"_s, u"a name cannot be empty"_s, path};
    if (folder) {
        Model::Folder manifest = *folder;
        manifest.name = trimmed;
        manifest.order = displayOrder(*folder);
        if (Status saved = saveFolderManifest(workspace.rootPath, manifest); !saved)
            return saved;
        folder->name = trimmed;
        return Success{};
    }
    Model::RequestItem* item = Model::findRequest(workspace, path);
    if (!item)
        return missing(path);
    Result<Model::RequestTemplate> onDisk = readRequest(workspace.rootPath, path);
    if (!onDisk)
        return onDisk.error();
    onDisk.value().name = trimmed;
    if (Status saved =
            writeFileAtomic(workspace.rootPath + u'/' + path, requestToJson(onDisk.value()));
        !saved)
        return saved;
    item->request.name = trimmed;
    return Success{};
}

Result<QString> duplicateEntry(Model::Workspace& workspace, const QString& path)
{
    const Result<Place> place = placeOf(workspace, path);
    if (!place)
        return place.error();
    const Place after{place.value().parent, place.value().position + 1};
    const Model::Folder* source = findFolder(workspace, path);
    if (!source) {
        Result<Model::RequestTemplate> copy = readRequest(workspace.rootPath, path);
        if (!copy)
            return copy.error();
        Model::RequestTemplate& request = copy.value();
        request.name =
            (request.name.isEmpty() ? Model::entryName(path) : request.name) + u" copy"_s;
        return createRequest(workspace, after, request);
    }
    const QString name = source->name + u" copy"_s;
    const Result<QString> entry = freeName(workspace, after.parent, slugFor(name, u"folder"_s), {});
    if (!entry)
        return entry.error();
    const QString copyPath = joinPath(after.parent, entry.value());
    const QString target = workspace.rootPath + u'/' + copyPath;
    if (Status copied = copyTree(workspace.rootPath + u'/' + path, target); !copied) {
        QDir(target).removeRecursively();
        return copied.error();
    }
    Model::Folder copy = loadFolder(workspace.rootPath, copyPath);
    copy.name = name;
    if (Status saved = saveFolderManifest(workspace.rootPath, copy); !saved) {
        QDir(target).removeRecursively();
        return saved.error();
    }
    putEntry(workspace, std::move(copy), after.position);
    if (Status saved = saveParent(workspace, after.parent); !saved)
        return saved.error();
    return copyPath;
}

Result<QString> moveEntry(Model::Workspace& workspace, const QString& path, const Place& to,
                          const QString& name)
{
    const Result<Place> from = placeOf(workspace, path);
    if (!from)
        return from.error();
    const bool isFolder = findFolder(workspace, path) != nullptr;
    if (!isFolder && to.parent.isEmpty())
        return needsFolder(path);
    if (isFolder && isAtOrUnder(to.parent, path))
        return Error{u"tree.move"_s, u"a folder cannot go into itself"_s, path};
    if (!to.parent.isEmpty() && !findFolder(workspace, to.parent))
        return missing(to.parent);

    if (to.parent == from.value().parent) {
        const int count = static_cast<int>(childrenOf(workspace, to.parent).size());
        int position = to.position < 0 || to.position > count ? count : to.position;
        if (position > from.value().position)
            --position; // counted with the entry still in its old place
        if (position == from.value().position)
            return path;
        std::optional<Entry> entry = takeEntry(workspace, path);
        putEntry(workspace, std::move(*entry), position);
        if (Status saved = saveParent(workspace, to.parent); !saved)
            return saved.error();
        return path;
    }

    const QString suffix = isFolder ? QString() : QString::fromUtf16(kRequestSuffix);
    QString base = name.isEmpty() ? Model::entryName(path) : name;
    if (base.endsWith(suffix))
        base.chop(suffix.size());
    const Result<QString> free = freeName(workspace, to.parent, base, suffix);
    if (!free)
        return free.error();
    const QString newPath = joinPath(to.parent, free.value());
    if (!QDir().rename(workspace.rootPath + u'/' + path, workspace.rootPath + u'/' + newPath))
        return Error{u"io.rename"_s, u"cannot move it to %1"_s.arg(newPath), path};

    std::optional<Entry> entry = takeEntry(workspace, path);
    if (auto* folder = std::get_if<Model::Folder>(&*entry))
        rebase(*folder, path, newPath);
    else
        std::get<Model::RequestItem>(*entry).path = newPath;
    putEntry(workspace, std::move(*entry), to.position);

    // Token lifecycles name their login and refresh requests by path: they follow the move.
    QStringList retargeted;
    for (Model::Collection& collection : workspace.collections) {
        Model::TokenLifecycle& lifecycle = collection.tokenLifecycle;
        for (QString* request : {&lifecycle.loginRequest, &lifecycle.refreshRequest}) {
            if (!request->isEmpty() && isAtOrUnder(*request, path)) {
                *request = movedPath(*request, path, newPath);
                retargeted.append(collection.path);
            }
        }
    }
    QStringList toSave{from.value().parent, to.parent};
    toSave.append(retargeted);
    toSave.removeDuplicates();
    for (const QString& parent : toSave) {
        if (Status saved = saveParent(workspace, parent); !saved)
            return saved.error();
    }
    return newPath;
}

Result<QString> trashEntry(Model::Workspace& workspace, const QString& path)
{
    const Result<Place> place = placeOf(workspace, path);
    if (!place)
        return place.error();
    const Result<QString> data = localDataDir(workspace.rootPath);
    if (!data)
        return data.error();
    const QString bin = u".keyhole/trash/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!QDir().mkpath(workspace.rootPath + u'/' + bin))
        return Error{u"io.mkdir"_s, u"cannot create the trash folder"_s, bin};
    const QString trashed = bin + u'/' + Model::entryName(path);
    if (!QDir().rename(workspace.rootPath + u'/' + path, workspace.rootPath + u'/' + trashed))
        return Error{u"io.rename"_s, u"cannot move it to the trash"_s, path};
    takeEntry(workspace, path);
    if (Status saved = saveParent(workspace, place.value().parent); !saved)
        return saved.error();
    return trashed;
}

Status restoreEntry(Model::Workspace& workspace, const QString& trashed, const QString& path,
                    const Place& where)
{
    if (parentOf(path) != where.parent)
        return Error{u"tree.restore"_s, u"the path is not in that folder"_s, path};
    if (!where.parent.isEmpty() && !findFolder(workspace, where.parent))
        return missing(where.parent);
    const QString target = workspace.rootPath + u'/' + path;
    if (QFileInfo::exists(target))
        return Error{u"tree.restore"_s, u"something else is there now"_s, path};
    const QString source = workspace.rootPath + u'/' + trashed;
    const bool isFolder = QFileInfo(source).isDir();
    Model::RequestTemplate request;
    if (!isFolder) {
        Result<Model::RequestTemplate> read = readRequest(workspace.rootPath, trashed);
        if (!read)
            return read.error();
        request = std::move(read.value());
    }
    if (!QDir().rename(source, target))
        return Error{u"io.rename"_s, u"cannot bring it back from the trash"_s, trashed};
    QDir().rmdir(QFileInfo(source).path()); // the trash bin, now empty
    if (isFolder)
        putEntry(workspace, loadFolder(workspace.rootPath, path), where.position);
    else
        putEntry(workspace, Model::RequestItem{path, std::move(request)}, where.position);
    return saveParent(workspace, where.parent);
}

void emptyTrash(const QString& rootPath)
{
    QDir(rootPath + u"/.keyhole/trash"_s).removeRecursively();
}

} // namespace Keyhole::Workspace
