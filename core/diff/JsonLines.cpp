#include "core/diff/JsonLines.h"

#include "core/diff/JsonDiff.h"

#include <QElapsedTimer>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

using Type = JsonTree::Type;

bool isContainer(Type type)
{
    return type == Type::Object || type == Type::Array;
}

// One side: a tree and how JsonTree::print lays it out in lines. A scalar is one line; a
// container with printed children is its opening line (`"key": {`), each child's lines, and
// its closing line (`}`, with a ',' when a sibling follows); one without is one line (`{}`).
class Side {
public:
    Side(const JsonTree& tree, const JsonTree::SkipPath& skip)
        : m_tree(tree)
        , m_skip(skip)
    {}

    const JsonTree& tree() const { return m_tree; }

    struct Child {
        quint32 node;
        QString path; // only when paths can be skipped
    };
    // The children print writes, in its order, without the skipped ones.
    std::vector<Child> printed(quint32 index, const QString& path) const
    {
        const bool object = m_tree.node(index).type() == Type::Object;
        const std::vector<quint32> members =
            object ? m_tree.sortedMembers(index) : m_tree.children(index);
        std::vector<Child> out;
        out.reserve(members.size());
        for (size_t i = 0; i < members.size(); ++i) {
            QString childPath;
            if (m_skip) {
                childPath = object ? jsonMemberPath(path, m_tree.key(members[i]))
                                   : path + u'[' + QString::number(i) + u']';
                if (m_skip(childPath))
                    continue;
            }
            out.push_back({members[i], childPath});
        }
        return out;
    }

    // Lines the value takes when printed.
    qsizetype span(quint32 index, const QString& path) const
    {
        if (!isContainer(m_tree.node(index).type()))
            return 1;
        if (!m_skip) { // no child left out: count without building paths
            qsizetype lines = 0;
            const quint32 end = index + m_tree.node(index).size();
            for (quint32 child = index + 1; child < end; child += m_tree.node(child).size())
                lines += span(child, {});
            return lines == 0 ? 1 : lines + 2;
        }
        qsizetype lines = 0;
        for (const Child& child : printed(index, path))
            lines += span(child.node, child.path);
        return lines == 0 ? 1 : lines + 2;
    }

    // An element's symbol: equal values, equal hashes (no text printed for it).
    size_t hash(quint32 index, const QString& path, const std::function<bool()>& stop) const
    {
        return m_tree.hash(index, path, m_skip, stop);
    }

private:
    const JsonTree& m_tree;
    const JsonTree::SkipPath& m_skip;
};

class Aligner {
public:
    Aligner(const JsonTree& a, const JsonTree& b, const JsonTree::SkipPath& skip,
            const Budget& budget, LineDiffResult before)
        : m_a(a, skip)
        , m_b(b, skip)
        , m_budget(budget)
        , m_result(std::move(before))
    {
        m_clock.start();
        for (const Run& run : std::as_const(m_result.runs)) {
            m_lineA += run.kind == Run::Kind::Insert ? 0 : run.count;
            m_lineB += run.kind == Run::Kind::Delete ? 0 : run.count;
        }
    }

    LineDiffResult run()
    {
        const bool empty = m_a.tree().nodeCount() == 0 || m_b.tree().nodeCount() == 0;
        const qsizetype totalA = m_lineA + (m_a.tree().nodeCount() == 0 ? 0 : m_a.span(0, u"$"_s));
        const qsizetype totalB = m_lineB + (m_b.tree().nodeCount() == 0 ? 0 : m_b.span(0, u"$"_s));
        if (!empty)
            pair(0, 0, u"$"_s, u"$"_s, false, false);
        // Stopped early (or nothing to pair): the rest is replaced.
        put(Run::Kind::Delete, totalA - m_lineA);
        put(Run::Kind::Insert, totalB - m_lineB);
        return std::move(m_result);
    }

private:
    bool stopped()
    {
        if (m_result.cancelled || m_result.coarse)
            return true;
        if ((m_checks++ & 1023) != 0) // the first call looks, then one in 1024
            return false;
        return look();
    }

    // Cancelled or past the deadline, looked at now.
    bool look()
    {
        if (m_budget.cancel && m_budget.cancel->load(std::memory_order_relaxed))
            m_result.cancelled = true;
        else if (m_budget.deadlineMs >= 0 && m_clock.elapsed() >= m_budget.deadlineMs)
            m_result.coarse = true;
        return m_result.cancelled || m_result.coarse;
    }

    void put(Run::Kind kind, qsizetype count)
    {
        if (count <= 0)
            return;
        // Deletions before insertions (a key only in B sorted before one only in A), as a line
        // diff gives them: the views pair a deletion with the insertion after it.
        if (kind == Run::Kind::Delete && !m_result.runs.isEmpty() &&
            m_result.runs.last().kind == Run::Kind::Insert) {
            const Run insert = m_result.runs.takeLast();
            appendRun(m_result.runs, Run::Kind::Delete, insert.aStart, insert.bStart, count);
            appendRun(m_result.runs, Run::Kind::Insert, insert.aStart + count, insert.bStart,
                      insert.count);
            m_lineA += count;
            return;
        }
        appendRun(m_result.runs, kind, m_lineA, m_lineB, count);
        if (kind != Run::Kind::Insert)
            m_lineA += count;
        if (kind != Run::Kind::Delete)
            m_lineB += count;
    }

    void replace(qsizetype linesA, qsizetype linesB)
    {
        put(Run::Kind::Delete, linesA);
        put(Run::Kind::Insert, linesB);
    }

    // Lines printed the same on both sides but for the last one's trailing ','.
    void same(qsizetype lines, bool commaA, bool commaB)
    {
        put(Run::Kind::Equal, lines - 1);
        if (commaA == commaB)
            put(Run::Kind::Equal, 1);
        else
            replace(1, 1);
    }

    // Value x of A against value y of B, both starting on the current lines (paired by key,
    // or as elements found in the same place); `comma`: a sibling follows on that side.
    void pair(quint32 x, quint32 y, const QString& pathA, const QString& pathB, bool commaA,
              bool commaB)
    {
        if (stopped())
            return;
        const Type left = m_a.tree().node(x).type();
        const Type right = m_b.tree().node(y).type();
        if (m_a.tree().sameValue(x, m_b.tree(), y)) {
            const qsizetype lines = m_a.span(x, pathA);
            if (lines == m_b.span(y, pathB))
                same(lines, commaA, commaB);
            else // the skipped paths differ between the two places
                replace(lines, m_b.span(y, pathB));
            return;
        }
        if (left != right || !isContainer(left)) {
            replace(m_a.span(x, pathA), m_b.span(y, pathB));
            return;
        }
        const std::vector<Side::Child> childrenA = m_a.printed(x, pathA);
        const std::vector<Side::Child> childrenB = m_b.printed(y, pathB);
        if (childrenA.empty() || childrenB.empty()) {
            if (childrenA.empty() && childrenB.empty())
                same(1, commaA, commaB);
            else
                replace(m_a.span(x, pathA), m_b.span(y, pathB));
            return;
        }
        put(Run::Kind::Equal, 1); // `"key": {` on both sides
        if (left == Type::Object)
            members(childrenA, childrenB);
        else
            elements(childrenA, childrenB);
        if (stopped())
            return;
        same(1, commaA, commaB); // the closing line
    }

    // Members merged by key, in the order both are printed (sorted by key bytes).
    void members(const std::vector<Side::Child>& left, const std::vector<Side::Child>& right)
    {
        size_t i = 0;
        size_t j = 0;
        while ((i < left.size() || j < right.size()) && !stopped()) {
            const bool hasA = i < left.size();
            const bool hasB = j < right.size();
            int order = hasA && hasB ? 0 : (hasA ? -1 : 1);
            if (hasA && hasB) {
                const QByteArray keyA = m_a.tree().keyBytes(left[i].node);
                const QByteArray keyB = m_b.tree().keyBytes(right[j].node);
                order = keyA < keyB ? -1 : (keyB < keyA ? 1 : 0);
            }
            if (order < 0) {
                put(Run::Kind::Delete, m_a.span(left[i].node, left[i].path));
                ++i;
            } else if (order > 0) {
                put(Run::Kind::Insert, m_b.span(right[j].node, right[j].path));
                ++j;
            } else {
                pair(left[i].node, right[j].node, left[i].path, right[j].path, i + 1 < left.size(),
                     j + 1 < right.size());
                ++i;
                ++j;
            }
        }
    }

    // Elements aligned as sequences of their values' hashes; replaced stretches paired element
    // by element, so that a changed member inside an element is one replaced line.
    void elements(const std::vector<Side::Child>& left, const std::vector<Side::Child>& right)
    {
        QHash<size_t, int> numbers;
        // Arrays inside arrays are hashed again at each level: the budget is watched meanwhile.
        // (Cancel and clock are looked at on one call in 16: each element's hash asks once.)
        const std::function<bool()> stop = [this, calls = 0u]() mutable {
            return m_result.cancelled || m_result.coarse || ((calls++ & 15) == 0 && look());
        };
        auto symbols = [&](const Side& side, const std::vector<Side::Child>& children) {
            std::vector<int> out;
            out.reserve(children.size());
            for (const Side::Child& child : children)
                out.push_back(symbolOf(numbers, side.hash(child.node, child.path, stop)));
            return out;
        };
        const std::vector<int> symbolsA = symbols(m_a, left);
        const std::vector<int> symbolsB = symbols(m_b, right);
        if (m_result.cancelled || m_result.coarse) // stopped while hashing
            return;
        // One deadline for the whole alignment: each array gets what is left of it.
        Budget budget = m_budget;
        if (budget.deadlineMs >= 0)
            budget.deadlineMs = std::max<int>(0, budget.deadlineMs - int(m_clock.elapsed()));
        const LineDiffResult diff = diffSymbols(symbolsA, symbolsB, budget);
        m_result.approximate = m_result.approximate || diff.approximate;
        m_result.coarse = m_result.coarse || diff.coarse;
        m_result.cancelled = m_result.cancelled || diff.cancelled;
        auto pairAt = [&](qsizetype i, qsizetype j) {
            const size_t x = static_cast<size_t>(i);
            const size_t y = static_cast<size_t>(j);
            pair(left[x].node, right[y].node, left[x].path, right[y].path, x + 1 < left.size(),
                 y + 1 < right.size());
        };
        auto removed = [&](qsizetype i) {
            put(Run::Kind::Delete,
                m_a.span(left[static_cast<size_t>(i)].node, left[static_cast<size_t>(i)].path));
        };
        auto added = [&](qsizetype j) {
            put(Run::Kind::Insert,
                m_b.span(right[static_cast<size_t>(j)].node, right[static_cast<size_t>(j)].path));
        };
        for (qsizetype r = 0; r < diff.runs.size() && !stopped(); ++r) {
            const Run& run = diff.runs[r];
            if (run.kind == Run::Kind::Equal) {
                for (qsizetype k = 0; k < run.count; ++k)
                    pairAt(run.aStart + k, run.bStart + k);
            } else if (run.kind == Run::Kind::Delete && r + 1 < diff.runs.size() &&
                       diff.runs[r + 1].kind == Run::Kind::Insert) {
                const Run& insert = diff.runs[++r];
                const qsizetype paired = std::min(run.count, insert.count);
                for (qsizetype k = 0; k < paired; ++k)
                    pairAt(run.aStart + k, insert.bStart + k);
                for (qsizetype k = paired; k < run.count; ++k)
                    removed(run.aStart + k);
                for (qsizetype k = paired; k < insert.count; ++k)
                    added(insert.bStart + k);
            } else if (run.kind == Run::Kind::Delete) {
                for (qsizetype k = 0; k < run.count; ++k)
                    removed(run.aStart + k);
            } else {
                for (qsizetype k = 0; k < run.count; ++k)
                    added(run.bStart + k);
            }
        }
    }

    Side m_a;
    Side m_b;
    Budget m_budget;
    QElapsedTimer m_clock;
    unsigned m_checks = 0;
    qsizetype m_lineA = 0;
    qsizetype m_lineB = 0;
    LineDiffResult m_result;
};

} // namespace

LineDiffResult jsonLineDiff(const JsonTree& a, const JsonTree& b, const JsonTree::SkipPath& skip,
                            const Budget& budget, LineDiffResult before)
{
    // The head's flags are the head's: a coarse head does not stop the body's alignment.
    const LineDiffResult flags{{}, before.approximate, before.coarse, before.cancelled};
    before.approximate = before.coarse = before.cancelled = false;
    LineDiffResult result = Aligner(a, b, skip, budget, std::move(before)).run();
    result.approximate = result.approximate || flags.approximate;
    result.coarse = result.coarse || flags.coarse;
    result.cancelled = result.cancelled || flags.cancelled;
    return result;
}

bool verifyLineDiff(const Lines& a, const Lines& b, LineDiffResult& diff)
{
    // First only read (the runs of two bodies that differ everywhere take as much memory as a
    // fifth of their text): a copy is made only when a claim is wrong.
    qsizetype lineA = 0;
    qsizetype lineB = 0;
    bool allTrue = true;
    for (const Run& run : std::as_const(diff.runs)) {
        if (run.aStart != lineA || run.bStart != lineB)
            return false;
        const qsizetype count = run.count;
        if (run.kind != Run::Kind::Insert && lineA + count > a.size())
            return false;
        if (run.kind != Run::Kind::Delete && lineB + count > b.size())
            return false;
        for (qsizetype k = 0; allTrue && run.kind == Run::Kind::Equal && k < count; ++k)
            allTrue = a.at(lineA + k) == b.at(lineB + k) &&
                      a.isUnterminated(lineA + k) == b.isUnterminated(lineB + k);
        lineA += run.kind == Run::Kind::Insert ? 0 : count;
        lineB += run.kind == Run::Kind::Delete ? 0 : count;
    }
    if (lineA != a.size() || lineB != b.size())
        return false;
    if (allTrue)
        return true;
    QList<Run> checked;
    lineA = 0;
    lineB = 0;
    for (const Run& run : std::as_const(diff.runs)) {
        if (run.kind == Run::Kind::Equal) {
            for (qsizetype k = 0; k < run.count; ++k, ++lineA, ++lineB) {
                const bool equal = a.at(lineA) == b.at(lineB) &&
                                   a.isUnterminated(lineA) == b.isUnterminated(lineB);
                if (equal) {
                    appendRun(checked, Run::Kind::Equal, lineA, lineB, 1);
                } else {
                    appendRun(checked, Run::Kind::Delete, lineA, lineB, 1);
                    appendRun(checked, Run::Kind::Insert, lineA + 1, lineB, 1);
                }
            }
        } else if (run.kind == Run::Kind::Delete) {
            appendRun(checked, run.kind, lineA, lineB, run.count);
            lineA += run.count;
        } else {
            appendRun(checked, run.kind, lineA, lineB, run.count);
            lineB += run.count;
        }
    }
    diff.runs = std::move(checked);
    return true;
}

} // namespace Keyhole::Diff
