#pragma once

#include "core/model/Variable.h"
#include "core/secrets/SecretStore.h"

#include <memory>

namespace Keyhole::Secrets {

enum class Backend { Auto, Keychain, Vault, Memory };
// "auto", "keychain", "vault", "memory"; nothing for an unknown name.
std::optional<Backend> backendFromName(const QString& name);

struct StoreOptions {
    Backend backend = Backend::Auto;
    QString vaultPath;          // empty: defaultVaultPath()
    QByteArray vaultPassphrase; // usually from KEYHOLE_VAULT_PASSPHRASE
};

// $KEYHOLE_VAULT, else <user data dir>/Keyhole/secrets.vault.
QString defaultVaultPath();

struct Choice {
    std::shared_ptr<SecretStore> store;
    QString notice; // e.g. why the vault is used instead of the keychain; empty when none
};

// Opens the store `options` ask for. Auto uses the OS keychain when one answers and falls
// back to the vault — with a notice saying so — when none does. Fails with what to do
// ("set KEYHOLE_VAULT_PASSPHRASE") when neither can be used.
void chooseSecretStore(const StoreOptions& options, std::function<void(Result<Choice>)> done);

// Whether a secret of `environment` is among `unresolved` (so the store must be opened).
bool needsSecrets(const Model::Environment& environment, const QStringList& unresolved);

// Fills in the values of `environment`'s secret variables from `store` (a secret with no
// stored value stays unset, so {{name}} is reported as unresolved). Calls `done` once with
// the environment and the errors met.
void loadSecretValues(SecretStore& store, const QString& workspaceId,
                      Model::Environment environment,
                      std::function<void(Model::Environment, QList<Error>)> done);

} // namespace Keyhole::Secrets
