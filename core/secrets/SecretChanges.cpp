#include "core/secrets/SecretChanges.h"

#include <openssl/crypto.h>

namespace Keyhole::Secrets {
namespace {

void wipe(QByteArray& value)
{
    if (!value.isEmpty())
        OPENSSL_cleanse(value.data(), static_cast<size_t>(value.size()));
    value.clear();
}

struct Run : std::enable_shared_from_this<Run> {
    std::shared_ptr<SecretStore> store;
    QList<SecretChange> changes;
    qsizetype next = 0;
    QList<Error> errors;
    std::function<void(QList<Error>)> done;

    ~Run()
    {
        for (SecretChange& change : changes)
            wipe(change.value);
    }

    void step()
    {
        if (next >= changes.size()) {
            auto finished = std::move(done);
            return finished(std::move(errors));
        }
        SecretChange& change = changes[next++];
        auto self = shared_from_this();
        auto after = [self](Status status) {
            if (!status)
                self->errors.append(status.error());
            self->step();
        };
        switch (change.kind) {
        case SecretChange::Kind::Write:
            store->write(change.key, change.value, [self, &change, after](Status status) {
                wipe(change.value);
                after(status);
            });
            return;
        case SecretChange::Kind::Remove:
            store->remove(change.key, after);
            return;
        case SecretChange::Kind::Move:
            store->read(change.key, [self, &change, after](ReadResult read) {
                if (!read)
                    return after(read.error());
                if (!read.value())
                    return after(Success{});
                QByteArray value = *read.value();
                wipe(*read.value());
                const QString from = change.key;
                const QString to = change.to;
                if (from.compare(to, Qt::CaseInsensitive) == 0) {
                    // A store that ignores case would lose a value written before the remove.
                    self->store->remove(from, [self, to, value, after](Status removed) mutable {
                        if (!removed)
                            return after(removed);
                        self->store->write(to, value, after);
                        wipe(value);
                    });
                } else {
                    self->store->write(to, value, [self, from, after](Status written) {
                        if (!written)
                            return after(written);
                        self->store->remove(from, after);
                    });
                }
                wipe(value);
            });
            return;
        }
    }
};

const Model::Variable* secretNamed(const Model::Environment& environment, const QString& name)
{
    for (const Model::Variable& variable : environment.variables) {
        if (variable.secret && variable.name == name)
            return &variable;
    }
    return nullptr;
}

} // namespace

QList<SecretChange> changesForEdit(const QString& workspaceId, const Model::Environment& saved,
                                   const Model::Environment& edited)
{
    QList<SecretChange> changes;
    auto key = [&](const QString& name) {
        return secretKey(workspaceId, saved.name, name);
    };
    for (const Model::Variable& variable : saved.variables) {
        if (variable.secret && !secretNamed(edited, variable.name))
            changes.append({SecretChange::Kind::Remove, key(variable.name), {}, {}});
    }
    for (const Model::Variable& variable : edited.variables) {
        if (!variable.secret)
            continue;
        const Model::Variable* before = secretNamed(saved, variable.name);
        if (before && before->value.isNull() == variable.value.isNull() &&
            before->value == variable.value)
            continue;
        if (variable.value.isNull())
            changes.append({SecretChange::Kind::Remove, key(variable.name), {}, {}});
        else
            changes.append(
                {SecretChange::Kind::Write, key(variable.name), variable.value.toUtf8(), {}});
    }
    return changes;
}

QList<SecretChange> changesForRename(const QString& workspaceId,
                                     const Model::Environment& environment, const QString& to)
{
    QList<SecretChange> changes;
    for (const Model::Variable& variable : environment.variables) {
        if (variable.secret)
            changes.append({SecretChange::Kind::Move,
                            secretKey(workspaceId, environment.name, variable.name),
                            {},
                            secretKey(workspaceId, to, variable.name)});
    }
    return changes;
}

QList<SecretChange> changesForRemoval(const QString& workspaceId,
                                      const Model::Environment& environment)
{
    QList<SecretChange> changes;
    for (const Model::Variable& variable : environment.variables) {
        if (variable.secret)
            changes.append({SecretChange::Kind::Remove,
                            secretKey(workspaceId, environment.name, variable.name),
                            {},
                            {}});
    }
    return changes;
}

void applySecretChanges(std::shared_ptr<SecretStore> store, QList<SecretChange> changes,
                        std::function<void(QList<Error>)> done)
{
    auto run = std::make_shared<Run>();
    run->store = std::move(store);
    run->changes = std::move(changes);
    run->done = std::move(done);
    run->step();
}

} // namespace Keyhole::Secrets
