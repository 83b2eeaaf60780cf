#include "core/diff/JsonDiff.h"

#include "core/diff/LineDiff.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

QJsonValue strip(const QString& path, const QJsonValue& value,
                 const QList<QList<Segment>>& patterns);

class Walker {
public:
    Walker(const JsonDiffOptions& options)
        : m_options(options)
    {
        for (const QString& pattern : options.ignorePaths)
            m_patterns.append(parsePath(pattern));
    }

    void walk(const QString& path, const QJsonValue& a, const QJsonValue& b)
    {
        // Equal values hold no change whatever is ignored: one deep comparison instead of a
        // path string per member (on a 5 MB body with 10 edits, most of the tree is skipped).
        if (a == b || ignored(path, m_patterns))
            return;
        if (a.isObject() && b.isObject()) {
            const QJsonObject left = a.toObject();
            const QJsonObject right = b.toObject();
            for (auto it = left.constBegin(); it != left.constEnd(); ++it) {
                const QString child = jsonMemberPath(path, it.key());
                if (right.contains(it.key()))
                    walk(child, it.value(), right.value(it.key()));
                else if (!ignored(child, m_patterns))
                    changes.append({JsonChange::Kind::Removed, child, it.value(), {}});
            }
            for (auto it = right.constBegin(); it != right.constEnd(); ++it) {
                const QString child = jsonMemberPath(path, it.key());
                if (!left.contains(it.key()) && !ignored(child, m_patterns))
                    changes.append({JsonChange::Kind::Added, child, {}, it.value()});
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            m_options.arraysAsSequences ? sequence(path, a.toArray(), b.toArray())
                                        : byIndex(path, a.toArray(), b.toArray());
            return;
        }
        if (a != b)
            changes.append({JsonChange::Kind::Changed, path, a, b});
    }

    QList<JsonChange> changes;

private:
    static QString at(const QString& path, qsizetype index)
    {
        return path + u'[' + QString::number(index) + u']';
    }

    void byIndex(const QString& path, const QJsonArray& a, const QJsonArray& b)
    {
        const qsizetype common = std::min(a.size(), b.size());
        for (qsizetype i = 0; i < common; ++i)
            walk(at(path, i), a[i], b[i]);
        for (qsizetype i = common; i < a.size(); ++i) {
            if (!ignored(at(path, i), m_patterns))
                changes.append({JsonChange::Kind::Removed, at(path, i), a[i], {}});
        }
        for (qsizetype i = common; i < b.size(); ++i) {
            if (!ignored(at(path, i), m_patterns))
                changes.append({JsonChange::Kind::Added, at(path, i), {}, b[i]});
        }
    }

    // Elements as symbols (equal serialisations, equal symbols); replaced runs are paired
    // element by element so that a changed member inside an element shows its own path.
    void sequence(const QString& path, const QJsonArray& a, const QJsonArray& b)
    {
        QHash<QByteArray, int> numbers;
        auto number = [&](const QJsonArray& array) {
            std::vector<int> symbols;
            for (qsizetype i = 0; i < array.size(); ++i) {
                // Elements matched without their ignored members.
                symbols.push_back(
                    symbolOf(numbers, compact(strip(at(path, i), array[i], m_patterns))));
            }
            return symbols;
        };
        const std::vector<int> left = number(a);
        const std::vector<int> right = number(b);
        const LineDiffResult diff = diffSymbols(left, right);
        for (qsizetype r = 0; r < diff.runs.size(); ++r) {
            const Run& run = diff.runs[r];
            if (run.kind == Run::Kind::Equal)
                continue;
            qsizetype paired = 0;
            if (run.kind == Run::Kind::Delete && r + 1 < diff.runs.size() &&
                diff.runs[r + 1].kind == Run::Kind::Insert) {
                const Run& insert = diff.runs[r + 1];
                paired = std::min(run.count, insert.count);
                for (qsizetype i = 0; i < paired; ++i)
                    walk(at(path, insert.bStart + i), a[run.aStart + i], b[insert.bStart + i]);
                for (qsizetype i = paired; i < insert.count; ++i)
                    added(at(path, insert.bStart + i), b[insert.bStart + i]);
                ++r;
            }
            if (run.kind == Run::Kind::Delete) {
                for (qsizetype i = paired; i < run.count; ++i)
                    removed(at(path, run.aStart + i), a[run.aStart + i]);
            } else {
                for (qsizetype i = 0; i < run.count; ++i)
                    added(at(path, run.bStart + i), b[run.bStart + i]);
            }
        }
    }

    void added(const QString& path, const QJsonValue& value)
    {
        if (!ignored(path, m_patterns))
            changes.append({JsonChange::Kind::Added, path, {}, value});
    }
    void removed(const QString& path, const QJsonValue& value)
    {
        if (!ignored(path, m_patterns))
            changes.append({JsonChange::Kind::Removed, path, value, {}});
    }

    JsonDiffOptions m_options;
    QList<QList<Segment>> m_patterns;
};

QJsonValue strip(const QString& path, const QJsonValue& value,
                 const QList<QList<Segment>>& patterns)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (const QString& key : object.keys()) {
            const QString child = jsonMemberPath(path, key);
            if (ignored(child, patterns))
                object.remove(key);
            else
                object.insert(key, strip(child, object.value(key), patterns));
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        QJsonArray kept;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString child = path + u'[' + QString::number(i) + u']';
            if (!ignored(child, patterns))
                kept.append(strip(child, array[i], patterns));
        }
        return kept;
    }
    return value;
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

QJsonValue withoutJsonPaths(const QJsonValue& value, const QStringList& patterns)
{
    if (patterns.isEmpty())
        return value;
    QList<QList<Segment>> parsed;
    for (const QString& pattern : patterns)
        parsed.append(parsePath(pattern));
    return strip(u"$"_s, value, parsed);
}

QList<JsonChange> diffJson(const QJsonValue& a, const QJsonValue& b, const JsonDiffOptions& options)
{
    Walker walker(options);
    walker.walk(u"$"_s, a, b);
    return walker.changes;
}

QString describe(const JsonChange& change, int maxValue)
{
    auto shown = [&](const QJsonValue& value) {
        QString text = QString::fromUtf8(compact(value));
        if (text.size() > maxValue)
            text = text.left(maxValue - 1) + u'…';
        return text;
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
