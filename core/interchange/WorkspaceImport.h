#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

namespace Keyhole::Interchange {

// What placing an import wrote, relative to the workspace root.
struct PlacedImport {
    QString targetPath;                     // folder the import went into ("" = workspace root)
    QString collectionPath;                 // the new folder made for a named collection, if any
    QStringList requestPaths;               // every request file written
    QStringList environmentNames;           // as added (renamed when the name was taken)
    QList<Model::Environment> environments; // as written, with secret values still in memory
};

// Adds an import to the workspace on disk, all or nothing.
//
// `targetFolder` names where it goes: a collection or folder by display or directory name,
// "Collection/Sub" for nesting; it is created when missing. Empty means: a named collection
// becomes a new top-level collection; loose requests (curl, HAR, .http) go into "Imported".
// Names never collide: a taken directory, file or environment name gets " 2", "-2"... Nothing
// existing is overwritten. When any write fails, everything written is removed again and the
// error names the file. Secret values are never written (the caller stores them first).
Result<PlacedImport> addToWorkspace(const Model::Workspace& workspace, ImportResult imported,
                                    const QString& targetFolder = {});

// A secret value of a placed environment, keyed for the secret store.
struct SecretToStore {
    QString key;      // Secrets::secretKey(workspace, environment, variable)
    QByteArray value; // the caller wipes it once written
    QString where;    // "environment/variable", for messages
};
// Takes the secret values out of the placed environments (the copies there are overwritten),
// ready for the secret store.
QList<SecretToStore> takeSecretValues(PlacedImport& placed, const QString& workspaceId);

// A file-system friendly name: "List items (v2)" -> "list-items-v2".
QString slugFor(const QString& name);

} // namespace Keyhole::Interchange
