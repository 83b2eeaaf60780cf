#pragma once

#include "core/interchange/Imported.h"

namespace Keyhole::Interchange {

// Moves the credentials an import carries as literal text — auth passwords, tokens and API
// keys, Authorization and Cookie headers, headers, query parameters and form fields whose name
// says credential — out of the requests into secret variables of `environmentName`, leaving
// {{name}} (and the scheme word, "Bearer {{token}}") in their place. So the workspace files
// never hold them in plain text; the values go to the secret store with the environment. The
// same value becomes one variable; names already in `takenNames` are not reused. Returns the
// number of values moved (0: nothing changed).
qsizetype liftSecrets(ImportResult& imported, const QString& environmentName,
                      const QStringList& takenNames = {});

} // namespace Keyhole::Interchange
