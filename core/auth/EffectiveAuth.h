#pragma once

#include "core/model/Folder.h"

namespace Keyhole::Auth {

// The authentication a request really uses: its own, or — for Inherit — the nearest folder's,
// then the collection's; None when nothing up the chain sets one.
Model::AuthConfig effectiveAuth(const Model::Workspace& workspace, const QString& requestPath,
                                const Model::AuthConfig& requestAuth);

} // namespace Keyhole::Auth
