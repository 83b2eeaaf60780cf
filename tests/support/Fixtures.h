#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Keyhole::Testing {

// The bundled sample workspace.
QString sampleWorkspace();

// Copies every file under `from` to `to`, replacing each `replacements` pair in the bytes
// (e.g. the demo API's port). Returns false when a file cannot be copied.
bool copyTree(const QString& from, const QString& to,
              const QList<QPair<QByteArray, QByteArray>>& replacements = {});

// The whole file, or an empty array when it cannot be read.
QByteArray readAll(const QString& path);

} // namespace Keyhole::Testing
