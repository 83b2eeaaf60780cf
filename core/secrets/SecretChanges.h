#pragma once

#include "core/secrets/SecretStore.h"

#include <QList>

#include <memory>

namespace Keyhole::Secrets {

// One change to the secret store, as an environment edit needs them: a value written, a key
// removed, or a value moved to another key (read, written there, removed here; nothing
// happens when there is no value).
struct SecretChange {
    enum class Kind { Write, Remove, Move };
    Kind kind = Kind::Write;
    QString key;
    QByteArray value; // Write
    QString to;       // Move
};

// Applies `changes` one after the other (a failed one does not stop the rest) and calls `done`
// once with the errors met. Values are wiped from memory when written.
void applySecretChanges(std::shared_ptr<SecretStore> store, QList<SecretChange> changes,
                        std::function<void(QList<Error>)> done);

} // namespace Keyhole::Secrets
