#include "core/workspace/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {

Status writeFileAtomic(const QString& path, const QByteArray& data)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error{u"io.mkdir"_s, u"cannot create the directory"_s, dir};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{u"io.write"_s, file.errorString(), path};
    if (file.write(data) != data.size()) {
        file.cancelWriting();
        return Error{u"io.write"_s, file.errorString(), path};
    }
    if (!file.commit())
        return Error{u"io.write"_s, file.errorString(), path};
    return Success{};
}

Status writeNewFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return Error{u"io.write"_s, file.errorString(), path};
    if (file.write(data) != data.size() || !file.flush())
        return Error{u"io.write"_s, file.errorString(), path};
    return Success{};
}

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{u"io.read"_s, file.errorString(), path};
    return file.readAll();
}

} // namespace Keyhole::Workspace
