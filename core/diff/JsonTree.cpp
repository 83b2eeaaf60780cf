#include "core/diff/JsonTree.h"

#include "core/diff/JsonDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

constexpr int kMaxDepth = 512; // deeper documents are refused, not recursed into
constexpr int kDeepestIndent = 32 * 4;

class Parser {
public:
    Parser(const QByteArray& text, std::vector<JsonTree::Node>& nodes)
        : m_begin(text.constData())
        , m_at(text.constData())
        , m_end(text.constData() + text.size())
        , m_nodes(nodes)
    {}

    bool document()
    {
        if (!value(0, 0))
            return false;
        space();
        return m_at == m_end || fail("unexpected text after the JSON value");
    }

    // "line 3, column 7: expected ':'"
    QString error() const
    {
        int line = 1;
        int column = 1;
        for (const char* c = m_begin; c < m_failedAt; ++c) {
            column = *c == '\n' ? 1 : column + 1;
            line += *c == '\n' ? 1 : 0;
        }
        return u"line %1, column %2: %3"_s.arg(line).arg(column).arg(m_error);
    }

private:
    bool fail(const char* message)
    {
        if (m_error.isEmpty()) {
            m_error = QString::fromLatin1(message);
            m_failedAt = m_at;
        }
        return false;
    }
    quint32 offset() const { return static_cast<quint32>(m_at - m_begin); }
    void space()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\t' || *m_at == '\n' || *m_at == '\r'))
            ++m_at;
    }
    bool literal(const char* word, JsonTree::Type type, size_t index)
    {
        const qsizetype length = static_cast<qsizetype>(std::strlen(word));
        if (m_end - m_at < length || QByteArrayView(m_at, length) != QByteArrayView(word))
            return fail("not a JSON value");
        m_at += length;
        m_nodes[index].setType(type);
        return true;
    }
    bool digits()
    {
        if (m_at == m_end || *m_at < '0' || *m_at > '9')
            return fail("expected a digit");
        while (m_at < m_end && *m_at >= '0' && *m_at <= '9')
            ++m_at;
        return true;
    }
    bool number()
    {
        if (*m_at == '-')
            ++m_at;
        if (m_at < m_end && *m_at == '0')
            ++m_at;
        else if (!digits())
            return false;
        if (m_at < m_end && *m_at == '.') {
            ++m_at;
            if (!digits())
                return false;
        }
        if (m_at < m_end && (*m_at == 'e' || *m_at == 'E')) {
            ++m_at;
            if (m_at < m_end && (*m_at == '+' || *m_at == '-'))
                ++m_at;
            if (!digits())
                return false;
        }
        return true;
    }
    bool string() // at the opening quote; ends past the closing one
    {
        ++m_at;
        while (m_at < m_end) {
            const unsigned char c = static_cast<unsigned char>(*m_at);
            if (c == '"') {
                ++m_at;
                return true;
            }
            if (c < 0x20)
                return fail("a control character inside a string");
            if (c != '\\') {
                ++m_at;
                continue;
            }
            ++m_at;
            if (m_at == m_end)
                break;
            if (*m_at == 'u') {
                for (int i = 1; i <= 4; ++i) {
                    if (m_at + i >= m_end || !std::isxdigit(static_cast<unsigned char>(m_at[i])))
                        return fail("expected 4 hex digits after \\u");
                }
                m_at += 5;
            } else if (QByteArrayView("\"\\/bfnrt").contains(*m_at)) {
                ++m_at;
            } else {
                return fail("not a JSON escape");
            }
        }
        return fail("a string without its closing quote");
    }
    bool value(quint32 keyStart, int depth)
    {
        space();
        if (m_at == m_end)
            return fail("unexpected end of the text");
        if (m_nodes.size() >= JsonTree::kMostNodes)
            return fail("too many values");
        const size_t index = m_nodes.size();
        JsonTree::Node node;
        node.start = offset();
        node.keyStart = keyStart;
        m_nodes.push_back(node);
        bool ok = true;
        switch (*m_at) {
        case '{':
        case '[':
            ok = container(index, depth);
            break;
        case '"':
            m_nodes[index].setType(JsonTree::Type::String);
            ok = string();
            break;
        case 't':
            ok = literal("true", JsonTree::Type::True, index);
            break;
        case 'f':
            ok = literal("false", JsonTree::Type::False, index);
            break;
        case 'n':
            ok = literal("null", JsonTree::Type::Null, index);
            break;
        default:
            m_nodes[index].setType(JsonTree::Type::Number);
            ok = (*m_at == '-' || (*m_at >= '0' && *m_at <= '9')) ? number()
                                                                  : fail("not a JSON value");
        }
        if (!ok)
            return false;
        m_nodes[index].end = offset();
        m_nodes[index].setSize(static_cast<quint32>(m_nodes.size() - index));
        return true;
    }
    bool container(size_t index, int depth)
    {
        if (depth >= kMaxDepth)
            return fail("nested too deeply");
        const bool object = *m_at == '{';
        const char close = object ? '}' : ']';
        m_nodes[index].setType(object ? JsonTree::Type::Object : JsonTree::Type::Array);
        ++m_at;
        space();
        if (m_at < m_end && *m_at == close) {
            ++m_at;
            return true;
        }
        while (true) {
            quint32 keyStart = 0;
            if (object) {
                space();
                if (m_at == m_end || *m_at != '"')
                    return fail("expected a member name in quotes");
                keyStart = offset() + 1;
                if (!string())
                    return false;
                space();
                if (m_at == m_end || *m_at != ':')
                    return fail("expected ':'");
                ++m_at;
            }
            if (!value(keyStart, depth + 1))
                return false;
            space();
            if (m_at < m_end && *m_at == ',') {
                ++m_at;
                continue;
            }
            if (m_at < m_end && *m_at == close) {
                ++m_at;
                return true;
            }
            return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }

    const char* m_begin;
    const char* m_at;
    const char* m_end;
    std::vector<JsonTree::Node>& m_nodes;
    QString m_error;
    const char* m_failedAt = nullptr;
};

// A JSON string's bytes (without quotes) as text, escapes decoded; nothing when they do not
// decode (then the bytes themselves are what counts).
std::optional<QString> decoded(QByteArrayView raw)
{
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[\"") + raw.toByteArray() + "\"]");
    if (!document.isArray() || !document.array().at(0).isString())
        return std::nullopt;
    return document.array().at(0).toString();
}

bool isIntegerLiteral(QByteArrayView number)
{
    return !number.contains('.') && !number.contains('e') && !number.contains('E');
}

// A scalar printed the same for the same value (as QJsonDocument prints it): a string with
// escapes re-escaped the one way ("\/" is "/", "\u00e9" is "é"), a number with a fraction or
// an exponent by its shortest form (1.0 is 1, 2.5e3 is 2500); the rest as received.
QByteArray canonicalScalar(JsonTree::Type type, QByteArrayView raw)
{
    if (type == JsonTree::Type::String && raw.contains('\\')) {
        const std::optional<QString> text = decoded(raw.sliced(1, raw.size() - 2));
        if (!text)
            return raw.toByteArray();
        const QByteArray wrapped = QJsonDocument(QJsonArray{*text}).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }
    if (type == JsonTree::Type::Number && !isIntegerLiteral(raw)) {
        bool ok = false;
        const double value = raw.toByteArray().toDouble(&ok);
        if (ok && std::isfinite(value))
            return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    }
    return raw.toByteArray();
}

} // namespace

std::optional<JsonTree> JsonTree::parse(QByteArray text, QString* error)
{
    JsonTree tree;
    if (text.size() >= std::numeric_limits<quint32>::max()) {
        if (error)
            *error = u"too large for a JSON comparison"_s;
        return std::nullopt;
    }
    tree.m_text = std::move(text);
    // Every value but a container's first follows a ',', and a container's first follows its
    // '[' or '{': so many nodes at most (commas inside strings only make it generous). One
    // allocation of the right size, not a doubling vector and a copy to shrink it.
    const QByteArrayView bytes(tree.m_text);
    // (And every value but the root takes at least 2 bytes: a 16 MB CSV inside a string does
    // not reserve a node per comma.)
    const qsizetype most =
        std::min(bytes.count(',') + bytes.count('[') + bytes.count('{') + 1, bytes.size() / 2 + 1);
    tree.m_nodes.reserve(static_cast<size_t>(std::min<qsizetype>(most, kMostNodes)));
    Parser parser(tree.m_text, tree.m_nodes);
    if (!parser.document()) {
        if (error)
            *error = parser.error();
        return std::nullopt;
    }
    return tree;
}

QByteArrayView JsonTree::raw(quint32 index) const
{
    const Node& n = m_nodes[index];
    return QByteArrayView(m_text).sliced(n.start, n.end - n.start);
}

QByteArrayView JsonTree::rawKey(quint32 index) const
{
    // The key runs to its closing quote (an escaped quote is not one).
    const quint32 start = m_nodes[index].keyStart;
    const char* text = m_text.constData();
    quint32 end = start;
    while (text[end] != '"')
        end += text[end] == '\\' ? 2 : 1;
    return QByteArrayView(text + start, end - start);
}

QString JsonTree::key(quint32 index) const
{
    const QByteArrayView raw = rawKey(index);
    return decoded(raw).value_or(QString::fromUtf8(raw));
}

QByteArray JsonTree::keyBytes(quint32 index) const
{
    const QByteArrayView raw = rawKey(index);
    if (!raw.contains('\\'))
        return QByteArray::fromRawData(raw.data(), raw.size());
    return key(index).toUtf8();
}

std::vector<quint32> JsonTree::children(quint32 index) const
{
    std::vector<quint32> out;
    const quint32 end = index + m_nodes[index].size();
    for (quint32 child = index + 1; child < end; child += m_nodes[child].size())
        out.push_back(child);
    return out;
}

std::vector<quint32> JsonTree::sortedMembers(quint32 index) const
{
    std::vector<quint32> members = children(index);
    std::stable_sort(members.begin(), members.end(),
                     [this](quint32 x, quint32 y) { return keyBytes(x) < keyBytes(y); });
    return members;
}

bool JsonTree::sameValue(quint32 index, const JsonTree& other, quint32 otherIndex) const
{
    const QByteArrayView mine = raw(index);
    const QByteArrayView theirs = other.raw(otherIndex);
    if (mine == theirs)
        return true;
    const Type type = m_nodes[index].type();
    if (type != other.m_nodes[otherIndex].type())
        return false;
    // Integers exactly (64-bit ids differ in their last digit beyond a double's precision),
    // other numbers by value: 1.0 is 1, 2.5e3 is 2500.
    if (type == Type::Number)
        return !(isIntegerLiteral(mine) && isIntegerLiteral(theirs)) &&
               mine.toByteArray().toDouble() == theirs.toByteArray().toDouble();
    // Strings after their escapes ("\u0041" is "A"); without escapes the bytes (which
    // differ) decide, invalid UTF-8 included.
    if (type == Type::String && (mine.contains('\\') || theirs.contains('\\'))) {
        const std::optional<QString> left = decoded(mine.sliced(1, mine.size() - 2));
        const std::optional<QString> right = decoded(theirs.sliced(1, theirs.size() - 2));
        return left && right && *left == *right;
    }
    return false;
}

QByteArray JsonTree::pretty(const SkipPath& skip, QByteArrayView prefix) const
{
    QByteArray out;
    // Room for the usual growth (indentation): pages never written to cost no memory, a
    // buffer outgrown is copied whole.
    out.reserve(prefix.size() + 2 * m_text.size() + 8 * nodeCount());
    out += prefix;
    if (m_nodes.empty())
        return out;
    print(out, 0, u"$"_s, 0, false, skip);
    out += '\n';
    out.squeeze(); // the spare room given back (a shrink in place, not a copy)
    return out;
}

QByteArray JsonTree::canonical(quint32 index, const QString& path, const SkipPath& skip,
                               qsizetype limit) const
{
    QByteArray out;
    print(out, index, path, 0, true, skip, limit);
    return out;
}

struct JsonTree::HashWalk {
    const SkipPath& skip;
    const std::function<bool()>& stop;
    unsigned visited = 0;
    bool stopped = false;
};

size_t JsonTree::hash(quint32 index, const QString& path, const SkipPath& skip,
                      const std::function<bool()>& stop) const
{
    HashWalk walk{skip, stop};
    return hashValue(index, path, walk);
}

size_t JsonTree::hashValue(quint32 index, const QString& path, HashWalk& walk) const
{
    if (walk.stop && (walk.visited++ & 1023) == 0 && walk.stop())
        walk.stopped = true;
    if (walk.stopped)
        return 0;
    auto mix = [](size_t seed, size_t value) {
        return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
    };
    const Node& node = m_nodes[index];
    const bool object = node.type() == Type::Object;
    if (!object && node.type() != Type::Array) // the bytes print writes
        return qHash(canonicalScalar(node.type(), raw(index)), size_t(node.type()));
    // Members and elements as print walks them: sorted, without the skipped ones.
    const std::vector<quint32> members = object ? sortedMembers(index) : children(index);
    size_t seed = size_t(node.type());
    for (size_t i = 0; i < members.size() && !walk.stopped; ++i) {
        const quint32 child = members[i];
        QString childPath;
        if (walk.skip) {
            childPath =
                object ? jsonMemberPath(path, key(child)) : path + u'[' + QString::number(i) + u']';
            if (walk.skip(childPath))
                continue;
        }
        if (object)
            seed = mix(seed, qHash(keyBytes(child)));
        seed = mix(seed, hashValue(child, childPath, walk));
    }
    return walk.stopped ? 0 : seed;
}

void JsonTree::print(QByteArray& out, quint32 index, const QString& path, int indent, bool compact,
                     const SkipPath& skip, qsizetype limit) const
{
    const Node& node = m_nodes[index];
    const bool object = node.type() == Type::Object;
    if (!object && node.type() != Type::Array) {
        out += canonicalScalar(node.type(), raw(index));
        return;
    }
    const std::vector<quint32> members = object ? sortedMembers(index) : children(index);
    out += object ? '{' : '[';
    bool first = true;
    for (size_t i = 0; i < members.size(); ++i) {
        if (limit >= 0 && out.size() > limit)
            return;
        const quint32 child = members[i];
        // Paths only when something may be skipped: building one per value costs.
        QString childPath;
        if (skip) {
            childPath =
                object ? jsonMemberPath(path, key(child)) : path + u'[' + QString::number(i) + u']';
            if (skip(childPath))
                continue;
        }
        if (!first)
            out += ',';
        first = false;
        if (!compact) { // indentation stops growing at 32 levels (no quadratic output)
            out += '\n';
            out.append(static_cast<qsizetype>(std::min(indent + 4, kDeepestIndent)), ' ');
        }
        if (object) {
            const QByteArrayView rawName = rawKey(child);
            if (rawName.contains('\\')) {
                out += canonicalScalar(Type::String, QByteArray('"' + rawName.toByteArray() + '"'));
            } else {
                out += '"';
                out += rawName;
                out += '"';
            }
            out += compact ? ":" : ": ";
        }
        print(out, child, childPath, indent + 4, compact, skip, limit);
    }
    if (!first && !compact) {
        out += '\n';
        out.append(static_cast<qsizetype>(std::min(indent, kDeepestIndent)), ' ');
    }
    out += object ? '}' : ']';
}

} // namespace Keyhole::Diff
