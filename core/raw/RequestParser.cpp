#include "core/raw/RequestParser.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Raw {
namespace {

// Decodes a chunked body starting at `pos`. Returns the end offset, or -1 when incomplete,
// or -2 when malformed.
qsizetype dechunk(const QByteArray& buffer, qsizetype pos, QByteArray& body)
{
    for (int guard = 0; guard < 1'000'000; ++guard) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return -1;
        QByteArray sizeText = buffer.mid(pos, lineEnd - pos);
        if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
            sizeText.truncate(semicolon);
        bool ok = false;
        const qsizetype size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return -2;
        pos = lineEnd + 2;
        if (size == 0) {
            // Trailers end with an empty line.
            const qsizetype end = buffer.indexOf("\r\n\r\n", pos - 2);
            return end < 0 ? -1 : end + 4;
        }
        if (buffer.size() < pos + size + 2)
            return -1;
        body += buffer.mid(pos, size);
        pos += size + 2;
    }
    return -2;
}

} // namespace

void RequestParser::feed(const QByteArray& bytes)
{
    if (!failed())
        m_buffer += bytes;
}

std::optional<ParsedRequest> RequestParser::next()
{
    if (failed())
        return std::nullopt;
    // Tolerate blank lines between pipelined requests (RFC 9112 §2.2).
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_buffer.size() > 1024 * 1024)
            m_error = u"request head larger than 1 MiB"_s;
        return std::nullopt;
    }

    ParsedRequest request;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/")) {
        m_error = u"malformed request line"_s;
        return std::nullopt;
    }
    request.method = requestLine[0];
    request.target = requestLine[1];
    request.version = requestLine[2];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            m_error = u"malformed header line %1"_s.arg(i + 1);
            return std::nullopt;
        }
        request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }

    qsizetype end = headEnd + 4;
    const QByteArray transferEncoding =
        Model::headerValue(request.headers, "Transfer-Encoding").toLower();
    if (transferEncoding.contains("chunked")) {
        end = dechunk(m_buffer, end, request.body);
        if (end == -2)
            m_error = u"malformed chunked body"_s;
        if (end < 0)
            return std::nullopt;
    } else if (const QByteArray length = Model::headerValue(request.headers, "Content-Length");
               !length.isNull()) {
        bool ok = false;
        const qsizetype size = length.trimmed().toLongLong(&ok);
        if (!ok || size < 0 || size > m_maxBytes) {
            m_error = u"bad Content-Length"_s;
            return std::nullopt;
        }
        if (m_buffer.size() < end + size)
            return std::nullopt;
        request.body = m_buffer.mid(end, size);
        end += size;
    }
    request.raw = m_buffer.left(end);
    m_buffer.remove(0, end);
    return request;
}

} // namespace Keyhole::Raw
