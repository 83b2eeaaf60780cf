// Benchmark, not a test (tests/bench/bench-startup.sh runs it): issue #9's start-up and idle
// memory targets. One process per measurement, started by the script, which passes the wall
// clock of the exec in KEYHOLE_START_NS so that loading the libraries counts too:
//   bench_startup window            an empty QMainWindow (the floor, same process shape)
//   bench_startup keyhole WORKSPACE Keyhole's MainWindow with the workspace opened
//   ... [--open N]                  then N requests opened in tabs (the idle reading only)
// Prints one line: "<what> first-paint-ms <ms> idle-rss-kb <kb>", the idle reading taken 2 s
// after the first paint (and after the tabs opened).
#include "core/Memory.h"
#include "core/model/Folder.h"
#include "core/secrets/SecretStore.h"
#include "tests/bench/ProcStatus.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <ctime>

using namespace Keyhole;

namespace {

qint64 nowNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Notes the first paint of any widget of `window`, then calls `painted` once.
class FirstPaint final : public QObject {
public:
    FirstPaint(QWidget* window, std::function<void()> painted)
        : m_window(window)
        , m_painted(std::move(painted))
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (!m_done && event->type() == QEvent::Paint && watched->isWidgetType() &&
            static_cast<QWidget*>(watched)->window() == m_window) {
            m_done = true;
            // After this paint has been handled: the frame is drawn.
            QTimer::singleShot(0, this, m_painted);
        }
        return false;
    }

private:
    QWidget* m_window;
    std::function<void()> m_painted;
    bool m_done = false;
};

} // namespace

int main(int argc, char* argv[])
{
    const qint64 started = qEnvironmentVariableIsSet("KEYHOLE_START_NS")
                               ? qEnvironmentVariable("KEYHOLE_START_NS").toLongLong()
                               : nowNs();
    keepLargeBlocksMapped();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("KeyholeBench")); // not the user's settings
    QSettings().clear(); // no tabs or workspace restored from an earlier run
    const QStringList arguments = QApplication::arguments();
    const QString mode = arguments.value(1);
    const int open = arguments.indexOf(QStringLiteral("--open")) > 0
                         ? arguments.value(arguments.indexOf(QStringLiteral("--open")) + 1).toInt()
                         : 0;

    QNetworkAccessManager network;
    std::unique_ptr<QMainWindow> window;
    Ui::MainWindow* keyhole = nullptr;
    if (mode == QStringLiteral("window")) {
        window = std::make_unique<QMainWindow>();
    } else if (mode == QStringLiteral("keyhole") && arguments.size() > 2) {
        auto* main = new Ui::MainWindow(&network, std::make_shared<Secrets::MemorySecretStore>());
        window.reset(main);
        keyhole = main;
        if (!keyhole->openWorkspace(arguments.at(2)))
            return 2;
    } else {
        std::fprintf(stderr, "usage: bench_startup window | keyhole WORKSPACE [--open N]\n");
        return 2;
    }
    window->resize(1280, 800);
    double firstPaintMs = -1;
    FirstPaint watcher(window.get(), [&] {
        firstPaintMs = (nowNs() - started) / 1e6;
        if (keyhole && open > 0) {
            QStringList paths;
            for (const Model::RequestInPlace& each : Model::requestsInOrder(keyhole->workspace()))
                if (paths.size() < open)
                    paths.append(each.request->path);
            for (const QString& path : std::as_const(paths))
                keyhole->openRequest(path);
        }
        QTimer::singleShot(2000, &app, [&] {
            std::printf("%s first-paint-ms %.1f idle-rss-kb %lld\n",
                        qPrintable(mode + (open > 0 ? QStringLiteral("+tabs") : QString())),
                        firstPaintMs, static_cast<long long>(Bench::statusKb("VmRSS:")));
            std::fflush(stdout);
            QApplication::quit();
        });
    });
    app.installEventFilter(&watcher);
    window->show();
    return QApplication::exec();
}
