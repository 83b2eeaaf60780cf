#include "core/diff/LineDiff.h"
#include "core/diff/MessageDiff.h"
#include "core/http/Exchange.h"
#include "core/model/PreparedRequest.h"

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
        // Nothing in common but the first line: found without any search.
        Diff::LineDiffResult diff = Diff::diffLines(a, b);
        QVERIFY(!diff.coarse && !diff.approximate);
        int edits = 0;
        QCOMPARE(apply(a, b, diff, &edits), b);
        QCOMPARE(edits, 1000);

        // Interleaved common lines make the search long: a deadline already passed makes the
        // rest one replaced block, still a correct edit script, and says so.
        QStringList c;
        QStringList d;
        for (int i = 0; i < 2000; ++i) {
            c.append(QString::number(i % 7));
            d.append(QString::number((i * 3) % 5));
        }
        Diff::Budget late;
        late.deadlineMs = 0;
        diff = Diff::diffLines(c, d, late);
        QVERIFY(diff.coarse);
        QVERIFY(diff.label().startsWith(u"coarse diff"_s));
        QCOMPARE(apply(c, d, diff, &edits), d);
        QVERIFY(Diff::unifiedDiff(Diff::Lines::fromStrings(c), Diff::Lines::fromStrings(d), diff,
                                  u"A"_s, u"B"_s)
                    .contains(u"# coarse diff"_s));

        // A small search budget per split: heuristic splits, labelled approximate, still correct.
        Diff::Budget tight;
        tight.maxRoundsPerSplit = 2;
        tight.deadlineMs = -1;
        diff = Diff::diffLines(c, d, tight);
        QVERIFY(diff.approximate && !diff.coarse);
        QCOMPARE(apply(c, d, diff, &edits), d);

        // Cancelled from outside.
        std::atomic_bool cancel{true};
        Diff::Budget cancelled;
        cancelled.cancel = &cancel;
        diff = Diff::diffLines(c, d, cancelled);
        QVERIFY(diff.cancelled);
        QCOMPARE(apply(c, d, diff, &edits), d);
    }

    void randomLargeRoundTripWithTinyBudget()
    {
        QRandomGenerator random(7);
        for (int round = 0; round < 30; ++round) {
            QStringList a;
            for (int i = random.bounded(0, 400); i > 0; --i)
                a.append(QString::number(random.bounded(0, 12)));
            QStringList b = a;
            for (int e = random.bounded(0, 120); e > 0; --e) {
                const int at = b.isEmpty() ? 0 : random.bounded(0, static_cast<int>(b.size()));
                if (random.bounded(0, 2) && !b.isEmpty())
                    b.removeAt(at);
                else
                    b.insert(at, QString::number(random.bounded(0, 14)));
            }
            Diff::Budget budget;
            budget.maxRoundsPerSplit = 1 + random.bounded(0, 4);
            budget.deadlineMs = -1;
            int edits = 0;
            QCOMPARE(apply(a, b, Diff::diffLines(a, b, budget), &edits), b);
        }
    }

    void ignoreWhitespace()
    {
        const QStringList a{u"a  b"_s, u"c"_s};
        const QStringList b{u" a b"_s, u"c"_s};
        QVERIFY(!Diff::diffLines(a, b).equal());
        QVERIFY(Diff::diffLines(a, b, {}, true).equal());
    }

    void refineMarksWordsAndCharacters()
    {
        // One word replaced: narrowed to the characters that differ.
        Diff::LineChanges changes =
            Diff::refineLine(u"Authorization: Token abc123", u"Authorization: Bearer abc123");
        QCOMPARE(changes.a, (QList<Diff::Span>{{15, 5}}));
        QCOMPARE(changes.b, (QList<Diff::Span>{{15, 6}}));
        changes = Diff::refineLine(u"\"id\": 41,", u"\"id\": 42,");
        QCOMPARE(changes.a, (QList<Diff::Span>{{7, 1}}));
        QCOMPARE(changes.b, (QList<Diff::Span>{{7, 1}}));
        // A word added: only B has a span.
        changes = Diff::refineLine(u"GET /items HTTP/1.1", u"GET /items/ HTTP/1.1");
        QVERIFY(changes.a.isEmpty());
        QCOMPARE(changes.b, (QList<Diff::Span>{{10, 1}}));
        changes = Diff::refineLine(u"same", u"same");
        QVERIFY(changes.a.isEmpty() && changes.b.isEmpty());
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

    void missingNewlineAtEndIsADifference()
    {
        // "a" and "a\n" are different texts: diff's "\ No newline at end of file".
        const Diff::Lines open("x\na");
        const Diff::Lines closed("x\na\n");
        QVERIFY(open.isUnterminated(1) && !closed.isUnterminated(1));
        const Diff::LineDiffResult diff = Diff::diffLines(open, closed);
        QVERIFY(!diff.equal());
        QCOMPARE(Diff::unifiedDiff(open, closed, diff, u"A"_s, u"B"_s),
                 u"--- A\n+++ B\n@@ -1,2 +1,2 @@\n x\n-a\n\\ No newline at end of file\n+a\n"_s);
        // Both unterminated: equal; as context the marker follows the line once.
        QVERIFY(Diff::diffLines(open, Diff::Lines("x\na")).equal());
        const Diff::Lines changed("y\na");
        QCOMPARE(Diff::unifiedDiff(open, changed, Diff::diffLines(open, changed), u"A"_s, u"B"_s),
                 u"--- A\n+++ B\n@@ -1,2 +1,2 @@\n-x\n+y\n a\n\\ No newline at end of file\n"_s);
        // White space ignored: so is the missing line end.
        QVERIFY(Diff::diffLines(open, closed, {}, true).equal());
        // Two responses whose bodies differ only by the final line end are not equal.
        const Diff::MessageComparison bodies =
            Diff::compareMessages("HTTP/1.1 200 OK\r\n\r\nok", "HTTP/1.1 200 OK\r\n\r\nok\n");
        QVERIFY(!bodies.equal());
    }

    // A planned request as compared: every secret value fingerprinted wherever it is (a
    // header the credential list does not know, the query, the body), its own and the other
    // side's alike; tokens typed in plain masked as history masks them.
    void plannedRequestsShowNoSecret()
    {
        Model::PreparedRequest mine;
        mine.method = "POST";
        mine.url = QUrl(u"http://127.0.0.1/api/?api_key=glpat-SECRET1&page=2"_s);
        mine.headers = {{"PRIVATE-TOKEN", "glpat-SECRET1"}, {"Content-Type", "application/json"}};
        mine.body = "{\"password\": \"typed-in-plain\", \"note\": \"glpat-SECRET1\"}";
        mine.secretValues = {"glpat-SECRET1"};
        const QByteArray planned = Diff::plannedRequest(mine);
        QVERIFY2(!planned.contains("SECRET1") && !planned.contains("typed-in-plain"),
                 planned.constData());
        const QByteArray mark = Http::credentialFingerprint("glpat-SECRET1");
        QCOMPARE(planned.count(mark), 2); // the header and the body (the query's percent-encoded)
        QVERIFY(planned.contains("page=2"));

        // The other side's secret, pasted in a curl command: the same mark, so they compare
        // equal; another value would differ.
        Model::PreparedRequest curl = mine;
        curl.secretValues.clear();
        QCOMPARE(Diff::plannedRequest(curl, mine.secretValues), planned);
        QVERIFY(Diff::plannedRequest(curl, {"glpat-OTHER"}) != planned);
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
