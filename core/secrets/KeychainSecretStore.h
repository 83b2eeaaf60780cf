#pragma once

#include "core/secrets/SecretStore.h"

namespace Keyhole::Secrets {

// The OS keychain through QtKeychain: the Secret Service (GNOME Keyring, KWallet) on Linux,
// Keychain on macOS, the Credential Store on Windows. Never falls back to plain-text storage.
// A missing or locked keychain fails with code "keychain.unavailable".
class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("keyhole"));

    QString backendName() const override { return QStringLiteral("keychain"); }
    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QByteArray& value, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

private:
    QString m_service;
};

} // namespace Keyhole::Secrets
