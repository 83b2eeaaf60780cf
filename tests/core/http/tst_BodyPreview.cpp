#include "core/http/BodyPreview.h"

#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;
using Kind = Http::BodyPreview::Kind;

class TestBodyPreview final : public QObject {
    Q_OBJECT

private slots:
    void jsonIsIndentedInTheServersKeyOrder()
    {
        const Http::BodyPreview preview = Http::previewBody(
            "{\"detail\":\"x, y: \\\"z\\\"\",\"code\":\"a\",\"list\":[1,{}],\"empty\":[]}",
            "application/json");
        QCOMPARE(preview.kind, Kind::Json);
        QCOMPARE(preview.text,
                 u"{\n    \"detail\": \"x, y: \\\"z\\\"\",\n    \"code\": \"a\",\n"
                 "    \"list\": [\n        1,\n        {}\n    ],\n    \"empty\": []\n}"_s);
    }

    void jsonIsSniffedWithoutContentType()
    {
        QCOMPARE(Http::previewBody("[1]", {}).kind, Kind::Json);
        QCOMPARE(Http::previewBody("{broken", "application/json").kind, Kind::Text);
    }

    void binaryAndBadEncodingAreHexDumps()
    {
        const Http::BodyPreview binary =
            Http::previewBody(QByteArray("PNG\0\x01\xff", 6), "image/png");
        QCOMPARE(binary.kind, Kind::Binary);
        QVERIFY2(binary.text.startsWith(u"00000000  50 4e 47 00 01 ff"_s), qPrintable(binary.text));
        QCOMPARE(Http::previewBody("caf\xe9", "text/plain").kind, Kind::Binary); // Latin-1
    }

    void largeTextIsTruncatedSafely()
    {
        QByteArray big(100, 'a');
        big += "\xc3\xa9"; // é, cut in half by the limit
        const Http::BodyPreview preview = Http::previewBody(big, "text/plain", 101);
        QCOMPARE(preview.kind, Kind::Text);
        QVERIFY(preview.truncated);
        QVERIFY(preview.text.startsWith(QString(100, u'a')));
        QCOMPARE(Http::previewBody({}, "text/plain").kind, Kind::Empty);
    }

    // The streaming re-indenter of big bodies: one JSON document only, and no quadratic
    // output on hostile nesting.
    void indentingBigBodiesIsSafe()
    {
        QCOMPARE(
            Http::indentJson("{\"a\":[1,{}],\"b\":\"x, y\"}"),
            QByteArray("{\n    \"a\": [\n        1,\n        {}\n    ],\n    \"b\": \"x, y\"\n}"));
        QVERIFY(Http::indentJson("{\"a\":1}\n{\"a\":2}").isEmpty()); // NDJSON: two values
        QVERIFY(Http::indentJson("[INFO] started").isEmpty());       // a log line
        QVERIFY(Http::indentJson("[1, 2").isEmpty());                // unbalanced
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        const QByteArray pretty = Http::indentJson(deep);
        QVERIFY(!pretty.isEmpty());
        QVERIFY2(pretty.size() < 200 * deep.size(), QByteArray::number(pretty.size()).constData());
        std::atomic_bool stop = true;
        QVERIFY(Http::indentJson(deep, &stop).isEmpty());
        // A minified body of multi-byte text is text, wherever its 64 KB sample ends.
        QByteArray japanese = "[\"";
        while (japanese.size() < 200000)
            japanese += "\xe6\x97\xa5\xe6\x9c\xac";
        japanese += "\"]";
        for (int shift = 0; shift < 3; ++shift)
            QCOMPARE(Http::sniffBody(QByteArray(QByteArray(shift, ' ') + japanese), {}),
                     Http::BodyKind::Json);
    }

    void sizes()
    {
        QCOMPARE(Http::formatSize(512), u"512 B"_s);
        QCOMPARE(Http::formatSize(1536), u"1.5 KB"_s);
        QCOMPARE(Http::formatSize(3 * 1024 * 1024), u"3.0 MB"_s);
    }
};

QTEST_GUILESS_MAIN(TestBodyPreview)
#include "tst_BodyPreview.moc"
