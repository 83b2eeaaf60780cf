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

    void sizes()
    {
        QCOMPARE(Http::formatSize(512), u"512 B"_s);
        QCOMPARE(Http::formatSize(1536), u"1.5 KB"_s);
        QCOMPARE(Http::formatSize(3 * 1024 * 1024), u"3.0 MB"_s);
    }
};

QTEST_GUILESS_MAIN(TestBodyPreview)
#include "tst_BodyPreview.moc"
