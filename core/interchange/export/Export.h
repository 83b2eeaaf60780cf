#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

#include <QByteArray>
#include <QStringList>

namespace Keyhole::Interchange {

// The formats saved requests can be written as: "postman", "curl", "http", "httpie",
// "python", "fetch" (HAR comes from the history's exchanges instead).
QStringList requestExportFormats();
// "Postman Collection v2.1", "curl commands", ".http file (JetBrains, VS Code REST Client)"…
QString requestExportTitle(const QString& format);
// The file name suffix a format's file usually has (".postman_collection.json", ".sh"…).
QString requestExportSuffix(const QString& format);

struct ExportedRequests {
    QByteArray content;
    // Postman with an environment: the environment file to write beside the collection.
    QByteArray environment;
    QStringList warnings;
};

// Writes `selection` (Interchange::exportSelection) as `format`. curl and the code snippets
// resolve {{variables}} with `environment`; Postman writes it as an environment file too.
// Secret values are written only with `includeSecrets`, and then only those `environment`
// carries (read from the secret store by the caller); otherwise each is named in a warning.
Result<ExportedRequests> exportRequests(const Model::Workspace& workspace,
                                        const Model::Folder& selection, const QString& format,
                                        const Model::Environment* environment, bool includeSecrets);

// Where the Postman environment goes beside the collection: x.postman_collection.json ->
// x.postman_environment.json, x.json -> x.postman_environment.json.
QString environmentFileBeside(const QString& collectionFile);

} // namespace Keyhole::Interchange
