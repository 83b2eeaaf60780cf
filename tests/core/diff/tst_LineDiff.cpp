#include "core/diff/LineDiff.h"
#include "core/diff/MessageDiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

// Rebuilds B from A and the runs; also counts the edited lines.
QStringList apply(const QStringList& a, const QStringList& b, const Diff::LineDiffResult& diff,
                  int* edits)
{
    QStringList out;
    *edits = 0;
    for (const Diff::Run& run : diff.runs) {
        if (run.kind == Diff::Run::Kind::Equal)
            out += a.mid(run.aStart, run.count);
        else if (run.kind == Diff::Run::Kind::Insert)
            out += b.mid(run.bStart, run.count);
        if (run.kind != Diff::Run::Kind::Equal)
            *edits += static_cast<int>(run.count);
    }
    return out;
}

} // namespace

class TestLineDiff final : public QObject {
    Q_OBJECT

private slots:
    void smallestEditScript()
    {
        const QStringList a = u"a b c a b b a"_s.split(u' ');
        const QStringList b = u"c b a b a c"_s.split(u' ');
        const Diff::LineDiffResult diff = Diff::diffLines(a, b);
        int edits = 0;
        QCOMPARE(apply(a, b, diff, &edits), b);
        QCOMPARE(edits, 5); // Myers' paper example: D = 5
        QVERIFY(!diff.coarse);
    }

    void randomEditsRoundTrip()
    {
        QRandomGenerator random(42);
        for (int round = 0; round < 200; ++round) {
            QStringList a;
            QStringList b;
            const int n = random.bounded(0, 40);
            for (int i = 0; i < n; ++i)
                a.append(QString::number(random.bounded(0, 6)));
            b = a;
            for (int e = random.bounded(0, 8); e > 0; --e) {
                const int at = b.isEmpty() ? 0 : random.bounded(0, static_cast<int>(b.size()));
                if (random.bounded(0, 2) && !b.isEmpty())
                    b.removeAt(at);
                else
                    b.insert(at, QString::number(random.bounded(0, 6)));
            }
            int edits = 0;
            QCOMPARE(apply(a, b, Diff::diffLines(a, b), &edits), b);
        }
    }

    void budgetFallsBackToCoarse()
    {
        QStringList a;
        QStringList b;
        for (int i = 0; i < 500; ++i) {
            a.append(u"a%1"_s.arg(i));
            b.append(u"b%1"_s.arg(i));
        }
        a.prepend(u"same"_s);
        b.prepend(u"same"_s);
        const Diff::LineDiffResult diff = Diff::diffLines(a, b, 10);
        QVERIFY(diff.coarse);
        int edits = 0;
        QCOMPARE(apply(a, b, diff, &edits), b);
    }

    void unifiedFormat()
    {
        const QStringList a{u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s, u"8"_s};
        QStringList b = a;
        b[3] = u"four"_s;
        QCOMPARE(Diff::unifiedDiff(a, b, u"A"_s, u"B"_s),
                 u"--- A\n+++ B\n@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n"_s);
        QVERIFY(Diff::unifiedDiff(a, a, u"A"_s, u"B"_s).isEmpty());
    }

    void messagesCompareCredentialsByFingerprint()
    {
        const QStringList a = Diff::messageLines(
            "GET / HTTP/1.1\r\nAuthorization: Bearer secret-one\r\nX: 1\r\n\r\n");
        const QStringList b =
            Diff::messageLines("GET / HTTP/1.1\r\nAuthorization: Token secret-two\r\nX: 2\r\n\r\n");
        QVERIFY(!a.join(u'\n').contains(u"secret-one"_s));
        QVERIFY(a[1].startsWith(u"Authorization: Bearer ‹fingerprint "_s));
        QCOMPARE(Diff::headerSummary(a, b),
                 (QStringList{u"authorization: scheme Bearer → Token"_s, u"x: value differs"_s}));
        QCOMPARE(Diff::headerSummary(a, b, {u"x"_s}),
                 QStringList{u"authorization: scheme Bearer → Token"_s});
        const QStringList same = Diff::messageLines(
            "GET / HTTP/1.1\r\nAuthorization: Bearer secret-one\r\nX: 1\r\n\r\n");
        QCOMPARE(same, a);
    }
};

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_LineDiff.moc"
