#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace Keyhole::Diagnose {

// What the API's own OpenAPI document says an operation wants, as the OpenAPI import keeps it
// in the request (`preserved.openapi`): alternatives of security requirements
// (`[{"jwt": []}, {"apiKey": []}]`) and the schemes they name. Empty when the request did not
// come from a spec or the spec names no security.
struct SpecSecurity {
    QString operation;       // "GET /items/{id}"
    QJsonArray requirements; // empty: nothing known (an empty object in it: optional)
    QJsonObject schemes;     // name → OpenAPI securityScheme object

    bool isEmpty() const { return requirements.isEmpty(); }

    static SpecSecurity fromPreserved(const QJsonObject& preserved)
    {
        const QJsonObject openapi = preserved.value(QStringLiteral("openapi")).toObject();
        return {openapi.value(QStringLiteral("operation")).toString(),
                openapi.value(QStringLiteral("security")).toArray(),
                openapi.value(QStringLiteral("securitySchemes")).toObject()};
    }
};

} // namespace Keyhole::Diagnose
