#pragma once

#include "core/model/Folder.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

class QRegularExpression;
class QRegularExpressionMatch;

namespace Keyhole::Interchange {

// What an importer read, before it is placed in a workspace. Paths are empty: placing
// (WorkspaceImport.h) chooses directory and file names. Nothing here has touched the disk.
struct ImportResult {
    QString format; // "Postman collection v2.1", "HAR 1.2", "curl"...
    // The imported requests and folders. The root's name is the collection's name. Until
    // placed, each folder's `order` lists its children as "folder:N" / "request:N" (indexes
    // into folders and requests), so folders and requests keep their interleaved order.
    std::optional<Model::Folder> collection;
    // True when the requests stand alone (curl, .http, HAR): they go straight into the target
    // folder instead of into a new folder named after the collection.
    bool looseRequests = false;
    // Environments to add. A secret variable still carries its value here: the caller puts it
    // in the secret store; the workspace files never get it.
    std::vector<Model::Environment> environments;
    // Names in `environments` whose variables join an existing environment of that name
    // instead of making a new one (the secrets lifted out of requests, see SecretLifting.h).
    QStringList mergeEnvironments;
    QStringList warnings; // each names its place: "$.item[2].request.auth: ..."
};

// Number of requests in a folder tree.
qsizetype requestCount(const Model::Folder& folder);

// "a=1&b&c=" as name/value rows, enabled, bytes as written (percent-decoded when `decode`).
Model::KeyValueList queryPairs(const QString& query, bool decode = false);

// Applies `rewrite(text, credential)` to every text of `request` that can hold {{variables}}
// (URL, header values, bodies, auth fields); `credential` is true for the texts that carry
// credentials (Authorization and credential-named headers and fields, passwords, tokens).
void rewriteTexts(Model::RequestTemplate& request,
                  const std::function<QString(const QString& text, bool credential)>& rewrite);

// `text` with every match of `pattern` replaced by `replace(match)`.
QString replaceMatches(const QString& text, const QRegularExpression& pattern,
                       const std::function<QString(const QRegularExpressionMatch&)>& replace);

// Variables a credential is built from (`Bearer {{access}}`, a password `{{pw}}`) are secret
// wherever the import defines them, whatever their name: the extractions that store them, the
// collection and folder variables (then lifted out of the files) and the environments' values.
void markCredentialVariables(ImportResult& imported);

// True when an environment of the import carries a secret value: placing it needs the secret
// store, which is opened before anything is written.
bool carriesSecretValues(const ImportResult& imported);

} // namespace Keyhole::Interchange
