#include "core/diff/JsonDiff.h"
#include "core/diff/JsonTree.h"
#include "core/diff/MessageDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

QJsonValue parse(const char* json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QStringList described(const QList<Diff::JsonChange>& changes)
{
    QStringList lines;
    for (const Diff::JsonChange& change : changes)
        lines.append(Diff::describe(change));
    return lines;
}

} // namespace

class TestJsonDiff final : public QObject {
    Q_OBJECT

private slots:
    void pathsOfChanges()
    {
        const QJsonValue a =
            parse(R"({"user":{"name":"Ann","roles":["a","b","c"]},"debug":true,"odd key":1})");
        const QJsonValue b =
            parse(R"({"odd key":2,"user":{"roles":["a","b","x","d"],"name":"Ann"},"new":null})");
        QCOMPARE(described(Diff::diffJson(a, b)),
                 (QStringList{u"- $.debug: true"_s, u"~ $[\"odd key\"]: 1 → 2"_s,
                              u"~ $.user.roles[2]: \"c\" → \"x\""_s, u"+ $.user.roles[3]: \"d\""_s,
                              u"+ $.new: null"_s}));
        // Key order alone is no difference.
        QVERIFY(Diff::diffJson(parse(R"({"a":1,"b":2})"), parse(R"({"b":2,"a":1})")).isEmpty());
        // A type change is a change of the value.
        QCOMPARE(described(Diff::diffJson(parse(R"({"id":1})"), parse(R"({"id":"1"})"))),
                 QStringList{u"~ $.id: 1 → \"1\""_s});
    }

    void arraysAsSequences()
    {
        const QJsonValue a = parse(R"([{"id":1},{"id":2},{"id":3}])");
        const QJsonValue b = parse(R"([{"id":0},{"id":1},{"id":2},{"id":3,"x":true}])");
        // By index every element looks changed; as a sequence, one was inserted in front.
        QCOMPARE(Diff::diffJson(a, b).size(), 4);
        Diff::JsonDiffOptions options;
        options.arraysAsSequences = true;
        QCOMPARE(described(Diff::diffJson(a, b, options)),
                 (QStringList{u"+ $[0]: {\"id\":0}"_s, u"+ $[3].x: true"_s}));
    }

    void ignorePatterns()
    {
        QVERIFY(Diff::jsonPathMatches(u"$.meta.date"_s, u"$.meta.date"_s));
        QVERIFY(!Diff::jsonPathMatches(u"$.meta.date"_s, u"$.meta.dates"_s));
        QVERIFY(Diff::jsonPathMatches(u"$.items[*].updated_at"_s, u"$.items[12].updated_at"_s));
        QVERIFY(Diff::jsonPathMatches(u"$.*.id"_s, u"$.user.id"_s));
        QVERIFY(Diff::jsonPathMatches(u"$..timestamp"_s, u"$.a[3].b.timestamp"_s));
        QVERIFY(Diff::jsonPathMatches(u"$..timestamp"_s, u"$.timestamp"_s));
        QVERIFY(Diff::jsonPathMatches(u"$[\"odd key\"]"_s, u"$[\"odd key\"]"_s));
        QVERIFY(!Diff::jsonPathMatches(u"$..timestamp"_s, u"$.a.time"_s));

        const QJsonValue a =
            parse(R"({"items":[{"id":1,"updated_at":"mon"}],"meta":{"date":"x"}})");
        const QJsonValue b =
            parse(R"({"items":[{"id":1,"updated_at":"tue"}],"meta":{"date":"y"}})");
        Diff::JsonDiffOptions options;
        options.ignorePaths = {u"$.items[*].updated_at"_s, u"$..date"_s};
        QVERIFY(Diff::diffJson(a, b, options).isEmpty());
        const std::optional<Diff::JsonTree> tree =
            Diff::JsonTree::parse(QJsonDocument(a.toObject()).toJson());
        QVERIFY(tree);
        QCOMPARE(QJsonDocument::fromJson(tree->pretty(Diff::ignoredPaths(options.ignorePaths))),
                 QJsonDocument::fromJson(R"({"items":[{"id":1}],"meta":{}})"));
    }

    // A big object or array costs a few hundred bytes in the list: printed only as far as shown.
    void hugeValuesArePrintedOnlyAsFarAsShown()
    {
        QByteArray big = "[";
        for (int i = 0; i < 100000; ++i)
            big += (i ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i) + '}';
        big += ']';
        const std::optional<Diff::JsonTree> tree = Diff::JsonTree::parse(big);
        const QByteArray start = tree->canonical(0, {}, {}, 100);
        QVERIFY2(start.size() > 100 && start.size() < 130, start.constData());
        QVERIFY(big.startsWith(start));
        const QList<Diff::JsonChange> changes = Diff::diffJson(
            *Diff::JsonTree::parse("{\"a\":1}"), *Diff::JsonTree::parse("{\"a\":" + big + '}'));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().after.size(), Diff::kChangeValueChars);
        QVERIFY(changes.first().after.startsWith(u"[{\"n\":0},{\"n\":1},"_s));
    }

    // Arrays as sequences past the deadline: compared by index, and said.
    void sequencesFallBackToIndexesWhenLate()
    {
        const std::optional<Diff::JsonTree> a = Diff::JsonTree::parse("[1,2,3]");
        const std::optional<Diff::JsonTree> b = Diff::JsonTree::parse("[0,1,2,3]");
        Diff::JsonDiffOptions options;
        options.arraysAsSequences = true;
        bool late = true;
        QCOMPARE(described(Diff::diffJson(*a, *b, options, nullptr, &late)),
                 QStringList{u"+ $[0]: 0"_s});
        QVERIFY(!late);
        options.deadlineMs = 0;
        QCOMPARE(described(Diff::diffJson(*a, *b, options, nullptr, &late)).size(), 4);
        QVERIFY(late);
    }

    // A long value is cut with "…", never between the two halves of a surrogate pair.
    void longValuesAreCutWhole()
    {
        const QString value = QString(77, u'a') + u"😀 and more"_s;
        const QList<Diff::JsonChange> changes =
            Diff::diffJson(QJsonValue(QJsonArray{value}), QJsonValue(QJsonArray{u"b"_s}));
        QCOMPARE(changes.size(), 1);
        const QString shown = Diff::describe(changes.first(), 80);
        QVERIFY2(shown.startsWith(u"~ $[0]: \""_s + QString(77, u'a') + u"… → \"b\""_s),
                 qPrintable(shown));
    }

    // The flat tree big bodies are parsed into: strict JSON, errors with line and column,
    // printed as QJsonDocument prints, compared by JSON's meaning.
    void flatTreesParsePrintAndCompare()
    {
        const QByteArray text = "{\"b\": [1, 2.5, \"xA\", true, null, [\"é\"]], \"a\": "
                                "{\"z\": false, \"k\": \"v\"}}";
        const std::optional<Diff::JsonTree> tree = Diff::JsonTree::parse(text);
        QVERIFY(tree);
        QCOMPARE(tree->nodeCount(), 12);
        QCOMPARE(tree->pretty(), QJsonDocument::fromJson(text).toJson());
        // Scalars are printed the one way for one value, as QJsonDocument prints them (a PHP
        // server's "\/" and a Node server's "/" print alike); empty containers on one line.
        QCOMPARE(
            Diff::JsonTree::parse("[2.5e3, 1.0, \"\\u0041\\/\", {\"\\u0061\": 1}, []]")->pretty(),
            QByteArray(
                "[\n    2500,\n    1,\n    \"A/\",\n    {\n        \"a\": 1\n    },\n    []\n]\n"));
        QVERIFY(Diff::compareMessages("HTTP/1.1 200 OK\r\n\r\n{\"u\": \"a\\/b\", \"\\u0078\": 1.0}",
                                      "HTTP/1.1 200 OK\r\n\r\n{\"x\": 1, \"u\": \"a/b\"}")
                    .equal());

        for (const auto& [bad, where] :
             {std::pair{"{\"a\": 1,}", "line 1, column 9: expected a member name in quotes"},
              std::pair{"[1, 2]\n x", "line 2, column 2: unexpected text after the JSON value"},
              std::pair{"[01]", "line 1, column 3: expected ',' or ']'"},
              std::pair{"[\"a\tb\"]", "line 1, column 4: a control character inside a string"},
              std::pair{"[\"\\x\"]", "line 1, column 4: not a JSON escape"},
              std::pair{"{\"a\" 1}", "line 1, column 6: expected ':'"},
              std::pair{"[tru]", "line 1, column 2: not a JSON value"}, std::pair{"", ""}}) {
            QString error;
            QVERIFY2(!Diff::JsonTree::parse(bad, &error), bad);
            if (*where)
                QCOMPARE(error, QString::fromLatin1(where));
        }
        QVERIFY(!Diff::JsonTree::parse(QByteArray(600, '[') + QByteArray(600, ']')));
        QVERIFY(Diff::JsonTree::parse(QByteArray(400, '[') + QByteArray(400, ']')));

        // Same meaning, other bytes: no change. Other meaning: the path.
        auto changes = [](const char* a, const char* b) {
            return described(Diff::diffJson(*Diff::JsonTree::parse(a), *Diff::JsonTree::parse(b)));
        };
        QVERIFY(changes("{\"n\": 1.0, \"s\": \"\\u0041\"}", "{\"s\": \"A\", \"n\": 1}").isEmpty());
        QCOMPARE(
            changes("{\"list\": [1, {\"deep\": [true]}]}", "{\"list\": [1, {\"deep\": [false]}]}"),
            QStringList{u"~ $.list[1].deep[0]: true → false"_s});
        // Integers exactly, beyond a double's precision; bytes that are not UTF-8 as bytes.
        QCOMPARE(changes("[9007199254740993]", "[9007199254740992]"),
                 QStringList{u"~ $[0]: 9007199254740993 → 9007199254740992"_s});
        QVERIFY(!changes("[\"caf\xe9\"]", "[\"caf\xe8\"]").isEmpty());
        // A key given twice counts once, with its last value.
        QVERIFY(changes("{\"a\": 1, \"a\": 2}", "{\"a\": 2}").isEmpty());
        QCOMPARE(changes("{\"a\": 1, \"a\": 2}", "{\"a\": 1}"), QStringList{u"~ $.a: 2 → 1"_s});
    }

    void messagesCompareHeadersAndJson()
    {
        const QByteArray a = "HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2026 00:00:00 GMT\r\n"
                             "Content-Type: application/json\r\nSet-Cookie: sessionid=aaa\r\n\r\n"
                             R"({"user":{"id":7,"name":"demo"},"at":"mon"})";
        const QByteArray b = "HTTP/1.1 200 OK\r\nDate: Tue, 02 Jan 2026 00:00:00 GMT\r\n"
                             "Content-Type: application/json\r\nSet-Cookie: sessionid=bbb\r\n\r\n"
                             R"({"at":"tue","user":{"name":"demo","id":8}})";
        Diff::MessageComparison comparison = Diff::compareMessages(a, b);
        QVERIFY(comparison.bothJson);
        QCOMPARE(comparison.headers, QStringList{u"set-cookie: value differs"_s});
        QCOMPARE(comparison.noise, QStringList{u"date"_s});
        // In A's order as received; the printed bodies have their keys sorted.
        QCOMPARE(described(comparison.json),
                 (QStringList{u"~ $.user.id: 7 → 8"_s, u"~ $.at: \"mon\" → \"tue\""_s}));
        QCOMPARE(comparison.summary(),
                 u"1 header differs · 2 JSON paths differ · 6 lines changed · noise: date"_s);
        // Bodies pretty-printed, secrets fingerprinted, never shown.
        QVERIFY(comparison.b.toStringList().contains(u"        \"id\": 8,"_s));
        QVERIFY(!comparison.a.toStringList().join(u'\n').contains(u"aaa"_s));

        Model::CompareSettings settings;
        settings.ignoreHeaders = {u"Date"_s, u"set-cookie"_s};
        settings.ignoreJsonPaths = {u"$.at"_s, u"$.user.id"_s};
        comparison = Diff::compareMessages(a, b, settings);
        QVERIFY(comparison.equal());
        QCOMPARE(comparison.summary(), u"identical"_s);
    }

    void noiseAloneLeavesMessagesEqual()
    {
        const QByteArray a = "HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2026 00:00:00 GMT\r\n\r\n{}";
        const QByteArray b = "HTTP/1.1 200 OK\r\nDate: Tue, 02 Jan 2026 00:00:00 GMT\r\n\r\n{}";
        const Diff::MessageComparison comparison = Diff::compareMessages(a, b);
        QVERIFY(comparison.equal());
        QVERIFY(!comparison.lines.equal()); // the diff itself still shows the Date lines
        QCOMPARE(comparison.summary(), u"identical but for noise headers (date)"_s);
    }

    void badPatternsAreSaid()
    {
        QVERIFY(Diff::jsonPathProblem(u"$.items[*].updated_at"_s).isEmpty());
        QVERIFY(Diff::jsonPathProblem(u"$..timestamp"_s).isEmpty());
        QVERIFY(Diff::jsonPathProblem(u"$[\"odd key\"][3]"_s).isEmpty());
        QCOMPARE(Diff::jsonPathProblem(u"items"_s), u"a path starts with $"_s);
        QCOMPARE(Diff::jsonPathProblem(u"$.items["_s), u"unclosed [ at 8"_s);
        QVERIFY(Diff::jsonPathProblem(u"$.items[x]"_s).startsWith(u"[x] at 8"_s));
        QVERIFY(!Diff::jsonPathProblem(u"$.."_s).isEmpty());
        QVERIFY(!Diff::jsonPathProblem(u"$.a..b..."_s).isEmpty());
        QVERIFY(!Diff::jsonPathProblem(u"$x"_s).isEmpty());
    }

    void sequencesHonourIgnoredMembers()
    {
        Diff::JsonDiffOptions options;
        options.arraysAsSequences = true;
        options.ignorePaths = {u"$.items[*].u"_s};
        const QJsonValue a = parse(R"({"items":[{"id":1,"u":1}]})");
        const QJsonValue b = parse(R"({"items":[{"id":0,"u":5},{"id":1,"u":2}]})");
        QCOMPARE(described(Diff::diffJson(a, b, options)),
                 QStringList{u"+ $.items[0]: {\"id\":0,\"u\":5}"_s});
    }

    void binaryAndTextBodies()
    {
        const QByteArray a = QByteArray("HTTP/1.1 200 OK\r\n\r\n") + QByteArray("\x89PNG\0\0a", 7);
        const QByteArray b = QByteArray("HTTP/1.1 200 OK\r\n\r\n") + QByteArray("\x89PNG\0\0b", 7);
        const Diff::MessageComparison comparison = Diff::compareMessages(a, b);
        QVERIFY(!comparison.equal());
        QVERIFY(comparison.a.toStringList().last().startsWith(u"‹binary body, 7 bytes, sha256 "_s));
        QVERIFY(!comparison.bothJson);
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_JsonDiff.moc"
