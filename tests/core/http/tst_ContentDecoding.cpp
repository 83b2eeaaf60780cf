#include "core/http/ContentDecoding.h"

#include <QTest>

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

using namespace Keyhole;

namespace {

const QByteArray kText = QByteArray("Authentication credentials were not provided. ").repeated(200);

QByteArray deflateWith(const QByteArray& in, int windowBits)
{
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, in.size())), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray brotli(const QByteArray& in)
{
    size_t size = BrotliEncoderMaxCompressedSize(static_cast<size_t>(in.size()));
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                          static_cast<size_t>(in.size()),
                          reinterpret_cast<const uint8_t*>(in.constData()), &size,
                          reinterpret_cast<uint8_t*>(out.data()));
    out.resize(static_cast<qsizetype>(size));
    return out;
}

QByteArray zstd(const QByteArray& in)
{
    QByteArray out(static_cast<qsizetype>(ZSTD_compressBound(static_cast<size_t>(in.size()))),
                   Qt::Uninitialized);
    const size_t size = ZSTD_compress(out.data(), static_cast<size_t>(out.size()), in.constData(),
                                      static_cast<size_t>(in.size()), 3);
    out.resize(static_cast<qsizetype>(size));
    return out;
}

} // namespace

class TestContentDecoding final : public QObject {
    Q_OBJECT

private slots:
    void decodesEveryAdvertisedCoding_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("coding");
        QTest::newRow("gzip") << deflateWith(kText, 16 + MAX_WBITS) << QByteArray("gzip");
        QTest::newRow("x-gzip") << deflateWith(kText, 16 + MAX_WBITS) << QByteArray("X-GZIP");
        QTest::newRow("deflate (zlib)") << deflateWith(kText, MAX_WBITS) << QByteArray("deflate");
        QTest::newRow("deflate (raw)") << deflateWith(kText, -MAX_WBITS) << QByteArray("deflate");
        QTest::newRow("br") << brotli(kText) << QByteArray("br");
        QTest::newRow("zstd") << zstd(kText) << QByteArray("zstd");
        QTest::newRow("identity") << kText << QByteArray("identity");
        QTest::newRow("gzip then br")
            << brotli(deflateWith(kText, 16 + MAX_WBITS)) << QByteArray("gzip, br");
    }

    void decodesEveryAdvertisedCoding()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, coding);
        QVERIFY(encoded != kText || coding == "identity");
        const Result<QByteArray> decoded = Http::decodeContent(encoded, coding);
        QVERIFY2(decoded.ok(), qPrintable(decoded ? QString() : decoded.error().toString()));
        QCOMPARE(decoded.value(), kText);
    }

    void advertisesExactlyWhatItDecodes()
    {
        // The rows above cover each of these; a new coding needs a row before it is advertised.
        QCOMPARE(Http::supportedContentEncodings(), QByteArray("gzip, deflate, br, zstd"));
    }

    void badInputIsAnErrorNotACrash_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QByteArray>("coding");
        const QByteArray gzip = deflateWith(kText, 16 + MAX_WBITS);
        QTest::newRow("garbage gzip") << QByteArray("not gzip at all") << QByteArray("gzip");
        QTest::newRow("truncated gzip") << gzip.left(gzip.size() / 2) << QByteArray("gzip");
        QTest::newRow("garbage br") << QByteArray("\xff\xff\xff\xff", 4) << QByteArray("br");
        QTest::newRow("truncated zstd") << zstd(kText).left(10) << QByteArray("zstd");
        QTest::newRow("unknown") << kText << QByteArray("compress");
    }

    void badInputIsAnErrorNotACrash()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QByteArray, coding);
        const Result<QByteArray> decoded = Http::decodeContent(encoded, coding);
        QVERIFY(!decoded.ok());
        QVERIFY(decoded.error().where.contains(QString::fromLatin1(coding)));
    }

    void decompressionBombIsStopped()
    {
        const QByteArray zeros(8 * 1024 * 1024, '\0');
        const QByteArray bomb = deflateWith(zeros, 16 + MAX_WBITS);
        QVERIFY(bomb.size() < 64 * 1024);
        const Result<QByteArray> decoded = Http::decodeContent(bomb, "gzip", 1024 * 1024);
        QVERIFY(!decoded.ok());
        QVERIFY(decoded.error().message.contains(QStringLiteral("larger than")));
    }
};

QTEST_GUILESS_MAIN(TestContentDecoding)
#include "tst_ContentDecoding.moc"
