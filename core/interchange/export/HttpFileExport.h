#pragma once

#include "core/model/Folder.h"

#include <QString>

namespace Keyhole::Interchange {

// Writes the requests of `folder` (depth first, in display order) as an .http file for the
// JetBrains HTTP Client and VS Code REST Client: "### Name", the request line, headers (auth
// written as the header it becomes, with its {{variables}}), a blank line, the body ("< path"
// for files, a multipart body with a fixed boundary). {{variables}} stay as they are (same
// syntax); secret values are never written.
QString exportHttpFile(const Model::Folder& folder);

} // namespace Keyhole::Interchange
