#pragma once

#include "core/http/Exchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Keyhole::Raw {

// HTTP/1.1 text of a response head: status line and header lines, each ending in `eol`,
// then an empty line. Example: "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\n\r\n".
QByteArray responseHead(const Http::HopResponse& response, const QByteArray& eol = "\r\n");

// Status line alone, without line end: "HTTP/1.1 401 Unauthorized".
QByteArray statusLine(const Http::HopResponse& response);

// The exact bytes of a request as sent over HTTP/1.1: request line, every wire header
// (including those the network layer inserted), an empty line, the body.
QByteArray requestBytes(const Http::HopRequest& request);

// A response as received: status line, headers, empty line, body bytes as received.
// Reconstructed from what Qt reports (Qt 6.4 does not expose the raw head; repeated headers
// other than Set-Cookie arrive joined).
QByteArray responseBytes(const Http::HopResponse& response);

// Every hop of an exchange as text a person reads: request head and body, then response head
// and body, as crossed the wire. Bodies that are binary or content-encoded are summarised
// (the Body view shows them decoded). `mutedLines` are the header lines the network layer
// inserted (0-based line numbers), for views that show them in a muted colour.
struct ReadableExchange {
    QString text;
    QList<int> mutedLines;
    // Where each hop's request and response are in `text`: their first line (the request
    // line, the status line; -1 for no answer) and how many lines they take.
    struct HopLines {
        int request = -1;
        int requestLines = 0;
        int response = -1;
        int responseLines = 0;
    };
    QList<HopLines> hops;
};
ReadableExchange readableExchange(const Http::Exchange& exchange);

// The lines of `readable` (first and last, 0-based) that show bytes [start, end) of hop
// `hop`'s raw request (requestBytes) or raw response (responseBytes) — a finding's evidence.
// A range in a body shown summarised (binary, encoded, truncated) ends on the summary's last
// line. Nothing when that part is not shown.
std::optional<std::pair<int, int>> linesOf(const ReadableExchange& readable,
                                           const Http::Exchange& exchange, int hop, bool response,
                                           qsizetype start, qsizetype end);

// A response as an HTTP/1.1 message (for loopback servers): head with Content-Length, body.
QByteArray serializeResponse(int status, const QByteArray& reason,
                             const Model::HeaderFields& headers, const QByteArray& body);

} // namespace Keyhole::Raw
