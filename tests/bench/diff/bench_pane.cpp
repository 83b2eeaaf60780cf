// Benchmark, not a test (tests/bench/bench-diff.sh runs it): the Compare view on two 50 MB
// sides (700 000-line logs, 1 % of the lines changed), issue #7's "works with 50 MB sides".
// Measures, in one run: the comparison (what the worker thread does), building the pane's row
// table, painting the first screen, jumping to a change in the middle and painting it, and the
// peak memory over the inputs; the baseline is a QPlainTextEdit given one of the two sides
// (the text widget a naive diff view would fill) and painting its first screen.
#include "core/Memory.h"
#include "core/diff/MessageDiff.h"
#include "tests/bench/ProcStatus.h"
#include "ui/CompareView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QRandomGenerator>

#include <cstdio>
#include <cstring>

using namespace Keyhole;

int main(int argc, char** argv)
{
    Keyhole::keepLargeBlocksMapped(); // as the programs do
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool baseline = argc > 1 && std::strcmp(argv[1], "--baseline") == 0;

    QRandomGenerator random(7);
    QByteArray a;
    a.reserve(52 * 1024 * 1024);
    for (int i = 0; a.size() < 50 * 1024 * 1024; ++i)
        a += "2026-11-22T10:00:00Z INFO request " + QByteArray::number(i) + " GET /api/items/" +
             QByteArray::number(random.bounded(100000)) + " 200 " +
             QByteArray::number(random.bounded(1000)) + "ms\n";
    QByteArray b = a;
    int changed = 0;
    for (qsizetype at = 0; at < b.size();) { // every 100th line: 1 %
        for (int skip = 0; skip < 100 && at < b.size(); ++skip)
            at = b.indexOf('\n', at) + 1;
        if (at <= 0 || at >= b.size())
            break;
        b[at + 21] = 'W'; // INFO → WNFO
        ++changed;
    }
    const double inputsMb = static_cast<double>(a.size() + b.size()) / (1024 * 1024);
    Bench::resetPeak();
    const qint64 before = Bench::statusKb("VmRSS:");
    QElapsedTimer timer;

    if (baseline) {
        timer.start();
        QPlainTextEdit edit;
        edit.resize(1200, 800);
        edit.setPlainText(QString::fromUtf8(a));
        edit.show();
        (void)edit.grab();
        std::printf("baseline: QPlainTextEdit with one 50 MB side: %lld ms to fill and paint, "
                    "+%lld MB\n",
                    static_cast<long long>(timer.elapsed()),
                    static_cast<long long>((Bench::statusKb("VmHWM:") - before) / 1024));
        return 0;
    }

    timer.start();
    Diff::MessageComparison comparison = Diff::compareMessages(a, b);
    const qint64 compareMs = timer.restart();
    Ui::DiffPane pane;
    pane.resize(1200, 800);
    pane.setComparison(&comparison.a, &comparison.b, &comparison.lines);
    const qint64 rowsMs = timer.restart();
    pane.show();
    (void)pane.grab();
    const qint64 firstPaintMs = timer.restart();
    for (qsizetype i = 0; i < pane.hunkCount() / 2; ++i)
        pane.nextHunk();
    (void)pane.grab();
    const qint64 middlePaintMs = timer.restart();
    std::printf("inputs %.0f MB (%d lines changed): compare %lld ms (%s), row table %lld ms "
                "(%lld rows, %lld changes), first screen %lld ms, jump to change %lld and "
                "paint %lld ms, peak +%lld MB (%.1fx the inputs)\n",
                inputsMb, changed, static_cast<long long>(compareMs),
                comparison.summary().toUtf8().constData(), static_cast<long long>(rowsMs),
                static_cast<long long>(pane.rowCount()), static_cast<long long>(pane.hunkCount()),
                static_cast<long long>(firstPaintMs), static_cast<long long>(pane.hunkCount() / 2),
                static_cast<long long>(middlePaintMs),
                static_cast<long long>((Bench::statusKb("VmHWM:") - before) / 1024),
                static_cast<double>(Bench::statusKb("VmHWM:") - before) / 1024 / inputsMb);
    return 0;
}
