#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

#include <QByteArray>

namespace Keyhole::Interchange {

// Reads an OpenAPI 3.0 / 3.1 or Swagger 2.0 document, JSON or YAML, into a collection named
// after info.title:
// - each operation becomes a request in a folder per (first) tag, named by its summary (or
//   operationId, or "METHOD /path"), URL `{{baseUrl}}/path` with path parameters filled from
//   their examples (or left as {{name}} so the send warns); query, header and cookie
//   parameters with their examples (optional ones disabled); the body from the example or
//   generated from the schema (JSON, form, multipart), and Accept from the responses;
// - the first server (servers[0] with its variables' defaults; Swagger: scheme, host,
//   basePath) is the collection variable `baseUrl`; several servers become one environment each;
// - security schemes become auth (Basic, Bearer, Digest, API key in header or query, OAuth 2
//   client credentials / authorization code / password), credentials as {{variables}} of a
//   secret kind in the environment(s); an operation's own `security` (or `[]`: none) wins over
//   the document's. The requirement and its schemes are kept in the request
//   (preserved.openapi) so the Auth Doctor can compare what the spec wants with what is sent.
// Only local $refs are followed (cycles and depth bounded); external ones are warnings.
// All-or-nothing: YAML syntax errors name file:line:column, wrong values file $.json.path.
Result<ImportResult> importOpenApi(const QByteArray& data, const QString& fileLabel);

// True when `data` starts like an OpenAPI or Swagger document (JSON or YAML).
bool looksLikeOpenApi(const QByteArray& data);

} // namespace Keyhole::Interchange
