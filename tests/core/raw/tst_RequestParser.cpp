#include "core/raw/RequestParser.h"

#include <QTest>

using namespace Keyhole;

class TestRequestParser final : public QObject {
    Q_OBJECT

private slots:
    void parsesByteByByte()
    {
        const QByteArray raw = "POST /a?b=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nX-A: 2\r\n"
                               "Content-Length: 5\r\n\r\nhello";
        Raw::RequestParser parser;
        for (qsizetype i = 0; i < raw.size() - 1; ++i) {
            parser.feed(raw.mid(i, 1));
            QVERIFY(!parser.next());
        }
        parser.feed(raw.right(1));
        const std::optional<Raw::ParsedRequest> request = parser.next();
        QVERIFY(request);
        QCOMPARE(request->method, QByteArray("POST"));
        QCOMPARE(request->target, QByteArray("/a?b=1"));
        QCOMPARE(request->headers.size(), 4);
        QCOMPARE(request->headers[2], (Model::HeaderField{"X-A", "2"}));
        QCOMPARE(request->body, QByteArray("hello"));
        QCOMPARE(request->raw, raw);
    }

    void pipelinedAndChunked()
    {
        Raw::RequestParser parser;
        parser.feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n"
                    "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n");
        QCOMPARE(parser.next()->method, QByteArray("GET"));
        const std::optional<Raw::ParsedRequest> put = parser.next();
        QVERIFY(put);
        QCOMPARE(put->body, QByteArray("abcde"));
        QVERIFY(!parser.next());
        QVERIFY(!parser.failed());
    }

    void malformedInputFailsCleanly_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("request line") << QByteArray("NONSENSE\r\n\r\n");
        QTest::newRow("header line") << QByteArray("GET / HTTP/1.1\r\nno colon\r\n\r\n");
        QTest::newRow("length") << QByteArray("GET / HTTP/1.1\r\nContent-Length: -4\r\n\r\n");
        QTest::newRow("chunk size")
            << QByteArray("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    }

    void malformedInputFailsCleanly()
    {
        QFETCH(QByteArray, raw);
        Raw::RequestParser parser;
        parser.feed(raw);
        QVERIFY(!parser.next());
        QVERIFY(parser.failed());
        QVERIFY(!parser.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRequestParser)
#include "tst_RequestParser.moc"
