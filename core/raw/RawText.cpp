#include "core/raw/RawText.h"

#include "core/http/BodyPreview.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Raw {

QByteArray statusLine(const Http::HopResponse& response)
{
    QByteArray line =
        response.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : response.httpVersion;
    line += ' ' + QByteArray::number(response.status);
    if (!response.reason.isEmpty())
        line += ' ' + response.reason;
    return line;
}

QByteArray responseHead(const Http::HopResponse& response, const QByteArray& eol)
{
    QByteArray head = statusLine(response) + eol;
    for (const Model::HeaderField& field : response.headers)
        head += field.name + ": " + field.value + eol;
    return head + eol;
}

QByteArray requestBytes(const Http::HopRequest& request)
{
    QByteArray out = request.method + ' ' + request.target + " HTTP/1.1\r\n";
    for (const Http::WireHeader& header : request.wireHeaders)
        out += header.name + ": " + header.value + "\r\n";
    return out + "\r\n" + request.body;
}

QByteArray responseBytes(const Http::HopResponse& response)
{
    return responseHead(response) + response.body;
}

namespace {

constexpr qsizetype kBodyLimit = 256 * 1024;

QString bodyText(const QByteArray& body, const Model::HeaderFields& headers)
{
    if (body.isEmpty())
        return {};
    const QByteArray coding = Model::headerValue(headers, "Content-Encoding");
    if (!coding.isEmpty() && coding.toLower() != "identity")
        return u"[%1 of %2-encoded data; decoded in the Body view]\n"_s.arg(
            Http::formatSize(body.size()), QString::fromLatin1(coding));
    const Http::BodyPreview preview =
        Http::previewBody(body, "text/plain", kBodyLimit); // as sent: no pretty-printing
    if (preview.kind == Http::BodyPreview::Kind::Binary)
        return u"[%1 of binary data]\n"_s.arg(Http::formatSize(body.size()));
    QString text = preview.text;
    if (preview.truncated)
        text += u"\n[… %1 in all]"_s.arg(Http::formatSize(body.size()));
    return text + u'\n';
}

} // namespace

ReadableExchange readableExchange(const Http::Exchange& exchange)
{
    ReadableExchange out;
    int line = 0;
    auto add = [&](const QString& text) {
        out.text += text;
        line += static_cast<int>(text.count(u'\n'));
    };
    for (qsizetype i = 0; i < exchange.hops.size(); ++i) {
        const Http::Hop& hop = exchange.hops[i];
        ReadableExchange::HopLines lines;
        add(hop.cause == "digest"
                ? u"── hop %1 · request (answering the Digest challenge) ──\n"_s.arg(i + 1)
                : u"── hop %1 · request ──\n"_s.arg(i + 1));
        for (const auto& [name, reason] : hop.droppedHeaders)
            add(u"(%1 not sent: %2)\n"_s.arg(QString::fromUtf8(name), reason));
        if (!hop.proxy.isEmpty())
            add(u"(through the proxy %1)\n"_s.arg(hop.proxy));
        lines.request = line;
        add(QString::fromUtf8(hop.request.method + ' ' + hop.request.target + " HTTP/1.1\n"));
        for (const Http::WireHeader& header : hop.request.wireHeaders) {
            if (header.origin == Http::HeaderOrigin::Network)
                out.mutedLines.append(line);
            add(QString::fromUtf8(header.name + ": " + header.value + '\n'));
        }
        add(u"\n"_s + bodyText(hop.request.body, hop.request.headers));
        lines.requestLines = line - lines.request;
        add(u"\n── hop %1 · response ──\n"_s.arg(i + 1));
        if (hop.response.received) {
            lines.response = line;
            add(QString::fromUtf8(responseHead(hop.response, "\n")));
            add(bodyText(hop.response.body, hop.response.headers));
            lines.responseLines = line - lines.response;
        }
        out.hops.append(lines);
        if (hop.error.isError())
            add(u"[%1 error: %2]\n"_s.arg(Http::transportErrorKindName(hop.error.kind),
                                          hop.error.message));
        add(u"\n"_s);
    }
    return out;
}

std::optional<std::pair<int, int>> linesOf(const ReadableExchange& readable,
                                           const Http::Exchange& exchange, int hop, bool response,
                                           qsizetype start, qsizetype end)
{
    if (hop < 0 || hop >= readable.hops.size() || hop >= exchange.hops.size())
        return std::nullopt;
    const ReadableExchange::HopLines& lines = readable.hops[hop];
    const int first = response ? lines.response : lines.request;
    const int count = response ? lines.responseLines : lines.requestLines;
    if (first < 0 || count <= 0)
        return std::nullopt;
    // The head's lines are the raw message's lines (CRLF there, LF here); a body shown as
    // text too, up to what is shown.
    const QByteArray bytes = response ? responseBytes(exchange.hops[hop].response)
                                      : requestBytes(exchange.hops[hop].request);
    start = qBound<qsizetype>(0, start, bytes.size());
    end = qBound<qsizetype>(start, end, bytes.size());
    const int from = static_cast<int>(bytes.left(start).count('\n'));
    const int to = static_cast<int>(bytes.left(qMax(start, end - 1)).count('\n'));
    return std::pair{first + qMin(from, count - 1), first + qMin(to, count - 1)};
}

QByteArray serializeResponse(int status, const QByteArray& reason,
                             const Model::HeaderFields& headers, const QByteArray& body)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const Model::HeaderField& field : headers)
        out += field.name + ": " + field.value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return out + body;
}

} // namespace Keyhole::Raw
