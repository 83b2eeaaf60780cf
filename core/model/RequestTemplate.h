#pragma once

#include "core/model/Assertion.h"
#include "core/model/AuthConfig.h"
#include "core/model/RequestSettings.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Keyhole::Model {

// One row of a params, headers or form table. Text may hold {{variables}}.
struct KeyValue {
    QString name;
    QString value;
    bool enabled = true;

    friend bool operator==(const KeyValue&, const KeyValue&) = default;
};

using KeyValueList = QList<KeyValue>;

enum class BodyKind { None, Raw, FormUrlEncoded, Multipart, BinaryFile };

// One part of a multipart/form-data body: a text value, or a file (value is its path).
struct MultipartField {
    QString name;
    QString value;
    bool isFile = false;
    QString contentType; // empty: text/plain for values, guessed from the name for files
    bool enabled = true;
    QString fileName; // files: sent as filename="…" instead of the file's own name

    friend bool operator==(const MultipartField&, const MultipartField&) = default;
};

struct Body {
    BodyKind kind = BodyKind::None;
    QString contentType; // for Raw and BinaryFile; empty means "derive a sensible default"
    QString text;        // for Raw
    KeyValueList form;   // for FormUrlEncoded
    QList<MultipartField> multipart;
    QString filePath; // for BinaryFile

    friend bool operator==(const Body&, const Body&) = default;
};

// What the user edits and what is saved: everything may contain {{variables}}.
struct RequestTemplate {
    QString name;
    QString method = QStringLiteral("GET");
    QString url;
    KeyValueList params; // appended to the URL's own query, in order
    KeyValueList headers;
    // The request scope: {{name}} values for this request only, over its folders' and the
    // environment's (never secret: a secret belongs in an environment).
    KeyValueList variables;
    Body body;
    AuthConfig auth;               // Inherit: from the folder, then the collection
    QList<Extraction> extractions; // after a 2xx answer, values stored in variables
    RequestSettings settings;      // redirects, timeout, TLS verification, HTTP/2
    QList<Assertion> assertions;   // checked against every answer
    QString description;
    // What another format had that Keyhole cannot use yet (Postman scripts, an auth scheme not
    // supported), keyed by format: {"postman": {"event": [...]}}. Kept so an export gives it
    // back; shown as a warning on import.
    QJsonObject preserved;

    friend bool operator==(const RequestTemplate&, const RequestTemplate&) = default;
};

// Stable lower-case names used in files and on the command line.
QString bodyKindName(BodyKind kind);
// Returns nothing when `name` is not a known body kind.
std::optional<BodyKind> bodyKindFromName(const QString& name);

} // namespace Keyhole::Model
