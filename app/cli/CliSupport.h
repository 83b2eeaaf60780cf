#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"
#include "core/secrets/SecretStoreChoice.h"

#include <QByteArray>
#include <QEventLoop>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Keyhole::Cli {

void printErr(const QString& text);
void printOut(const QByteArray& bytes);
// "keyhole-cli: where: message" and the help hint; returns the usage exit code.
int usageError(const Error& error);
// "keyhole-cli: error: where: message"; returns the usage exit code.
int inputError(const Error& error);

// Runs an asynchronous core operation to completion inside the CLI (never in core, where
// nested event loops are not allowed).
template <typename T>
T await(const std::function<void(std::function<void(T)>)>& start)
{
    std::optional<T> result;
    QEventLoop loop;
    start([&](T value) {
        result.emplace(std::move(value));
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

// A secret given as "@-": read from standard input, trailing newlines dropped.
QString readSecretFromStdin();

// Takes --secret-store NAME and --vault FILE out of `arguments`; the passphrase comes from
// KEYHOLE_VAULT_PASSPHRASE, or a prompt on the terminal when the vault is needed.
Result<Secrets::StoreOptions> takeStoreOptions(QStringList& arguments);
// Opens the secret store (printing a notice when it falls back to the vault).
Result<std::shared_ptr<Secrets::SecretStore>> openStore(const Secrets::StoreOptions& options);

// The environment with its secret values filled in from the secret store (only opened when
// the environment has secrets). Secrets that cannot be read stay unset and are reported.
Model::Environment withSecrets(const Model::Workspace& workspace,
                               const Model::Environment& environment,
                               const Secrets::StoreOptions& storeOptions);

} // namespace Keyhole::Cli
