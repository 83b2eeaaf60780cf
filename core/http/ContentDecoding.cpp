#include "core/http/ContentDecoding.h"

#include <QList>

#include <brotli/decode.h>
#include <memory>
#include <zlib.h>
#include <zstd.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {
namespace {

constexpr qsizetype kChunk = 64 * 1024;

Error failure(const QByteArray& coding, const QString& message)
{
    return Error{u"http.decode"_s, message, u"Content-Encoding: "_s + QString::fromLatin1(coding)};
}

Result<QByteArray> inflateBytes(const QByteArray& in, int windowBits, const QByteArray& coding,
                                qsizetype maxOutput)
{
    z_stream stream{};
    if (inflateInit2(&stream, windowBits) != Z_OK)
        return failure(coding, u"zlib could not start"_s);
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, &inflateEnd);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    stream.avail_in = static_cast<uInt>(in.size());
    QByteArray out;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        const qsizetype before = out.size();
        out.resize(before + kChunk);
        stream.next_out = reinterpret_cast<Bytef*>(out.data() + before);
        stream.avail_out = kChunk;
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(before + kChunk - stream.avail_out);
        if (status == Z_STREAM_END)
            break;
        if (status != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0))
            return failure(coding,
                           u"corrupt or truncated data (zlib: %1)"_s.arg(
                               QString::fromLatin1(stream.msg ? stream.msg : "incomplete")));
        if (out.size() > maxOutput)
            return failure(coding, u"decoded body larger than %1 bytes"_s.arg(maxOutput));
    }
    return out;
}

Result<QByteArray> brotliBytes(const QByteArray& in, qsizetype maxOutput)
{
    std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
    size_t availableIn = static_cast<size_t>(in.size());
    const auto* nextIn = reinterpret_cast<const uint8_t*>(in.constData());
    QByteArray out;
    for (;;) {
        const qsizetype before = out.size();
        out.resize(before + kChunk);
        size_t availableOut = kChunk;
        auto* nextOut = reinterpret_cast<uint8_t*>(out.data() + before);
        const BrotliDecoderResult result = BrotliDecoderDecompressStream(
            state.get(), &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        out.resize(before + kChunk - static_cast<qsizetype>(availableOut));
        if (result == BROTLI_DECODER_RESULT_SUCCESS)
            return out;
        if (result == BROTLI_DECODER_RESULT_ERROR ||
            result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
            return failure("br", u"corrupt or truncated brotli data"_s);
        if (out.size() > maxOutput)
            return failure("br", u"decoded body larger than %1 bytes"_s.arg(maxOutput));
    }
}

Result<QByteArray> zstdBytes(const QByteArray& in, qsizetype maxOutput)
{
    std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(),
                                                                    &ZSTD_freeDStream);
    ZSTD_initDStream(stream.get());
    ZSTD_inBuffer input{in.constData(), static_cast<size_t>(in.size()), 0};
    QByteArray out;
    size_t hint = 1;
    while (input.pos < input.size || hint == 0) {
        const qsizetype before = out.size();
        out.resize(before + kChunk);
        ZSTD_outBuffer output{out.data() + before, kChunk, 0};
        hint = ZSTD_decompressStream(stream.get(), &output, &input);
        out.resize(before + static_cast<qsizetype>(output.pos));
        if (ZSTD_isError(hint))
            return failure("zstd", u"corrupt zstd data: %1"_s.arg(
                                       QString::fromLatin1(ZSTD_getErrorName(hint))));
        if (out.size() > maxOutput)
            return failure("zstd", u"decoded body larger than %1 bytes"_s.arg(maxOutput));
        if (hint == 0 && input.pos >= input.size)
            return out;
        if (output.pos == 0 && input.pos >= input.size)
            return failure("zstd", u"truncated zstd data"_s);
    }
    return out;
}

} // namespace

QByteArray supportedContentEncodings()
{
    return QByteArrayLiteral("gzip, deflate, br, zstd");
}

Result<QByteArray> decodeContent(const QByteArray& body, const QByteArray& contentEncoding,
                                 qsizetype maxOutput)
{
    QByteArray data = body;
    QList<QByteArray> codings = contentEncoding.toLower().split(',');
    for (auto it = codings.crbegin(); it != codings.crend(); ++it) {
        const QByteArray coding = it->trimmed();
        Result<QByteArray> decoded = data;
        if (coding.isEmpty() || coding == "identity")
            continue;
        if (coding == "gzip" || coding == "x-gzip")
            decoded = inflateBytes(data, 16 + MAX_WBITS, coding, maxOutput);
        else if (coding == "deflate") {
            // RFC 9110 says zlib-wrapped; some servers send raw deflate. Accept both.
            decoded = inflateBytes(data, MAX_WBITS, coding, maxOutput);
            if (!decoded)
                decoded = inflateBytes(data, -MAX_WBITS, coding, maxOutput);
        } else if (coding == "br")
            decoded = brotliBytes(data, maxOutput);
        else if (coding == "zstd")
            decoded = zstdBytes(data, maxOutput);
        else
            return failure(coding, u"unknown content coding; the body is shown as received"_s);
        if (!decoded)
            return decoded.error();
        data = std::move(decoded.value());
    }
    return data;
}

} // namespace Keyhole::Http
