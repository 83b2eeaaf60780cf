#pragma once

#include <QByteArray>
#include <QStringList>

namespace Keyhole::Diff {

// The lines of an HTTP message (raw request or response) ready to be compared: CRLF line ends
// removed, and credentials (Authorization, Proxy-Authorization, Cookie, Set-Cookie,
// X-CSRFToken values) replaced by a fingerprint — equal credentials compare equal, different
// ones differ, and neither is ever shown.
QStringList messageLines(const QByteArray& raw);

// A summary of how the two messages' headers differ, one line each, auth-relevant headers
// first ("Authorization: scheme Bearer → Token, credential differs"), then others; repeated
// headers and order changes reported separately. Empty when the headers are the same.
QStringList headerSummary(const QStringList& a, const QStringList& b,
                          const QStringList& ignoredHeaders = {});

} // namespace Keyhole::Diff
