#include "core/raw/RawText.h"

namespace Keyhole::Raw {

QByteArray statusLine(const Http::HopResponse& response) {
    QByteArray line =
        response.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : response.httpVersion;
    line += ' ' + QByteArray::number(response.status);
    if (!response.reason.isEmpty())
        line += ' ' + response.reason;
    return line;
}

QByteArray responseHead(const Http::HopResponse& response, const QByteArray& eol) {
    QByteArray head = statusLine(response) + eol;
    for (const Model::HeaderField& field : response.headers)
        head += field.name + ": " + field.value + eol;
    return head + eol;
}

QByteArray serializeResponse(int status, const QByteArray& reason,
                             const Model::HeaderFields& headers, const QByteArray& body) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const Model::HeaderField& field : headers)
        out += field.name + ": " + field.value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return out + body;
}

} // namespace Keyhole::Raw
