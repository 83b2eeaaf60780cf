#include "core/diff/LineDiff.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

void push(QList<Run>& runs, Run::Kind kind, qsizetype a, qsizetype b, qsizetype count)
{
    if (count <= 0)
        return;
    if (!runs.isEmpty() && runs.last().kind == kind) {
        const Run& last = runs.last();
        const bool contiguous = (kind == Run::Kind::Insert || last.aStart + last.count == a) &&
                                (kind == Run::Kind::Delete || last.bStart + last.count == b);
        if (contiguous) {
            runs.last().count += count;
            return;
        }
    }
    runs.append({kind, a, b, count});
}

} // namespace

LineDiffResult diffLines(const QStringList& a, const QStringList& b, qsizetype maxEdits)
{
    LineDiffResult result;
    // Common prefix and suffix first: cheap, and most diffs are small.
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const qsizetype n = a.size() - prefix - suffix;
    const qsizetype m = b.size() - prefix - suffix;
    push(result.runs, Run::Kind::Equal, 0, 0, prefix);

    // Myers: V[k] = furthest x on diagonal k after d edits; keep each d's V to backtrack.
    const qsizetype max = n + m;
    const qsizetype offset = max + 1;
    std::vector<std::vector<qsizetype>> trace;
    std::vector<qsizetype> v(static_cast<size_t>(2 * max + 3), 0);
    qsizetype found = -1;
    for (qsizetype d = 0; d <= max && d <= maxEdits; ++d) {
        for (qsizetype k = -d; k <= d; k += 2) {
            qsizetype x = (k == -d || (k != d && v[static_cast<size_t>(offset + k - 1)] <
                                                     v[static_cast<size_t>(offset + k + 1)]))
                              ? v[static_cast<size_t>(offset + k + 1)]
                              : v[static_cast<size_t>(offset + k - 1)] + 1;
            qsizetype y = x - k;
            while (x < n && y < m && a[prefix + x] == b[prefix + y]) {
                ++x;
                ++y;
            }
            v[static_cast<size_t>(offset + k)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
        // Keep only diagonals -d..d of this round: O(D²) memory in all.
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
        if (found >= 0)
            break;
    }

    QList<Run> middle;
    if (found < 0) {
        result.coarse = true;
        push(middle, Run::Kind::Delete, prefix, prefix, n);
        push(middle, Run::Kind::Insert, prefix + n, prefix, m);
    } else {
        // Backtrack from (n, m) to (0, 0), collecting edits in reverse.
        QList<Run> reversed;
        qsizetype x = n;
        qsizetype y = m;
        for (qsizetype d = found; d > 0; --d) {
            const std::vector<qsizetype>& previous = trace[static_cast<size_t>(d - 1)];
            // Round d-1 kept diagonals -(d-1)..(d-1).
            auto at = [&](qsizetype diagonal) {
                return previous[static_cast<size_t>(diagonal + d - 1)];
            };
            const qsizetype k = x - y;
            const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
            const qsizetype previousK = down ? k + 1 : k - 1;
            const qsizetype previousX = at(previousK);
            const qsizetype previousY = previousX - previousK;
            const qsizetype startX = down ? previousX : previousX + 1;
            const qsizetype startY = down ? previousY + 1 : previousY;
            if (x > startX)
                reversed.append({Run::Kind::Equal, prefix + startX, prefix + startY, x - startX});
            reversed.append(
                down ? Run{Run::Kind::Insert, prefix + previousX, prefix + previousY, 1}
                     : Run{Run::Kind::Delete, prefix + previousX, prefix + previousY, 1});
            x = previousX;
            y = previousY;
        }
        if (x > 0)
            reversed.append({Run::Kind::Equal, prefix, prefix, x});
        for (auto it = reversed.crbegin(); it != reversed.crend(); ++it)
            push(middle, it->kind, it->aStart, it->bStart, it->count);
    }
    for (const Run& run : std::as_const(middle))
        push(result.runs, run.kind, run.aStart, run.bStart, run.count);
    push(result.runs, Run::Kind::Equal, a.size() - suffix, b.size() - suffix, suffix);
    return result;
}

QString unifiedDiff(const QStringList& a, const QStringList& b, const QString& nameA,
                    const QString& nameB, int context)
{
    const LineDiffResult diff = diffLines(a, b);
    const bool changed = std::any_of(diff.runs.cbegin(), diff.runs.cend(),
                                     [](const Run& r) { return r.kind != Run::Kind::Equal; });
    if (!changed)
        return {};
    // Flatten to per-line operations, then cut hunks around the changes.
    struct Line {
        char op;
        qsizetype a;
        qsizetype b;
        QString text;
    };
    QList<Line> lines;
    for (const Run& run : diff.runs) {
        for (qsizetype i = 0; i < run.count; ++i) {
            if (run.kind == Run::Kind::Equal)
                lines.append({' ', run.aStart + i, run.bStart + i, a[run.aStart + i]});
            else if (run.kind == Run::Kind::Delete)
                lines.append({'-', run.aStart + i, run.bStart, a[run.aStart + i]});
            else
                lines.append({'+', run.aStart, run.bStart + i, b[run.bStart + i]});
        }
    }
    QString out = u"--- "_s + nameA + u"\n+++ "_s + nameB + u'\n';
    if (diff.coarse)
        out += u"# coarse diff: too many differences for a line-by-line comparison\n"_s;
    qsizetype i = 0;
    while (i < lines.size()) {
        while (i < lines.size() && lines[i].op == ' ')
            ++i;
        if (i >= lines.size())
            break;
        qsizetype start = qMax<qsizetype>(0, i - context);
        qsizetype end = i;
        // Extend while changes are within 2*context of each other.
        for (qsizetype j = i; j < lines.size(); ++j) {
            if (lines[j].op != ' ')
                end = j;
            else if (j - end > 2 * context)
                break;
        }
        end = qMin(lines.size() - 1, end + context);
        qsizetype aCount = 0;
        qsizetype bCount = 0;
        for (qsizetype j = start; j <= end; ++j) {
            aCount += lines[j].op != '+' ? 1 : 0;
            bCount += lines[j].op != '-' ? 1 : 0;
        }
        const qsizetype aFrom = aCount ? lines[start].a + 1 : lines[start].a;
        const qsizetype bFrom = bCount ? lines[start].b + 1 : lines[start].b;
        out += u"@@ -%1,%2 +%3,%4 @@\n"_s.arg(aFrom).arg(aCount).arg(bFrom).arg(bCount);
        for (qsizetype j = start; j <= end; ++j)
            out += QChar::fromLatin1(lines[j].op) + lines[j].text + u'\n';
        i = end + 1;
    }
    return out;
}

} // namespace Keyhole::Diff
