#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonValue>

namespace Keyhole::Interchange {

// Reads a YAML document (OpenAPI specs, Insomnia v5 exports) as the JSON value it stands for:
// mappings become objects (keys as text), sequences arrays; plain scalars follow YAML 1.2's
// core schema (null, ~, true/false, integers, floats), quoted and block scalars are strings.
// Anchors and aliases are expanded, within bounds (at most `kMaxYamlNodes` values, 256 levels)
// so an "alias bomb" fails instead of exhausting memory. A syntax error names
// "label:line:column".
inline constexpr qsizetype kMaxYamlNodes = 2'000'000;
Result<QJsonValue> yamlToJson(const QByteArray& yaml, const QString& label);

} // namespace Keyhole::Interchange
