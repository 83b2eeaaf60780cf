#pragma once

#include "core/secrets/SecretStore.h"

namespace Keyhole::Secrets {

// Cost of deriving the vault key from the passphrase (scrypt). The default takes about a
// tenth of a second and 32 MiB; tests use a cheaper one.
struct ScryptCost {
    quint64 n = 1u << 15;
    quint64 r = 8;
    quint64 p = 1;
};

// An encrypted file for machines without a keychain (headless CI): AES-256-GCM with a key
// derived from a passphrase by scrypt, a fresh random nonce on every write, the header
// (format, KDF parameters, salt, nonce) authenticated with the ciphertext, atomic writes.
// A wrong passphrase or a modified file is refused with a clear error, and a vault that
// could not be opened is never overwritten. Format: docs/secrets.md.
class VaultSecretStore final : public SecretStore {
public:
    VaultSecretStore(QString path, QByteArray passphrase, ScryptCost cost = {});
    ~VaultSecretStore() override;
    VaultSecretStore(const VaultSecretStore&) = delete;
    VaultSecretStore& operator=(const VaultSecretStore&) = delete;

    // Reads and decrypts the file (a missing file is an empty vault). Every other operation
    // opens first; after a failure every operation fails with the same error.
    Status open();

    QString backendName() const override { return QStringLiteral("vault"); }
    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QByteArray& value, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

    QString path() const { return m_path; }

private:
    Status save();

    QString m_path;
    QByteArray m_passphrase;
    ScryptCost m_cost;
    QByteArray m_salt;
    QByteArray m_key;
    QHash<QString, QByteArray> m_entries;
    std::optional<Status> m_opened;
};

} // namespace Keyhole::Secrets
