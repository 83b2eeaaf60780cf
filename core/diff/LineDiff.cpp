#include "core/diff/LineDiff.h"

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

using Index = qsizetype;

// Myers' linear-space diff after GNU diff's diffseq.h: marks changed elements of the two
// sequences; the equal ones left unmarked pair up in order.
class Engine {
public:
    Engine(std::span<const int> a, std::span<const int> b, const Budget& budget)
        : m_a(a)
        , m_b(b)
        , m_budget(budget)
        , m_forward(static_cast<size_t>(a.size() + b.size() + 3))
        , m_backward(static_cast<size_t>(a.size() + b.size() + 3))
        , m_offset(static_cast<Index>(b.size()) + 1)
    {
        m_maxRounds = budget.maxRoundsPerSplit;
        if (m_maxRounds <= 0) {
            m_maxRounds = 1;
            for (size_t diagonals = a.size() + b.size() + 3; diagonals != 0; diagonals >>= 2)
                m_maxRounds <<= 1;
            m_maxRounds = std::max<Index>(256, m_maxRounds);
        }
        m_clock.start();
    }

    // Fills `changedA`/`changedB` for the whole sequences.
    void run(std::vector<char>& changedA, std::vector<char>& changedB, LineDiffResult& result)
    {
        struct Part {
            Index xoff, xlim, yoff, ylim;
        };
        std::vector<Part> stack{
            {0, static_cast<Index>(m_a.size()), 0, static_cast<Index>(m_b.size())}};
        unsigned checks = 0;
        while (!stack.empty()) {
            Part part = stack.back();
            stack.pop_back();
            while (part.xoff < part.xlim && part.yoff < part.ylim &&
                   m_a[part.xoff] == m_b[part.yoff]) {
                ++part.xoff;
                ++part.yoff;
            }
            while (part.xoff < part.xlim && part.yoff < part.ylim &&
                   m_a[part.xlim - 1] == m_b[part.ylim - 1]) {
                --part.xlim;
                --part.ylim;
            }
            bool giveUp = result.coarse || result.cancelled;
            if (!giveUp && part.xoff < part.xlim && part.yoff < part.ylim && (++checks & 15) == 0) {
                if (m_budget.cancel && m_budget.cancel->load(std::memory_order_relaxed))
                    result.cancelled = giveUp = true;
                else if (m_budget.deadlineMs >= 0 && m_clock.elapsed() >= m_budget.deadlineMs)
                    result.coarse = giveUp = true;
            }
            if (part.xoff == part.xlim || part.yoff == part.ylim || giveUp) {
                std::fill(changedA.begin() + part.xoff, changedA.begin() + part.xlim, 1);
                std::fill(changedB.begin() + part.yoff, changedB.begin() + part.ylim, 1);
                continue;
            }
            Index xmid = 0;
            Index ymid = 0;
            if (split(part.xoff, part.xlim, part.yoff, part.ylim, xmid, ymid))
                result.approximate = true;
            stack.push_back({xmid, part.xlim, ymid, part.ylim});
            stack.push_back({part.xoff, xmid, part.yoff, ymid});
        }
    }

private:
    // Furthest x per diagonal, as int: sequences have fewer than 2^31 elements.
    int& fd(Index diagonal) { return m_forward[static_cast<size_t>(diagonal + m_offset)]; }
    int& bd(Index diagonal) { return m_backward[static_cast<size_t>(diagonal + m_offset)]; }

    // Finds the midpoint of a shortest edit script of a[xoff,xlim) and b[yoff,ylim) (both
    // non-empty, no common prefix or suffix). Returns true when the search was cut short and
    // the point chosen heuristically.
    bool split(Index xoff, Index xlim, Index yoff, Index ylim, Index& xmid, Index& ymid)
    {
        const Index dmin = xoff - ylim;
        const Index dmax = xlim - yoff;
        const Index fmid = xoff - yoff;
        const Index bmid = xlim - ylim;
        Index fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
        const bool odd = ((fmid - bmid) & 1) != 0;
        fd(fmid) = static_cast<int>(xoff);
        bd(bmid) = static_cast<int>(xlim);
        constexpr int kBelow = -1;
        constexpr int kAbove = std::numeric_limits<int>::max();
        for (Index round = 1;; ++round) {
            if (fmin > dmin)
                fd(--fmin - 1) = kBelow;
            else
                ++fmin;
            if (fmax < dmax)
                fd(++fmax + 1) = kBelow;
            else
                --fmax;
            for (Index d = fmax; d >= fmin; d -= 2) {
                const Index low = fd(d - 1);
                const Index high = fd(d + 1);
                Index x = low < high ? high : low + 1;
                Index y = x - d;
                while (x < xlim && y < ylim && m_a[x] == m_b[y]) {
                    ++x;
                    ++y;
                }
                fd(d) = static_cast<int>(x);
                if (odd && bmin <= d && d <= bmax && bd(d) <= x) {
                    xmid = x;
                    ymid = y;
                    return false;
                }
            }
            if (bmin > dmin)
                bd(--bmin - 1) = kAbove;
            else
                ++bmin;
            if (bmax < dmax)
                bd(++bmax + 1) = kAbove;
            else
                --bmax;
            for (Index d = bmax; d >= bmin; d -= 2) {
                const Index low = bd(d - 1);
                const Index high = bd(d + 1);
                Index x = low < high ? low : high - 1;
                Index y = x - d;
                while (xoff < x && yoff < y && m_a[x - 1] == m_b[y - 1]) {
                    --x;
                    --y;
                }
                bd(d) = static_cast<int>(x);
                if (!odd && fmin <= d && d <= fmax && x <= fd(d)) {
                    xmid = x;
                    ymid = y;
                    return false;
                }
            }
            if (round < m_maxRounds)
                continue;
            // Too expensive: take the forward or backward point that got furthest.
            Index forwardBest = -1, forwardX = xoff;
            for (Index d = fmax; d >= fmin; d -= 2) {
                Index x = std::min<Index>(fd(d), xlim);
                Index y = x - d;
                if (ylim < y) {
                    x = ylim + d;
                    y = ylim;
                }
                if (forwardBest < x + y) {
                    forwardBest = x + y;
                    forwardX = x;
                }
            }
            Index backwardBest = kAbove, backwardX = xlim;
            for (Index d = bmax; d >= bmin; d -= 2) {
                Index x = std::max<Index>(xoff, bd(d));
                Index y = x - d;
                if (y < yoff) {
                    x = yoff + d;
                    y = yoff;
                }
                if (x + y < backwardBest) {
                    backwardBest = x + y;
                    backwardX = x;
                }
            }
            if ((xlim + ylim) - backwardBest < forwardBest - (xoff + yoff)) {
                xmid = forwardX;
                ymid = forwardBest - forwardX;
            } else {
                xmid = backwardX;
                ymid = backwardBest - backwardX;
            }
            return true;
        }
    }

    std::span<const int> m_a;
    std::span<const int> m_b;
    Budget m_budget;
    std::vector<int> m_forward;
    std::vector<int> m_backward;
    Index m_offset;
    Index m_maxRounds = 0;
    QElapsedTimer m_clock;
};

} // namespace

void appendRun(QList<Run>& runs, Run::Kind kind, qsizetype a, qsizetype b, qsizetype count)
{
    if (count <= 0)
        return;
    // Fewer than 2^30 lines: Lines keeps less than 1 GB of text.
    Q_ASSERT(count < (qsizetype(1) << 30));
    if (!runs.isEmpty() && runs.last().kind == kind) {
        runs.last().count += static_cast<quint32>(count);
        return;
    }
    Run run;
    run.kind = kind;
    run.aStart = static_cast<qint32>(a);
    run.bStart = static_cast<qint32>(b);
    run.count = static_cast<quint32>(count);
    runs.append(run);
}

bool LineDiffResult::equal() const
{
    return std::all_of(runs.cbegin(), runs.cend(),
                       [](const Run& run) { return run.kind == Run::Kind::Equal; });
}

QString LineDiffResult::label() const
{
    if (cancelled)
        return u"diff cancelled: the rest is shown as replaced"_s;
    if (coarse)
        return u"coarse diff: too many differences to compare line by line in time; parts are "
               u"shown as replaced blocks"_s;
    if (approximate)
        return u"approximate diff: many differences, so not always the shortest"_s;
    return {};
}

LineDiffResult diffSymbols(std::span<const int> a, std::span<const int> b, const Budget& budget)
{
    // Elements found in one sequence only are changed whatever the alignment: leave them out
    // of the search (GNU diff's discard_confusing_lines, first half).
    int maxSymbol = -1;
    for (int symbol : a)
        maxSymbol = std::max(maxSymbol, symbol);
    for (int symbol : b)
        maxSymbol = std::max(maxSymbol, symbol);
    std::vector<char> inA(static_cast<size_t>(maxSymbol + 1), 0);
    std::vector<char> inB(static_cast<size_t>(maxSymbol + 1), 0);
    for (int symbol : a)
        inA[static_cast<size_t>(symbol)] = 1;
    for (int symbol : b)
        inB[static_cast<size_t>(symbol)] = 1;
    // Kept elements and where they came from, counted first so that each vector is allocated
    // once at its size (not reserved at the input's).
    size_t countA = 0;
    size_t countB = 0;
    for (int symbol : a)
        countA += inB[static_cast<size_t>(symbol)];
    for (int symbol : b)
        countB += inA[static_cast<size_t>(symbol)];
    std::vector<int> keptA;
    std::vector<int> keptB;
    keptA.reserve(countA);
    keptB.reserve(countB);
    for (int symbol : a) {
        if (inB[static_cast<size_t>(symbol)])
            keptA.push_back(symbol);
    }
    for (int symbol : b) {
        if (inA[static_cast<size_t>(symbol)])
            keptB.push_back(symbol);
    }

    LineDiffResult result;
    std::vector<char> keptChangedA(keptA.size(), 0);
    std::vector<char> keptChangedB(keptB.size(), 0);
    if (!keptA.empty() || !keptB.empty())
        Engine(keptA, keptB, budget).run(keptChangedA, keptChangedB, result);
    std::vector<int>().swap(keptA);
    std::vector<int>().swap(keptB);
    // Back to the inputs: the kept elements come in order, the others are changed.
    std::vector<char> changedA(a.size(), 1);
    std::vector<char> changedB(b.size(), 1);
    for (size_t i = 0, kept = 0; i < a.size(); ++i) {
        if (inB[static_cast<size_t>(a[i])])
            changedA[i] = keptChangedA[kept++];
    }
    for (size_t i = 0, kept = 0; i < b.size(); ++i) {
        if (inA[static_cast<size_t>(b[i])])
            changedB[i] = keptChangedB[kept++];
    }

    // Walk both: deletions first, then insertions, then the equal pair.
    Index i = 0;
    Index j = 0;
    const Index n = static_cast<Index>(a.size());
    const Index m = static_cast<Index>(b.size());
    while (i < n || j < m) {
        if (i < n && changedA[static_cast<size_t>(i)]) {
            const Index start = i;
            while (i < n && changedA[static_cast<size_t>(i)])
                ++i;
            appendRun(result.runs, Run::Kind::Delete, start, j, i - start);
        } else if (j < m && changedB[static_cast<size_t>(j)]) {
            const Index start = j;
            while (j < m && changedB[static_cast<size_t>(j)])
                ++j;
            appendRun(result.runs, Run::Kind::Insert, i, start, j - start);
        } else {
            const Index startA = i;
            const Index startB = j;
            while (i < n && j < m && !changedA[static_cast<size_t>(i)] &&
                   !changedB[static_cast<size_t>(j)]) {
                ++i;
                ++j;
            }
            if (i == startA) // unmatched tail (cannot happen for a consistent marking)
                break;
            appendRun(result.runs, Run::Kind::Equal, startA, startB, i - startA);
        }
    }
    return result;
}

Lines::Lines(QByteArray text)
    : m_text(std::move(text))
{
    // Under 2^30 bytes, so under 2^30 lines, what a Run can count (responses are capped at
    // 256 MB by default; a larger text is compared up to here).
    constexpr qsizetype kLargest = (qsizetype(1) << 30) - 1;
    if (m_text.size() > kLargest) {
        m_text.truncate(kLargest);
        m_truncated = true;
    }
    const qsizetype size = m_text.size();
    m_starts.reserve(static_cast<size_t>(m_text.count('\n')) + 1);
    for (qsizetype start = 0; start < size;) {
        m_starts.push_back(static_cast<quint32>(start));
        const qsizetype end = m_text.indexOf('\n', start);
        start = end < 0 ? size : end + 1;
    }
}

Lines Lines::fromStrings(const QStringList& lines)
{
    QByteArray text;
    for (const QString& line : lines)
        text += line.toUtf8() + '\n';
    return Lines(std::move(text));
}

QByteArrayView Lines::at(qsizetype i) const
{
    // A line ends before the next one starts (its "\n" and a "\r" before it not part of it),
    // the last one at the text's end.
    const size_t index = static_cast<size_t>(i);
    const qsizetype start = m_starts[index];
    qsizetype end =
        index + 1 < m_starts.size() ? qsizetype(m_starts[index + 1]) - 1 : m_text.size();
    if (end > start && m_text.at(end - 1) == '\n')
        --end;
    if (end > start && m_text.at(end - 1) == '\r')
        --end;
    return QByteArrayView(m_text).sliced(start, end - start);
}

QStringList Lines::toStringList() const
{
    QStringList out;
    out.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        out.append(string(i));
    return out;
}

LineDiffResult diffLines(const Lines& a, const Lines& b, const Budget& budget,
                         bool ignoreWhitespace)
{
    // Lines numbered by content with an open-addressing table of (hash, number) pairs and, per
    // number, the line it was first seen as (A's lines first, then B's): 8 bytes per slot and
    // 4 per distinct line (QHash would take several times that on a 5 MB body).
    struct Slot {
        quint32 hash = 0;
        int symbol = -1;
    };
    // The table grows with the distinct lines (at most three quarters full), not with all of
    // them: a JSON body's lines repeat.
    size_t capacity = 1024;
    std::vector<Slot> table(capacity);
    auto grow = [&] {
        std::vector<Slot> bigger(capacity * 2);
        const size_t mask = capacity * 2 - 1;
        for (const Slot& slot : table) {
            if (slot.symbol < 0)
                continue;
            size_t at = slot.hash & mask;
            while (bigger[at].symbol >= 0)
                at = (at + 1) & mask;
            bigger[at] = slot;
        }
        table.swap(bigger);
        capacity *= 2;
    };
    std::vector<quint32> firstSeen;     // per symbol: A's line i is i, B's line j is |A| + j
    std::vector<QByteArray> simplified; // per line of A then B, white space collapsed
    if (ignoreWhitespace)
        simplified.reserve(static_cast<size_t>(a.size() + b.size()));
    const quint32 sizeA = static_cast<quint32>(a.size());
    // The text a line is numbered by; a last line without a line end is told apart by `open`.
    auto keyOf = [&](quint32 line) -> QByteArrayView {
        if (ignoreWhitespace)
            return simplified[line];
        return line < sizeA ? a.at(line) : b.at(line - sizeA);
    };
    auto isOpen = [&](quint32 line) {
        return !ignoreWhitespace &&
               (line < sizeA ? a.isUnterminated(line) : b.isUnterminated(line - sizeA));
    };
    auto number = [&](const Lines& lines, quint32 offset) {
        std::vector<int> symbols;
        symbols.reserve(static_cast<size_t>(lines.size()));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const quint32 line = offset + static_cast<quint32>(i);
            if (ignoreWhitespace)
                simplified.push_back(lines.at(i).toByteArray().simplified());
            const QByteArrayView key = keyOf(line);
            const bool open = isOpen(line);
            const quint32 hash = static_cast<quint32>(qHash(key)) ^ (open ? 0x9e3779b9u : 0u);
            size_t at = hash & (capacity - 1);
            auto differs = [&](int symbol) {
                const quint32 seen = firstSeen[static_cast<size_t>(symbol)];
                return keyOf(seen) != key || isOpen(seen) != open;
            };
            while (table[at].symbol >= 0 && (table[at].hash != hash || differs(table[at].symbol)))
                at = (at + 1) & (capacity - 1);
            if (table[at].symbol < 0) {
                const int symbol = static_cast<int>(firstSeen.size());
                table[at] = {hash, symbol};
                firstSeen.push_back(line);
                if (firstSeen.size() * 4 > capacity * 3)
                    grow();
                symbols.push_back(symbol);
            } else {
                symbols.push_back(table[at].symbol);
            }
        }
        return symbols;
    };
    const std::vector<int> left = number(a, 0);
    const std::vector<int> right = number(b, sizeA);
    // The numbering is done: its memory goes before the search takes its own.
    std::vector<Slot>().swap(table);
    std::vector<quint32>().swap(firstSeen);
    std::vector<QByteArray>().swap(simplified);
    return diffSymbols(left, right, budget);
}

LineDiffResult diffLines(const QStringList& a, const QStringList& b, const Budget& budget,
                         bool ignoreWhitespace)
{
    return diffLines(Lines::fromStrings(a), Lines::fromStrings(b), budget, ignoreWhitespace);
}

QString unifiedDiff(const QStringList& a, const QStringList& b, const QString& nameA,
                    const QString& nameB, int context)
{
    return unifiedDiff(Lines::fromStrings(a), Lines::fromStrings(b), diffLines(a, b), nameA, nameB,
                       context);
}

QString unifiedDiff(const Lines& a, const Lines& b, const LineDiffResult& diff,
                    const QString& nameA, const QString& nameB, int context)
{
    if (diff.equal())
        return {};
    // Flatten to per-line operations, then cut hunks around the changes.
    struct Line {
        char op;
        Index a;
        Index b;
    };
    std::vector<Line> lines;
    for (const Run& run : diff.runs) {
        for (Index i = 0; i < run.count; ++i) {
            if (run.kind == Run::Kind::Equal)
                lines.push_back({' ', run.aStart + i, run.bStart + i});
            else if (run.kind == Run::Kind::Delete)
                lines.push_back({'-', run.aStart + i, run.bStart});
            else
                lines.push_back({'+', run.aStart, run.bStart + i});
        }
    }
    QString out = u"--- "_s + nameA + u"\n+++ "_s + nameB + u'\n';
    if (const QString label = diff.label(); !label.isEmpty())
        out += u"# "_s + label + u'\n';
    const Index total = static_cast<Index>(lines.size());
    Index i = 0;
    while (i < total) {
        while (i < total && lines[static_cast<size_t>(i)].op == ' ')
            ++i;
        if (i >= total)
            break;
        const Index start = std::max<Index>(0, i - context);
        Index end = i;
        // Extend while changes are within 2*context of each other.
        for (Index j = i; j < total; ++j) {
            if (lines[static_cast<size_t>(j)].op != ' ')
                end = j;
            else if (j - end > 2 * context)
                break;
        }
        end = std::min(total - 1, end + context);
        Index aCount = 0;
        Index bCount = 0;
        for (Index j = start; j <= end; ++j) {
            aCount += lines[static_cast<size_t>(j)].op != '+' ? 1 : 0;
            bCount += lines[static_cast<size_t>(j)].op != '-' ? 1 : 0;
        }
        const Line& first = lines[static_cast<size_t>(start)];
        const Index aFrom = aCount ? first.a + 1 : first.a;
        const Index bFrom = bCount ? first.b + 1 : first.b;
        out += u"@@ -%1,%2 +%3,%4 @@\n"_s.arg(aFrom).arg(aCount).arg(bFrom).arg(bCount);
        for (Index j = start; j <= end; ++j) {
            const Line& line = lines[static_cast<size_t>(j)];
            out += QChar::fromLatin1(line.op) +
                   (line.op == '+' ? b.string(line.b) : a.string(line.a)) + u'\n';
            if (line.op == '+' ? b.isUnterminated(line.b) : a.isUnterminated(line.a))
                out += u"\\ No newline at end of file\n"_s;
        }
        i = end + 1;
    }
    return out;
}

namespace {

enum class TokenClass { Word, Space, Mark };

TokenClass classOf(QChar c)
{
    if (c.isLetterOrNumber() || c == u'_')
        return TokenClass::Word;
    return c.isSpace() ? TokenClass::Space : TokenClass::Mark;
}

// Token boundaries of a line: word runs, white-space runs, and single other characters.
std::vector<Span> tokensOf(QStringView text)
{
    std::vector<Span> tokens;
    Index i = 0;
    while (i < text.size()) {
        const TokenClass kind = classOf(text[i]);
        Index end = i + 1;
        if (kind != TokenClass::Mark) {
            while (end < text.size() && classOf(text[end]) == kind)
                ++end;
        }
        tokens.push_back({i, end - i});
        i = end;
    }
    return tokens;
}

void addSpan(QList<Span>& spans, Index start, Index length)
{
    if (length <= 0)
        return;
    if (!spans.isEmpty() && spans.last().start + spans.last().length == start)
        spans.last().length += length;
    else
        spans.append({start, length});
}

} // namespace

LineChanges refineLine(QStringView a, QStringView b)
{
    LineChanges changes;
    const std::vector<Span> left = tokensOf(a);
    const std::vector<Span> right = tokensOf(b);
    QHash<QStringView, int> numbers;
    auto number = [&](QStringView text, const std::vector<Span>& tokens) {
        std::vector<int> symbols;
        symbols.reserve(tokens.size());
        for (const Span& token : tokens)
            symbols.push_back(symbolOf(numbers, text.mid(token.start, token.length)));
        return symbols;
    };
    const std::vector<int> symbolsA = number(a, left);
    const std::vector<int> symbolsB = number(b, right);
    Budget budget;
    budget.deadlineMs = 50;
    const LineDiffResult diff = diffSymbols(symbolsA, symbolsB, budget);
    const QList<Run>& runs = diff.runs;
    auto extent = [](const std::vector<Span>& tokens, Index first, Index count) {
        const Span& from = tokens[static_cast<size_t>(first)];
        const Span& to = tokens[static_cast<size_t>(first + count - 1)];
        return Span{from.start, to.start + to.length - from.start};
    };
    for (qsizetype r = 0; r < runs.size(); ++r) {
        const Run& run = runs[r];
        if (run.kind == Run::Kind::Equal)
            continue;
        // A deletion followed by an insertion is a replacement: narrow it to the characters
        // that differ ("abc123" → "abc124" marks "3" and "4").
        if (run.kind == Run::Kind::Delete && r + 1 < runs.size() &&
            runs[r + 1].kind == Run::Kind::Insert) {
            const Span from = extent(left, run.aStart, run.count);
            const Span to = extent(right, runs[r + 1].bStart, runs[r + 1].count);
            Index prefix = 0;
            while (prefix < from.length && prefix < to.length &&
                   a[from.start + prefix] == b[to.start + prefix])
                ++prefix;
            Index suffix = 0;
            while (suffix < from.length - prefix && suffix < to.length - prefix &&
                   a[from.start + from.length - 1 - suffix] == b[to.start + to.length - 1 - suffix])
                ++suffix;
            addSpan(changes.a, from.start + prefix, from.length - prefix - suffix);
            addSpan(changes.b, to.start + prefix, to.length - prefix - suffix);
            ++r;
            continue;
        }
        if (run.kind == Run::Kind::Delete) {
            const Span span = extent(left, run.aStart, run.count);
            addSpan(changes.a, span.start, span.length);
        } else {
            const Span span = extent(right, run.bStart, run.count);
            addSpan(changes.b, span.start, span.length);
        }
    }
    return changes;
}

} // namespace Keyhole::Diff
