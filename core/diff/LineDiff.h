#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <span>
#include <vector>

namespace Keyhole::Diff {

// One run of lines: equal in both, only in A (deleted), or only in B (inserted).
// 12 bytes (a diff of two bodies with every other line changed holds about one per line).
struct Run {
    enum class Kind : quint32 { Equal, Delete, Insert }; // (the count's type: one 32-bit unit)
    qint32 aStart = 0;                                   // first line in A (for Equal and Delete)
    qint32 bStart = 0;                                   // first line in B (for Equal and Insert)
    quint32 count : 30 = 0; // lines: fewer than 2^30 (Lines keeps less than 1 GB of text)
    Kind kind : 2 = Kind::Equal;
};
static_assert(sizeof(Run) == 12);

// Appends a run of `count` lines starting at line `a` of A and `b` of B, merged into the last
// run when it is of the same kind; nothing when `count` is 0.
void appendRun(QList<Run>& runs, Run::Kind kind, qsizetype a, qsizetype b, qsizetype count);

// How much a diff may cost before it settles for less. The defaults keep any pair of 1 MB
// bodies well under a second on this project's 2-core machine (tests/bench/bench_diff).
struct Budget {
    // Rounds of Myers' search per split before the split is chosen heuristically (GNU diff's
    // "too expensive" rule); 0 = automatic (about the square root of the input, at least 256).
    qsizetype maxRoundsPerSplit = 0;
    // Wall time after which every part not yet compared is reported as one replaced block.
    int deadlineMs = 800;
    // Set from another thread to stop early; the rest is reported as replaced, `cancelled` set.
    const std::atomic_bool* cancel = nullptr;
};

struct LineDiffResult {
    QList<Run> runs;
    // Some splits were chosen heuristically: a correct diff, maybe not the shortest.
    bool approximate = false;
    // The deadline passed: some parts are one replaced block each instead of a line diff.
    bool coarse = false;
    bool cancelled = false;

    bool equal() const;
    // "approximate diff (too many differences for an exact one)" and the like; empty when exact.
    QString label() const;
};

// The symbol of `key`: keys numbered by content as they come (equal keys, equal numbers),
// which is how lines, words and JSON array elements become input for diffSymbols.
template <typename Key>
int symbolOf(QHash<Key, int>& numbers, const Key& key)
{
    auto it = numbers.constFind(key);
    if (it == numbers.constEnd())
        it = numbers.insert(key, static_cast<int>(numbers.size()));
    return it.value();
}

// The diff of two sequences of symbols (equal numbers = equal elements): Myers' O(ND) search
// in linear space, after dropping the common prefix and suffix and the elements that occur in
// one sequence only (they are changed whatever the alignment). Never quadratic in memory.
LineDiffResult diffSymbols(std::span<const int> a, std::span<const int> b,
                           const Budget& budget = {});

// A text and where its lines are, without copying them: line i is the bytes between two line
// ends ("\n", a "\r" before it not part of the line). The form big bodies are compared in:
// 4 bytes per line on top of the text itself. A text is cut at 1 GB (2^30 - 1 bytes, so that a
// Run counts any number of its lines); `truncated()` says so.
class Lines {
public:
    Lines() = default;
    explicit Lines(QByteArray text);
    static Lines fromStrings(const QStringList& lines);

    qsizetype size() const { return static_cast<qsizetype>(m_starts.size()); }
    bool isEmpty() const { return m_starts.empty(); }
    bool truncated() const { return m_truncated; } // the text was over 1 GB: cut there
    QByteArrayView at(qsizetype i) const;
    QString string(qsizetype i) const { return QString::fromUtf8(at(i)); }
    const QByteArray& text() const { return m_text; }
    QStringList toStringList() const;
    // The text does not end with a line end: its last line differs from the same line ended
    // (diff's "\ No newline at end of file").
    bool missingNewlineAtEnd() const { return !m_text.isEmpty() && !m_text.endsWith('\n'); }
    bool isUnterminated(qsizetype i) const { return i == size() - 1 && missingNewlineAtEnd(); }

private:
    QByteArray m_text;
    std::vector<quint32> m_starts;
    bool m_truncated = false;
};

// Line diff: lines are numbered by content (hashed once), then diffed as symbols. A last line
// without a line end differs from the same line with one. With `ignoreWhitespace`, lines
// equal after collapsing runs of white space compare equal (and a missing final line end is
// white space too).
LineDiffResult diffLines(const QStringList& a, const QStringList& b, const Budget& budget = {},
                         bool ignoreWhitespace = false);
LineDiffResult diffLines(const Lines& a, const Lines& b, const Budget& budget = {},
                         bool ignoreWhitespace = false);

// A unified diff ("--- a", "+++ b", "@@ -l,n +l,n @@" hunks with `context` lines around
// changes, "\ No newline at end of file" after an unterminated last line shown) of a computed
// diff. Empty when the texts are equal.
QString unifiedDiff(const Lines& a, const Lines& b, const LineDiffResult& diff,
                    const QString& nameA, const QString& nameB, int context = 3);
QString unifiedDiff(const QStringList& a, const QStringList& b, const QString& nameA,
                    const QString& nameB, int context = 3);

// Changed parts inside one changed line: character ranges [start, start+length) of A's and of
// B's text that differ, found by a diff of words (letters/digits runs, white space runs, single
// punctuation marks) narrowed to characters where one word replaced another.
struct Span {
    qsizetype start = 0;
    qsizetype length = 0;
    friend bool operator==(const Span&, const Span&) = default;
};
struct LineChanges {
    QList<Span> a;
    QList<Span> b;
};
LineChanges refineLine(QStringView a, QStringView b);

} // namespace Keyhole::Diff
