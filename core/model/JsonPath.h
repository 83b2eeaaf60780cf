#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace Keyhole::Model {

// Follows "data.items[0].token", "$.data.items[0].token" or a JSON pointer "/data/items/0/token"
// through a JSON value; nothing when a step is missing.
std::optional<QJsonValue> followJsonPath(const QJsonValue& root, const QString& path);

// A JSON value as a person reads it: a string as is, integers exactly, other numbers in their
// shortest form, true/false/null, objects and arrays as compact JSON.
QString jsonValueText(const QJsonValue& value);

} // namespace Keyhole::Model
