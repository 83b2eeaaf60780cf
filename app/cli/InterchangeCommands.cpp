#include "app/cli/InterchangeCommands.h"

#include "app/cli/CliSupport.h"
#include "app/cli/HistoryCommand.h"
#include "core/interchange/ImportAny.h"
#include "core/interchange/WorkspaceImport.h"
#include "core/interchange/export/Export.h"
#include "core/interchange/export/HarExport.h"
#include "core/interchange/export/Selection.h"
#include "core/secrets/SecretStore.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

constexpr int kExitOk = 0;

struct Arguments {
    QString format;
    QString file;
    QString workspace;
    QString folder;
    QString request;
    QString environment;
    QString output;
    QString history; // export har: "h3,h5" (default: every send, or those of --request)
    bool includeSecrets = false;
    Secrets::StoreOptions store;
};

// Parses "FORMAT [FILE] --option value..." for import and export.
Result<Arguments> parseArguments(const QString& command, QStringList arguments)
{
    Result<Secrets::StoreOptions> store = takeStoreOptions(arguments);
    if (!store)
        return store.error();
    Arguments parsed;
    parsed.store = store.value();
    const QHash<QString, QString Arguments::*> valued{
        {u"--into"_s, &Arguments::workspace},  {u"--workspace"_s, &Arguments::workspace},
        {u"--folder"_s, &Arguments::folder},   {u"--request"_s, &Arguments::request},
        {u"--env"_s, &Arguments::environment}, {u"-o"_s, &Arguments::output},
        {u"--output"_s, &Arguments::output},   {u"--history"_s, &Arguments::history},
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (valued.contains(argument)) {
            if (i + 1 >= arguments.size())
                return Error{u"usage"_s, u"missing value"_s, argument};
            parsed.*valued.value(argument) = arguments[++i];
        } else if (argument == u"--include-secrets") {
            parsed.includeSecrets = true;
        } else if (argument.startsWith(u"--"_s) ||
                   (argument.startsWith(u'-') && argument != u"-")) {
            return Error{u"usage"_s, u"unknown option for %1"_s.arg(command), argument};
        } else if (parsed.format.isEmpty()) {
            parsed.format = argument;
        } else if (parsed.file.isEmpty()) {
            parsed.file = argument;
        } else {
            return Error{u"usage"_s, u"unexpected argument"_s, argument};
        }
    }
    return parsed;
}

Result<QByteArray> readInput(const QString& file)
{
    if (file == u"-") {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return Error{u"import.read"_s, u"cannot read standard input"_s, u"-"_s};
        return in.readAll();
    }
    return Workspace::readFile(file);
}

Result<Interchange::ImportResult> readImport(const Arguments& arguments, const QByteArray& data)
{
    const QString label = arguments.file == u"-" ? u"(stdin)"_s : arguments.file;
    const QString baseDir =
        arguments.file == u"-" ? QDir::currentPath() : QFileInfo(arguments.file).absolutePath();
    if (!Interchange::importFormats().contains(arguments.format))
        return Error{u"usage"_s, u"expected %1"_s.arg(Interchange::importFormats().join(u", "_s)),
                     u"import "_s + arguments.format};
    return Interchange::importData(arguments.format, data, label, baseDir);
}

// Puts the imported environments' secret values in the secret store, wiping each copy.
Status storeSecrets(Interchange::PlacedImport& placed, const QString& workspaceId,
                    const std::shared_ptr<Secrets::SecretStore>& store)
{
    QList<Interchange::SecretToStore> secrets = Interchange::takeSecretValues(placed, workspaceId);
    Status result = Success{};
    for (Interchange::SecretToStore& secret : secrets) {
        const Status written =
            await<Status>([&](auto done) { store->write(secret.key, secret.value, done); });
        OPENSSL_cleanse(secret.value.data(), static_cast<size_t>(secret.value.size()));
        if (!written && result.ok())
            result = Error{written.error().code,
                           u"%1 (set it again with keyhole-cli env set --secret)"_s.arg(
                               written.error().message),
                           secret.where};
    }
    return result;
}

int importCommand(const Arguments& arguments)
{
    if (arguments.file.isEmpty())
        return usageError({u"usage"_s, u"missing FILE (or - for standard input)"_s,
                           u"import "_s + arguments.format});
    if (arguments.workspace.isEmpty())
        return usageError({u"usage"_s, u"missing --into WORKSPACE"_s, u"import"_s});
    Result<QByteArray> data = readInput(arguments.file);
    if (!data)
        return inputError(data.error());
    Result<Interchange::ImportResult> imported = readImport(arguments, data.value());
    if (!imported)
        return inputError(imported.error());
    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(arguments.workspace);
    if (!report)
        return inputError(report.error());
    const Model::Workspace& workspace = report.value().workspace;

    // Literal credentials never land in the workspace files: they become secret variables.
    Interchange::liftSecretsInto(imported.value(), workspace, arguments.environment);

    // The secret store is opened before anything is written, so a missing store writes nothing.
    std::shared_ptr<Secrets::SecretStore> store;
    if (Interchange::carriesSecretValues(imported.value())) {
        Result<std::shared_ptr<Secrets::SecretStore>> opened = openStore(arguments.store);
        if (!opened)
            return inputError(opened.error());
        store = opened.value();
    }
    const QString format = imported.value().format;
    const QStringList warnings = imported.value().warnings;
    const qsizetype folders = [&] {
        qsizetype count = 0;
        std::function<void(const Model::Folder&)> walk = [&](const Model::Folder& f) {
            count += qsizetype(f.folders.size());
            for (const Model::Folder& sub : f.folders)
                walk(sub);
        };
        if (imported.value().collection)
            walk(*imported.value().collection);
        return count;
    }();
    Result<Interchange::PlacedImport> placed =
        Interchange::addToWorkspace(workspace, std::move(imported.value()), arguments.folder);
    if (!placed)
        return inputError(placed.error());
    if (store) {
        if (Status stored = storeSecrets(placed.value(), workspace.id, store); !stored)
            return inputError(stored.error());
    }
    QString summary = u"Imported %1"_s.arg(format);
    if (!placed.value().requestPaths.isEmpty())
        summary +=
            u": %1 request(s) in %2 folder(s) into %3/"_s.arg(placed.value().requestPaths.size())
                .arg(folders)
                .arg(placed.value().targetPath);
    if (!placed.value().environmentNames.isEmpty())
        summary += u"; environment(s): %1"_s.arg(placed.value().environmentNames.join(u", "_s));
    printOut(summary.toUtf8() + '\n');
    for (const QString& path : std::as_const(placed.value().requestPaths))
        printOut("  " + path.toUtf8() + '\n');
    for (const QString& warning : warnings)
        printErr(u"warning: "_s + warning);
    return kExitOk;
}

// HAR comes from exchanges, not from saved requests: the sends of the workspace's history
// (already masked), oldest first.
int exportHarCommand(const Arguments& arguments)
{
    const QString root = historyWorkspace(arguments.workspace);
    if (root.isEmpty())
        return usageError({u"usage"_s, u"missing --workspace DIR"_s, u"export har"_s});
    if (arguments.output.isEmpty())
        return usageError({u"usage"_s, u"missing -o FILE (- for standard output)"_s, u"export"_s});
    const History::Store store(root);
    QList<History::Entry> chosen;
    if (!arguments.history.isEmpty()) {
        for (const QString& id : arguments.history.split(u',', Qt::SkipEmptyParts)) {
            Result<History::Entry> entry = store.find(id.trimmed());
            if (!entry)
                return inputError(entry.error());
            chosen.append(entry.value());
        }
    } else {
        for (const History::Entry& entry : store.list()) {
            if (arguments.request.isEmpty() || entry.requestPath == arguments.request)
                chosen.prepend(entry); // oldest first
        }
    }
    if (chosen.isEmpty())
        return inputError(
            {u"export.empty"_s, u"no sends in this workspace's history to export"_s, root});
    Result<QList<Interchange::HarSend>> sends = Interchange::historySends(store, chosen);
    if (!sends)
        return inputError(sends.error());
    qsizetype entries = 0;
    for (const Interchange::HarSend& send : std::as_const(sends.value()))
        entries += send.exchange.hops.size();
    const QByteArray har = Interchange::exportHar(sends.value());
    if (arguments.output == u"-") {
        printOut(har);
        return kExitOk;
    }
    if (Status written =
            Workspace::writeFileAtomic(QFileInfo(arguments.output).absoluteFilePath(), har);
        !written)
        return inputError(written.error());
    printOut(u"Exported %1 send(s), %2 HAR entries, to %3\n"_s.arg(sends.value().size())
                 .arg(entries)
                 .arg(arguments.output)
                 .toUtf8());
    return kExitOk;
}

int exportCommand(const Arguments& arguments)
{
    if (arguments.format != u"har" &&
        !Interchange::requestExportFormats().contains(arguments.format))
        return usageError({u"usage"_s,
                           u"expected postman, har, curl, http, httpie, python or fetch"_s,
                           u"export "_s + arguments.format});
    if (arguments.format == u"har")
        return exportHarCommand(arguments);
    if (arguments.workspace.isEmpty())
        return usageError({u"usage"_s, u"missing --workspace DIR"_s, u"export"_s});
    if (arguments.output.isEmpty())
        return usageError({u"usage"_s, u"missing -o FILE (- for standard output)"_s, u"export"_s});
    if (!arguments.request.isEmpty() && !arguments.folder.isEmpty())
        return usageError({u"usage"_s, u"give --request or --folder, not both"_s, u"export"_s});
    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(arguments.workspace);
    if (!report)
        return inputError(report.error());
    for (const Error& problem : std::as_const(report.value().problems))
        printErr(u"warning: "_s + problem.toString());
    const Model::Workspace& workspace = report.value().workspace;
    Result<Model::Folder> selection =
        Interchange::exportSelection(workspace, arguments.folder, arguments.request);
    if (!selection)
        return inputError(selection.error());
    std::optional<Model::Environment> environment;
    if (!arguments.environment.isEmpty()) {
        const Model::Environment* found = Model::findEnvironment(workspace, arguments.environment);
        if (!found)
            return inputError(
                {u"env.missing"_s, u"no such environment"_s, u"--env "_s + arguments.environment});
        environment =
            arguments.includeSecrets ? withSecrets(workspace, *found, arguments.store) : *found;
    }

    Result<Interchange::ExportedRequests> exported = Interchange::exportRequests(
        workspace, selection.value(), arguments.format, environment ? &*environment : nullptr,
        arguments.includeSecrets);
    if (!exported)
        return inputError(exported.error());
    auto write = [](const QString& path, const QByteArray& bytes) -> Status {
        if (path == u"-") {
            printOut(bytes);
            return Success{};
        }
        return Workspace::writeFileAtomic(QFileInfo(path).absoluteFilePath(), bytes);
    };
    if (Status written = write(arguments.output, exported.value().content); !written)
        return inputError(written.error());
    if (arguments.output != u"-")
        printOut("Exported " + arguments.format.toUtf8() + " to " + arguments.output.toUtf8() +
                 '\n');
    if (!exported.value().environment.isEmpty() && arguments.output != u"-") {
        const QString file = Interchange::environmentFileBeside(arguments.output);
        if (Status written = write(file, exported.value().environment); !written)
            return inputError(written.error());
        printOut("Exported environment " + environment->name.toUtf8() + " to " + file.toUtf8() +
                 '\n');
    }
    for (const QString& warning : std::as_const(exported.value().warnings))
        printErr(u"warning: "_s + warning);
    return kExitOk;
}

} // namespace

int interchangeCommand(const QString& command, const QStringList& arguments)
{
    Result<Arguments> parsed = parseArguments(command, arguments);
    if (!parsed)
        return usageError(parsed.error());
    if (parsed.value().format.isEmpty())
        return usageError({u"usage"_s, u"missing FORMAT"_s, command});
    return command == u"import" ? importCommand(parsed.value()) : exportCommand(parsed.value());
}

} // namespace Keyhole::Cli
