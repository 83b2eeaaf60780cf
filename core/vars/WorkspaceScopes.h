#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"
#include "core/model/PreparedRequest.h"
#include "core/vars/Resolver.h"

namespace Keyhole::Vars {

// The scope chain for a request of `workspace` (docs/workspace-format.md, "Variables"):
// globals < collection < environment < folders (outer to inner) < request < runtime.
// `environment` may be null; `runtime` holds values given for this send only (e.g. `--var`
// on the CLI); `requestVariables` the request's own (null: those of the request at
// `requestPath` in the workspace).
Resolver resolverFor(const Model::Workspace& workspace, const QString& requestPath,
                     const Model::Environment* environment, const Model::VariableList& runtime = {},
                     const Model::KeyValueList* requestVariables = nullptr);

// `request` (at `requestPath` of `workspace`, or inline when empty) prepared as it would be
// sent: the scope chain above, the effective (inherited) auth, files relative to the workspace.
Result<Model::PreparedRequest> prepareInWorkspace(const Model::Workspace& workspace,
                                                  const QString& requestPath,
                                                  const Model::RequestTemplate& request,
                                                  const Model::Environment* environment,
                                                  const Model::VariableList& runtime = {});

} // namespace Keyhole::Vars
