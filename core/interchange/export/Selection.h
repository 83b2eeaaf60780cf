#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

namespace Keyhole::Interchange {

// The part of a workspace to export, as one self-contained folder.
// - neither given: the whole workspace (its collections become folders; globals become the
//   folder's variables);
// - `folder`: a collection or folder by directory path ("demo-api/items") or display names
//   ("Demo API/Items");
// - `request`: one request by file path, with or without ".request.json".
// Variables of the workspace and of the enclosing folders are merged in (the nearest wins) and
// inherited auth is made explicit, so the export runs on its own.
Result<Model::Folder> exportSelection(const Model::Workspace& workspace, const QString& folder,
                                      const QString& request);

// The folder at `path` (directory path or display names), or nullptr; `chain` receives the
// folders from the collection down to it, itself included.
const Model::Folder* findFolder(const Model::Workspace& workspace, const QString& path,
                                std::vector<const Model::Folder*>* chain = nullptr);

} // namespace Keyhole::Interchange
