#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

#include <QByteArray>
#include <QStringList>

namespace Keyhole::Interchange {

// The formats `importData` reads: "curl", "postman", "har", "http", "openapi", "insomnia".
QStringList importFormats();

// Guesses the format of pasted or dropped data: "postman" (a collection or environment),
// "har", "curl" (a command line), "http" (an .http file), "openapi" (OpenAPI or Swagger, JSON
// or YAML), "insomnia" (v4 JSON or v5 YAML export), or an empty string.
QString detectFormat(const QByteArray& data);

// Reads `data` as `format`. `label` names the source in errors (a file name, "(clipboard)");
// `baseDir` is where @file references of a curl command and "< file" bodies of an .http file
// are read from, and where an .http file's environment files are looked for.
Result<ImportResult> importData(const QString& format, const QByteArray& data, const QString& label,
                                const QString& baseDir = {});

// Moves literal credentials into secret variables (SecretLifting.h) of `environment` — by
// default the collection's name, or "Imported" for loose requests — avoiding the names that
// environment already has in `workspace`. Returns the environment's name.
QString liftSecretsInto(ImportResult& imported, const Model::Workspace& workspace,
                        const QString& environment = {});

} // namespace Keyhole::Interchange
