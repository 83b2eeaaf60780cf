#include "core/diff/JsonDiff.h"

#include "core/diff/JsonTree.h"
#include "core/diff/LineDiff.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

// A path split into segments: "$", ".key" / "[\"key\"]" → key, "[3]" → index, "[*]" and ".*"
// → any, ".." → descend.
struct Segment {
    enum class Kind { Key, Index, Any, Descend };
    Kind kind = Kind::Key;
    QString key;
    qsizetype index = 0;
};

QList<Segment> parsePath(const QString& path)
{
    QList<Segment> segments;
    qsizetype i = path.startsWith(u'$') ? 1 : 0;
    while (i < path.size()) {
        if (path.mid(i, 2) == u".."_s) {
            segments.append({Segment::Kind::Descend, {}, 0});
            // "..name": the second dot starts the key; "..[0]": skip both dots.
            i += (i + 2 < path.size() && path[i + 2] == u'[') ? 2 : 1;
            continue;
        }
        if (path[i] == u'.') {
            qsizetype end = i + 1;
            while (end < path.size() && path[end] != u'.' && path[end] != u'[')
                ++end;
            const QString key = path.mid(i + 1, end - i - 1);
            segments.append(key == u"*"_s ? Segment{Segment::Kind::Any, {}, 0}
                                          : Segment{Segment::Kind::Key, key, 0});
            i = end;
        } else if (path[i] == u'[') {
            if (path.mid(i, 3) == u"[*]"_s) {
                segments.append({Segment::Kind::Any, {}, 0});
                i += 3;
            } else if (i + 1 < path.size() && path[i + 1] == u'"') {
                QString key;
                qsizetype j = i + 2;
                while (j < path.size() && path[j] != u'"') {
                    if (path[j] == u'\\' && j + 1 < path.size())
                        ++j;
                    key += path[j++];
                }
                segments.append({Segment::Kind::Key, key, 0});
                i = j + 2; // past `"]`
            } else {
                const qsizetype close = path.indexOf(u']', i);
                const qsizetype end = close < 0 ? path.size() : close;
                segments.append(
                    {Segment::Kind::Index, {}, path.mid(i + 1, end - i - 1).toLongLong()});
                i = end + 1;
            }
        } else {
            ++i; // stray character: skip rather than loop
        }
    }
    return segments;
}

bool matchFrom(const QList<Segment>& pattern, qsizetype p, const QList<Segment>& path, qsizetype q)
{
    if (p == pattern.size())
        return q == path.size();
    const Segment& want = pattern[p];
    if (want.kind == Segment::Kind::Descend) {
        for (qsizetype skip = q; skip <= path.size(); ++skip) {
            if (matchFrom(pattern, p + 1, path, skip))
                return true;
        }
        return false;
    }
    if (q == path.size())
        return false;
    const Segment& have = path[q];
    const bool same =
        want.kind == Segment::Kind::Any ||
        (want.kind == have.kind &&
         (want.kind == Segment::Kind::Key ? want.key == have.key : want.index == have.index));
    return same && matchFrom(pattern, p + 1, path, q + 1);
}

bool ignored(const QString& path, const QList<QList<Segment>>& patterns)
{
    if (patterns.isEmpty())
        return false;
    const QList<Segment> segments = parsePath(path);
    return std::any_of(patterns.cbegin(), patterns.cend(), [&](const QList<Segment>& pattern) {
        return matchFrom(pattern, 0, segments, 0);
    });
}

QByteArray compact(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// `text` cut to `most` characters, the last one "…" (not inside a surrogate pair).
QString shortened(QString text, qsizetype most)
{
    if (text.size() <= most)
        return text;
    qsizetype keep = std::max<qsizetype>(0, most - 1);
    if (keep > 0 && text.at(keep - 1).isHighSurrogate())
        --keep;
    return text.left(keep) + u'…';
}

// The structural diff over two parsed trees: equal bytes end the descent at once (most of a
// big body with a few edits), so paths are built only along the branches that differ.
class Walker {
public:
    Walker(const JsonTree& a, const JsonTree& b, const JsonDiffOptions& options)
        : m_a(a)
        , m_b(b)
        , m_options(options)
    {
        m_clock.start();
        for (const QString& pattern : options.ignorePaths)
            m_patterns.append(parsePath(pattern));
        if (!m_patterns.isEmpty())
            m_skip = [this](const QString& path) {
                return ignored(path, m_patterns);
            };
    }

    void walk(const QString& path, quint32 x, quint32 y)
    {
        if (m_a.sameValue(x, m_b, y) || ignored(path, m_patterns))
            return;
        const JsonTree::Type left = m_a.node(x).type();
        const JsonTree::Type right = m_b.node(y).type();
        if (left == JsonTree::Type::Object && right == JsonTree::Type::Object) {
            // A key given twice counts once, with its last value (as most parsers read it).
            QHash<QByteArray, quint32> inA;
            QHash<QByteArray, quint32> inB;
            for (quint32 child : m_a.children(x))
                inA.insert(m_a.keyBytes(child), child);
            for (quint32 child : m_b.children(y))
                inB.insert(m_b.keyBytes(child), child);
            for (quint32 child : m_a.children(x)) {
                const QByteArray key = m_a.keyBytes(child);
                if (inA.value(key) != child)
                    continue;
                const QString childPath = jsonMemberPath(path, m_a.key(child));
                if (const auto found = inB.constFind(key); found != inB.constEnd())
                    walk(childPath, child, *found);
                else
                    removed(childPath, child);
            }
            for (quint32 child : m_b.children(y)) {
                const QByteArray key = m_b.keyBytes(child);
                if (inB.value(key) == child && !inA.contains(key))
                    added(jsonMemberPath(path, m_b.key(child)), child);
            }
            return;
        }
        if (left == JsonTree::Type::Array && right == JsonTree::Type::Array) {
            m_options.arraysAsSequences ? sequence(path, x, y) : byIndex(path, x, y);
            return;
        }
        keep(JsonChange::Kind::Changed, path, x, y);
    }

    QList<JsonChange> changes;
    qsizetype total = 0;
    bool late = false; // past the deadline: arrays compared by index

private:
    static QString at(const QString& path, qsizetype index)
    {
        return path + u'[' + QString::number(index) + u']';
    }

    void byIndex(const QString& path, quint32 x, quint32 y)
    {
        const std::vector<quint32> left = m_a.children(x);
        const std::vector<quint32> right = m_b.children(y);
        const size_t common = std::min(left.size(), right.size());
        for (size_t i = 0; i < common; ++i)
            walk(at(path, static_cast<qsizetype>(i)), left[i], right[i]);
        for (size_t i = common; i < left.size(); ++i)
            removed(at(path, static_cast<qsizetype>(i)), left[i]);
        for (size_t i = common; i < right.size(); ++i)
            added(at(path, static_cast<qsizetype>(i)), right[i]);
    }

    // Elements as symbols (equal canonical forms, equal symbols; ignored members left out);
    // replaced runs are paired element by element so that a changed member inside an element
    // shows its own path.
    void sequence(const QString& path, quint32 x, quint32 y)
    {
        if (late) {
            byIndex(path, x, y);
            return;
        }
        const std::vector<quint32> left = m_a.children(x);
        const std::vector<quint32> right = m_b.children(y);
        // Each element's value hashed as the tree is walked (no compact text): arrays inside
        // arrays are hashed again at each level, so the deadline is watched while hashing.
        // (The clock is read on one call in 16: each element's hash asks once.)
        const std::function<bool()> stop = [this, calls = 0u]() mutable {
            if ((calls++ & 15) != 0)
                return false;
            return (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) ||
                   (m_options.deadlineMs >= 0 && m_clock.elapsed() >= m_options.deadlineMs);
        };
        QHash<size_t, int> numbers;
        auto number = [&](const JsonTree& tree, const std::vector<quint32>& elements) {
            std::vector<int> symbols;
            symbols.reserve(elements.size());
            for (size_t i = 0; i < elements.size(); ++i) {
                const QString elementPath =
                    m_skip ? at(path, static_cast<qsizetype>(i)) : QString();
                symbols.push_back(
                    symbolOf(numbers, tree.hash(elements[i], elementPath, m_skip, stop)));
            }
            return symbols;
        };
        const std::vector<int> symbolsA = number(m_a, left);
        const std::vector<int> symbolsB = number(m_b, right);
        if ((m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) ||
            (m_options.deadlineMs >= 0 && m_clock.elapsed() >= m_options.deadlineMs)) {
            late = true;
            byIndex(path, x, y);
            return;
        }
        Budget budget;
        budget.deadlineMs = m_options.deadlineMs < 0
                                ? -1
                                : std::max<int>(0, m_options.deadlineMs - int(m_clock.elapsed()));
        const LineDiffResult diff = diffSymbols(symbolsA, symbolsB, budget);
        late = late || diff.coarse;
        for (qsizetype r = 0; r < diff.runs.size(); ++r) {
            const Run& run = diff.runs[r];
            if (run.kind == Run::Kind::Equal) { // equal hashes: walked to make sure (cheap when
                for (qsizetype i = 0; i < run.count; ++i) // the bytes are equal)
                    walk(at(path, run.bStart + i), left[static_cast<size_t>(run.aStart + i)],
                         right[static_cast<size_t>(run.bStart + i)]);
                continue;
            }
            qsizetype paired = 0;
            if (run.kind == Run::Kind::Delete && r + 1 < diff.runs.size() &&
                diff.runs[r + 1].kind == Run::Kind::Insert) {
                const Run& insert = diff.runs[r + 1];
                paired = std::min(run.count, insert.count);
                for (qsizetype i = 0; i < paired; ++i)
                    walk(at(path, insert.bStart + i), left[static_cast<size_t>(run.aStart + i)],
                         right[static_cast<size_t>(insert.bStart + i)]);
                for (qsizetype i = paired; i < insert.count; ++i)
                    added(at(path, insert.bStart + i),
                          right[static_cast<size_t>(insert.bStart + i)]);
                ++r;
            }
            if (run.kind == Run::Kind::Delete) {
                for (qsizetype i = paired; i < run.count; ++i)
                    removed(at(path, run.aStart + i), left[static_cast<size_t>(run.aStart + i)]);
            } else {
                for (qsizetype i = 0; i < run.count; ++i)
                    added(at(path, run.bStart + i), right[static_cast<size_t>(run.bStart + i)]);
            }
        }
    }

    void added(const QString& path, quint32 y)
    {
        if (!ignored(path, m_patterns))
            keep(JsonChange::Kind::Added, path, 0, y);
    }
    void removed(const QString& path, quint32 x)
    {
        if (!ignored(path, m_patterns))
            keep(JsonChange::Kind::Removed, path, x, 0);
    }
    void keep(JsonChange::Kind kind, const QString& path, quint32 x, quint32 y)
    {
        if (++total > m_options.keepAtMost)
            return;
        auto shown = [&](const JsonTree& tree, quint32 index) {
            // Printed only as far as it is shown: a value of any size costs a few hundred bytes.
            return shortened(
                QString::fromUtf8(tree.canonical(index, {}, {}, 4 * kChangeValueChars)),
                kChangeValueChars);
        };
        changes.append({kind, path, kind == JsonChange::Kind::Added ? QString() : shown(m_a, x),
                        kind == JsonChange::Kind::Removed ? QString() : shown(m_b, y)});
    }

    const JsonTree& m_a;
    const JsonTree& m_b;
    JsonDiffOptions m_options;
    QElapsedTimer m_clock;
    QList<QList<Segment>> m_patterns;
    JsonTree::SkipPath m_skip;
};

// A value as a tree (the tree of its compact text).
JsonTree treeOf(const QJsonValue& value)
{
    std::optional<JsonTree> tree = JsonTree::parse(compact(value));
    return tree ? std::move(*tree) : *JsonTree::parse("null");
}

} // namespace

QString jsonMemberPath(const QString& parent, const QString& key)
{
    auto letter = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
    };
    const bool plain = !key.isEmpty() && letter(key.front()) &&
                       std::all_of(key.cbegin(), key.cend(),
                                   [&](QChar c) { return letter(c) || (c >= u'0' && c <= u'9'); });
    if (plain)
        return parent + u'.' + key;
    QString escaped = key;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return parent + u"[\""_s + escaped + u"\"]"_s;
}

QString jsonPathProblem(const QString& pattern)
{
    if (!pattern.startsWith(u'$'))
        return u"a path starts with $"_s;
    qsizetype i = 1;
    while (i < pattern.size()) {
        if (pattern.mid(i, 2) == u".."_s) {
            i += 2;
            if (i >= pattern.size() || pattern[i] == u'.')
                return u"'..' must be followed by a name or [ at %1"_s.arg(i);
            if (pattern[i] != u'[')
                --i; // the key branch reads ".name"
            continue;
        }
        if (pattern[i] == u'.') {
            qsizetype end = i + 1;
            while (end < pattern.size() && pattern[end] != u'.' && pattern[end] != u'[')
                ++end;
            if (end == i + 1)
                return u"empty name at %1"_s.arg(i + 1);
            i = end;
        } else if (pattern[i] == u'[') {
            const qsizetype close = pattern.indexOf(u']', i);
            if (close < 0)
                return u"unclosed [ at %1"_s.arg(i + 1);
            const QString inside = pattern.mid(i + 1, close - i - 1);
            bool number = false;
            inside.toLongLong(&number);
            const bool quoted =
                inside.size() >= 2 && inside.startsWith(u'"') && inside.endsWith(u'"');
            if (inside != u"*"_s && !(number && !inside.startsWith(u'-')) && !quoted)
                return u"[%1] at %2: expected [N], [*] or [\"name\"]"_s.arg(inside).arg(i + 1);
            i = close + 1;
        } else {
            return u"unexpected '%1' at %2"_s.arg(pattern[i]).arg(i + 1);
        }
    }
    return {};
}

bool jsonPathMatches(const QString& pattern, const QString& path)
{
    return matchFrom(parsePath(pattern), 0, parsePath(path), 0);
}

JsonTree::SkipPath ignoredPaths(const QStringList& patterns)
{
    if (patterns.isEmpty())
        return {};
    QList<QList<Segment>> parsed;
    for (const QString& pattern : patterns)
        parsed.append(parsePath(pattern));
    return [parsed](const QString& path) {
        return ignored(path, parsed);
    };
}

QList<JsonChange> diffJson(const JsonTree& a, const JsonTree& b, const JsonDiffOptions& options,
                           qsizetype* total, bool* late)
{
    Walker walker(a, b, options);
    if (a.nodeCount() > 0 && b.nodeCount() > 0)
        walker.walk(u"$"_s, 0, 0);
    if (total)
        *total = walker.total;
    if (late)
        *late = walker.late;
    return walker.changes;
}

QList<JsonChange> diffJson(const QJsonValue& a, const QJsonValue& b, const JsonDiffOptions& options)
{
    return diffJson(treeOf(a), treeOf(b), options);
}

QString describe(const JsonChange& change, int maxValue)
{
    auto shown = [&](const QString& value) {
        return shortened(value, maxValue);
    };
    switch (change.kind) {
    case JsonChange::Kind::Added:
        return u"+ "_s + change.path + u": "_s + shown(change.after);
    case JsonChange::Kind::Removed:
        return u"- "_s + change.path + u": "_s + shown(change.before);
    case JsonChange::Kind::Changed:
        break;
    }
    return u"~ "_s + change.path + u": "_s + shown(change.before) + u" → "_s + shown(change.after);
}

} // namespace Keyhole::Diff
