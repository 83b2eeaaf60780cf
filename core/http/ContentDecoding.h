#pragma once

#include "core/Result.h"

#include <QByteArray>

namespace Keyhole::Http {

// The Accept-Encoding Keyhole sends by default: every coding decodeContent() understands.
// Keyhole decodes bodies itself so that the raw view keeps the bytes exactly as received.
QByteArray supportedContentEncodings();

// Undoes a Content-Encoding header's codings (gzip, x-gzip, deflate, br, zstd, identity;
// several are undone last-applied first). Fails, naming the coding, on an unknown coding,
// corrupt data, or output beyond `maxOutput` bytes (a decompression bomb).
Result<QByteArray> decodeContent(const QByteArray& body, const QByteArray& contentEncoding,
                                 qsizetype maxOutput = 512LL * 1024 * 1024);

} // namespace Keyhole::Http
