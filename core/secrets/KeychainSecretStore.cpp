#include "core/secrets/KeychainSecretStore.h"

#include <QObject>
#include <qt6keychain/keychain.h>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Secrets {
namespace {

Error errorOf(const QKeychain::Job& job, const QString& key)
{
    const bool unavailable =
        job.error() == QKeychain::NoBackendAvailable || job.error() == QKeychain::NotImplemented ||
        job.error() == QKeychain::AccessDenied || job.error() == QKeychain::AccessDeniedByUser ||
        job.error() == QKeychain::OtherError;
    return Error{unavailable ? u"keychain.unavailable"_s : u"keychain.error"_s,
                 u"OS keychain: "_s + job.errorString(), key};
}

// Starts `job`, calling `onFinished` with it once; the job deletes itself afterwards.
template <typename Job, typename Callback>
void run(Job* job, Callback onFinished)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [job, onFinished](QKeychain::Job*) { onFinished(*job); });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{}

void KeychainSecretStore::read(const QString& key, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    run(job, [key, done](QKeychain::ReadPasswordJob& finished) {
        if (finished.error() == QKeychain::EntryNotFound)
            return done(std::optional<QByteArray>());
        if (finished.error() != QKeychain::NoError)
            return done(errorOf(finished, key));
        done(std::optional(finished.binaryData()));
    });
}

void KeychainSecretStore::write(const QString& key, const QByteArray& value, DoneCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setBinaryData(value);
    run(job, [key, done](QKeychain::WritePasswordJob& finished) {
        done(finished.error() == QKeychain::NoError ? Status(Success{})
                                                    : Status(errorOf(finished, key)));
    });
}

void KeychainSecretStore::remove(const QString& key, DoneCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    run(job, [key, done](QKeychain::DeletePasswordJob& finished) {
        const bool ok =
            finished.error() == QKeychain::NoError || finished.error() == QKeychain::EntryNotFound;
        done(ok ? Status(Success{}) : Status(errorOf(finished, key)));
    });
}

} // namespace Keyhole::Secrets
