#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace Keyhole::Workspace {

// Writes `data` to `path` atomically (QSaveFile): readers see the old file or the new one,
// never half of it. Creates missing parent directories. Fails with the path and the reason.
Status writeFileAtomic(const QString& path, const QByteArray& data);

// Creates a file that must not exist yet, in an existing directory, without syncing it to
// disk: for the many files of a tree written into a directory just created (an import), where
// one fsync per file would cost more than the rest of the work together. Fails when the file
// exists.
Status writeNewFile(const QString& path, const QByteArray& data);
// Reads a whole file; fails with the path and the reason.
Result<QByteArray> readFile(const QString& path);

} // namespace Keyhole::Workspace
