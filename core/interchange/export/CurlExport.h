#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"
#include "core/model/PreparedRequest.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keyhole::Interchange {

// A secret that must not appear in an exported command: its occurrences become a shell
// variable reference ("$TOKEN") so the command still runs once the variable is exported.
struct NamedSecret {
    QString name; // the Keyhole variable; the shell variable is its upper-case form
    QByteArray value;
};

// The request's settings become curl's options: -L (or --location-trusted) with --max-redirs
// unless redirects are off, -k, --http2, -m.
struct CurlExportOptions {
    // Replaced by $NAME references. Basic credentials built from a secret are written as
    // -u 'user:'"$PASSWORD" so curl builds the same header.
    QList<NamedSecret> secrets;
};

// A bash command that makes curl send `request` byte for byte as Keyhole would (method, URL,
// headers, body), quoted so that Keyhole's curl import reads it back to the same request:
// single quotes, $'…' for control bytes, one option per line with " \" continuations.
// Host and Content-Length are left to curl, which computes the same values; curl's own
// User-Agent and Accept: */* stay as curl's.
QString curlCommand(const Model::PreparedRequest& request, const CurlExportOptions& options = {});

// curl commands ("# name" then the command) for every request of `selection` (see
// Selection.h), resolved with the workspace's scopes and `environment`. Unless
// `includeSecrets`, each secret variable of the environment becomes a "$NAME" shell
// variable, listed in a comment at the top. Unresolved {{variables}} are listed in `warnings`.
Result<QString> exportCurl(const Model::Workspace& workspace, const Model::Folder& selection,
                           const Model::Environment* environment, bool includeSecrets,
                           QStringList& warnings);

// The shell variable a secret becomes: "api-key" -> "API_KEY".
QString shellVariableFor(const QString& name);

// One shell word for `bytes` ('…', or $'…' for control bytes) whose secret parts become
// "${VARIABLE}" references: 'Bearer '"${TOKEN}".
QString shellWord(const QByteArray& bytes, const QList<NamedSecret>& secrets = {});

} // namespace Keyhole::Interchange
