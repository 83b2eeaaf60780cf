#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Keyhole::Diff {

class JsonTree;

// One difference between two JSON documents, at a path written as JSONPath
// (`$.user.roles[2]`, `$["odd key"]`), with the values as compact JSON (keys sorted), cut at
// kChangeValueChars characters (ending in "…" then): a kept change costs a few hundred bytes
// whatever the size of the value.
inline constexpr qsizetype kChangeValueChars = 200;
struct JsonChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path;
    QString before; // empty when added
    QString after;  // empty when removed
};

struct JsonDiffOptions {
    // Arrays compared as sequences (inserted and removed elements found, the rest paired),
    // instead of element by element at the same index.
    bool arraysAsSequences = false;
    // Paths left out of the comparison: `$.meta.date`, `$.items[*].updated_at` (any index or
    // key), `$..timestamp` (at any depth).
    QStringList ignorePaths;
    // Changes kept (the rest only counted): more than anyone reads in a list; the line diff
    // shows them all.
    qsizetype keepAtMost = 1000;
    // Time from the start of the diff after which arrays are no longer lined up as sequences
    // (each element's value is hashed, at each level of arrays inside arrays): the arrays left
    // are compared by index. -1: no limit. `cancel`, set from another thread, does the same.
    int deadlineMs = 800;
    const std::atomic_bool* cancel = nullptr;
};

// The structural diff: object keys compared by name (their order ignored), arrays by index or
// as sequences, values by type and value (numbers by value, strings after escapes). Changes in
// document order of A, then B's additions. Works on the flat trees big bodies are parsed into
// (JsonTree); the QJsonValue form parses their compact text.
// `total`, when given, receives the number of changes, kept or not; `late`, whether the
// deadline passed and some arrays were compared by index instead of as sequences.
QList<JsonChange> diffJson(const JsonTree& a, const JsonTree& b,
                           const JsonDiffOptions& options = {}, qsizetype* total = nullptr,
                           bool* late = nullptr);
QList<JsonChange> diffJson(const QJsonValue& a, const QJsonValue& b,
                           const JsonDiffOptions& options = {});

// Why `pattern` is not a valid ignore pattern ("unclosed [ at 7"), or empty when it is.
QString jsonPathProblem(const QString& pattern);
// `path` is matched by the ignore pattern `pattern` (syntax above).
bool jsonPathMatches(const QString& pattern, const QString& path);
// What JsonTree::pretty leaves out for these ignore patterns (empty when there are none).
std::function<bool(const QString& path)> ignoredPaths(const QStringList& patterns);

// The path of member `key` under `parent`: `$.name` or `$["odd key"]`.
QString jsonMemberPath(const QString& parent, const QString& key);

// One line per change: `~ $.user.name: "Ann" → "Bob"`, `+ $.tags[2]: "new"`, `- $.debug: true`;
// values shown compact, cut at `maxValue` characters.
QString describe(const JsonChange& change, int maxValue = 80);

} // namespace Keyhole::Diff
