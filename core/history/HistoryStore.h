#pragma once

#include "core/Result.h"
#include "core/http/Exchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Keyhole::History {

// One send as the history list shows it.
struct Entry {
    QString id;          // "h42": numbered per workspace, never reused
    QDateTime time;      // UTC, when the send finished
    QString requestPath; // the workspace request; empty for a curl command or an inline request
    QString environment;
    QString method;
    QString url;        // the first hop's URL, secrets masked
    int status = 0;     // the final status; 0 when no response arrived
    QString error;      // transport error kind ("refused", "timeout"…), empty when none
    double totalMs = 0; // all hops
    int hops = 0;
    QString label; // what the send was for when not the user's own: "probe: re-send with Bearer"

    bool succeeded() const { return status >= 200 && status < 300; }
    // `filter` as the user writes it: "" (any), "2xx"…"5xx", "401", "error" (no answer).
    bool matchesStatus(const QString& filter) const;
};

// An entry as JSON: {id, time, request, environment, method, url, status, error, total_ms,
// hops, and label when there is one} — the index line, and what `keyhole-cli history --json`
// prints (scripts read it).
QJsonObject entryToJson(const Entry& entry);

// The sends of one workspace, newest first, kept in <workspace>/.keyhole/history/ (a
// .gitignore there keeps it out of git): one JSON file per send (the Exchange as
// `keyhole-cli send --json` prints it, secrets masked, each body cut at kStoredBodyLimit) and
// an index of one line per send. The oldest sends beyond `keep` are deleted. Several
// processes (the GUI and keyhole-cli) may record at the same time: ids are taken by creating
// the file exclusively.
class Store {
public:
    static constexpr qsizetype kStoredBodyLimit = 2 * 1024 * 1024;
    static constexpr int kDefaultKeep = 500;

    explicit Store(QString workspaceRoot, int keep = kDefaultKeep);

    static QString directoryOf(const QString& workspaceRoot);

    // Records `exchange`, masked before anything is written (Http::maskCredentials: secret
    // values, credential headers, token-like query parameters and JSON members).
    Result<Entry> record(const Http::Exchange& exchange, const QString& requestPath,
                         const QString& environment,
                         const QDateTime& time = QDateTime::currentDateTimeUtc(),
                         const QString& label = {});

    // Newest first. A damaged index line is skipped, not fatal.
    QList<Entry> list() const;
    // An id as the user types it: "h12", "12", "last" (the newest), "last~2" (two before it).
    Result<Entry> find(const QString& id) const;
    // The stored Exchange of an entry (secret values masked, bodies possibly cut: see warnings).
    Result<Http::Exchange> exchange(const QString& id) const;
    // The same for an entry already found (the index is not read again).
    Result<Http::Exchange> exchange(const Entry& entry) const;
    // The newest 2xx send of the same request before `beforeId` (or of all, when empty).
    std::optional<Entry> lastSuccessful(const QString& requestPath,
                                        const QString& beforeId = {}) const;
    // Deletes these sends (ids as stored: "h12"): the index is rewritten without them first
    // (atomically), then their files are removed. Returns how many were listed; ids never come
    // back into use.
    Result<qsizetype> remove(const QStringList& ids);

private:
    // Rewrites the index with `entries` (newest first) and removes the files of `dropped`.
    Status rewrite(const QList<Entry>& entries, const QList<Entry>& dropped);

    QString m_directory;
    int m_keep;
};

} // namespace Keyhole::History
