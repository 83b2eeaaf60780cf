#pragma once

#include "core/model/AuthConfig.h"

#include <QRegularExpression>
#include <QStringList>

namespace Keyhole::Interchange {

// How one tool's scripts save a value from the response: `setter` captures the variable (1)
// and the expression (2) of each call; `jsonSource` matches an expression reading the JSON
// body and captures its path (1) as ".data.token" / "[0]" / "['x-y']"; `headerSource` one
// reading a header and captures its name (1).
struct ScriptDialect {
    const QRegularExpression& setter;
    const QRegularExpression& jsonSource;
    const QRegularExpression& headerSource;
};

// Turns the simple "save the token" calls of `source` into extractions (secret when the
// variable's name says credential) appended to `extractions`; returns the variables.
// Anything else in the script is ignored.
QStringList extractionsFromScript(const QString& source, const ScriptDialect& dialect,
                                  QList<Model::Extraction>& extractions);

} // namespace Keyhole::Interchange
