#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

#include <QString>

namespace Keyhole::Workspace {

// Edits of a workspace's environments (docs/workspace-format.md, "Environments"). Like the
// tree edits, each changes the files first and the in-memory workspace after, so a failure
// leaves both as they were, and each has an inverse for undo: create ↔ trash,
// trash ↔ restore, rename ↔ rename. workspace.environments stays in the order a fresh load
// gives (Model::environmentBefore: by name).
//
// Secret values are not touched here: they live in the secret store under the environment's
// name (Secrets::secretKey), so a rename must move them (Secrets::moveSecrets) and a delete
// leaves them for Undo until the trash is emptied (purgeTrashedSecrets).

// Whether `name` can name an environment: not empty, and no other environment (other than
// `except`) has it in any letter case — file systems and people confuse "Staging" and "staging".
Status checkEnvironmentName(const Model::Workspace& workspace, const QString& name,
                            const QString& except = {});
// A new environment named `name` with `variables` in a file of its own
// (environments/<slug>.json); returns its file name.
Result<QString> createEnvironment(Model::Workspace& workspace, const QString& name,
                                  const Model::VariableList& variables = {});
// A copy of environment `name` called "<name> copy" (numbered when taken), with its
// variables and current values. Secret variables are copied as secret but without a value:
// a token belongs to one environment, and a copy that silently sent another environment's
// token would be one of the failures Keyhole exists to explain. Returns the copy's name.
Result<QString> duplicateEnvironment(Model::Workspace& workspace, const QString& name);
// Renames an environment (its "name"; the file keeps its name, so git shows a one-line change).
Status renameEnvironment(Model::Workspace& workspace, const QString& from, const QString& to);
// Writes `environment` (matched by file name) and puts it in the workspace.
Status updateEnvironment(Model::Workspace& workspace, const Model::Environment& environment);

// Where a deleted environment went: a bin under .keyhole/trash holding its file (and its
// current values), for restoreEnvironment.
struct TrashedEnvironment {
    QString bin;      // relative to the root
    QString fileName; // its file name under environments/
    QString name;
};
Result<TrashedEnvironment> trashEnvironment(Model::Workspace& workspace, const QString& name);
Status restoreEnvironment(Model::Workspace& workspace, const TrashedEnvironment& trashed);
// The environments waiting in the trash (deleted in the last window), as they were saved.
std::vector<Model::Environment> environmentsInTrash(const QString& rootPath);

} // namespace Keyhole::Workspace
