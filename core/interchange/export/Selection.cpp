#include "core/interchange/export/Selection.h"

#include "core/workspace/WorkspaceStore.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

const Model::Folder* findFolder(const Model::Workspace& workspace, const QString& path,
                                std::vector<const Model::Folder*>* chain)
{
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    const std::vector<Model::Folder>* level = &workspace.collections;
    const Model::Folder* found = nullptr;
    std::vector<const Model::Folder*> walked;
    for (const QString& segment : segments) {
        found = nullptr;
        for (const Model::Folder& folder : *level) {
            if (Model::entryName(folder.path) == segment ||
                folder.name.compare(segment, Qt::CaseInsensitive) == 0) {
                found = &folder;
                break;
            }
        }
        if (!found)
            return nullptr;
        walked.push_back(found);
        level = &found->folders;
    }
    if (chain)
        *chain = walked;
    return found;
}

namespace {

// Variables of the workspace and the chain, the nearest last so that it wins.
Model::VariableList mergedVariables(const Model::Workspace& workspace,
                                    const std::vector<const Model::Folder*>& chain)
{
    Model::VariableList merged;
    auto add = [&](const Model::VariableList& variables) {
        for (const Model::Variable& variable : variables) {
            auto existing = std::find_if(merged.begin(), merged.end(),
                                         [&](const auto& v) { return v.name == variable.name; });
            if (existing != merged.end())
                *existing = variable;
            else
                merged.append(variable);
        }
    };
    add(workspace.globals);
    for (const Model::Folder* folder : chain)
        add(folder->variables);
    return merged;
}

Model::AuthConfig inheritedAuth(const std::vector<const Model::Folder*>& chain)
{
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if ((*it)->auth.kind != Model::AuthKind::Inherit)
            return (*it)->auth;
    }
    return {};
}

} // namespace

Result<Model::Folder> exportSelection(const Model::Workspace& workspace, const QString& folder,
                                      const QString& request)
{
    if (!request.isEmpty()) {
        QString path = request;
        const QString suffix = QString::fromUtf16(Workspace::kRequestSuffix);
        if (!path.endsWith(suffix))
            path += suffix;
        std::vector<const Model::Folder*> chain;
        const Model::RequestItem* item = Model::findRequest(workspace, path, &chain);
        if (!item)
            return Error{u"export.missing"_s, u"no such request in the workspace"_s,
                         u"--request "_s + request};
        Model::Folder single;
        single.name = item->request.name;
        single.path = path;
        single.variables = mergedVariables(workspace, chain);
        single.auth = inheritedAuth(chain);
        single.requests.push_back(*item);
        return single;
    }
    // A workspace of one collection exports as that collection.
    const QString folderPath = folder.isEmpty() && workspace.collections.size() == 1
                                   ? workspace.collections.front().path
                                   : folder;
    if (!folderPath.isEmpty()) {
        std::vector<const Model::Folder*> chain;
        const Model::Folder* found = findFolder(workspace, folderPath, &chain);
        if (!found)
            return Error{u"export.missing"_s, u"no such collection or folder in the workspace"_s,
                         u"--folder "_s + folder};
        Model::Folder selected = *found;
        selected.variables = mergedVariables(workspace, chain);
        if (selected.auth.kind == Model::AuthKind::Inherit) {
            chain.pop_back();
            selected.auth = inheritedAuth(chain);
        }
        return selected;
    }
    Model::Folder all;
    all.name = workspace.name;
    all.variables = workspace.globals;
    all.folders = workspace.collections;
    for (const Model::Folder& collection : workspace.collections)
        all.order.append(Model::entryName(collection.path));
    return all;
}

} // namespace Keyhole::Interchange
