#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace Keyhole::Diff {

// A parsed JSON text kept as one flat array of nodes that point into the text (RFC 8259's
// grammar, strictly; UTF-8 inside strings is not validated; the text itself is shared, not
// copied): about 24 bytes per value, where Qt's QJsonDocument takes
// about five times the text. The form big bodies are compared in.
class JsonTree {
public:
    enum class Type : quint8 { Null, False, True, Number, String, Array, Object };
    // 16 bytes per value.
    struct Node {
        quint32 start = 0;    // first byte of the value in the text
        quint32 end = 0;      // one past its last byte
        quint32 keyStart = 0; // a member of an object: the first byte of its key, past the quote
        quint32 sizeAndType = 1u << 3;
        // Nodes in this subtree, itself included: the next sibling is at index + size, the
        // first child at index + 1.
        quint32 size() const { return sizeAndType >> 3; }
        Type type() const { return static_cast<Type>(sizeAndType & 7u); }
        void setSize(quint32 size) { sizeAndType = (size << 3) | (sizeAndType & 7u); }
        void setType(Type type) { sizeAndType = (sizeAndType & ~7u) | static_cast<quint32>(type); }
    };
    // Values a tree can hold (the size field keeps 29 bits).
    static constexpr quint32 kMostNodes = (1u << 29) - 1;

    // The tree of `text`, or why it is not JSON ("line 3, column 7: expected ':'").
    static std::optional<JsonTree> parse(QByteArray text, QString* error = nullptr);

    const Node& node(quint32 index) const { return m_nodes[index]; }
    qsizetype nodeCount() const { return static_cast<qsizetype>(m_nodes.size()); }
    // The value's bytes as received, and a member's key bytes (escapes as received).
    QByteArrayView raw(quint32 index) const;
    QByteArrayView rawKey(quint32 index) const;
    // A member's key as text (escapes decoded), and as the bytes keys are matched by: as
    // received (not copied) unless it has escapes, then decoded ("\u0061" is "a").
    QString key(quint32 index) const;
    QByteArray keyBytes(quint32 index) const;
    // Children of an array or object, in order; an object's members in the order they are
    // printed (by key bytes, as keyBytes gives them; equal keys in received order).
    std::vector<quint32> children(quint32 index) const;
    std::vector<quint32> sortedMembers(quint32 index) const;
    // Two values are the same: equal bytes, or equal scalars by JSON's meaning (numbers by
    // value, strings after escapes). Arrays and objects with other bytes are compared member
    // by member by the caller.
    bool sameValue(quint32 index, const JsonTree& other, quint32 otherIndex) const;

    // Decides which members and elements are left out, by their JSONPath; empty = none (and
    // then no path is built).
    using SkipPath = std::function<bool(const QString& path)>;
    // Pretty-printed like QJsonDocument::toJson (4 spaces, object keys sorted, a final line
    // end), without the skipped paths; after `prefix` (written into the same buffer).
    QByteArray pretty(const SkipPath& skip = {}, QByteArrayView prefix = {}) const;
    // Compact with sorted keys (the same bytes for the same value), without the skipped paths.
    // With `limit` (>= 0), printing stops soon after that many bytes (checked between members
    // and elements: one long string is printed whole): enough to show a container's start.
    QByteArray canonical(quint32 index, const QString& path, const SkipPath& skip = {},
                         qsizetype limit = -1) const;
    // A hash of what `canonical` prints, found by walking the tree (no text is built but each
    // scalar's canonical bytes): equal values, equal hashes. `stop`, when given, is asked at
    // the start and every 1024 values; once it answers true the walk ends, and the hash means
    // nothing.
    size_t hash(quint32 index, const QString& path, const SkipPath& skip = {},
                const std::function<bool()>& stop = {}) const;

private:
    struct HashWalk;
    size_t hashValue(quint32 index, const QString& path, HashWalk& walk) const;
    void print(QByteArray& out, quint32 index, const QString& path, int indent, bool compact,
               const SkipPath& skip, qsizetype limit = -1) const;

    QByteArray m_text;
    std::vector<Node> m_nodes;
};

} // namespace Keyhole::Diff
