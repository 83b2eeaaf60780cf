#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Keyhole::Diff {

// One run of lines: equal in both, only in A (deleted), or only in B (inserted).
struct Run {
    enum class Kind { Equal, Delete, Insert };
    Kind kind = Kind::Equal;
    qsizetype aStart = 0; // first line in A (for Equal and Delete)
    qsizetype bStart = 0; // first line in B (for Equal and Insert)
    qsizetype count = 0;
};

struct LineDiffResult {
    QList<Run> runs;
    bool coarse = false; // the budget ran out: the middle was diffed as one replaced block
};

// Myers' O(ND) diff of two line lists. When the edit distance exceeds `maxEdits`, the common
// prefix and suffix are kept and everything between is reported as one replacement, flagged
// `coarse` — a pathological input never hangs the caller.
// Memory grows with the square of the edit distance, hence the modest default.
LineDiffResult diffLines(const QStringList& a, const QStringList& b, qsizetype maxEdits = 2000);

// A unified diff ("--- a", "+++ b", "@@ -l,n +l,n @@" hunks with `context` lines around
// changes). Empty when the texts are equal.
QString unifiedDiff(const QStringList& a, const QStringList& b, const QString& nameA,
                    const QString& nameB, int context = 3);

} // namespace Keyhole::Diff
