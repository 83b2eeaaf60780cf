#pragma once

#include "app/cli/SendOptions.h"
#include "core/Result.h"
#include "core/model/Folder.h"
#include "core/model/PreparedRequest.h"

namespace Keyhole::Cli {

// A request to send or compare, with the workspace it came from (empty for an inline one).
struct Loaded {
    Model::Workspace workspace;
    Model::RequestTemplate request;
    QString requestPath; // relative to the workspace root; empty for an inline request
};

// Loads what `options` name: an inline METHOD URL, a request file of a workspace, or a curl
// command (whose transfer settings are folded into `options`). Errors name the place.
Result<Loaded> loadRequest(SendOptions& options);

// Resolves variables (workspace scopes, `environment`, `runtime`), the effective auth, and the
// body: the request as it would be sent.
Result<Model::PreparedRequest> prepareLoaded(const Loaded& loaded,
                                             const Model::Environment* environment,
                                             const Model::VariableList& runtime);

} // namespace Keyhole::Cli
