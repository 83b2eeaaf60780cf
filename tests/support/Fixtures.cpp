#include "tests/support/Fixtures.h"

#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

namespace Keyhole::Testing {

QString sampleWorkspace()
{
    return QStringLiteral(KEYHOLE_SOURCE_DIR "/resources/sample-workspace");
}

Model::Workspace loadCleanly(const QString& root)
{
    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(root);
    if (!report || !report.value().problems.isEmpty())
        qFatal("cannot load %s", qPrintable(root));
    return report.value().workspace;
}

Model::Workspace freshSampleCopy(const QString& dir)
{
    QDir(dir).removeRecursively();
    if (!copyTree(sampleWorkspace(), dir))
        qFatal("cannot copy the sample workspace to %s", qPrintable(dir));
    return loadCleanly(dir);
}

bool copyTree(const QString& from, const QString& to,
              const QList<QPair<QByteArray, QByteArray>>& replacements)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString destination = to + u'/' + QDir(from).relativeFilePath(source);
        QDir().mkpath(QFileInfo(destination).absolutePath());
        QByteArray bytes = readAll(source);
        for (const auto& [before, after] : replacements)
            bytes.replace(before, after);
        QFile out(destination);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
            return false;
    }
    return true;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList filesContaining(const QString& directory, const QByteArray& needle)
{
    QStringList found;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (readAll(path).contains(needle))
            found.append(path);
    }
    return found;
}

} // namespace Keyhole::Testing
