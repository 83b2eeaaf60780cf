#pragma once

#include "core/model/Variable.h"
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

// What saving `edited` over `saved` needs in the store (both with their secret values loaded;
// a null value is "not set"): a value written where it is new or changed, a key removed where a
// secret was unset, removed, renamed or made plain. Keys use `saved`'s environment name.
QList<SecretChange> changesForEdit(const QString& workspaceId, const Model::Environment& saved,
                                   const Model::Environment& edited);
// Every secret of `environment` moved to the keys of the environment named `to`.
QList<SecretChange> changesForRename(const QString& workspaceId,
                                     const Model::Environment& environment, const QString& to);
// Every secret of `environment` removed (an environment deleted for good).
QList<SecretChange> changesForRemoval(const QString& workspaceId,
                                      const Model::Environment& environment);

// Applies `changes` one after the other (a failed one does not stop the rest) and calls `done`
// once with the errors met. Values are wiped from memory when written.
void applySecretChanges(std::shared_ptr<SecretStore> store, QList<SecretChange> changes,
                        std::function<void(QList<Error>)> done);

} // namespace Keyhole::Secrets
