#pragma once

#include "core/model/Folder.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Keyhole::Testing {

// The bundled sample workspace.
QString sampleWorkspace();

// Copies every file under `from` to `to`, replacing each `replacements` pair in the bytes
// (e.g. the demo API's port). Returns false when a file cannot be copied.
bool copyTree(const QString& from, const QString& to,
              const QList<QPair<QByteArray, QByteArray>>& replacements = {});

// The workspace at `root`, which must load without a problem (the test stops otherwise).
Model::Workspace loadCleanly(const QString& root);
// `dir` emptied, filled with a copy of the sample workspace, and loaded (loadCleanly).
Model::Workspace freshSampleCopy(const QString& dir);

// The whole file, or an empty array when it cannot be read.
QByteArray readAll(const QString& path);

// Every file under `directory` (hidden ones and subdirectories included) whose bytes contain
// `needle`: where a secret must never be written.
QStringList filesContaining(const QString& directory, const QByteArray& needle);

} // namespace Keyhole::Testing
