#pragma once

#include "core/model/Variable.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Keyhole::Vars {

// Where a variable's value came from, lowest to highest precedence (docs/workspace-format.md,
// "Variables").
enum class Scope { Global, Collection, Environment, Folder, Request, Runtime };
QString scopeName(Scope scope);

struct Lookup {
    QString value;
    Scope scope = Scope::Global;
    bool secret = false;
};

// The outcome of resolving one text.
struct Resolved {
    QString text;
    QStringList unresolved;   // variable names left as {{name}} in `text`
    QStringList cycles;       // "a → b → a" for every cycle met
    QStringList secretValues; // values of secret variables that went into `text`
};

// Resolves {{name}} references against a chain of scopes. A later scope wins over an earlier
// one. Values may refer to other variables (resolved recursively, cycles reported, never
// followed forever). Dynamic values: {{$guid}}, {{$timestamp}}, {{$isoTimestamp}},
// {{$randomInt}}. `\{{` is a literal `{{`. An unknown name stays in the text as written.
class Resolver final {
public:
    void addScope(Scope scope, const Model::VariableList& variables);

    // The effective value of `name` and its scope. Disabled variables and secrets whose value
    // is not available (a null QString) do not count.
    std::optional<Lookup> lookup(const QString& name) const;

    Resolved resolve(const QString& text) const;

    // What each {{name}} in `text` stands for, for editors: in order of appearance, each
    // name once. A secret whose value is not loaded is `secret` and not `resolved`.
    struct Use {
        QString name;
        bool resolved = false;
        bool dynamic = false; // {{$guid}} and friends
        bool secret = false;
        QString value; // empty for secrets: editors never show them
        Scope scope = Scope::Global;
    };
    QList<Use> uses(const QString& text) const;

private:
    void resolveInto(const QString& text, QStringList& stack, Resolved& out) const;

    struct Entry {
        Scope scope;
        Model::Variable variable;
    };
    std::vector<Entry> m_entries; // in precedence order, lowest first
};

} // namespace Keyhole::Vars
