#include "core/workspace/EnvironmentEdit.h"

#include "core/workspace/AtomicFile.h"
#include "core/workspace/CookieJarStore.h"
#include "core/workspace/JsonCodec.h"
#include "core/workspace/TreeEdit.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {
namespace {

QString environmentsDir()
{
    return QString::fromUtf16(kEnvironmentsDir);
}

QString environmentFile(const QString& root, const QString& fileName)
{
    return root + u'/' + environmentsDir() + u'/' + fileName;
}

Error noSuchEnvironment(const QString& name)
{
    return Error{u"env.missing"_s, u"no such environment"_s, name};
}

// A file name under environments/ that no environment (loaded or not: a broken file counts)
// uses: "<slug>.json", then "<slug>-2.json", ...
QString freeFileName(const Model::Workspace& workspace, const QString& name)
{
    const QString slug = slugFor(name, u"environment"_s);
    for (int n = 1;; ++n) {
        const QString candidate = (n == 1 ? slug : slug + u'-' + QString::number(n)) + u".json"_s;
        const bool taken =
            QFileInfo::exists(environmentFile(workspace.rootPath, candidate)) ||
            std::any_of(workspace.environments.begin(), workspace.environments.end(),
                        [&](const Model::Environment& e) { return e.fileName == candidate; });
        if (!taken)
            return candidate;
    }
}

void insertSorted(Model::Workspace& workspace, Model::Environment environment)
{
    auto at = std::upper_bound(workspace.environments.begin(), workspace.environments.end(),
                               environment, &Model::environmentBefore);
    workspace.environments.insert(at, std::move(environment));
}

bool rename(const QString& from, const QString& to)
{
    QDir().mkpath(QFileInfo(to).path());
    return QDir().rename(from, to);
}

} // namespace

Status checkEnvironmentName(const Model::Workspace& workspace, const QString& name,
                            const QString& except)
{
    if (name.trimmed().isEmpty())
        return Error{u"env.name"_s, u"an environment needs a name"_s, name};
    for (const Model::Environment& environment : workspace.environments) {
        if (environment.name != except &&
            environment.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return Error{u"env.name"_s, u"another environment has this name"_s, environment.name};
    }
    return Success{};
}

Result<QString> createEnvironment(Model::Workspace& workspace, const QString& name,
                                  const Model::VariableList& variables)
{
    if (Status valid = checkEnvironmentName(workspace, name); !valid)
        return valid.error();
    Model::Environment environment{name.trimmed(), freeFileName(workspace, name), variables, {}};
    QDir().mkpath(workspace.rootPath + u'/' + environmentsDir());
    if (Status saved = saveEnvironment(workspace.rootPath, environment); !saved)
        return saved.error();
    const QString fileName = environment.fileName;
    insertSorted(workspace, std::move(environment));
    return fileName;
}

Result<QString> duplicateEnvironment(Model::Workspace& workspace, const QString& name)
{
    const Model::Environment* original = Model::findEnvironment(workspace, name);
    if (!original)
        return noSuchEnvironment(name);
    QString copyName = name + u" copy"_s;
    for (int n = 2; !checkEnvironmentName(workspace, copyName); ++n)
        copyName = name + u" copy "_s + QString::number(n);
    Model::Environment copy = *original;
    for (Model::Variable& variable : copy.variables) {
        if (variable.secret)
            variable.value.clear();
    }
    copy.name = copyName;
    copy.fileName = freeFileName(workspace, copyName);
    if (Status saved = saveEnvironment(workspace.rootPath, copy); !saved)
        return saved.error();
    insertSorted(workspace, std::move(copy));
    return copyName;
}

Status renameEnvironment(Model::Workspace& workspace, const QString& from, const QString& to)
{
    Model::Environment* environment = Model::findEnvironment(workspace, from);
    if (!environment)
        return noSuchEnvironment(from);
    if (Status valid = checkEnvironmentName(workspace, to, from); !valid)
        return valid;
    Model::Environment renamed = *environment;
    renamed.name = to.trimmed();
    if (Status saved = saveEnvironment(workspace.rootPath, renamed); !saved)
        return saved;
    workspace.environments.erase(workspace.environments.begin() +
                                 (environment - workspace.environments.data()));
    insertSorted(workspace, std::move(renamed)); // its place in the list follows the name
    return Success{};
}

Status updateEnvironment(Model::Workspace& workspace, const Model::Environment& environment)
{
    auto it = std::find_if(
        workspace.environments.begin(), workspace.environments.end(),
        [&](const Model::Environment& e) { return e.fileName == environment.fileName; });
    if (it == workspace.environments.end())
        return noSuchEnvironment(environment.name);
    if (Status valid = checkEnvironmentName(workspace, environment.name, it->name); !valid)
        return valid;
    if (Status saved = saveEnvironment(workspace.rootPath, environment); !saved)
        return saved;
    workspace.environments.erase(it);
    insertSorted(workspace, environment);
    return Success{};
}

Result<TrashedEnvironment> trashEnvironment(Model::Workspace& workspace, const QString& name)
{
    auto it = std::find_if(workspace.environments.begin(), workspace.environments.end(),
                           [&](const Model::Environment& e) { return e.name == name; });
    if (it == workspace.environments.end())
        return noSuchEnvironment(name);
    if (Result<QString> data = localDataDir(workspace.rootPath); !data)
        return data.error();
    // The bin mirrors the root: <bin>/environments/<file>, <bin>/.keyhole/environments/<file>.
    TrashedEnvironment trashed{u".keyhole/trash/"_s +
                                   QUuid::createUuid().toString(QUuid::WithoutBraces),
                               it->fileName, it->name};
    const QString root = workspace.rootPath + u'/';
    if (!rename(environmentFile(workspace.rootPath, it->fileName),
                environmentFile(root + trashed.bin, it->fileName)))
        return Error{u"io.rename"_s, u"cannot move it to the trash"_s,
                     environmentsDir() + u'/' + it->fileName};
    // This machine's files about it go with it: its current values and its cookie jar.
    for (const QString& local : {currentValuesPath(it->fileName), cookieJarPath(it->fileName)}) {
        if (QFileInfo::exists(root + local))
            (void)rename(root + local, root + trashed.bin + u'/' + local);
    }
    workspace.environments.erase(it);
    return trashed;
}

Status restoreEnvironment(Model::Workspace& workspace, const TrashedEnvironment& trashed)
{
    const QString root = workspace.rootPath + u'/';
    const QString source = environmentFile(root + trashed.bin, trashed.fileName);
    const QString target = environmentFile(workspace.rootPath, trashed.fileName);
    if (QFileInfo::exists(target))
        return Error{u"env.restore"_s, u"another environment file is there now"_s,
                     environmentsDir() + u'/' + trashed.fileName};
    Result<QByteArray> bytes = readFile(source);
    if (!bytes)
        return bytes.error();
    Result<Model::Environment> environment = environmentFromJson(bytes.value(), trashed.bin);
    if (!environment)
        return environment.error();
    if (Status valid = checkEnvironmentName(workspace, environment.value().name); !valid)
        return valid;
    if (!rename(source, target))
        return Error{u"io.rename"_s, u"cannot bring it back from the trash"_s, trashed.bin};
    environment.value().fileName = trashed.fileName;
    const QString local = root + trashed.bin + u'/' + currentValuesPath(trashed.fileName);
    if (Result<QByteArray> current = readFile(local); QFileInfo::exists(local) && current) {
        if (Result<QMap<QString, QString>> values = currentValuesFromJson(current.value(), local))
            environment.value().currentValues = values.value();
        (void)rename(local, root + currentValuesPath(trashed.fileName));
    }
    const QString jar = cookieJarPath(trashed.fileName);
    if (QFileInfo::exists(root + trashed.bin + u'/' + jar))
        (void)rename(root + trashed.bin + u'/' + jar, root + jar);
    QDir(root + trashed.bin).removeRecursively();
    insertSorted(workspace, std::move(environment.value()));
    return Success{};
}

std::vector<Model::Environment> environmentsInTrash(const QString& rootPath)
{
    std::vector<Model::Environment> found;
    const QDir trash(rootPath + u"/.keyhole/trash"_s);
    const QStringList bins = trash.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& bin : bins) {
        const QDir dir(trash.filePath(bin) + u'/' + environmentsDir());
        const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        for (const QString& file : files) {
            Result<QByteArray> bytes = readFile(dir.filePath(file));
            if (!bytes)
                continue;
            if (Result<Model::Environment> environment = environmentFromJson(bytes.value(), file)) {
                environment.value().fileName = file;
                found.push_back(std::move(environment.value()));
            }
        }
    }
    return found;
}

} // namespace Keyhole::Workspace
