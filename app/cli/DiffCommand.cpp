#include "app/cli/DiffCommand.h"

#include "app/cli/CliSupport.h"
#include "app/cli/HistoryCommand.h"
#include "app/cli/RequestLoading.h"
#include "core/diff/LineDiff.h"
#include "core/diff/MessageDiff.h"
#include "core/history/HistoryStore.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/WorkspaceStore.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

// What one side names: a raw HTTP file, a request file, a curl command or a history send.
struct Source {
    enum class Kind { File, Curl, History };
    Kind kind = Kind::File;
    QString text;
};

// A loaded side: its request and/or its response, as raw bytes, secrets masked.
struct Side {
    QString label;
    QByteArray request;
    QByteArray response;
};

// The request Keyhole would send for a request file or a curl command, prepared. Secret
// values are read from the store when the request uses them, as `send` does: two
// environments' tokens must compare by their values, not as two identical "{{token}}".
Result<Model::PreparedRequest> planned(SendOptions options,
                                       const Secrets::StoreOptions& storeOptions)
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
    if (environment && prepared &&
        Secrets::needsSecrets(*environment, prepared.value().unresolvedVariables)) {
        const Model::Environment filled =
            withSecrets(loaded.value().workspace, *environment, storeOptions);
        prepared = prepareLoaded(loaded.value(), &filled, {});
    }
    return prepared;
}

// A send from history: "h12" (the final hop) or "h12:1" (hop 1).
Result<Side> historySide(const QString& workspace, const QString& text)
{
    if (workspace.isEmpty())
        return Error{u"usage"_s, u"history ids need a workspace: give --workspace DIR"_s, text};
    const QString id = text.section(u':', 0, 0);
    Result<Http::Exchange> exchange = History::Store(workspace).exchange(id);
    if (!exchange)
        return exchange.error();
    const QList<Http::Hop>& hops = exchange.value().hops;
    if (hops.isEmpty())
        return Error{u"history.empty"_s, u"this send has no request"_s, text};
    const qsizetype hop = text.contains(u':') ? text.section(u':', 1).toLongLong() : hops.size();
    if (hop < 1 || hop > hops.size())
        return Error{u"usage"_s, u"no such hop: the send has %1"_s.arg(hops.size()), text};
    const Http::Hop& chosen = hops[hop - 1];
    return Side{text, Diff::comparedRequest(chosen), Diff::comparedResponse(chosen)};
}

// Prints one comparison (summary, header and JSON lines, unified diff); true when they differ.
bool printComparison(const QByteArray& a, const QByteArray& b, const QString& labelA,
                     const QString& labelB, const Model::CompareSettings& settings)
{
    const Diff::MessageComparison comparison = Diff::compareMessages(a, b, settings);
    if (comparison.equal())
        return false;
    printOut("# " + comparison.summary().toUtf8() + '\n');
    for (const QString& line : comparison.headers)
        printOut("# " + line.toUtf8() + '\n');
    constexpr qsizetype kShownPaths = 50;
    for (qsizetype i = 0; i < comparison.json.size() && i < kShownPaths; ++i)
        printOut("# " + Diff::describe(comparison.json[i]).toUtf8() + '\n');
    if (comparison.jsonTotal > kShownPaths)
        printOut("# … and " + QByteArray::number(comparison.jsonTotal - kShownPaths) +
                 " more JSON paths\n");
    printOut(
        Diff::unifiedDiff(comparison.a, comparison.b, comparison.lines, labelA, labelB).toUtf8());
    return true;
}

} // namespace

int diffCommand(QStringList arguments)
{
    Result<Secrets::StoreOptions> storeOptions = takeStoreOptions(arguments);
    if (!storeOptions)
        return usageError(storeOptions.error());
    QList<Source> sources;
    QString workspace;
    QString environment;
    QString environmentB; // --env-b: B's environment (the same request under two environments)
    Model::CompareSettings settings;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool takesValue = argument == u"--curl" || argument == u"--workspace" ||
                                argument == u"--env" || argument == u"--env-b" ||
                                argument == u"--ignore-header" || argument == u"--ignore-json-path";
        if (takesValue && i + 1 >= arguments.size())
            return usageError({u"usage"_s, u"missing value"_s, argument});
        if (argument == u"--workspace") {
            workspace = arguments[++i];
        } else if (argument == u"--env") {
            environment = arguments[++i];
        } else if (argument == u"--env-b") {
            environmentB = arguments[++i];
        } else if (argument == u"--ignore-header") {
            settings.ignoreHeaders.append(arguments[++i]);
        } else if (argument == u"--ignore-json-path") {
            settings.ignoreJsonPaths.append(arguments[++i]);
        } else if (argument == u"--ignore-whitespace" || argument == u"-w") {
            settings.ignoreWhitespace = true;
        } else if (argument == u"--arrays-as-lists") {
            settings.arraysAsSequences = true;
        } else if (argument == u"--curl") {
            sources.append({Source::Kind::Curl, arguments[++i]});
        } else if (argument.startsWith(u"--"_s)) {
            return usageError({u"usage"_s, u"unknown option for diff"_s, argument});
        } else if (QFileInfo(argument).isFile()) {
            sources.append({Source::Kind::File, argument});
        } else if (looksLikeHistoryId(argument)) {
            sources.append({Source::Kind::History, argument});
        } else {
            return usageError(
                {u"usage"_s, u"neither a file nor a history id (h12, last, last~1)"_s, argument});
        }
    }
    // One request file with --env-b: itself under the other environment.
    if (sources.size() == 1 && !environmentB.isEmpty() &&
        sources.first().text.endsWith(u".request.json"_s))
        sources.append(sources.first());
    if (sources.size() != 2)
        return usageError({u"usage"_s,
                           u"expected two things to compare (files, history ids or --curl)"_s,
                           u"diff"_s});

    const QString historyRoot = historyWorkspace(workspace);
    QList<Side> sides;
    std::optional<Model::PreparedRequest> preparedSides[2]; // request files and curl commands
    for (const Source& source : std::as_const(sources)) {
        const bool isB = !sides.isEmpty();
        if (source.kind == Source::Kind::History) {
            Result<Side> side = historySide(historyRoot, source.text);
            if (!side)
                return side.error().code == u"usage" ? usageError(side.error())
                                                     : inputError(side.error());
            sides.append(side.value());
            continue;
        }
        if (source.kind == Source::Kind::File && !source.text.endsWith(u".request.json"_s)) {
            Result<QByteArray> bytes = Workspace::readFile(source.text); // raw HTTP text
            if (!bytes)
                return inputError(bytes.error());
            const bool isResponse = bytes.value().startsWith("HTTP/");
            sides.append({source.text, isResponse ? QByteArray() : bytes.value(),
                          isResponse ? bytes.value() : QByteArray()});
            continue;
        }
        SendOptions options;
        if (source.kind == Source::Kind::Curl) {
            options.curl = source.text; // a curl command has no workspace
        } else {
            options.requestFile = source.text;
            options.workspaceDir = workspace;
            options.environment = isB && !environmentB.isEmpty() ? environmentB : environment;
        }
        Result<Model::PreparedRequest> prepared = planned(options, storeOptions.value());
        if (!prepared)
            return inputError(prepared.error());
        QString label = source.kind == Source::Kind::Curl ? u"curl"_s : source.text;
        if (!environmentB.isEmpty() && source.kind == Source::Kind::File)
            label += u" ["_s + options.environment + u']';
        preparedSides[static_cast<size_t>(sides.size())] = prepared.value();
        sides.append({label, {}, {}});
    }

    // Requests as they would go out, each side's secret values fingerprinted in both (equal
    // tokens compare equal, different ones differ, neither is printed).
    for (size_t i = 0; i < 2; ++i) {
        if (!preparedSides[i])
            continue;
        const std::optional<Model::PreparedRequest>& other = preparedSides[1 - i];
        sides[static_cast<qsizetype>(i)].request = Diff::plannedRequest(
            *preparedSides[i], other ? other->secretValues : QList<QByteArray>{});
    }

    // The workspace's saved ignore rules, then the command line's.
    if (!historyRoot.isEmpty()) {
        Result<Workspace::LoadReport> loaded = Workspace::loadWorkspace(historyRoot);
        if (!loaded)
            return inputError(loaded.error());
        const Model::CompareSettings& saved = loaded.value().workspace.compare;
        settings.ignoreHeaders = saved.ignoreHeaders + settings.ignoreHeaders;
        settings.ignoreJsonPaths = saved.ignoreJsonPaths + settings.ignoreJsonPaths;
        settings.ignoreWhitespace = settings.ignoreWhitespace || saved.ignoreWhitespace;
        settings.arraysAsSequences = settings.arraysAsSequences || saved.arraysAsSequences;
    }

    for (const QString& pattern : std::as_const(settings.ignoreJsonPaths)) {
        if (const QString problem = Diff::jsonPathProblem(pattern); !problem.isEmpty())
            return usageError({u"usage"_s, u"not a JSON path pattern: "_s + problem, pattern});
    }

    // Requests against requests, responses against responses: a history send has both and
    // matches what the other side has (both, when both are history sends).
    const Side& a = sides[0];
    const Side& b = sides[1];
    const bool requests = !a.request.isEmpty() && !b.request.isEmpty();
    const bool responses = !a.response.isEmpty() && !b.response.isEmpty();
    if (!requests && !responses)
        return usageError({u"usage"_s, u"a request cannot be compared with a response"_s,
                           a.label + u" / "_s + b.label});
    bool differ = false;
    if (requests)
        differ |=
            printComparison(a.request, b.request, responses ? a.label + u" request"_s : a.label,
                            responses ? b.label + u" request"_s : b.label, settings);
    if (responses)
        differ |=
            printComparison(a.response, b.response, requests ? a.label + u" response"_s : a.label,
                            requests ? b.label + u" response"_s : b.label, settings);
    return differ ? 1 : 0;
}

} // namespace Keyhole::Cli
