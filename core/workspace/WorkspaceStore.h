#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

#include <QList>
#include <QString>

namespace Keyhole::Workspace {

inline constexpr char16_t kManifestFile[] = u"keyhole-workspace.json";
inline constexpr char16_t kFolderFile[] = u"folder.json";
inline constexpr char16_t kRequestSuffix[] = u".request.json";
inline constexpr char16_t kEnvironmentsDir[] = u"environments";

// A loaded workspace plus every file that could not be read. A broken file is reported and
// left out (never half-loaded, so a later save cannot overwrite it with partial data); the
// rest of the workspace still opens.
struct LoadReport {
    Model::Workspace workspace;
    QList<Error> problems;
};

// Loads the workspace whose root directory is `rootPath`. Fails only when the directory has
// no readable keyhole-workspace.json; problems with other files go into the report.
Result<LoadReport> loadWorkspace(const QString& rootPath);

// Loads one folder of the workspace at `rootPath` (`relative` must exist) with its requests and
// sub-folders, as loadWorkspace does; files that cannot be read go into `problems`.
Model::Folder loadFolder(const QString& rootPath, const QString& relative,
                         QList<Error>* problems = nullptr);

// `<root>/.keyhole`: this machine's data about the workspace (history, trash), created with a
// .gitignore that keeps it out of git. Empty (with the reason) when it cannot be created.
Result<QString> localDataDir(const QString& rootPath);

// Walks up from `path` (a file or directory) to the directory holding keyhole-workspace.json.
// Returns an empty string when there is none.
QString findWorkspaceRoot(const QString& path);

// Atomic writes of single files; each fails with the path and the reason.
Status saveRequest(const QString& rootPath, const Model::RequestItem& item);
// An environment's file, and its current values (or the lack of them) in .keyhole.
Status saveEnvironment(const QString& rootPath, const Model::Environment& environment);
// Where this machine's current values of the environment in `fileName` are kept, relative to
// the root: .keyhole/environments/<fileName>.
QString currentValuesPath(const QString& fileName);
Status saveFolderManifest(const QString& rootPath, const Model::Folder& folder);
enum class WriteMode {
    Atomic,   // each file replaced atomically and synced (writeFileAtomic)
    NewFiles, // every file is new, in directories this call creates (writeNewFile): imports
};
// A folder's manifest, its requests and its sub-folders, recursively.
Status saveFolderTree(const QString& rootPath, const Model::Folder& folder,
                      WriteMode mode = WriteMode::Atomic);
// keyhole-workspace.json alone (name, id, collection order, globals).
Status saveWorkspaceManifest(const Model::Workspace& workspace);
// Writes every file of the workspace (manifest, folders, requests, environments).
Status saveWorkspace(const Model::Workspace& workspace);

} // namespace Keyhole::Workspace
