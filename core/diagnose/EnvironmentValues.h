#pragma once

#include "core/model/Variable.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keyhole::Diagnose {

// The values of the workspace's environments (secrets included, read from the store by the
// caller), to recognise a credential that belongs to another environment than the one the
// request was sent under: staging's token sent to the local server. Values shorter than 8
// bytes are left out (they would match by chance). Never shown: findings name the variable
// and the environment only.
struct EnvironmentValues {
    struct Value {
        QString environment;
        QString variable;
        QByteArray value;
    };
    QString current; // the environment the request was sent under (empty: none)
    QList<Value> values;

    bool isEmpty() const { return values.isEmpty(); }

    // The values of `environment` (its secrets already filled in by the caller) that are long
    // enough to recognise.
    void add(const Model::Environment& environment)
    {
        for (const Model::Variable& variable : Model::effectiveVariables(environment)) {
            const QByteArray bytes = variable.value.toUtf8();
            if (variable.enabled && bytes.size() >= 8)
                values.append({environment.name, variable.name, bytes});
        }
    }
};

} // namespace Keyhole::Diagnose
