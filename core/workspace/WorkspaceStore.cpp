#include "core/workspace/WorkspaceStore.h"

#include "core/workspace/AtomicFile.h"
#include "core/workspace/JsonCodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {
namespace {

QString joinPath(const QString& parent, const QString& name)
{
    return parent.isEmpty() ? name : parent + u'/' + name;
}

// Listed entries that exist first, in manifest order; then the rest, sorted, so that a file
// added by hand or by a git merge still shows up.
QStringList resolveOrder(const QStringList& manifestOrder, QStringList present)
{
    QStringList order;
    for (const QString& name : manifestOrder) {
        if (present.removeOne(name))
            order.append(name);
    }
    std::sort(present.begin(), present.end());
    order.append(present);
    return order;
}

class Loader final {
public:
    explicit Loader(QString root)
        : m_root(std::move(root))
    {}

    QList<Error> problems;

    // Loads the folder at `relative` (which must exist), recursively.
    Model::Folder loadFolder(const QString& relative)
    {
        Model::Folder folder;
        const QDir dir(m_root + u'/' + relative);
        const QString manifestPath = joinPath(relative, QString::fromUtf16(kFolderFile));
        QStringList manifestOrder;
        if (dir.exists(QString::fromUtf16(kFolderFile))) {
            Result<Model::Folder> manifest = readAndParse(manifestPath, &folderFromJson);
            if (manifest) {
                folder = std::move(manifest.value());
                manifestOrder = folder.order;
            }
        }
        folder.path = relative;
        if (folder.name.isEmpty())
            folder.name = Model::entryName(relative);

        QStringList present;
        const QStringList subdirs = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : subdirs) {
            present.append(name);
            folder.folders.push_back(loadFolder(joinPath(relative, name)));
        }
        const QStringList files =
            dir.entryList({u"*"_s + QString::fromUtf16(kRequestSuffix)}, QDir::Files, QDir::Name);
        for (const QString& name : files) {
            const QString path = joinPath(relative, name);
            Result<Model::RequestTemplate> request = readAndParse(path, &requestFromJson);
            if (!request)
                continue;
            present.append(name);
            folder.requests.push_back({path, std::move(request.value())});
        }
        folder.order = resolveOrder(manifestOrder, present);
        return folder;
    }

    std::vector<Model::Environment> loadEnvironments()
    {
        std::vector<Model::Environment> environments;
        const QString dirName = QString::fromUtf16(kEnvironmentsDir);
        const QDir dir(m_root + u'/' + dirName);
        const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        for (const QString& name : files) {
            Result<Model::Environment> environment =
                readAndParse(dirName + u'/' + name, &environmentFromJson);
            if (!environment)
                continue;
            environment.value().fileName = name;
            const QString local = currentValuesPath(name);
            if (QFileInfo::exists(m_root + u'/' + local)) {
                Result<QMap<QString, QString>> values = readAndParse(local, &currentValuesFromJson);
                if (values)
                    environment.value().currentValues = std::move(values.value());
            }
            environments.push_back(std::move(environment.value()));
        }
        std::stable_sort(environments.begin(), environments.end(), &Model::environmentBefore);
        return environments;
    }

    template <typename T>
    Result<T> readAndParse(const QString& relative,
                           Result<T> (*parse)(const QByteArray&, const QString&))
    {
        Result<QByteArray> bytes = readFile(m_root + u'/' + relative);
        if (!bytes) {
            problems.append({bytes.error().code, bytes.error().message, relative});
            return bytes.error();
        }
        Result<T> parsed = parse(bytes.value(), relative);
        if (!parsed)
            problems.append(parsed.error());
        return parsed;
    }

private:
    QString m_root;
};

QStringList orderOf(const Model::Folder& folder)
{
    // Keep the manifest order and add any child it does not list yet.
    QStringList present;
    for (const Model::Folder& sub : folder.folders)
        present.append(Model::entryName(sub.path));
    for (const Model::RequestItem& item : folder.requests)
        present.append(Model::entryName(item.path));
    return resolveOrder(folder.order, present);
}

} // namespace

Result<LoadReport> loadWorkspace(const QString& rootPath)
{
    const QString root = QDir(rootPath).absolutePath();
    const QString manifestName = QString::fromUtf16(kManifestFile);
    if (!QFileInfo(root).isDir())
        return Error{u"workspace.missing"_s, u"not a directory"_s, root};
    if (!QFileInfo::exists(root + u'/' + manifestName))
        return Error{u"workspace.missing"_s,
                     u"not a Keyhole workspace (no %1 in it)"_s.arg(manifestName), root};

    Loader loader(root);
    Result<WorkspaceManifest> manifest = loader.readAndParse(manifestName, &workspaceFromJson);
    if (!manifest)
        return manifest.error();

    LoadReport report;
    Model::Workspace& workspace = report.workspace;
    workspace.rootPath = root;
    workspace.name = manifest.value().name.isEmpty() ? QDir(root).dirName() : manifest.value().name;
    // A workspace written before ids existed is named by its location until it is saved.
    workspace.id =
        !manifest.value().id.isEmpty()
            ? manifest.value().id
            : u"path-"_s + QString::fromLatin1(
                               QCryptographicHash::hash(root.toUtf8(), QCryptographicHash::Sha256)
                                   .toHex()
                                   .left(16));
    workspace.globals = manifest.value().globals;
    workspace.compare = manifest.value().compare;

    QStringList present = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    present.removeOne(QString::fromUtf16(kEnvironmentsDir));
    for (const QString& name : resolveOrder(manifest.value().order, present))
        workspace.collections.push_back(loader.loadFolder(name));
    workspace.environments = loader.loadEnvironments();
    report.problems = loader.problems;
    return report;
}

Model::Folder loadFolder(const QString& rootPath, const QString& relative, QList<Error>* problems)
{
    Loader loader(QDir(rootPath).absolutePath());
    Model::Folder folder = loader.loadFolder(relative);
    if (problems)
        problems->append(loader.problems);
    return folder;
}

Result<QString> localDataDir(const QString& rootPath)
{
    const QString directory = QDir(rootPath).filePath(u".keyhole"_s);
    if (!QDir().mkpath(directory))
        return Error{u"io.mkdir"_s, u"cannot create Keyhole's local data folder"_s, directory};
    const QString ignore = directory + u"/.gitignore"_s;
    if (!QFile::exists(ignore))
        (void)writeFileAtomic(ignore, "# Keyhole's local data: history, trash; never shared\n*\n");
    return directory;
}

QString findWorkspaceRoot(const QString& path)
{
    QFileInfo info(path);
    QDir dir = info.isDir() ? QDir(info.absoluteFilePath()) : info.absoluteDir();
    for (int depth = 0; depth < 64; ++depth) {
        if (dir.exists(QString::fromUtf16(kManifestFile)))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}

Status saveRequest(const QString& rootPath, const Model::RequestItem& item)
{
    return writeFileAtomic(rootPath + u'/' + item.path, requestToJson(item.request));
}

QString currentValuesPath(const QString& fileName)
{
    return u".keyhole/"_s + QString::fromUtf16(kEnvironmentsDir) + u'/' + fileName;
}

Status saveEnvironment(const QString& rootPath, const Model::Environment& environment)
{
    const QString fileName =
        environment.fileName.isEmpty() ? environment.name + u".json"_s : environment.fileName;
    if (Status written = writeFileAtomic(rootPath + u'/' + QString::fromUtf16(kEnvironmentsDir) +
                                             u'/' + fileName,
                                         environmentToJson(environment));
        !written)
        return written;
    const QString local = rootPath + u'/' + currentValuesPath(fileName);
    if (environment.currentValues.isEmpty()) {
        QFile::remove(local);
        return Success{};
    }
    if (Result<QString> data = localDataDir(rootPath); !data)
        return data.error();
    QDir().mkpath(QFileInfo(local).path());
    return writeFileAtomic(local, currentValuesToJson(environment.currentValues));
}

Status saveFolderManifest(const QString& rootPath, const Model::Folder& folder)
{
    return writeFileAtomic(rootPath + u'/' + folder.path + u'/' + QString::fromUtf16(kFolderFile),
                           folderToJson(folder));
}

Status saveFolderTree(const QString& rootPath, const Model::Folder& folder, WriteMode mode)
{
    Model::Folder manifest = folder;
    manifest.order = orderOf(folder);
    if (mode == WriteMode::Atomic) {
        if (Status status = saveFolderManifest(rootPath, manifest); !status)
            return status;
    } else {
        const QString directory = rootPath + u'/' + folder.path;
        if (!QDir().mkpath(directory))
            return Error{u"io.mkdir"_s, u"cannot create the directory"_s, directory};
        if (Status status = writeNewFile(directory + u'/' + QString::fromUtf16(kFolderFile),
                                         folderToJson(manifest));
            !status)
            return status;
    }
    for (const Model::RequestItem& item : folder.requests) {
        const Status status = mode == WriteMode::Atomic ? saveRequest(rootPath, item)
                                                        : writeNewFile(rootPath + u'/' + item.path,
                                                                       requestToJson(item.request));
        if (!status)
            return status;
    }
    for (const Model::Folder& sub : folder.folders) {
        if (Status status = saveFolderTree(rootPath, sub, mode); !status)
            return status;
    }
    return Success{};
}

Status saveWorkspaceManifest(const Model::Workspace& workspace)
{
    QStringList order;
    for (const Model::Collection& collection : workspace.collections)
        order.append(collection.path);
    const QString manifestPath = workspace.rootPath + u'/' + QString::fromUtf16(kManifestFile);
    return writeFileAtomic(manifestPath, workspaceToJson(workspace, order));
}

Status saveWorkspace(const Model::Workspace& workspace)
{
    if (Status status = saveWorkspaceManifest(workspace); !status)
        return status;
    for (const Model::Collection& collection : workspace.collections) {
        if (Status status = saveFolderTree(workspace.rootPath, collection); !status)
            return status;
    }
    for (const Model::Environment& environment : workspace.environments) {
        if (Status status = saveEnvironment(workspace.rootPath, environment); !status)
            return status;
    }
    return Success{};
}

} // namespace Keyhole::Workspace
