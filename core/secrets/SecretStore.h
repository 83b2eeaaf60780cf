#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace Keyhole::Secrets {

// The value of a secret, or nothing when the store has no entry for the key.
using ReadResult = Result<std::optional<QByteArray>>;
using ReadCallback = std::function<void(ReadResult)>;
using DoneCallback = std::function<void(Status)>;

// Where secret values live: never in workspace files, which hold only a reference (the
// variable is marked secret; its key is secretKey()). Operations are asynchronous because OS
// keychains are services; a store may call back before the call returns. Callbacks are
// called exactly once.
class SecretStore {
public:
    virtual ~SecretStore() = default;

    // "keychain", "vault" or "memory": shown to the user ("secret, in the keychain").
    virtual QString backendName() const = 0;
    virtual void read(const QString& key, ReadCallback done) = 0;
    virtual void write(const QString& key, const QByteArray& value, DoneCallback done) = 0;
    // Removing a key that does not exist succeeds.
    virtual void remove(const QString& key, DoneCallback done) = 0;
};

// The store key of a secret variable of an environment of a workspace.
QString secretKey(const QString& workspaceId, const QString& environment, const QString& variable);

// Keeps secrets in memory only (tests, and a session that must not persist anything).
class MemorySecretStore final : public SecretStore {
public:
    QString backendName() const override { return QStringLiteral("memory"); }
    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QByteArray& value, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

private:
    QHash<QString, QByteArray> m_values;
};

} // namespace Keyhole::Secrets
