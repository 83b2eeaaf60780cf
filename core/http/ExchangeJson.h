#pragma once

#include "core/http/Exchange.h"

#include <QJsonObject>

namespace Keyhole::Http {

// The Exchange as one JSON document — the contract of `keyhole-cli send --json`, documented
// in docs/cli.md. Other tools depend on its field names: add fields, never rename them.
QJsonObject exchangeToJson(const Exchange& exchange);

} // namespace Keyhole::Http
