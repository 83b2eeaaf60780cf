#include "ui/CommandPalette.h"
#include "ui/FuzzyMatch.h"

#include <QLineEdit>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestCommandPalette final : public QObject {
    Q_OBJECT

private slots:
    void fuzzyMatchesInOrderAnyCase()
    {
        QList<qsizetype> at;
        QVERIFY(Ui::fuzzyScore(u"snd", u"Request › Send", &at));
        QCOMPARE(at, (QList<qsizetype>{10, 12, 13}));
        QVERIFY(!Ui::fuzzyScore(u"dns", u"Request › Send"));
        QVERIFY(Ui::fuzzyScore(u"", u"anything"));
        QVERIFY(Ui::fuzzyScore(u"FOCUS url", u"Request › Focus URL"));
        // "ur" takes the U of URL (a word start), not the u inside "Focus".
        QVERIFY(Ui::fuzzyScore(u"ur", u"Focus URL", &at));
        QCOMPARE(at, (QList<qsizetype>{6, 7}));
    }

    void betterMatchesRankHigher()
    {
        const auto score = [](QStringView pattern, QStringView text) {
            return Ui::fuzzyScore(pattern, text).value_or(-100000);
        };
        // A run beats scattered letters; word starts beat the middle of words.
        QVERIFY(score(u"save", u"File › Save Request") > score(u"save", u"Show a v… everywhere"));
        QVERIFY(score(u"ce", u"Compare under Another Environment") >
                score(u"ce", u"Focus URL fence"));
        // A shorter text wins a tie.
        QVERIFY(score(u"send", u"Send") > score(u"send", u"Send and compare everything"));
        // Camel case starts a word too.
        QList<qsizetype> at;
        QVERIFY(Ui::fuzzyScore(u"ls", u"listSends", &at));
        QCOMPARE(at, (QList<qsizetype>{0, 4}));
    }

    void paletteNarrowsRunsAndCloses()
    {
        QWidget window;
        window.resize(800, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Ui::CommandPalette palette(&window);
        QStringList ran;
        palette.open({{u"File › Save Request"_s, u"Ctrl+S"_s,
                       [&] {
                           ran << u"save"_s;
                       }},
                      {u"Request › Send"_s, u"Ctrl+Return"_s,
                       [&] {
                           ran << u"send"_s;
                       }},
                      {u"GET List items"_s, u"Demo API / Items"_s,
                       [&] {
                           ran << u"list"_s;
                       }}},
                     u"Search"_s);
        QVERIFY(palette.isVisible());
        QCOMPARE(palette.shownTexts().size(), 3); // nothing typed: all, in the given order
        QCOMPARE(palette.shownTexts().first(), u"File › Save Request\tCtrl+S"_s);

        QTest::keyClicks(palette.searchBox(), u"snd"_s);
        QCOMPARE(palette.shownTexts(), QStringList{u"Request › Send\tCtrl+Return"_s});
        QTest::keyClick(palette.searchBox(), Qt::Key_Return);
        QCOMPARE(ran, QStringList{u"send"_s});
        QVERIFY(!palette.isVisible());

        // The detail is searched when the text does not match: a folder finds its requests.
        palette.open({{u"GET List items"_s, u"Demo API / Items"_s,
                       [&] {
                           ran << u"list"_s;
                       }},
                      {u"Request › Send"_s, u"Ctrl+Return"_s,
                       [&] {
                           ran << u"send"_s;
                       }}},
                     u"Search"_s);
        QTest::keyClicks(palette.searchBox(), u"demo"_s);
        QCOMPARE(palette.shownTexts().size(), 1);
        // Down moves the choice while typing goes on; Escape closes without running anything.
        palette.searchBox()->clear();
        QTest::keyClick(palette.searchBox(), Qt::Key_Down);
        QTest::keyClick(palette.searchBox(), Qt::Key_Return);
        QCOMPARE(ran, (QStringList{u"send"_s, u"send"_s}));
        palette.open({{u"GET List items"_s,
                       {},
                       [&] {
                           ran << u"list"_s;
                       }}},
                     u"Search"_s);
        QTest::keyClick(palette.searchBox(), Qt::Key_Escape);
        QVERIFY(!palette.isVisible());
        QCOMPARE(ran.size(), 2);
        // Nothing matches: Enter does nothing.
        palette.open({{u"GET List items"_s,
                       {},
                       [&] {
                           ran << u"list"_s;
                       }}},
                     u"Search"_s);
        QTest::keyClicks(palette.searchBox(), u"zzz"_s);
        QVERIFY(palette.shownTexts().isEmpty());
        QTest::keyClick(palette.searchBox(), Qt::Key_Return);
        QCOMPARE(ran.size(), 2);
    }
};

QTEST_MAIN(TestCommandPalette)
#include "tst_CommandPalette.moc"
