#pragma once

#include "core/model/Folder.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Keyhole::Interchange {

// Writes `folder` (a collection, a folder, or a wrapper around one request) as a Postman
// Collection v2.1. The folder's variables become collection variables, its auth the
// collection's auth; {{variables}} stay as they are (Postman uses the same syntax).
// Keyhole's extractions become test scripts (`pm.environment.set("token",
// pm.response.json().access)`) so a token-saving login still works in Postman and newman;
// what was kept from a Postman import (scripts, other auth types, saved responses) goes back.
// A bearer token with another prefix than "Bearer" ("Token", "JWT") becomes an API-key
// Authorization header, since Postman's bearer always says "Bearer". Secret variable values
// are never written (secret collection variables are exported empty). `idSeed` makes
// _postman_id stable, so exporting twice gives the same bytes.
QByteArray exportPostmanCollection(const Model::Folder& folder, const QString& idSeed,
                                   QStringList* warnings = nullptr);

// A Postman environment. Secret variables are exported with type "secret" and an empty value,
// unless their value is in `secretValues` (the user asked to include secrets).
QByteArray exportPostmanEnvironment(const Model::Environment& environment,
                                    const QHash<QString, QByteArray>& secretValues = {});

// Splits a URL as Postman's own parser does ({{baseUrl}}/items -> host ["{{baseUrl}}"],
// path ["items"]). Exposed for tests.
struct PostmanUrlParts {
    QString protocol;
    QStringList host;
    QString port;
    QStringList path;
    bool hasPath = false;
};
PostmanUrlParts splitPostmanUrl(const QString& url);

} // namespace Keyhole::Interchange
