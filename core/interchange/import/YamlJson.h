#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonValue>

namespace Keyhole::Interchange {

// Reads a YAML document (OpenAPI specs, Insomnia v5 exports) as the JSON value it stands for:
// mappings become objects (keys as text), sequences arrays; plain scalars follow YAML 1.2's
// core schema (null, ~, true/false, integers, floats), quoted and block scalars are strings.
// Anchors and aliases are expanded, within bounds (at most `kMaxYamlNodes` values and
// `kMaxYamlTextBytes` of text, 256 levels) so an "alias bomb" fails instead of exhausting
// memory. yaml-cpp 0.7 has no merge keys: `<<: *base` is refused with its place rather than
// read wrong. A syntax error names
// "label:line:column".
inline constexpr qsizetype kMaxYamlNodes = 2'000'000;
inline constexpr qsizetype kMaxYamlTextBytes = 256 * 1024 * 1024; // scalars, aliases expanded
Result<QJsonValue> yamlToJson(const QByteArray& yaml, const QString& label);

} // namespace Keyhole::Interchange
