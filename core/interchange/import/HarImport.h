#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

#include <QByteArray>

namespace Keyhole::Interchange {

// Reads a HAR 1.2 file (DevTools "Save all as HAR", Charles, Fiddler, Keyhole's own): each
// entry becomes a request (method, URL with its query as params, headers without the ones the
// network layer writes — Host, Content-Length, Connection, HTTP/2 pseudo-headers — and the
// body: form fields, multipart fields or raw text with its MIME type). Loose requests: they
// go straight into the target folder. All-or-nothing; errors name the file and JSON path.
Result<ImportResult> importHar(const QByteArray& json, const QString& fileLabel);

} // namespace Keyhole::Interchange
