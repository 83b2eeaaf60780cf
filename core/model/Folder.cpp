#include "core/model/Folder.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Model {
namespace {

const RequestItem* findIn(const Folder& folder, const QString& path,
                          std::vector<const Folder*>* chain)
{
    if (chain)
        chain->push_back(&folder);
    for (const RequestItem& item : folder.requests) {
        if (item.path == path)
            return &item;
    }
    for (const Folder& sub : folder.folders) {
        if (path.startsWith(sub.path + u'/')) {
            if (const RequestItem* found = findIn(sub, path, chain))
                return found;
        }
    }
    if (chain)
        chain->pop_back();
    return nullptr;
}

QString firstIn(const Folder& folder)
{
    for (const QString& entry : folder.order) {
        const QString path = folder.path + u'/' + entry;
        for (const RequestItem& item : folder.requests) {
            if (item.path == path)
                return path;
        }
        for (const Folder& sub : folder.folders) {
            if (sub.path == path) {
                if (QString found = firstIn(sub); !found.isEmpty())
                    return found;
            }
        }
    }
    return {};
}

} // namespace

QString firstRequestPath(const Workspace& workspace)
{
    for (const Collection& collection : workspace.collections) {
        if (QString found = firstIn(collection); !found.isEmpty())
            return found;
    }
    return {};
}

namespace {

void collectRequests(const Folder& folder, const QString& place, QList<RequestInPlace>& into)
{
    for (const FolderEntry& entry : childrenInOrder(folder)) {
        if (entry.request)
            into.append({entry.request, place});
        else if (entry.folder)
            collectRequests(*entry.folder, place + u" / "_s + entry.folder->name, into);
    }
}

} // namespace

QList<RequestInPlace> requestsInOrder(const Workspace& workspace)
{
    QList<RequestInPlace> all;
    for (const Collection& collection : workspace.collections)
        collectRequests(collection, collection.name, all);
    return all;
}

QString entryName(const QString& path)
{
    return path.section(u'/', -1);
}

const RequestItem* findRequest(const Workspace& workspace, const QString& path,
                               std::vector<const Folder*>* folderChain)
{
    for (const Collection& collection : workspace.collections) {
        if (const RequestItem* found = findIn(collection, path, folderChain))
            return found;
    }
    return nullptr;
}

RequestItem* findRequest(Workspace& workspace, const QString& path)
{
    return const_cast<RequestItem*>(findRequest(std::as_const(workspace), path));
}

const Environment* findEnvironment(const Workspace& workspace, const QString& name)
{
    for (const Environment& environment : workspace.environments) {
        if (environment.name == name)
            return &environment;
    }
    return nullptr;
}

Environment* findEnvironment(Workspace& workspace, const QString& name)
{
    return const_cast<Environment*>(findEnvironment(std::as_const(workspace), name));
}

QList<FolderEntry> childrenInOrder(const Folder& folder)
{
    QList<FolderEntry> entries;
    QStringList done;
    auto add = [&](const QString& entry) {
        if (done.contains(entry))
            return;
        for (const Folder& sub : folder.folders) {
            if (entryName(sub.path) == entry) {
                done.append(entry);
                entries.append({&sub, nullptr});
                return;
            }
        }
        for (const RequestItem& item : folder.requests) {
            if (entryName(item.path) == entry) {
                done.append(entry);
                entries.append({nullptr, &item});
                return;
            }
        }
    };
    for (const QString& entry : folder.order)
        add(entry);
    for (const Folder& sub : folder.folders)
        add(entryName(sub.path));
    for (const RequestItem& item : folder.requests)
        add(entryName(item.path));
    return entries;
}

QString oneLine(const QString& name)
{
    QString line = name;
    for (QChar& c : line) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator)
            c = u' ';
    }
    return line;
}

} // namespace Keyhole::Model
