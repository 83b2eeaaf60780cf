#include "core/auth/EffectiveAuth.h"

namespace Keyhole::Auth {

Model::AuthConfig effectiveAuth(const Model::Workspace& workspace, const QString& requestPath,
                                const Model::AuthConfig& requestAuth)
{
    if (requestAuth.kind != Model::AuthKind::Inherit)
        return requestAuth;
    std::vector<const Model::Folder*> chain;
    Model::findRequest(workspace, requestPath, &chain);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if ((*it)->auth.kind != Model::AuthKind::Inherit)
            return (*it)->auth;
    }
    Model::AuthConfig none;
    none.kind = Model::AuthKind::None;
    return none;
}

} // namespace Keyhole::Auth
