#pragma once

#include <QByteArray>
#include <QString>

namespace Keyhole::Http {

// How a response body is best shown to a person, decided without widgets so the GUI and the
// CLI agree and large or binary bodies are handled safely.
struct BodyPreview {
    enum class Kind { Empty, Json, Text, Binary };
    Kind kind = Kind::Empty;
    QString text; // pretty JSON, decoded text, or a hex dump; at most `limit` bytes' worth
    bool truncated = false; // only the first `limit` bytes are shown
};

// JSON (by Content-Type or shape) is pretty-printed when it parses and fits in `limit`; text
// that is not valid UTF-8 or holds NUL bytes is shown as a hex dump.
BodyPreview previewBody(const QByteArray& body, const QByteArray& contentType,
                        qsizetype limit = 2 * 1024 * 1024);

// "0 B", "512 B", "1.5 KB", "3.2 MB".
QString formatSize(qint64 bytes);

} // namespace Keyhole::Http
