#pragma once

#include "core/http/Exchange.h"

#include <QDateTime>
#include <QString>

namespace Keyhole::Diagnose {

// The last exchange of the same request that succeeded (2xx), from history: what worked, to
// set the failing request's credentials against (compared by fingerprint; history stores
// credentials only as fingerprints).
struct Precedent {
    const Http::Exchange* exchange = nullptr; // null: no earlier success known
    QString id;                               // "h12"
    QDateTime time;                           // when it was sent (UTC)
};

} // namespace Keyhole::Diagnose
