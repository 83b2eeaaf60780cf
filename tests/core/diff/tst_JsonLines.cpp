// The line diff of two JSON bodies found from their trees (core/diff/JsonLines): every line it
// calls equal is equal, every line is covered once, and it reads like a good diff (an element
// inserted at the front is one insertion, a changed value one replaced line).
#include "core/Memory.h"
#include "core/diff/JsonLines.h"
#include "core/diff/MessageDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

struct Lined {
    Diff::Lines a;
    Diff::Lines b;
    Diff::LineDiffResult diff;
    bool verifiedAsIs = false; // the check found every Equal line pair equal
};

Lined lineUp(const QByteArray& a, const QByteArray& b, const Diff::JsonTree::SkipPath& skip = {},
             const Diff::Budget& budget = {})
{
    const std::optional<Diff::JsonTree> left = Diff::JsonTree::parse(a);
    const std::optional<Diff::JsonTree> right = Diff::JsonTree::parse(b);
    Lined out;
    if (!left || !right)
        return out;
    out.diff = Diff::jsonLineDiff(*left, *right, skip, budget);
    out.a = Diff::Lines(left->pretty(skip));
    out.b = Diff::Lines(right->pretty(skip));
    const QList<Diff::Run> before = out.diff.runs;
    out.verifiedAsIs = Diff::verifyLineDiff(out.a, out.b, out.diff) && [&] {
        if (before.size() != out.diff.runs.size())
            return false;
        for (qsizetype i = 0; i < before.size(); ++i) {
            const Diff::Run& x = before[i];
            const Diff::Run& y = out.diff.runs[i];
            if (x.kind != y.kind || x.aStart != y.aStart || x.bStart != y.bStart ||
                x.count != y.count)
                return false;
        }
        return true;
    }();
    return out;
}

// "=3 -1 +1 =1": the runs in short.
QString shape(const Diff::LineDiffResult& diff)
{
    QStringList parts;
    for (const Diff::Run& run : diff.runs)
        parts.append((run.kind == Diff::Run::Kind::Equal    ? u"="_s
                      : run.kind == Diff::Run::Kind::Delete ? u"-"_s
                                                            : u"+"_s) +
                     QString::number(run.count));
    return parts.join(u' ');
}

QJsonValue randomValue(QRandomGenerator& random, int depth)
{
    const int kind = depth >= 4 ? static_cast<int>(random.bounded(4)) : random.bounded(6);
    switch (kind) {
    case 0:
        return static_cast<int>(random.bounded(5));
    case 1:
        return QString(QChar(u'a' + random.bounded(4)));
    case 2:
        return random.bounded(2) == 0;
    case 3:
        return QJsonValue();
    case 4: {
        QJsonArray array;
        for (int i = random.bounded(5); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = random.bounded(5); i > 0; --i)
            object.insert(QString(QChar(u'k' + random.bounded(6))), randomValue(random, depth + 1));
        return object;
    }
    }
}

// A few random edits anywhere in the value: a changed, added or removed member or element.
QJsonValue mutated(QRandomGenerator& random, const QJsonValue& value, int depth = 0)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (random.bounded(3) == 0)
                *it = mutated(random, *it, depth + 1);
        }
        if (random.bounded(4) == 0 && !object.isEmpty())
            object.remove(object.keys().at(random.bounded(static_cast<int>(object.size()))));
        if (random.bounded(4) == 0)
            object.insert(QString(QChar(u'k' + random.bounded(6))), randomValue(random, depth + 1));
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (random.bounded(3) == 0)
                array[i] = mutated(random, array.at(i), depth + 1);
        }
        if (random.bounded(4) == 0 && !array.isEmpty())
            array.removeAt(random.bounded(static_cast<int>(array.size())));
        if (random.bounded(4) == 0)
            array.insert(random.bounded(static_cast<int>(array.size()) + 1),
                         randomValue(random, depth + 1));
        return array;
    }
    return random.bounded(2) == 0 ? value : randomValue(random, depth);
}

QByteArray text(const QJsonValue& value, bool compact)
{
    const QJsonDocument::JsonFormat format =
        compact ? QJsonDocument::Compact : QJsonDocument::Indented;
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(format)
                           : QJsonDocument(value.toObject()).toJson(format);
}

} // namespace

class TestJsonLines final : public QObject {
    Q_OBJECT

private slots:
    void readsLikeAGoodDiff()
    {
        // An element inserted at the front: one insertion of its three lines.
        Lined lined = lineUp("{\"items\":[{\"id\":1},{\"id\":2}]}",
                             "{\"items\":[{\"id\":0},{\"id\":1},{\"id\":2}]}");
        QVERIFY(lined.verifiedAsIs);
        QCOMPARE(shape(lined.diff), u"=2 +3 =8"_s);
        // A changed value inside an element: that one line replaced.
        lined = lineUp("[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob\"}]",
                       "[{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Rob\"}]");
        QVERIFY(lined.verifiedAsIs);
        QCOMPARE(shape(lined.diff), u"=7 -1 +1 =2"_s);
        QCOMPARE(lined.a.string(7), u"        \"name\": \"Bob\""_s);
        QCOMPARE(lined.b.string(7), u"        \"name\": \"Rob\""_s);
        // The last member removed: the one before it loses its ',' (a changed line, as a line
        // diff shows it).
        lined = lineUp("{\"a\":1,\"b\":2}", "{\"a\":1}");
        QVERIFY(lined.verifiedAsIs);
        QCOMPARE(shape(lined.diff), u"=1 -2 +1 =1"_s); // deletions first
        // Equal by meaning (key order, 1.0 and 1, escapes): all lines equal.
        lined = lineUp("{\"b\":1.0,\"a\":\"x\\/y\"}", "{\"a\":\"x/y\",\"b\":1}");
        QVERIFY(lined.verifiedAsIs);
        QVERIFY(lined.diff.equal());
        // Empty containers against full ones, a type change, the root replaced.
        lined = lineUp("{\"a\":{},\"b\":[1],\"c\":[]}", "{\"a\":{\"x\":1},\"b\":{},\"c\":[]}");
        QVERIFY(lined.verifiedAsIs);
        QCOMPARE(shape(lined.diff), u"=1 -4 +4 =2"_s);
        lined = lineUp("[1]", "{\"a\":1}");
        QVERIFY(lined.verifiedAsIs);
        QCOMPARE(shape(lined.diff), u"-3 +3"_s);
    }

    void skippedPathsAreLeftOut()
    {
        const Diff::JsonTree::SkipPath skip = Diff::ignoredPaths({u"$.items[*].at"_s});
        const Lined lined = lineUp("{\"items\":[{\"id\":1,\"at\":5},{\"id\":2,\"at\":6}]}",
                                   "{\"items\":[{\"id\":1,\"at\":7},{\"id\":2,\"at\":8}]}", skip);
        QVERIFY(lined.verifiedAsIs);
        QVERIFY(lined.diff.equal());
        QVERIFY(!lined.a.text().contains("\"at\""));
    }

    // Random values with random edits, pretty and compact: every Equal claim holds, every
    // line is covered once, and equal values give an all-equal diff.
    void randomPairsAreTrue()
    {
        QRandomGenerator random(7);
        for (int round = 0; round < 2000; ++round) {
            QJsonValue a = randomValue(random, 0);
            while (!a.isObject() && !a.isArray()) // a document is an object or an array
                a = randomValue(random, 0);
            const QJsonValue b = mutated(random, a);
            const bool compact = round % 2 == 0;
            const Lined lined = lineUp(text(a, compact), text(b, !compact));
            if (!lined.verifiedAsIs)
                QFAIL(qPrintable(u"round %1: %2 against %3"_s.arg(round).arg(
                    QString::fromUtf8(text(a, true)), QString::fromUtf8(text(b, true)))));
            if (a == b)
                QVERIFY(lined.diff.equal());
        }
    }

    void cancelledReportsTheRestReplaced()
    {
        QByteArray a = "[";
        QByteArray b = "[";
        for (int i = 0; i < 5000; ++i) {
            a += (i ? ",{\"v\":" : "{\"v\":") + QByteArray::number(i) + '}';
            b += (i ? ",{\"v\":" : "{\"v\":") + QByteArray::number(i % 7 ? i : -i) + '}';
        }
        a += ']';
        b += ']';
        std::atomic_bool cancel = true;
        Diff::Budget budget;
        budget.cancel = &cancel;
        const Lined lined = lineUp(a, b, {}, budget);
        QVERIFY(lined.diff.cancelled);
        QVERIFY(lined.verifiedAsIs); // every line covered, once
        // Nothing compared: the first lines (`[`, `{`, `"v": 0`…) are reported replaced too.
        QCOMPARE(lined.diff.runs.first().kind, Diff::Run::Kind::Delete);
    }

    // An element's symbol is a hash of its value, walked (no text printed): equal by meaning,
    // equal hashes; different values, different hashes; skipped paths left out.
    void hashesFollowTheValue()
    {
        auto hashOf = [](const QByteArray& json, const Diff::JsonTree::SkipPath& skip = {}) {
            return Diff::JsonTree::parse(json)->hash(0, u"$"_s, skip);
        };
        QCOMPARE(hashOf("{\"b\":1.0,\"a\":[\"x\\/y\",null]}"),
                 hashOf("{ \"a\" : [\"x/y\", null], \"b\": 1 }"));
        QCOMPARE(hashOf("{\"\\u0061\":1}"), hashOf("{\"a\":1}"));
        QVERIFY(hashOf("[1,2]") != hashOf("[2,1]"));
        QVERIFY(hashOf("[[1]]") != hashOf("[1]"));
        QVERIFY(hashOf("{}") != hashOf("[]"));
        QVERIFY(hashOf("{\"a\":1}") != hashOf("{\"b\":1}"));
        QVERIFY(hashOf("[\"1\"]") != hashOf("[1]"));
        const Diff::JsonTree::SkipPath skip = Diff::ignoredPaths({u"$.at"_s});
        QCOMPARE(hashOf("{\"id\":1,\"at\":5}", skip), hashOf("{\"id\":1,\"at\":6}", skip));
        // `stop` is asked at the start and every 1024 values (3 001 here: asked 3 times); told
        // to stop, the walk ends at once.
        QByteArray many = "[";
        for (int i = 0; i < 1500; ++i)
            many += i ? ",[0]" : "[0]";
        many += ']';
        const std::optional<Diff::JsonTree> tree = Diff::JsonTree::parse(many);
        int asked = 0;
        const size_t whole = tree->hash(0, u"$"_s, {}, [&] {
            ++asked;
            return false;
        });
        QCOMPARE(asked, 3);
        QCOMPARE(whole, tree->hash(0, u"$"_s));
        asked = 0;
        tree->hash(0, u"$"_s, {}, [&] {
            ++asked;
            return true;
        });
        QCOMPARE(asked, 1);
    }

    // Arrays nested 500 deep around a body that differs at the bottom (each level's elements
    // are hashed again, which is why the hashing asks `stop`, tested above): with no time
    // left, the alignment stops and reports the rest replaced, every line still covered.
    void deepArraysStopAtTheDeadline()
    {
        QByteArray a;
        QByteArray b;
        for (int i = 0; i < 500; ++i) {
            a += "[0,";
            b += "[0,";
        }
        a += "1";
        b += "2";
        for (int i = 0; i < 500; ++i) {
            a += "]";
            b += "]";
        }
        Diff::Budget none;
        none.deadlineMs = 0;
        const Lined stopped = lineUp(a, b, {}, none);
        QVERIFY(stopped.diff.coarse);
        QVERIFY(stopped.verifiedAsIs);
        const Lined whole = lineUp(a, b);
        QVERIFY(!whole.diff.coarse);
        QVERIFY(whole.verifiedAsIs);
        QCOMPARE(shape(whole.diff), u"=1000 -1 +1 =500"_s); // "1" against "2"
    }

    // Lines printed ahead of the JSON (an HTTP head): its runs come first and the JSON's are
    // numbered after them, the head's flags kept apart.
    void runsFollowWhatComesBefore()
    {
        const std::optional<Diff::JsonTree> a = Diff::JsonTree::parse("{\"a\":1}");
        const std::optional<Diff::JsonTree> b = Diff::JsonTree::parse("{\"a\":2}");
        Diff::LineDiffResult head;
        Diff::appendRun(head.runs, Diff::Run::Kind::Equal, 0, 0, 2);
        Diff::appendRun(head.runs, Diff::Run::Kind::Insert, 2, 2, 1);
        head.coarse = true;
        const Diff::LineDiffResult diff = Diff::jsonLineDiff(*a, *b, {}, {}, head);
        QCOMPARE(shape(diff), u"=2 +1 =1 -1 +1 =1"_s);
        QCOMPARE(diff.runs.at(2).aStart, 2);
        QCOMPARE(diff.runs.at(2).bStart, 3);
        QCOMPARE(diff.runs.at(3).aStart, 3);
        QVERIFY(diff.coarse); // the head's, reported
        QVERIFY(!diff.runs.isEmpty() && diff.runs.last().aStart == 4 &&
                diff.runs.last().bStart == 5);
    }

    // What keeps a comparison's peak near its live data (the programs call it first thing):
    // after a big block was freed, a new one still gets pages of its own (glibc had raised its
    // threshold and served it from the heap, where freed holes stay with the process).
    void largeBlocksGetPagesOfTheirOwn()
    {
#if !defined(__GLIBC__) || defined(__SANITIZE_ADDRESS__)
        QSKIP("glibc's allocator only");
#else
        Keyhole::keepLargeBlocksMapped();
        QByteArray big(8 * 1024 * 1024, 'x');
        big = QByteArray(); // freed: glibc would raise its threshold to 8 MB here
        const size_t mappedBefore = mallinfo2().hblkhd;
        QByteArray block(1024 * 1024, 'y');
        QVERIFY(mallinfo2().hblkhd >= mappedBefore + 1024 * 1024);
        QCOMPARE(block.at(0), 'y');
#endif
    }

    // The message comparison uses it for JSON bodies: heads diffed as lines, the separator
    // equal, the body lined up (JSON paths by index: items[0], [1] and total changed, [2]
    // added; lines: the inserted element and the changed total).
    void messagesUseIt()
    {
        const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
        const Diff::MessageComparison comparison = Diff::compareMessages(
            head + "{\"items\":[{\"id\":1},{\"id\":2}],\"total\":2}",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-New: 1\r\n\r\n"
            "{\"items\":[{\"id\":0},{\"id\":1},{\"id\":2}],\"total\":3}");
        QCOMPARE(comparison.summary(),
                 u"1 header differs · 4 JSON paths differ · 6 lines changed"_s);
        const QString unified =
            Diff::unifiedDiff(comparison.a, comparison.b, comparison.lines, u"a"_s, u"b"_s);
        QVERIFY2(unified.contains(u"+X-New: 1\n"_s), qPrintable(unified));
        QVERIFY2(unified.contains(u"-    \"total\": 2\n+    \"total\": 3\n"_s),
                 qPrintable(unified));
        // Exactly these runs: the head's (X-New inserted), the separator, then the body's.
        QCOMPARE(shape(comparison.lines), u"=2 +1 =3 +3 =7 -1 +1 =1"_s);
    }
};

QTEST_GUILESS_MAIN(TestJsonLines)
#include "tst_JsonLines.moc"
