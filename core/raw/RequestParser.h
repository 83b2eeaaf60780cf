#pragma once

#include "core/model/PreparedRequest.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Keyhole::Raw {

// One HTTP/1.1 request as it arrived, with the exact bytes.
struct ParsedRequest {
    QByteArray method;
    QByteArray target; // request-target as sent: "/path?query"
    QByteArray version;
    Model::HeaderFields headers; // in received order, repeats kept
    QByteArray body;             // de-chunked
    QByteArray raw;              // every byte of this request, as received
};

// Incremental HTTP/1.1 request parser for loopback servers (the demo API, test capture
// servers): feed bytes as they arrive, take complete requests out. Handles pipelining,
// Content-Length and chunked bodies. After an error it stays failed.
class RequestParser final {
public:
    explicit RequestParser(qsizetype maxRequestBytes = 64 * 1024 * 1024)
        : m_maxBytes(maxRequestBytes)
    {}

    void feed(const QByteArray& bytes);
    // The next complete request, or nothing when more bytes are needed (or after an error).
    std::optional<ParsedRequest> next();
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    QByteArray m_buffer;
    qsizetype m_maxBytes;
    QString m_error;
};

} // namespace Keyhole::Raw
