#include "app/cli/CookieJarUse.h"

#include "app/cli/CliSupport.h"
#include "core/http/CookieJar.h"
#include "core/http/Cookies.h"
#include "core/http/Exchange.h"
#include "core/workspace/CookieJarStore.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {

CookieJarUse::CookieJarUse(const Model::Workspace& workspace, const Model::Environment* environment,
                           bool wanted, Secrets::StoreOptions storeOptions)
    : m_storeOptions(std::move(storeOptions))
    , m_rootPath(workspace.rootPath)
    , m_workspaceId(workspace.id)
{
    if (!wanted || !environment || environment->fileName.isEmpty() || m_rootPath.isEmpty())
        return;
    m_environmentFile = environment->fileName;
    m_environmentName = environment->name;
    auto jar = std::make_shared<Http::CookieJar>();
    if (Workspace::hasCookieJar(m_rootPath, m_environmentFile)) {
        const std::shared_ptr<Secrets::SecretStore> secrets = store();
        if (!secrets)
            return;
        const Result<QList<QNetworkCookie>> loaded =
            await<Result<QList<QNetworkCookie>>>([&](auto done) {
                Workspace::loadCookieJar(*secrets, m_rootPath, m_workspaceId, m_environmentFile,
                                         done);
            });
        if (!loaded) {
            printErr(u"warning: the cookies of environment %1 are not used: %2"_s.arg(
                m_environmentName, loaded.error().toString()));
            return;
        }
        jar->setCookies(loaded.value());
    }
    m_loadedRevision = jar->revision();
    m_jar = std::move(jar);
}

std::shared_ptr<Secrets::SecretStore> CookieJarUse::store()
{
    if (m_store)
        return m_store;
    Result<std::shared_ptr<Secrets::SecretStore>> opened = openStore(m_storeOptions);
    if (!opened) {
        printErr(u"warning: the cookie jar of environment %1 is not used: %2"_s.arg(
            m_environmentName, opened.error().toString()));
        return {};
    }
    m_store = opened.value();
    return m_store;
}

void CookieJarUse::keep()
{
    if (!m_jar || m_jar->revision() == m_loadedRevision)
        return;
    const std::shared_ptr<Secrets::SecretStore> secrets = store();
    if (!secrets)
        return;
    const QList<QNetworkCookie> cookies = m_jar->cookies();
    const Status saved = await<Status>([&](auto done) {
        Workspace::saveCookieJar(*secrets, m_rootPath, m_workspaceId, m_environmentFile, cookies,
                                 done);
    });
    if (!saved) {
        printErr(u"warning: cookies not kept: "_s + saved.error().toString());
        return;
    }
    QStringList names;
    for (const QNetworkCookie& cookie : cookies)
        names.append(QString::fromUtf8(cookie.name()));
    printErr(cookies.isEmpty()
                 ? u"cookies: the jar of environment %1 is empty now"_s.arg(m_environmentName)
                 : u"cookies: %1 in the jar of environment %2 (values in the %3)"_s.arg(
                       names.join(u", "_s), m_environmentName, secrets->backendName()));
    m_loadedRevision = m_jar->revision();
}

int showCookies(const Model::Workspace& workspace, const Model::Environment& environment,
                bool clear, const Secrets::StoreOptions& storeOptions)
{
    const Result<QList<QNetworkCookie>> listed =
        Workspace::listCookieJar(workspace.rootPath, environment.fileName);
    if (!listed)
        return inputError(listed.error());
    if (clear) {
        if (listed.value().isEmpty())
            return 0;
        Result<std::shared_ptr<Secrets::SecretStore>> opened = openStore(storeOptions);
        if (!opened)
            return inputError(opened.error());
        const Status cleared = await<Status>([&](auto done) {
            Workspace::saveCookieJar(*opened.value(), workspace.rootPath, workspace.id,
                                     environment.fileName, {}, done);
        });
        if (!cleared)
            return inputError(cleared.error());
        printErr(u"cookies: %1 cookie(s) of environment %2 deleted"_s.arg(listed.value().size())
                     .arg(environment.name));
        return 0;
    }
    for (const QNetworkCookie& cookie : listed.value()) {
        const QString expires = cookie.isSessionCookie()
                                    ? u"session"_s
                                    : cookie.expirationDate().toUTC().toString(Qt::ISODate);
        printOut(u"%1\t%2\t%3=%4\t%5\t%6\n"_s
                     .arg(cookie.domain(), cookie.path(), QString::fromUtf8(cookie.name()),
                          QString::fromUtf8(Http::kSecretMask), expires,
                          Http::cookieFlagsText(cookie.isSecure(), cookie.isHttpOnly(),
                                                Http::sameSiteName(cookie.sameSitePolicy())))
                     .toUtf8());
    }
    return 0;
}

} // namespace Keyhole::Cli
