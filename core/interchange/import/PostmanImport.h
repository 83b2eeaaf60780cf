#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

#include <QByteArray>

namespace Keyhole::Interchange {

// Reads a Postman Collection (v2.0 or v2.1: folders, every body mode, basic/bearer/apikey/noauth
// with inheritance, variables, descriptions) or a Postman environment export. What Keyhole cannot
// use yet (scripts, other auth types, saved responses, protocol settings) is kept in
// `preserved` and listed as a warning; simple token-saving test scripts
// (`pm.environment.set("token", pm.response.json().access)`) also become extractions.
// All-or-nothing: a syntax error or a value of the wrong type fails the whole import, naming
// `fileLabel` and the place (line:column or JSON path).
Result<ImportResult> importPostman(const QByteArray& json, const QString& fileLabel);

// True when `name` looks like it holds a credential (token, password, secret, api key...).
bool looksSecret(const QString& name);

} // namespace Keyhole::Interchange
