#include "core/vars/WorkspaceScopes.h"

#include "core/auth/EffectiveAuth.h"
#include "core/vars/RequestPreparer.h"

#include <QDir>

namespace Keyhole::Vars {

Resolver resolverFor(const Model::Workspace& workspace, const QString& requestPath,
                     const Model::Environment* environment, const Model::VariableList& runtime,
                     const Model::KeyValueList* requestVariables)
{
    Resolver resolver;
    resolver.addScope(Scope::Global, workspace.globals);
    std::vector<const Model::Folder*> chain;
    const Model::RequestItem* item = Model::findRequest(workspace, requestPath, &chain);
    if (!requestVariables && item)
        requestVariables = &item->request.variables;
    if (!chain.empty())
        resolver.addScope(Scope::Collection, chain.front()->variables);
    if (environment)
        resolver.addScope(Scope::Environment, Model::effectiveVariables(*environment));
    for (std::size_t i = 1; i < chain.size(); ++i)
        resolver.addScope(Scope::Folder, chain[i]->variables);
    if (requestVariables) {
        Model::VariableList own;
        for (const Model::KeyValue& variable : *requestVariables)
            if (!variable.name.trimmed().isEmpty())
                own.append({variable.name.trimmed(), variable.value, false, variable.enabled});
        resolver.addScope(Scope::Request, own);
    }
    resolver.addScope(Scope::Runtime, runtime);
    return resolver;
}

Result<Model::PreparedRequest> prepareInWorkspace(const Model::Workspace& workspace,
                                                  const QString& requestPath,
                                                  const Model::RequestTemplate& request,
                                                  const Model::Environment* environment,
                                                  const Model::VariableList& runtime)
{
    const Resolver resolver =
        resolverFor(workspace, requestPath, environment, runtime, &request.variables);
    const Model::AuthConfig auth = Auth::effectiveAuth(workspace, requestPath, request.auth);
    const QString baseDir = workspace.rootPath.isEmpty() ? QDir::currentPath() : workspace.rootPath;
    return prepareRequest(request, resolver, baseDir, &auth);
}

} // namespace Keyhole::Vars
