#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace Keyhole::Model {

// One step of a JSON path: a key, or an array index written `[n]` (in a JSON pointer every
// step is a name; a numeric one indexes an array).
struct JsonPathStep {
    QString name;
    bool index = false;
};
// The steps of "data.items[0].token", "$.data.items[0].token" or "/data/items/0/token";
// `pointer` says which form it was.
QList<JsonPathStep> jsonPathSteps(const QString& path, bool* pointer = nullptr);

// Follows "data.items[0].token", "$.data.items[0].token" or a JSON pointer "/data/items/0/token"
// through a JSON value; nothing when a step is missing.
std::optional<QJsonValue> followJsonPath(const QJsonValue& root, const QString& path);

// A JSON value as a person reads it: a string as is, integers exactly, other numbers in their
// shortest form, true/false/null, objects and arrays as compact JSON.
QString jsonValueText(const QJsonValue& value);

} // namespace Keyhole::Model
