#include "core/workspace/Unsaved.h"

#include "core/workspace/AtomicFile.h"
#include "core/workspace/JsonCodec.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {
namespace {

constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QString directoryOf(const QString& rootPath)
{
    return rootPath + u"/.keyhole/unsaved"_s;
}

// The request's path, encoded into a file name (no '/', reversible).
QString fileOf(const QString& rootPath, const QString& requestPath)
{
    return directoryOf(rootPath) + u'/' +
           QString::fromLatin1(requestPath.toUtf8().toBase64(kEncoding)) + u".json"_s;
}

} // namespace

Status keepUnsaved(const QString& rootPath, const QString& requestPath,
                   const Model::RequestTemplate& request)
{
    if (const Result<QString> data = localDataDir(rootPath); !data)
        return data.error();
    return writeFileAtomic(fileOf(rootPath, requestPath), requestToJson(request));
}

void forgetUnsaved(const QString& rootPath, const QString& requestPath)
{
    QFile::remove(fileOf(rootPath, requestPath));
}

QList<UnsavedEdit> unsavedEdits(const QString& rootPath)
{
    QList<UnsavedEdit> edits;
    const QDir directory(directoryOf(rootPath));
    for (const QString& name : directory.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        const QByteArray encoded = name.chopped(5).toLatin1();
        const auto decoded = QByteArray::fromBase64Encoding(encoded, kEncoding);
        const Result<QByteArray> bytes = readFile(directory.filePath(name));
        Result<Model::RequestTemplate> request =
            bytes ? requestFromJson(bytes.value(), name)
                  : Result<Model::RequestTemplate>(bytes.error());
        if (!decoded || !request) {
            QFile::remove(directory.filePath(name));
            continue;
        }
        edits.append({QString::fromUtf8(decoded.decoded), std::move(request.value())});
    }
    return edits;
}

} // namespace Keyhole::Workspace
