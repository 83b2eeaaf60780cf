#pragma once

#include "core/diagnose/EnvironmentValues.h"
#include "core/diagnose/Finding.h"
#include "core/diagnose/Precedent.h"
#include "core/diagnose/SpecSecurity.h"
#include "core/http/Exchange.h"

#include <QDateTime>
#include <QJsonArray>

namespace Keyhole::Diagnose {

// Whether an exchange is an authentication failure worth explaining: a 401, 403, 407, 419,
// 422 or a Bearer 400, or an answer reached through a redirect to a login page.
bool looksLikeAuthFailure(const Http::Exchange& exchange);

// Runs every rule family over the exchange (following the catalog's decision procedure:
// did the credential reach the final hop, what does the status say, what does the challenge
// ask for, what do the credential bytes and the JWT contain) and returns the findings, most
// likely first, one per cause. Empty when the exchange is not an auth failure. `spec`: what
// the API's OpenAPI document wants for this operation (the request's preserved.openapi);
// `environments`: the values of the workspace's environments (is this token another one's?).
QList<Finding> diagnose(const Http::Exchange& exchange,
                        const QDateTime& clientNow = QDateTime::currentDateTimeUtc(),
                        const Precedent& precedent = {}, const SpecSecurity& spec = {},
                        const EnvironmentValues& environments = {});

// The findings as text for a terminal or a bug report ("nothing matched" said honestly).
QString findingsText(const QList<Finding>& findings);
// The findings as the `findings[]` of `keyhole-cli send --json --diagnose` (docs/cli.md).
QJsonArray findingsToJson(const QList<Finding>& findings);

} // namespace Keyhole::Diagnose
