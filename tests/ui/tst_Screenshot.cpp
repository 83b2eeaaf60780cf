#include "core/secrets/SecretStore.h"
#include "tests/support/Fixtures.h"
#include "ui/MainWindow.h"
#include "ui/WorkspaceTree.h"

#include <QApplication>
#include <QDir>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Keyhole;
using namespace Qt::StringLiterals;

// The screenshot smoke test: the main window on a real (virtual) X display, grabbed from the
// screen as a user would see it. It must not be blank and must show the workspace tree. The
// picture is kept as main-window.png in the test directory.
class TestScreenshot final : public QObject {
    Q_OBJECT

private slots:
    void theWindowShowsTheTree()
    {
        if (QGuiApplication::platformName() != u"xcb"_s)
            QSKIP("needs an X display: run through tests/ui/with-xvfb.sh");
        QApplication::setOrganizationName(u"KeyholeScreenshotTests"_s);
        QSettings().clear();
        QTemporaryDir dir;
        QVERIFY(Testing::copyTree(Testing::sampleWorkspace(), dir.path()));

        QNetworkAccessManager network;
        Ui::MainWindow window(&network, std::make_shared<Secrets::MemorySecretStore>());
        QVERIFY(window.openWorkspace(dir.path()));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(500); // painted on the X server, not just mapped

        const QImage shot = window.screen()
                                ->grabWindow(window.winId())
                                .toImage()
                                .convertToFormat(QImage::Format_RGB32);
        QVERIFY(shot.save(QDir::current().filePath(u"main-window.png"_s)));
        QVERIFY(shot.width() >= 1000 && shot.height() >= 600);

        // Not blank: a real window has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 3) {
            for (int x = 0; x < shot.width(); x += 3)
                colours.insert(shot.pixel(x, y));
        }
        QVERIFY2(colours.size() > 30, qPrintable(u"%1 colours"_s.arg(colours.size())));

        // The tree is there and has rows drawn in it: text pixels where the tree is.
        QTreeView* tree = window.treePane()->view();
        QVERIFY(tree->isVisible());
        const QRect area(tree->viewport()->mapTo(&window, QPoint(0, 0)), tree->viewport()->size());
        QVERIFY(area.width() > 100 && area.height() > 100);
        const QRect rows = area.intersected(QRect(area.topLeft(), QSize(area.width(), 120)));
        int ink = 0;
        for (int y = rows.top(); y <= rows.bottom(); ++y) {
            for (int x = rows.left(); x <= rows.right(); ++x) {
                if (qGray(shot.pixel(x, y)) < 140)
                    ++ink;
            }
        }
        QVERIFY2(ink > 300, qPrintable(u"%1 dark pixels in the tree's first rows"_s.arg(ink)));
        // (The sample's one collection is what was drawn there.)
        QCOMPARE(tree->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestScreenshot)
#include "tst_Screenshot.moc"
