#include "core/interchange/WorkspaceImport.h"

#include "core/secrets/SecretStore.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/JsonCodec.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

QString slugFor(const QString& name)
{
    static const QRegularExpression separators(u"[^\\p{L}\\p{N}]+"_s);
    QString slug = name.toLower();
    slug.replace(separators, u"-"_s);
    while (slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.size() > 60)
        slug.truncate(60);
    return slug.isEmpty() ? u"untitled"_s : slug;
}

namespace {

// The folder as its folder.json says now: a folder whose manifest did not parse was loaded
// empty, and rewriting it from that model would destroy its auth and variables.
Result<Model::Folder> currentManifest(const QString& root, const Model::Folder& folder)
{
    const QString label = folder.path + u'/' + QString::fromUtf16(Workspace::kFolderFile);
    Result<QByteArray> bytes = Workspace::readFile(root + u'/' + label);
    if (!bytes)
        return folder; // no manifest yet: the loaded model is all there is
    Result<Model::Folder> parsed = Workspace::folderFromJson(bytes.value(), label);
    if (!parsed)
        return Error{parsed.error().code,
                     u"cannot add to this folder until its folder.json is fixed: "_s +
                         parsed.error().message,
                     parsed.error().where};
    Model::Folder current = folder;
    current.name = parsed.value().name;
    current.auth = parsed.value().auth;
    current.variables = parsed.value().variables;
    current.description = parsed.value().description;
    current.preserved = parsed.value().preserved;
    return current;
}

// `base` + `suffix`, or base-2 + suffix, base-3 + suffix... whichever is not in `taken`.
// Case-insensitive, so that the workspace also works on macOS and Windows file systems.
QString uniqueEntry(const QString& base, const QString& suffix, QSet<QString>& taken)
{
    QString candidate = base + suffix;
    for (int n = 2; taken.contains(candidate.toLower()); ++n)
        candidate = base + u'-' + QString::number(n) + suffix;
    taken.insert(candidate.toLower());
    return candidate;
}

QSet<QString> entriesOf(const QString& directory)
{
    QSet<QString> names;
    const QStringList entries =
        QDir(directory).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString& entry : entries)
        names.insert(entry.toLower());
    return names;
}

QString joinPath(const QString& parent, const QString& name)
{
    return parent.isEmpty() ? name : parent + u'/' + name;
}

// Gives `folder` (imported, unplaced) the directory `path` and names for all its children,
// turning the importer's "folder:N"/"request:N" order into entry names.
void assignPaths(Model::Folder& folder, const QString& path, QSet<QString> taken,
                 QStringList* requestPaths)
{
    folder.path = path;
    QStringList tokens = folder.order;
    if (tokens.isEmpty()) {
        for (size_t i = 0; i < folder.folders.size(); ++i)
            tokens.append(u"folder:"_s + QString::number(i));
        for (size_t i = 0; i < folder.requests.size(); ++i)
            tokens.append(u"request:"_s + QString::number(i));
    }
    folder.order.clear();
    for (const QString& token : std::as_const(tokens)) {
        const qsizetype index = token.section(u':', 1).toLongLong();
        if (token.startsWith(u"folder:"_s) && index < qsizetype(folder.folders.size())) {
            Model::Folder& sub = folder.folders[size_t(index)];
            const QString name = uniqueEntry(slugFor(sub.name), {}, taken);
            assignPaths(sub, joinPath(path, name), {}, requestPaths);
            folder.order.append(name);
        } else if (token.startsWith(u"request:"_s) && index < qsizetype(folder.requests.size())) {
            Model::RequestItem& item = folder.requests[size_t(index)];
            const QString name = uniqueEntry(slugFor(item.request.name),
                                             QString::fromUtf16(Workspace::kRequestSuffix), taken);
            item.path = joinPath(path, name);
            folder.order.append(name);
            requestPaths->append(item.path);
        }
    }
}

// Undoes what an import wrote when a later write fails.
class Rollback final {
public:
    explicit Rollback(QString root)
        : m_root(std::move(root))
    {}
    ~Rollback()
    {
        if (m_committed)
            return;
        for (const QString& file : std::as_const(m_files))
            QFile::remove(m_root + u'/' + file);
        for (const QString& directory : std::as_const(m_directories))
            QDir(m_root + u'/' + directory).removeRecursively();
        for (auto it = m_restore.cbegin(); it != m_restore.cend(); ++it)
            (void)Workspace::writeFileAtomic(m_root + u'/' + it.key(), it.value());
    }
    Rollback(const Rollback&) = delete;
    Rollback& operator=(const Rollback&) = delete;

    void createdFile(const QString& path) { m_files.append(path); }
    void createdDirectory(const QString& path) { m_directories.append(path); }
    void restoreFile(const QString& path, const QByteArray& bytes)
    {
        m_restore.insert(path, bytes);
    }
    void commit() { m_committed = true; }

private:
    QString m_root;
    QStringList m_files;
    QStringList m_directories;
    QHash<QString, QByteArray> m_restore;
    bool m_committed = false;
};

// Where an import goes: an existing folder of the workspace, or a chain of new ones.
struct Target {
    // The existing folder reached (nullptr: the workspace root).
    const Model::Folder* existing = nullptr;
    // Display names still to create below it, outermost first.
    QStringList toCreate;
};

const Model::Folder* findChild(const std::vector<Model::Folder>& folders, const QString& name)
{
    for (const Model::Folder& folder : folders) {
        if (folder.name.compare(name, Qt::CaseInsensitive) == 0 ||
            Model::entryName(folder.path).compare(name, Qt::CaseInsensitive) == 0)
            return &folder;
    }
    return nullptr;
}

Target resolveTarget(const Model::Workspace& workspace, const QString& targetFolder)
{
    Target target;
    const QStringList segments = targetFolder.split(u'/', Qt::SkipEmptyParts);
    const std::vector<Model::Folder>* level = &workspace.collections;
    for (const QString& raw : segments) {
        const QString segment = raw.trimmed();
        const Model::Folder* child =
            target.toCreate.isEmpty() ? findChild(*level, segment) : nullptr;
        if (child) {
            target.existing = child;
            level = &child->folders;
        } else {
            target.toCreate.append(segment);
        }
    }
    return target;
}

} // namespace

Result<PlacedImport> addToWorkspace(const Model::Workspace& workspace, ImportResult imported,
                                    const QString& targetFolder)
{
    PlacedImport placed;
    Rollback rollback(workspace.rootPath);
    const QString& root = workspace.rootPath;

    // 1. Environments: new files under new (free) names.
    QSet<QString> environmentFiles =
        entriesOf(root + u'/' + QString::fromUtf16(Workspace::kEnvironmentsDir));
    QSet<QString> environmentNames;
    for (const Model::Environment& environment : workspace.environments)
        environmentNames.insert(environment.name.toLower());
    for (Model::Environment& environment : imported.environments) {
        if (imported.mergeEnvironments.contains(environment.name)) {
            const auto sameName =
                std::find_if(workspace.environments.begin(), workspace.environments.end(),
                             [&](const Model::Environment& e) {
                                 return e.name.compare(environment.name, Qt::CaseInsensitive) == 0;
                             });
            if (const Model::Environment* existing =
                    sameName != workspace.environments.end() ? &*sameName : nullptr) {
                Model::Environment merged = *existing;
                merged.variables += environment.variables;
                const QString file =
                    QString::fromUtf16(Workspace::kEnvironmentsDir) + u'/' +
                    (merged.fileName.isEmpty() ? merged.name + u".json"_s : merged.fileName);
                Result<QByteArray> before = Workspace::readFile(root + u'/' + file);
                if (!before)
                    return before.error();
                if (Status saved = Workspace::saveEnvironment(root, merged); !saved)
                    return saved.error();
                rollback.restoreFile(file, before.value());
                placed.environmentNames.append(merged.name);
                placed.environments.append(merged);
                continue;
            }
        }
        QString name = environment.name;
        for (int n = 2; environmentNames.contains(name.toLower()); ++n)
            name = environment.name + u' ' + QString::number(n);
        environmentNames.insert(name.toLower());
        environment.name = name;
        environment.fileName = uniqueEntry(slugFor(name), u".json"_s, environmentFiles);
        if (Status saved = Workspace::saveEnvironment(root, environment); !saved)
            return saved.error();
        rollback.createdFile(QString::fromUtf16(Workspace::kEnvironmentsDir) + u'/' +
                             environment.fileName);
        placed.environmentNames.append(name);
        placed.environments.append(environment);
    }

    if (!imported.collection) {
        rollback.commit();
        return placed;
    }
    Model::Folder collection = std::move(*imported.collection);
    QString effectiveTarget = targetFolder.trimmed();
    if (effectiveTarget.split(u'/', Qt::SkipEmptyParts).isEmpty())
        effectiveTarget.clear(); // "/" means the workspace root
    if (effectiveTarget.isEmpty() && imported.looseRequests)
        effectiveTarget = u"Imported"_s;
    const Target target = resolveTarget(workspace, effectiveTarget);

    // 2. The chain of new folders, and the imported folder inside it unless its requests are
    // loose.
    QStringList chain = target.toCreate;
    if (!imported.looseRequests)
        chain.append(collection.name);
    const QString parentPath = target.existing ? target.existing->path : QString();
    QStringList parentOrder = target.existing ? target.existing->order : QStringList();
    QSet<QString> taken = entriesOf(parentPath.isEmpty() ? root : root + u'/' + parentPath);

    if (!chain.isEmpty()) {
        // Build the new subtree: chain[0]/chain[1]/.../(collection content).
        const QString firstName = uniqueEntry(slugFor(chain.first()), {}, taken);
        const QString firstPath = joinPath(parentPath, firstName);
        if (QFileInfo::exists(root + u'/' + firstPath))
            return Error{u"import.exists"_s, u"already exists"_s, firstPath};
        Model::Folder tree;
        Model::Folder* current = &tree;
        std::vector<Model::Folder*> wrappers;
        // Wrapper folders for chain[0 .. n-2], the collection itself (or a new plain folder
        // for loose requests) at the end.
        for (qsizetype i = 0; i + 1 < chain.size(); ++i) {
            current->name = chain[i];
            current->folders.emplace_back();
            current->order = {u"folder:0"_s};
            current = &current->folders.back();
        }
        const QString lastName = chain.last();
        *current = std::move(collection);
        current->name = imported.looseRequests ? lastName : current->name;
        assignPaths(tree, firstPath, {}, &placed.requestPaths);
        // The folder holding the import: the deepest of the chain.
        const Model::Folder* deepest = &tree;
        for (qsizetype i = 0; i + 1 < chain.size(); ++i)
            deepest = &deepest->folders.front();
        placed.targetPath = deepest->path;
        if (!imported.looseRequests)
            placed.collectionPath = deepest->path;
        rollback.createdDirectory(firstPath);
        if (Status saved = Workspace::saveFolderTree(root, tree, Workspace::WriteMode::NewFiles);
            !saved)
            return saved.error();
        // 3. The parent lists the new entry.
        if (target.existing) {
            Result<Model::Folder> manifest = currentManifest(root, *target.existing);
            if (!manifest)
                return manifest.error();
            Model::Folder parent = manifest.value();
            parent.order = parentOrder;
            parent.order.append(firstName);
            if (Status saved = Workspace::saveFolderManifest(root, parent); !saved)
                return saved.error();
        } else {
            Model::Workspace manifest = workspace;
            Model::Folder stub;
            stub.path = firstPath;
            manifest.collections.push_back(stub);
            if (Status saved = Workspace::saveWorkspaceManifest(manifest); !saved)
                return saved.error();
        }
    } else {
        // Loose requests (and their folders) into an existing folder.
        Result<Model::Folder> current = currentManifest(root, *target.existing);
        if (!current)
            return current.error();
        Model::Folder parent = current.value();
        QStringList requestPaths;
        Model::Folder staged = std::move(collection);
        // Place the children beside the existing ones, then write each new entry.
        assignPaths(staged, parentPath, taken, &requestPaths);
        for (const Model::RequestItem& item : staged.requests) {
            rollback.createdFile(item.path);
            if (Status saved = Workspace::saveRequest(root, item); !saved)
                return saved.error();
        }
        for (const Model::Folder& sub : staged.folders) {
            rollback.createdDirectory(sub.path);
            if (Status saved = Workspace::saveFolderTree(root, sub, Workspace::WriteMode::NewFiles);
                !saved)
                return saved.error();
        }
        parent.order = parentOrder + staged.order;
        if (Status saved = Workspace::saveFolderManifest(root, parent); !saved)
            return saved.error();
        placed.targetPath = parentPath;
        placed.requestPaths = requestPaths;
    }
    rollback.commit();
    return placed;
}

QList<SecretToStore> takeSecretValues(PlacedImport& placed, const QString& workspaceId)
{
    QList<SecretToStore> secrets;
    for (Model::Environment& environment : placed.environments) {
        for (Model::Variable& variable : environment.variables) {
            if (!variable.secret || variable.value.isEmpty())
                continue;
            secrets.append({Secrets::secretKey(workspaceId, environment.name, variable.name),
                            variable.value.toUtf8(), environment.name + u'/' + variable.name});
            variable.value.fill(u' ');
            variable.value.clear();
        }
    }
    return secrets;
}

} // namespace Keyhole::Interchange
