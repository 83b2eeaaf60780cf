#include "core/model/Folder.h"

namespace Keyhole::Model {
namespace {

const RequestItem* findIn(const Folder& folder, const QString& path,
                          std::vector<const Folder*>* chain) {
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

} // namespace

QString entryName(const QString& path) {
    return path.section(u'/', -1);
}

const RequestItem* findRequest(const Workspace& workspace, const QString& path,
                               std::vector<const Folder*>* folderChain) {
    for (const Collection& collection : workspace.collections) {
        if (const RequestItem* found = findIn(collection, path, folderChain))
            return found;
    }
    return nullptr;
}

RequestItem* findRequest(Workspace& workspace, const QString& path) {
    return const_cast<RequestItem*>(findRequest(std::as_const(workspace), path));
}

const Environment* findEnvironment(const Workspace& workspace, const QString& name) {
    for (const Environment& environment : workspace.environments) {
        if (environment.name == name)
            return &environment;
    }
    return nullptr;
}

} // namespace Keyhole::Model
