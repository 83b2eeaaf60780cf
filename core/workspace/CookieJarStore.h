#pragma once

#include "core/Result.h"
#include "core/secrets/SecretStore.h"

#include <QList>
#include <QNetworkCookie>
#include <QString>

#include <functional>

namespace Keyhole::Workspace {

// Where an environment's cookie jar is kept: this machine's data, never shared through git.
// The file .keyhole/cookies/<environment file> lists the cookies without their values (so a
// person, `keyhole-cli env cookies` and the loader can see what is there without opening the
// secret store); the values are one secret of the store (cookieJarSecretKey). No file: the
// jar is empty, and the store is not touched.
QString cookieJarPath(const QString& environmentFile); // relative to the root
QString cookieJarSecretKey(const QString& workspaceId, const QString& environmentFile);

// The cookies listed in the jar's file, without values; empty when there is no file.
Result<QList<QNetworkCookie>> listCookieJar(const QString& rootPath,
                                            const QString& environmentFile);
bool hasCookieJar(const QString& rootPath, const QString& environmentFile);

// The jar with its values. Cookies whose value the store has lost are left out (a problem
// says how many); a broken file is an error naming it.
void loadCookieJar(Secrets::SecretStore& store, const QString& rootPath, const QString& workspaceId,
                   const QString& environmentFile,
                   std::function<void(Result<QList<QNetworkCookie>>)> done);
// Writes the values to the store, then the file (atomically). An empty jar removes both.
void saveCookieJar(Secrets::SecretStore& store, const QString& rootPath, const QString& workspaceId,
                   const QString& environmentFile, const QList<QNetworkCookie>& cookies,
                   Secrets::DoneCallback done);

} // namespace Keyhole::Workspace
