#include "app/cli/HistoryCommand.h"

#include "app/cli/CliCommands.h"
#include "app/cli/CliSupport.h"
#include "core/history/HistoryStore.h"
#include "core/http/ExchangeJson.h"
#include "core/raw/RawText.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
QString historyWorkspace(const QString& workspaceOption)
{
    if (!workspaceOption.isEmpty())
        return workspaceOption;
    if (QFileInfo::exists(QDir::current().filePath(u"keyhole-workspace.json"_s)))
        return QDir::currentPath();
    return {};
}

bool looksLikeHistoryId(const QString& text)
{
    static const QRegularExpression pattern(u"^(h?\\d+|last(~\\d+)?)(:\\d+)?$"_s);
    return pattern.match(text).hasMatch();
}

std::optional<PastSend> lastSuccess(const Loaded& loaded)
{
    if (loaded.workspace.rootPath.isEmpty() || loaded.requestPath.isEmpty())
        return std::nullopt;
    const History::Store store(loaded.workspace.rootPath);
    const std::optional<History::Entry> entry = store.lastSuccessful(loaded.requestPath);
    if (!entry)
        return std::nullopt;
    Result<Http::Exchange> exchange = store.exchange(entry->id);
    if (!exchange)
        return std::nullopt;
    return PastSend{*entry, exchange.value()};
}

QString recordHistory(const Http::Exchange& exchange, const Loaded& loaded,
                      const Model::Environment* environment, const SendOptions& options,
                      const QString& label)
{
    if (!options.history || loaded.workspace.rootPath.isEmpty())
        return {};
    History::Store store(loaded.workspace.rootPath);
    Result<History::Entry> entry =
        store.record(exchange, loaded.requestPath, environment ? environment->name : QString(),
                     QDateTime::currentDateTimeUtc(), label);
    if (!entry) {
        printErr(u"warning: not recorded in history: "_s + entry.error().message + u" ("_s +
                 entry.error().where + u')');
        return {};
    }
    printErr(u"history: "_s + entry.value().id +
             (label.isEmpty() ? QString() : u" ("_s + label + u')'));
    return entry.value().id;
}

namespace {

// `history delete ID…` and `history clear --yes`: all or nothing (an unknown id deletes none).
int deleteCommand(bool clear, const QStringList& arguments)
{
    const QString name = clear ? u"history clear"_s : u"history delete"_s;
    QString workspace;
    QStringList ids;
    bool yes = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == u"--workspace") {
            if (i + 1 >= arguments.size())
                return usageError({u"usage"_s, u"missing value"_s, argument});
            workspace = arguments[++i];
        } else if (argument == u"--yes" && clear) {
            yes = true;
        } else if (!clear && !argument.startsWith(u"--"_s)) {
            ids.append(argument.split(u',', Qt::SkipEmptyParts));
        } else {
            return usageError({u"usage"_s, u"unknown argument for "_s + name, argument});
        }
    }
    if (!clear && ids.isEmpty())
        return usageError({u"usage"_s, u"history delete needs ids (h3 h5, or last)"_s, name});
    if (clear && !yes)
        return usageError(
            {u"usage"_s, u"history clear deletes every send of the workspace: add --yes"_s, name});
    workspace = historyWorkspace(workspace);
    if (workspace.isEmpty())
        return usageError({u"usage"_s, u"which workspace? give --workspace DIR"_s, name});
    if (!QFileInfo(workspace).isDir()) // (a mistyped path would otherwise "delete 0 sends")
        return inputError({u"workspace.missing"_s, u"no such workspace folder"_s, workspace});
    History::Store store(workspace);
    QStringList stored;
    if (clear) {
        for (const History::Entry& entry : store.list())
            stored.append(entry.id);
    }
    for (const QString& id : std::as_const(ids)) {
        Result<History::Entry> entry = store.find(id.trimmed());
        if (!entry)
            return inputError(entry.error());
        stored.append(entry.value().id);
    }
    const Result<qsizetype> removed = store.remove(stored);
    if (!removed)
        return inputError(removed.error());
    printOut(u"Deleted %1 send(s) from history\n"_s.arg(removed.value()).toUtf8());
    return ExitOk;
}

} // namespace

int historyCommand(const QStringList& arguments)
{
    if (!arguments.isEmpty() && (arguments.first() == u"delete" || arguments.first() == u"clear"))
        return deleteCommand(arguments.first() == u"clear", arguments.mid(1));
    QString workspace;
    QString status;
    QString request;
    QString showId;
    bool json = false;
    bool raw = false;
    QStringList rest = arguments;
    const bool show = !rest.isEmpty() && rest.first() == u"show";
    if (show)
        rest.removeFirst();
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QString& argument = rest[i];
        const bool takesValue =
            argument == u"--workspace" || argument == u"--status" || argument == u"--request";
        if (takesValue && i + 1 >= rest.size())
            return usageError({u"usage"_s, u"missing value"_s, argument});
        if (argument == u"--workspace")
            workspace = rest[++i];
        else if (argument == u"--status")
            status = rest[++i].toLower();
        else if (argument == u"--request")
            request = rest[++i];
        else if (argument == u"--json")
            json = true;
        else if (argument == u"--raw" && show)
            raw = true;
        else if (show && showId.isEmpty() && !argument.startsWith(u"--"_s))
            showId = argument;
        else
            return usageError({u"usage"_s, u"unknown argument for history"_s, argument});
    }
    workspace = historyWorkspace(workspace);
    if (workspace.isEmpty())
        return usageError({u"usage"_s, u"which workspace? give --workspace DIR"_s, u"history"_s});
    const History::Store store(workspace);

    if (show) {
        if (showId.isEmpty())
            return usageError({u"usage"_s, u"history show needs an id"_s, u"history show"_s});
        Result<Http::Exchange> exchange = store.exchange(showId);
        if (!exchange)
            return inputError(exchange.error());
        if (json) {
            printOut(QJsonDocument(Http::exchangeToJson(exchange.value())).toJson());
            return ExitOk;
        }
        if (!raw) {
            printOut(Raw::readableExchange(exchange.value()).text.toUtf8());
            return ExitOk;
        }
        for (qsizetype i = 0; i < exchange.value().hops.size(); ++i) {
            const Http::Hop& hop = exchange.value().hops[i];
            if (exchange.value().hops.size() > 1)
                printOut("# hop " + QByteArray::number(i + 1) + '\n');
            printOut(Raw::requestBytes(hop.request) + "\n\n");
            if (hop.response.received)
                printOut(Raw::responseBytes(hop.response) + "\n\n");
        }
        return ExitOk;
    }

    QJsonArray array;
    for (const History::Entry& entry : store.list()) {
        if (!entry.matchesStatus(status) || (!request.isEmpty() && entry.requestPath != request))
            continue;
        if (json) {
            array.append(History::entryToJson(entry));
            continue;
        }
        const QString outcome = entry.error.isEmpty() ? QString::number(entry.status) : entry.error;
        printOut(
            u"%1  %2  %3  %4 %5%6%7\n"_s.arg(entry.id, -6)
                .arg(entry.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                .arg(outcome, -7)
                .arg(entry.method, entry.url)
                .arg(entry.requestPath.isEmpty() ? QString() : u"  "_s + entry.requestPath)
                .arg(entry.environment.isEmpty() ? QString() : u"  ["_s + entry.environment + u']')
                .toUtf8());
    }
    if (json)
        printOut(QJsonDocument(array).toJson());
    return ExitOk;
}

} // namespace Keyhole::Cli
