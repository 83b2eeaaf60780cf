#pragma once

#include <QList>
#include <QString>

namespace Keyhole::Model {

// A named value usable as {{name}}. A secret variable's value never goes to workspace files.
struct Variable {
    QString name;
    QString value;
    bool secret = false;
    bool enabled = true;

    friend bool operator==(const Variable&, const Variable&) = default;
};

using VariableList = QList<Variable>;

// A set of variables the user switches between: local, staging, production.
struct Environment {
    QString name;
    QString fileName; // file name under environments/, e.g. "local.json"
    VariableList variables;

    friend bool operator==(const Environment&, const Environment&) = default;
};

} // namespace Keyhole::Model
