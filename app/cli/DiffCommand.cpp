#include "app/cli/DiffCommand.h"

#include "app/cli/CliSupport.h"
#include "app/cli/RequestLoading.h"
#include "core/diff/LineDiff.h"
#include "core/diff/MessageDiff.h"
#include "core/http/Executor.h"
#include "core/raw/RawText.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/WorkspaceStore.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

struct Side {
    QString label;
    QByteArray bytes;
};

// The raw request Keyhole would send for a request file or a curl command, secrets masked.
Result<QByteArray> plannedBytes(SendOptions options)
{
    Result<Loaded> loaded = loadRequest(options);
    if (!loaded)
        return loaded.error();
    const Model::Environment* environment = nullptr;
    if (!options.environment.isEmpty()) {
        environment = Model::findEnvironment(loaded.value().workspace, options.environment);
        if (!environment)
            return Error{u"env.missing"_s, u"no such environment"_s,
                         u"--env "_s + options.environment};
    }
    Result<Model::PreparedRequest> prepared = prepareLoaded(loaded.value(), environment, {});
    if (!prepared)
        return prepared.error();
    return Http::redactSecrets(Raw::requestBytes(Http::planRequest(prepared.value())),
                               prepared.value().secretValues);
}

} // namespace

int diffCommand(const QStringList& arguments)
{
    QList<SendOptions> requests; // sides still to load: files and curl commands
    QList<Side> sides;
    QString workspace;
    QString environment;
    Model::CompareSettings settings;
    QStringList labels;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool takesValue = argument == u"--curl" || argument == u"--workspace" ||
                                argument == u"--env" || argument == u"--ignore-header" ||
                                argument == u"--ignore-json-path";
        if (takesValue && i + 1 >= arguments.size())
            return usageError({u"usage"_s, u"missing value"_s, argument});
        if (argument == u"--workspace") {
            workspace = arguments[++i];
        } else if (argument == u"--env") {
            environment = arguments[++i];
        } else if (argument == u"--ignore-header") {
            settings.ignoreHeaders.append(arguments[++i]);
        } else if (argument == u"--ignore-json-path") {
            settings.ignoreJsonPaths.append(arguments[++i]);
        } else if (argument == u"--ignore-whitespace" || argument == u"-w") {
            settings.ignoreWhitespace = true;
        } else if (argument == u"--arrays-as-lists") {
            settings.arraysAsSequences = true;
        } else if (argument == u"--curl") {
            labels.append(u"curl"_s);
            SendOptions side;
            side.curl = arguments[++i];
            requests.append(side);
        } else if (argument.startsWith(u"--"_s)) {
            return usageError({u"usage"_s, u"unknown option for diff"_s, argument});
        } else if (!QFileInfo(argument).isFile()) {
            return usageError(
                {u"usage"_s, u"not a file (history ids come with the history)"_s, argument});
        } else {
            labels.append(argument);
            SendOptions side;
            side.requestFile = argument;
            requests.append(side);
        }
    }
    if (requests.size() != 2)
        return usageError(
            {u"usage"_s, u"expected two things to compare (files or --curl)"_s, u"diff"_s});

    for (qsizetype i = 0; i < 2; ++i) {
        SendOptions& side = requests[i];
        if (side.curl.isEmpty() && !side.requestFile.endsWith(u".request.json"_s)) {
            Result<QByteArray> bytes = Workspace::readFile(side.requestFile); // raw HTTP text
            if (!bytes)
                return inputError(bytes.error());
            sides.append({labels[i], bytes.value()});
            continue;
        }
        // A curl command has no workspace: --workspace and --env apply to request files.
        if (side.curl.isEmpty()) {
            side.workspaceDir = workspace;
            side.environment = environment;
        }
        Result<QByteArray> bytes = plannedBytes(side);
        if (!bytes)
            return inputError(bytes.error());
        sides.append({labels[i], bytes.value()});
    }

    // The workspace's saved ignore rules, then the command line's.
    if (!workspace.isEmpty()) {
        Result<Workspace::LoadReport> loaded = Workspace::loadWorkspace(workspace);
        if (!loaded)
            return inputError(loaded.error());
        const Model::CompareSettings& saved = loaded.value().workspace.compare;
        settings.ignoreHeaders = saved.ignoreHeaders + settings.ignoreHeaders;
        settings.ignoreJsonPaths = saved.ignoreJsonPaths + settings.ignoreJsonPaths;
        settings.ignoreWhitespace = settings.ignoreWhitespace || saved.ignoreWhitespace;
        settings.arraysAsSequences = settings.arraysAsSequences || saved.arraysAsSequences;
    }
    const Diff::MessageComparison comparison =
        Diff::compareMessages(sides[0].bytes, sides[1].bytes, settings);
    if (comparison.equal())
        return 0;
    printOut("# " + comparison.summary().toUtf8() + '\n');
    for (const QString& line : comparison.headers)
        printOut("# " + line.toUtf8() + '\n');
    constexpr qsizetype kShownPaths = 50;
    for (qsizetype i = 0; i < comparison.json.size() && i < kShownPaths; ++i)
        printOut("# " + Diff::describe(comparison.json[i]).toUtf8() + '\n');
    if (comparison.json.size() > kShownPaths)
        printOut("# … and " + QByteArray::number(comparison.json.size() - kShownPaths) +
                 " more JSON paths\n");
    printOut(Diff::unifiedDiff(comparison.a, comparison.b, comparison.lines, sides[0].label,
                               sides[1].label)
                 .toUtf8());
    return 1;
}

} // namespace Keyhole::Cli
