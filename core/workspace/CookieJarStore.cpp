#include "core/workspace/CookieJarStore.h"

#include "core/http/CookieJar.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {

QString cookieJarPath(const QString& environmentFile)
{
    return u".keyhole/cookies/"_s + environmentFile;
}

QString cookieJarSecretKey(const QString& workspaceId, const QString& environmentFile)
{
    // ("#" keeps it apart from the workspaceId/environment/variable keys of variables.)
    return workspaceId + u"/#cookies/"_s + environmentFile;
}

bool hasCookieJar(const QString& rootPath, const QString& environmentFile)
{
    return !environmentFile.isEmpty() &&
           QFileInfo::exists(rootPath + u'/' + cookieJarPath(environmentFile));
}

Result<QList<QNetworkCookie>> listCookieJar(const QString& rootPath, const QString& environmentFile)
{
    if (!hasCookieJar(rootPath, environmentFile))
        return QList<QNetworkCookie>();
    const QString path = rootPath + u'/' + cookieJarPath(environmentFile);
    Result<QByteArray> json = readFile(path);
    if (!json)
        return json.error();
    Result<QList<QNetworkCookie>> cookies = Http::cookiesFromJson(json.value(), QByteArray());
    if (!cookies)
        return Error{cookies.error().code, cookies.error().message, path};
    return cookies;
}

void loadCookieJar(Secrets::SecretStore& store, const QString& rootPath, const QString& workspaceId,
                   const QString& environmentFile,
                   std::function<void(Result<QList<QNetworkCookie>>)> done)
{
    if (!hasCookieJar(rootPath, environmentFile))
        return done(QList<QNetworkCookie>());
    const QString path = rootPath + u'/' + cookieJarPath(environmentFile);
    Result<QByteArray> json = readFile(path);
    if (!json)
        return done(json.error());
    store.read(cookieJarSecretKey(workspaceId, environmentFile),
               [done, json = json.value(), path](Secrets::ReadResult values) {
                   if (!values)
                       return done(values.error());
                   QByteArray secret = values.value().value_or(QByteArray(""));
                   qsizetype missing = 0;
                   Result<QList<QNetworkCookie>> cookies =
                       Http::cookiesFromJson(json, secret, &missing);
                   OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
                   if (!cookies)
                       return done(Error{cookies.error().code, cookies.error().message, path});
                   if (missing > 0 && cookies.value().isEmpty())
                       return done(Error{u"cookies.lost"_s,
                                         u"the secret store has no values for the %1 cookie(s) "
                                         u"listed"_s.arg(missing),
                                         path});
                   done(cookies);
               });
}

void saveCookieJar(Secrets::SecretStore& store, const QString& rootPath, const QString& workspaceId,
                   const QString& environmentFile, const QList<QNetworkCookie>& cookies,
                   Secrets::DoneCallback done)
{
    const QString key = cookieJarSecretKey(workspaceId, environmentFile);
    const QString path = rootPath + u'/' + cookieJarPath(environmentFile);
    if (environmentFile.isEmpty())
        return done(Error{u"cookies.environment"_s, u"no environment to keep cookies for"_s, {}});
    if (cookies.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path))
            return done(Error{u"cookies.write"_s, u"cannot remove the file"_s, path});
        return store.remove(key, done);
    }
    QByteArray values = Http::cookieValuesToJson(cookies);
    store.write(key, values,
                [done, path, rootPath, json = Http::cookiesToJson(cookies)](Status written) {
                    if (!written)
                        return done(written);
                    if (Result<QString> data = localDataDir(rootPath); !data)
                        return done(data.error());
                    QDir().mkpath(QFileInfo(path).path());
                    done(writeFileAtomic(path, json));
                });
    OPENSSL_cleanse(values.data(), static_cast<size_t>(values.size()));
}

} // namespace Keyhole::Workspace
