#pragma once

#include <QList>
#include <QMap>
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
    // This machine's own values ("current values", as Postman calls them) by variable name.
    // They win over the shared value in the file and live in .keyhole/environments/, which git
    // ignores, so a teammate's clone keeps the shared ("initial") value. Never for secrets:
    // a secret's value lives in the secret store, which is this machine's already.
    QMap<QString, QString> currentValues;

    friend bool operator==(const Environment&, const Environment&) = default;
};

// The order environments are listed in (switcher, manager, CLI): by name, ignoring case.
inline bool environmentBefore(const Environment& a, const Environment& b)
{
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.fileName < b.fileName;
}

// The variables of `environment` as a send sees them: current values applied.
inline VariableList effectiveVariables(const Environment& environment)
{
    VariableList variables = environment.variables;
    for (Variable& variable : variables) {
        const auto current = environment.currentValues.constFind(variable.name);
        if (!variable.secret && current != environment.currentValues.cend())
            variable.value = *current;
    }
    return variables;
}

} // namespace Keyhole::Model
