#include "core/history/HistoryStore.h"

#include "core/http/ExchangeJson.h"
#include "core/workspace/AtomicFile.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::History {
namespace {

constexpr auto kIndex = u"index.jsonl";
// The highest number a deleted send had: ids are not reused after a delete.
constexpr auto kLastDeleted = u"last-deleted-id";

} // namespace

QJsonObject entryToJson(const Entry& entry)
{
    QJsonObject object{{u"id"_s, entry.id},
                       {u"time"_s, entry.time.toString(Qt::ISODateWithMs)},
                       {u"request"_s, entry.requestPath},
                       {u"environment"_s, entry.environment},
                       {u"method"_s, entry.method},
                       {u"url"_s, entry.url},
                       {u"status"_s, entry.status},
                       {u"error"_s, entry.error},
                       {u"total_ms"_s, entry.totalMs},
                       {u"hops"_s, entry.hops}};
    if (!entry.label.isEmpty())
        object.insert(u"label"_s, entry.label);
    return object;
}

namespace {

std::optional<Entry> entryFromJson(const QByteArray& line)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    Entry entry;
    entry.id = object.value(u"id"_s).toString();
    if (entry.id.isEmpty())
        return std::nullopt;
    entry.time = QDateTime::fromString(object.value(u"time"_s).toString(), Qt::ISODateWithMs);
    entry.requestPath = object.value(u"request"_s).toString();
    entry.environment = object.value(u"environment"_s).toString();
    entry.method = object.value(u"method"_s).toString();
    entry.url = object.value(u"url"_s).toString();
    entry.status = object.value(u"status"_s).toInt();
    entry.error = object.value(u"error"_s).toString();
    entry.totalMs = object.value(u"total_ms"_s).toDouble();
    entry.hops = object.value(u"hops"_s).toInt();
    entry.label = object.value(u"label"_s).toString();
    return entry;
}

int numberOf(const QString& id)
{
    return id.startsWith(u'h') ? id.mid(1).toInt() : 0;
}

// The number of the newest send ever deleted in `directory` (0 when none).
int lastDeleted(const QString& directory)
{
    QFile file(QDir(directory).filePath(QString::fromUtf16(kLastDeleted)));
    return file.open(QIODevice::ReadOnly) ? numberOf(QString::fromLatin1(file.readAll().trimmed()))
                                          : 0;
}

// How much more than the limit is masked before the final cut: a secret that straddles the
// limit is whole in it, so it is masked whole before it is cut.
constexpr qsizetype kMaskedMargin = 64 * 1024;

// Before masking: a body is cut to the limit and a margin (masking reads the whole text:
// seconds on a 200 MB body).
void cutForMasking(QByteArray& body)
{
    if (body.size() > Store::kStoredBodyLimit + kMaskedMargin)
        body = body.left(Store::kStoredBodyLimit + kMaskedMargin);
}

// After masking: cut at the limit, at a separator — a line end, a space, JSON or form
// punctuation — rather than inside a value.
void cutBody(QByteArray& body, QStringList& warnings, const QString& what, qsizetype received)
{
    if (body.size() <= Store::kStoredBodyLimit)
        return;
    warnings.append(u"history: %1 cut at %2 MB of %3 bytes"_s.arg(what)
                        .arg(Store::kStoredBodyLimit / (1024 * 1024))
                        .arg(received));
    qsizetype cut = Store::kStoredBodyLimit; // no separator near the end: at the limit
    constexpr qsizetype kLookBack = 64 * 1024;
    const QByteArrayView separators("\n ,{}[]&;\t");
    for (qsizetype at = cut; at > Store::kStoredBodyLimit - kLookBack; --at) {
        if (separators.contains(body.at(at))) { // at(): no detach, no copy
            cut = at;
            break;
        }
    }
    body = body.left(cut);
}

} // namespace

bool Entry::matchesStatus(const QString& filter) const
{
    if (filter.isEmpty())
        return true;
    if (filter == u"error")
        return !error.isEmpty();
    if (filter.size() == 3 && filter.endsWith(u"xx"_s))
        return status / 100 == filter.left(1).toInt();
    return QString::number(status) == filter;
}

Store::Store(QString workspaceRoot, int keep)
    : m_directory(directoryOf(workspaceRoot))
    , m_keep(std::max(1, keep))
{}

QString Store::directoryOf(const QString& workspaceRoot)
{
    return QDir(workspaceRoot).filePath(u".keyhole/history"_s);
}

Result<Entry> Store::record(const Http::Exchange& exchange, const QString& requestPath,
                            const QString& environment, const QDateTime& time, const QString& label)
{
    // <root>/.keyhole/history: the local data folder (git-ignored) first.
    if (!Workspace::localDataDir(QFileInfo(QFileInfo(m_directory).path()).path()) ||
        !QDir().mkpath(m_directory))
        return Error{u"history.write"_s, u"cannot create the history folder"_s, m_directory};

    Http::Exchange cut = exchange;
    for (Http::Hop& hop : cut.hops) {
        cutForMasking(hop.request.body);
        cutForMasking(hop.response.body);
        cutForMasking(hop.response.decodedBody);
    }
    Http::Exchange stored = Http::maskCredentials(cut);
    stored.secretValues.clear();
    for (qsizetype i = 0; i < stored.hops.size(); ++i) {
        Http::Hop& hop = stored.hops[i];
        const Http::Hop& received = exchange.hops[i];
        const QString where = stored.hops.size() > 1 ? u"hop %1 "_s.arg(i + 1) : QString();
        cutBody(hop.request.body, stored.warnings, where + u"request body"_s,
                received.request.body.size());
        cutBody(hop.response.body, stored.warnings, where + u"response body"_s,
                received.response.body.size());
        cutBody(hop.response.decodedBody, stored.warnings, where + u"decoded response body"_s,
                received.response.decodedBody.size());
    }

    Entry entry;
    entry.time = time.toUTC();
    entry.requestPath = requestPath;
    entry.environment = environment;
    if (!stored.hops.isEmpty()) {
        entry.method = QString::fromUtf8(stored.hops.first().request.method);
        entry.url = QString::fromUtf8(stored.hops.first().request.url.toEncoded());
    }
    entry.status = stored.finalStatus();
    if (stored.error().isError())
        entry.error = Http::transportErrorKindName(stored.error().kind);
    entry.totalMs = std::max(0.0, stored.totalMs());
    entry.hops = static_cast<int>(stored.hops.size());
    entry.label = QString::fromUtf8(Http::redactSecrets(label.toUtf8(), exchange.secretValues));

    const QJsonObject document{{u"entry"_s, QJsonObject()},
                               {u"exchange"_s, Http::exchangeToJson(stored)}};
    // The next number: past the newest listed and past every entry file (the index may have
    // lost a line to a concurrent prune), so that ids are never reused.
    const QList<Entry> existing = list();
    int next = existing.isEmpty() ? 1 : numberOf(existing.first().id) + 1;
    for (const QString& name :
         QDir(m_directory).entryList({u"h*.json"_s}, QDir::Files, QDir::NoSort))
        next = std::max(next, numberOf(name.chopped(5)) + 1);
    next = std::max(next, lastDeleted(m_directory) + 1);
    for (int attempt = 0; attempt < 1000; ++attempt, ++next) {
        entry.id = u"h"_s + QString::number(next);
        QFile file(QDir(m_directory).filePath(entry.id + u".json"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            continue; // taken by another process
        QJsonObject full = document;
        full.insert(u"entry"_s, entryToJson(entry));
        const QByteArray bytes = QJsonDocument(full).toJson(QJsonDocument::Compact);
        if (file.write(bytes) != bytes.size()) {
            file.remove();
            return Error{u"history.write"_s, u"cannot write the history entry"_s, file.fileName()};
        }
        file.close();
        QFile index(QDir(m_directory).filePath(QString::fromUtf16(kIndex)));
        if (!index.open(QIODevice::WriteOnly | QIODevice::Append))
            return Error{u"history.write"_s, u"cannot append to the history index"_s,
                         index.fileName()};
        index.write(QJsonDocument(entryToJson(entry)).toJson(QJsonDocument::Compact) + '\n');
        index.close();
        // Keep the newest m_keep: drop the oldest files and rewrite the index without them.
        if (existing.size() + 1 > m_keep + m_keep / 10) {
            const QList<Entry> all = list();
            (void)rewrite(all.mid(0, m_keep), all.mid(m_keep));
        }
        return entry;
    }
    return Error{u"history.write"_s, u"no free history id"_s, m_directory};
}

Status Store::rewrite(const QList<Entry>& entries, const QList<Entry>& dropped)
{
    QByteArray kept;
    for (qsizetype i = entries.size() - 1; i >= 0; --i) // the index is oldest first
        kept += QJsonDocument(entryToJson(entries[i])).toJson(QJsonDocument::Compact) + '\n';
    if (Status written = Workspace::writeFileAtomic(
            QDir(m_directory).filePath(QString::fromUtf16(kIndex)), kept);
        !written)
        return written;
    for (const Entry& entry : dropped)
        QFile::remove(QDir(m_directory).filePath(entry.id + u".json"_s));
    return Success{};
}

Result<qsizetype> Store::remove(const QStringList& ids)
{
    QList<Entry> kept = list();
    QList<Entry> dropped;
    for (qsizetype i = kept.size() - 1; i >= 0; --i) {
        if (ids.contains(kept[i].id))
            dropped.append(kept.takeAt(i));
    }
    if (dropped.isEmpty())
        return qsizetype(0);
    int highest = lastDeleted(m_directory);
    for (const Entry& entry : std::as_const(dropped))
        highest = std::max(highest, numberOf(entry.id));
    if (Status written =
            Workspace::writeFileAtomic(QDir(m_directory).filePath(QString::fromUtf16(kLastDeleted)),
                                       u"h%1\n"_s.arg(highest).toLatin1());
        !written)
        return written.error();
    if (Status written = rewrite(kept, dropped); !written)
        return written.error();
    return dropped.size();
}

QList<Entry> Store::list() const
{
    QFile index(QDir(m_directory).filePath(QString::fromUtf16(kIndex)));
    QList<Entry> entries;
    if (!index.open(QIODevice::ReadOnly))
        return entries;
    while (!index.atEnd()) {
        const QByteArray line = index.readLine().trimmed();
        if (std::optional<Entry> entry = entryFromJson(line))
            entries.prepend(*entry);
    }
    // Newest first by number (two processes may have appended out of order).
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return numberOf(a.id) > numberOf(b.id);
    });
    return entries;
}

Result<Entry> Store::find(const QString& id) const
{
    const QList<Entry> entries = list();
    static const QRegularExpression lastPattern(u"^last(?:~(\\d+))?$"_s);
    if (const QRegularExpressionMatch match = lastPattern.match(id); match.hasMatch()) {
        bool ok = true;
        const qsizetype back = match.captured(1).isEmpty() ? 0 : match.captured(1).toLongLong(&ok);
        if (ok && back < entries.size())
            return entries[back];
        return Error{u"history.missing"_s,
                     entries.isEmpty() ? u"the history of this workspace is empty"_s
                                       : u"the history has only %1 sends"_s.arg(entries.size()),
                     id};
    }
    const QString wanted = id.startsWith(u'h') ? id : u"h"_s + id;
    for (const Entry& entry : entries) {
        if (entry.id == wanted)
            return entry;
    }
    return Error{u"history.missing"_s, u"no such send in this workspace's history"_s, id};
}

Result<Http::Exchange> Store::exchange(const QString& id) const
{
    Result<Entry> entry = find(id);
    if (!entry)
        return entry.error();
    return exchange(entry.value());
}

Result<Http::Exchange> Store::exchange(const Entry& entry) const
{
    const QString path = QDir(m_directory).filePath(entry.id + u".json"_s);
    Result<QByteArray> bytes = Workspace::readFile(path);
    if (!bytes)
        return bytes.error();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.value(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error{u"history.damaged"_s, u"the history entry is not valid JSON"_s, path};
    return Http::exchangeFromJson(document.object().value(u"exchange"_s).toObject());
}

std::optional<Entry> Store::lastSuccessful(const QString& requestPath,
                                           const QString& beforeId) const
{
    const int before = beforeId.isEmpty() ? std::numeric_limits<int>::max() : numberOf(beforeId);
    for (const Entry& entry : list()) {
        // (A probe's success is of another variant of the request: not a precedent.)
        if (numberOf(entry.id) < before && entry.requestPath == requestPath && entry.succeeded() &&
            entry.label.isEmpty())
            return entry;
    }
    return std::nullopt;
}

} // namespace Keyhole::History
