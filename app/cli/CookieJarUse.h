#pragma once

#include "core/model/Folder.h"
#include "core/secrets/SecretStoreChoice.h"

#include <memory>

namespace Keyhole::Http {
class CookieJar;
}

namespace Keyhole::Cli {

// The cookie jar of a `send --env NAME`: loaded before the send (the secret store is opened
// only when the jar has cookies), kept afterwards when a Set-Cookie changed it (the store
// opened then). No environment, a workspace-less request or --no-cookies: no jar. A jar that
// could not be read is not used, and not overwritten.
class CookieJarUse {
public:
    CookieJarUse(const Model::Workspace& workspace, const Model::Environment* environment,
                 bool wanted, Secrets::StoreOptions storeOptions);
    std::shared_ptr<Http::CookieJar> jar() const { return m_jar; }
    // Saves the jar when the send changed it; says so (or why not) on stderr.
    void keep();

private:
    std::shared_ptr<Secrets::SecretStore> store();

    std::shared_ptr<Http::CookieJar> m_jar;
    std::shared_ptr<Secrets::SecretStore> m_store;
    Secrets::StoreOptions m_storeOptions;
    QString m_rootPath;
    QString m_workspaceId;
    QString m_environmentFile;
    QString m_environmentName;
    quint64 m_loadedRevision = 0;
};

// keyhole-cli env cookies --workspace DIR --env NAME [--clear]
int showCookies(const Model::Workspace& workspace, const Model::Environment& environment,
                bool clear, const Secrets::StoreOptions& storeOptions);

} // namespace Keyhole::Cli
