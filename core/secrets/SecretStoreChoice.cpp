#include "core/secrets/SecretStoreChoice.h"

#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/VaultSecretStore.h"

#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Keyhole::Secrets {
namespace {

Result<Choice> openVault(const StoreOptions& options, const QString& notice)
{
    const QString path = options.vaultPath.isEmpty() ? defaultVaultPath() : options.vaultPath;
    if (options.vaultPassphrase.isEmpty())
        return Error{u"secrets.unavailable"_s,
                     notice.isEmpty()
                         ? u"the vault needs a passphrase: set KEYHOLE_VAULT_PASSPHRASE"_s
                         : notice + u"; to use the encrypted vault instead, set "
                                    "KEYHOLE_VAULT_PASSPHRASE"_s,
                     path};
    auto vault = std::make_shared<VaultSecretStore>(path, options.vaultPassphrase);
    if (Status status = vault->open(); !status)
        return status.error();
    return Choice{vault,
                  notice.isEmpty() ? QString() : notice + u"; using the encrypted vault "_s + path};
}

// Loads the secret values one after the other; `index` is the next variable to look at.
void loadFrom(SecretStore& store, QString workspaceId, Model::Environment environment,
              qsizetype index, QList<Error> errors,
              std::function<void(Model::Environment, QList<Error>)> done)
{
    while (index < environment.variables.size() && !environment.variables[index].secret)
        ++index;
    if (index >= environment.variables.size())
        return done(std::move(environment), std::move(errors));
    const QString key = secretKey(workspaceId, environment.name, environment.variables[index].name);
    store.read(key, [&store, workspaceId, environment, index, errors,
                     done](ReadResult result) mutable {
        if (!result)
            errors.append(result.error());
        else if (result.value())
            environment.variables[index].value = QString::fromUtf8(*result.value());
        loadFrom(store, workspaceId, std::move(environment), index + 1, std::move(errors), done);
    });
}

} // namespace

std::optional<Backend> backendFromName(const QString& name)
{
    if (name == u"auto")
        return Backend::Auto;
    if (name == u"keychain")
        return Backend::Keychain;
    if (name == u"vault")
        return Backend::Vault;
    if (name == u"memory")
        return Backend::Memory;
    return std::nullopt;
}

QString defaultVaultPath()
{
    const QString fromEnvironment = qEnvironmentVariable("KEYHOLE_VAULT");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           u"/Keyhole/secrets.vault"_s;
}

void chooseSecretStore(const StoreOptions& options, std::function<void(Result<Choice>)> done)
{
    switch (options.backend) {
    case Backend::Memory:
        return done(Choice{std::make_shared<MemorySecretStore>(), {}});
    case Backend::Vault:
        return done(openVault(options, {}));
    case Backend::Keychain:
        return done(Choice{std::make_shared<KeychainSecretStore>(), {}});
    case Backend::Auto:
        break;
    }
    auto keychain = std::make_shared<KeychainSecretStore>();
    keychain->read(u"keyhole/probe"_s, [keychain, options, done](ReadResult probe) {
        if (probe || probe.error().code != u"keychain.unavailable")
            return done(Choice{keychain, {}});
        done(openVault(options, u"no OS keychain answers here ("_s + probe.error().message + u')'));
    });
}

bool needsSecrets(const Model::Environment& environment, const QStringList& unresolved)
{
    return std::any_of(
        environment.variables.cbegin(), environment.variables.cend(),
        [&](const Model::Variable& v) { return v.secret && unresolved.contains(v.name); });
}

void loadSecretValues(SecretStore& store, const QString& workspaceId,
                      Model::Environment environment,
                      std::function<void(Model::Environment, QList<Error>)> done)
{
    loadFrom(store, workspaceId, std::move(environment), 0, {}, std::move(done));
}

} // namespace Keyhole::Secrets
