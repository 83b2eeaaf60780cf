#include "core/secrets/SecretStore.h"

namespace Keyhole::Secrets {

QString secretKey(const QString& workspaceId, const QString& environment, const QString& variable)
{
    return workspaceId + u'/' + environment + u'/' + variable;
}

void MemorySecretStore::read(const QString& key, ReadCallback done)
{
    const auto it = m_values.constFind(key);
    done(it == m_values.constEnd() ? std::optional<QByteArray>() : std::optional(*it));
}

void MemorySecretStore::write(const QString& key, const QByteArray& value, DoneCallback done)
{
    m_values.insert(key, value);
    done(Success{});
}

void MemorySecretStore::remove(const QString& key, DoneCallback done)
{
    m_values.remove(key);
    done(Success{});
}

} // namespace Keyhole::Secrets
