#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

#include <QByteArray>

namespace Keyhole::Interchange {

// Reads an Insomnia export: v4 (JSON, "__export_format": 4, a flat list of resources with
// parentIds; also Insomnia's YAML rendering of it) and v5 (YAML, "type:
// collection.insomnia.rest/5.0", a tree). Becomes a collection per workspace:
// - request groups are folders (their environment: folder variables; their auth);
// - requests keep method, URL, parameters (disabled ones disabled), headers, description,
//   bodies (JSON/text, form-urlencoded, multipart with files, a file, GraphQL as JSON) and
//   auth: basic, bearer (with its prefix), API key (header, query or cookie), digest,
//   OAuth 2 (client credentials, password, authorization code with PKCE), AWS IAM (SigV4);
//   other auth kinds are kept and warned about;
// - Nunjucks: {{ _.name }} and {{ _['name'] }} become {{name}} (nested data as {{a.b}});
//   {% uuid %} → {{$guid}}, {% now %} → {{$isoTimestamp}} / {{$timestamp}};
//   {% response 'body', 'req_…', 'b64::…' %} (response chaining) becomes an extraction on
//   that request into {{<request>_<field>}};
// - the base environment's data becomes collection variables, each sub-environment an
//   environment (values of credential-named variables and of private environments secret).
// Order follows metaSortKey. All-or-nothing; errors name file and JSON path.
Result<ImportResult> importInsomnia(const QByteArray& data, const QString& fileLabel);

// True when `data` looks like an Insomnia export (v4 JSON or v5 YAML).
bool looksLikeInsomnia(const QByteArray& data);

} // namespace Keyhole::Interchange
