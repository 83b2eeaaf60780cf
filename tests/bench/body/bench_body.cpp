// Benchmark, not a test (tests/bench/bench-body.sh runs it): the response Body view on big
// bodies, issue #9's targets. For each body: the window's thread from "body received"
// (ResponseView::showExchange) to the first painted screen, the longest stall of the window's
// thread while the lines are indexed (a 1 ms timer's longest gap), find near the end, scroll
// repaints (p99 of 300 random jumps) and resident memory over the body. The baseline, in the
// same run: a QPlainTextEdit given the 50 MB body and painting its first screen.
#include "core/Memory.h"
#include "core/history/HistoryStore.h"
#include "core/http/Exchange.h"
#include "tests/bench/ProcStatus.h"
#include "ui/LargeTextView.h"
#include "ui/ResponseView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace Keyhole;

namespace {

QByteArray logBody(qsizetype size)
{
    QRandomGenerator random(11);
    QByteArray out;
    out.reserve(size + 200);
    for (int i = 0; out.size() < size; ++i)
        out += "2026-11-22T10:00:00Z INFO request " + QByteArray::number(i) + " GET /api/items/" +
               QByteArray::number(random.bounded(100000)) + " 200\n";
    return out + "the needle at the end\n";
}

QByteArray minifiedJson(qsizetype size)
{
    QByteArray out = "[";
    out.reserve(size + 200);
    for (int i = 0; out.size() < size; ++i)
        out += (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i) +
               ",\"name\":\"item\",\"tags\":[\"a\",\"b\"]}";
    return out + ",\"the needle at the end\"]";
}

void measure(const char* name, const QByteArray& body, const QByteArray& type)
{
    Http::Exchange exchange;
    Http::Hop hop;
    hop.response.received = true;
    hop.response.status = 200;
    hop.response.reason = "OK";
    hop.response.headers = {{"Content-Type", type}};
    hop.response.body = body;
    hop.response.decodedBody = body;
    exchange.hops.append(hop);

    Ui::ResponseView view;
    view.resize(1200, 800);
    view.show();
    QApplication::processEvents();
    const qint64 before = Bench::statusKb("VmRSS:");
    Ui::LargeTextView* text = view.bodyView();

    QElapsedTimer timer;
    timer.start();
    view.showExchange(exchange);
    (void)text->grab();
    const qint64 firstPaint = timer.elapsed();

    // The window's thread while the worker indexes (and pretty-prints JSON): a 1 ms timer's
    // longest gap is the longest stall.
    qint64 longest = 0;
    QElapsedTimer tick;
    tick.start();
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout,
                     [&] { longest = std::max(longest, tick.restart()); });
    probe.start();
    const bool json = type.contains("json");
    QElapsedTimer ready;
    ready.start();
    const QByteArray shownBefore = text->bytes();
    while (ready.elapsed() < 60000 &&
           (!text->isIndexed() || (json && text->bytes().constData() == shownBefore.constData())))
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    while (!text->isIndexed() && ready.elapsed() < 60000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const qint64 allLines = ready.elapsed();
    probe.stop();

    QSignalSpy found(text, &Ui::LargeTextView::found);
    timer.restart();
    text->find(QStringLiteral("the needle at the end"));
    while (found.isEmpty() && timer.elapsed() < 60000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    const qint64 findMs = timer.elapsed();
    const qsizetype foundLine = found.isEmpty() ? -2 : found.first().first().toLongLong();

    QRandomGenerator random(5);
    std::vector<qint64> repaints;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer one;
        one.start();
        text->verticalScrollBar()->setValue(
            static_cast<int>(random.bounded(text->verticalScrollBar()->maximum() + 1)));
        text->viewport()->repaint();
        repaints.push_back(one.nsecsElapsed() / 1000);
    }
    std::sort(repaints.begin(), repaints.end());
    const qint64 p99 = repaints[repaints.size() * 99 / 100];

    const double bodyMb = static_cast<double>(body.size()) / (1024 * 1024);
    const double extraMb = static_cast<double>(Bench::statusKb("VmRSS:") - before) / 1024;

    // JSON: Fold All (the top level; on a worker for a long text) and unfolding one block.
    QByteArray folding;
    if (json) {
        QSignalSpy folded(text, &Ui::LargeTextView::foldedAll);
        longest = 0;
        tick.restart();
        probe.start();
        timer.restart();
        text->foldAll();
        while (folded.isEmpty() && timer.elapsed() < 60000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        text->viewport()->repaint();
        const qint64 foldAllMs = timer.elapsed();
        probe.stop();
        const qint64 foldStall = std::max(longest, tick.elapsed());
        const qsizetype rows = text->visibleRowCount();
        timer.restart();
        text->toggleFold(text->firstVisibleLine() + 1);
        text->viewport()->repaint();
        const qint64 toggleMs = timer.elapsed();
        folding = " · fold all " + QByteArray::number(foldAllMs) + " ms (" +
                  QByteArray::number(rows) + " rows, longest stall " +
                  QByteArray::number(foldStall) + " ms) · unfold one " +
                  QByteArray::number(toggleMs) + " ms";
    }

    // The send is recorded in history on the window's thread too (bodies cut at 2 MB, then
    // masked).
    QTemporaryDir history;
    timer.restart();
    (void)History::Store(history.path()).record(exchange, {}, {});
    const qint64 recordMs = timer.elapsed();
    std::printf("%-26s %6.0f MB: first paint %4lld ms · longest stall %3lld ms · all %lld lines "
                "in %5lld ms · find at the end %4lld ms (line %lld) · repaint p99 %.2f ms · "
                "memory +%.0f MB (%.2fx the body) · history record %lld ms%s\n",
                name, bodyMb, static_cast<long long>(firstPaint), static_cast<long long>(longest),
                static_cast<long long>(text->lineCount()), static_cast<long long>(allLines),
                static_cast<long long>(findMs), static_cast<long long>(foundLine),
                static_cast<double>(p99) / 1000, extraMb, extraMb / bodyMb,
                static_cast<long long>(recordMs), folding.constData());
}

} // namespace

int main(int argc, char** argv)
{
    Keyhole::keepLargeBlocksMapped(); // as the programs do
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "--baseline") == 0) {
        const QByteArray body = logBody(50 * 1024 * 1024);
        const qint64 before = Bench::statusKb("VmRSS:");
        QElapsedTimer timer;
        timer.start();
        QPlainTextEdit edit;
        edit.resize(1200, 800);
        edit.setPlainText(QString::fromUtf8(body));
        edit.show();
        (void)edit.grab();
        std::printf("baseline: QPlainTextEdit, 50 MB text: first paint %lld ms, memory +%lld MB\n",
                    static_cast<long long>(timer.elapsed()),
                    static_cast<long long>((Bench::statusKb("VmRSS:") - before) / 1024));
        return 0;
    }
    measure("text", logBody(50 * 1024 * 1024), "text/plain");
    measure("text", logBody(200 * 1024 * 1024), "text/plain");
    measure("minified JSON", minifiedJson(50 * 1024 * 1024), "application/json");
    return 0;
}
