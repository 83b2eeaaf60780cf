#include "core/vars/WorkspaceScopes.h"

#include "core/auth/EffectiveAuth.h"
#include "core/vars/RequestPreparer.h"

#include <QDir>

namespace Keyhole::Vars {

Resolver resolverFor(const Model::Workspace& workspace, const QString& requestPath,
                     const Model::Environment* environment, const Model::VariableList& runtime)
{
    Resolver resolver;
    resolver.addScope(Scope::Global, workspace.globals);
    std::vector<const Model::Folder*> chain;
    Model::findRequest(workspace, requestPath, &chain);
    if (!chain.empty())
        resolver.addScope(Scope::Collection, chain.front()->variables);
    if (environment)
        resolver.addScope(Scope::Environment, Model::effectiveVariables(*environment));
    for (std::size_t i = 1; i < chain.size(); ++i)
        resolver.addScope(Scope::Folder, chain[i]->variables);
    resolver.addScope(Scope::Runtime, runtime);
    return resolver;
}

Result<Model::PreparedRequest> prepareInWorkspace(const Model::Workspace& workspace,
                                                  const QString& requestPath,
                                                  const Model::RequestTemplate& request,
                                                  const Model::Environment* environment,
                                                  const Model::VariableList& runtime)
{
    const Resolver resolver = resolverFor(workspace, requestPath, environment, runtime);
    const Model::AuthConfig auth = Auth::effectiveAuth(workspace, requestPath, request.auth);
    const QString baseDir = workspace.rootPath.isEmpty() ? QDir::currentPath() : workspace.rootPath;
    return prepareRequest(request, resolver, baseDir, &auth);
}

} // namespace Keyhole::Vars
