#include "ui/CookieJars.h"

#include "core/http/CookieJar.h"
#include "core/workspace/CookieJarStore.h"

#include <QPointer>

namespace Keyhole::Ui {

CookieJars::CookieJars(std::function<void(StoreUser)> withStore, QObject* parent)
    : QObject(parent)
    , m_withStore(std::move(withStore))
{}

CookieJars::~CookieJars() = default;

void CookieJars::reset(const QString& rootPath, const QString& workspaceId)
{
    m_jars.clear();
    m_rootPath = rootPath;
    m_workspaceId = workspaceId;
    ++m_generation;
}

void CookieJars::keepOnly(const QStringList& environmentFiles)
{
    m_jars.removeIf([&](const auto& entry) {
        return !entry.key().isEmpty() && !environmentFiles.contains(entry.key());
    });
}

void CookieJars::use(const QString& environmentFile,
                     std::function<void(std::shared_ptr<Http::CookieJar>)> then)
{
    if (const auto it = m_jars.constFind(environmentFile); it != m_jars.cend())
        return then(it->jar);
    auto jar = std::make_shared<Http::CookieJar>();
    if (environmentFile.isEmpty() || m_rootPath.isEmpty() ||
        !Workspace::hasCookieJar(m_rootPath, environmentFile)) {
        m_jars.insert(environmentFile, {jar, jar->revision(), !environmentFile.isEmpty()});
        return then(jar);
    }
    const quint64 generation = m_generation;
    m_withStore([self = QPointer<CookieJars>(this), generation, environmentFile, jar,
                 then](const std::shared_ptr<Secrets::SecretStore>& store) {
        if (!self || self->m_generation != generation)
            return;
        auto settle = [self, generation, environmentFile, jar,
                       then](Result<QList<QNetworkCookie>> loaded) {
            if (!self || self->m_generation != generation)
                return;
            // (Asked twice while reading: the first answer's jar is the one.)
            if (const auto it = self->m_jars.constFind(environmentFile); it != self->m_jars.cend())
                return then(it->jar);
            if (loaded)
                jar->setCookies(loaded.value());
            else
                emit self->problem(tr("The cookies of this environment could not be read (%1); "
                                      "they are not sent, and not saved over")
                                       .arg(loaded.error().toString()));
            self->m_jars.insert(environmentFile, {jar, jar->revision(), bool(loaded)});
            then(jar);
        };
        if (!store)
            return settle(
                Error{QStringLiteral("cookies.store"), tr("no secret store could be opened"), {}});
        Workspace::loadCookieJar(*store, self->m_rootPath, self->m_workspaceId, environmentFile,
                                 settle);
    });
}

void CookieJars::keep(const QString& environmentFile)
{
    const auto it = m_jars.find(environmentFile);
    if (it == m_jars.end() || !it->savable || it->jar->revision() == it->savedRevision)
        return;
    const quint64 revision = it->jar->revision();
    const QList<QNetworkCookie> cookies = it->jar->cookies();
    it->savedRevision = revision;
    // Saved even when the jars are reset meanwhile (another workspace, a deleted environment):
    // the change was made, and it belongs to this workspace.
    m_withStore([self = QPointer<CookieJars>(this), root = m_rootPath, id = m_workspaceId,
                 environmentFile, cookies](const std::shared_ptr<Secrets::SecretStore>& store) {
        if (!store) {
            if (self)
                emit self->problem(tr("Cookies not saved: no secret store could be opened"));
            return;
        }
        Workspace::saveCookieJar(
            *store, root, id, environmentFile, cookies, [self, environmentFile](Status saved) {
                if (!self)
                    return;
                if (saved)
                    emit self->kept(environmentFile);
                else
                    emit self->problem(tr("Cookies not saved: %1").arg(saved.error().toString()));
            });
    });
}

} // namespace Keyhole::Ui
