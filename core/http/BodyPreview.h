#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <atomic>

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

// One JSON document re-indented (4 spaces, at most 32 levels deep) without reordering
// anything — the server's key order is part of the truth (QJsonDocument would sort keys).
// Streaming, no tree: for bodies of any size. Empty when the text is not one JSON document by
// a cheap check (unbalanced brackets, bytes JSON does not have outside strings, a second
// value) or when `stop` was set.
QByteArray indentJson(QByteArrayView json, const std::atomic_bool* stop = nullptr);

// What a body of any size is, from its start alone (the first 64 KB): binary (a NUL byte or
// not UTF-8), JSON (by Content-Type or a leading { or [) or text.
enum class BodyKind { Empty, Json, Text, Binary };
BodyKind sniffBody(QByteArrayView body, const QByteArray& contentType);

// "0 B", "512 B", "1.5 KB", "3.2 MB".
QString formatSize(qint64 bytes);

} // namespace Keyhole::Http
