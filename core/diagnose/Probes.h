#pragma once

#include "core/diagnose/Finding.h"
#include "core/http/Exchange.h"

#include <QList>
#include <QString>

namespace Keyhole::Diagnose {

// A re-send that confirms a finding instead of guessing: the request with one of the
// finding's fixes applied (the scheme word the challenge asks for, the redirect target or the
// trailing slash), sent once and recorded in history under its label — the request itself is
// not changed.
struct Probe {
    QString findingId;
    FixAction fix;
    QString label; // "probe: Switch the prefix to Bearer"
};

// The probes worth offering for `findings` of `exchange`. Only where the re-send keeps the
// credentials on an origin they were already meant for: the scheme word changes nothing about
// where they go; a new URL must have the first hop's origin, or its host with http upgraded to
// https. A redirect to another host is never probed (trusting it is the user's decision).
QList<Probe> probesFor(const QList<Finding>& findings, const Http::Exchange& exchange);
// Whether a probe of `exchange` may go to `target` (the probe's request as prepared now: the
// request or the environment may have changed since): the same rule as above.
bool probeAllowed(const Http::Exchange& exchange, const QUrl& target);

// What a probe's answer says.
struct ProbeResult {
    QString findingId;
    QString label;
    bool confirmed = false; // it got past authentication (a final status below 400)
    QString outcome;        // "200 OK", "401 Unauthorized", or the transport error
    QString historyId;      // where its exchange is kept ("h12"), when recorded
    QString change;         // the fix it tried ("Switch the prefix to \"Bearer\"")
};
ProbeResult probeResult(const Probe& probe, const Http::Exchange& answer,
                        const QString& historyId = {});

// `findings` with what the probes found: a confirmed finding becomes "confirmed" and goes
// first; one whose probe still failed drops to "possible". Each explanation says so.
void applyProbeResults(QList<Finding>& findings, const QList<ProbeResult>& results);

} // namespace Keyhole::Diagnose
