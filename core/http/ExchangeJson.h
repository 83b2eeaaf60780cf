#pragma once

#include "core/http/Exchange.h"

#include <QJsonObject>

namespace Keyhole::Http {

// The Exchange as one JSON document — the contract of `keyhole-cli send --json`, documented
// in docs/cli.md. Other tools depend on its field names: add fields, never rename them.
QJsonObject exchangeToJson(const Exchange& exchange);

// The Exchange back from that document (history entries are stored in this form). What JSON
// does not carry stays empty: the secret values (never stored) and the request's own header
// list apart from the wire headers the user's request put there.
Exchange exchangeFromJson(const QJsonObject& object);

} // namespace Keyhole::Http
