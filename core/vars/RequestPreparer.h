#pragma once

#include "core/Result.h"
#include "core/model/PreparedRequest.h"
#include "core/model/RequestTemplate.h"

namespace Keyhole::Vars {

class Resolver;

// Turns a template into the concrete request that will be sent: variables resolved (the
// unresolved ones recorded), params appended to the query, the body encoded, a Content-Type
// chosen when the user did not set one. Relative file paths (binary and multipart bodies)
// are taken from `baseDir`.
//
// Fails, naming the field, on what must never be sent: a URL that is not http(s) or has no
// host, a method or header name with illegal characters, a CR/LF/NUL in a header value
// (header injection), a body file that cannot be read.
//
// Authentication: `auth` (the effective configuration, see Auth::effectiveAuth) or else the
// request's own; Inherit without a parent means none. Its credentials are recorded as secret
// values (masked in every view), and it replaces an Authorization header of the request.
Result<Model::PreparedRequest> prepareRequest(const Model::RequestTemplate& request,
                                              const Resolver& resolver, const QString& baseDir = {},
                                              const Model::AuthConfig* auth = nullptr);

// The refusal of a request that would send `{{names}}` literally, for users who block such
// sends (GUI: Request › Refuse Unresolved Variables; CLI: --fail-on-unresolved). Success when
// everything resolved. `provided`: names a token lifecycle sets before the send (its token
// variable), which do not count.
Status refuseUnresolved(const Model::PreparedRequest& prepared, const QStringList& provided = {});

// Percent-encodes a query component (RFC 3986, keeping the sub-delimiters that are safe in
// a query value).
QByteArray encodeQueryComponent(const QString& text);
// application/x-www-form-urlencoded encoding of one name or value (space as '+').
QByteArray encodeFormComponent(const QString& text);

} // namespace Keyhole::Vars
