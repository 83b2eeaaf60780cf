#pragma once

#include "core/http/Exchange.h"

#include <QByteArray>

namespace Keyhole::Raw {

// HTTP/1.1 text of a response head: status line and header lines, each ending in `eol`,
// then an empty line. Example: "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\n\r\n".
QByteArray responseHead(const Http::HopResponse& response, const QByteArray& eol = "\r\n");

// Status line alone, without line end: "HTTP/1.1 401 Unauthorized".
QByteArray statusLine(const Http::HopResponse& response);

// A response as an HTTP/1.1 message (for loopback servers): head with Content-Length, body.
QByteArray serializeResponse(int status, const QByteArray& reason,
                             const Model::HeaderFields& headers, const QByteArray& body);

} // namespace Keyhole::Raw
