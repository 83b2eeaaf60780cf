#pragma once

#include "core/http/Exchange.h"

#include <QStringList>

namespace Keyhole::Http {

// How long each phase of a hop took, in milliseconds, laid end to end: waiting for a
// connection slot and the DNS lookup (Qt 6.4 reports them together), connecting (the TLS
// handshake included: Qt gives no mark between the TCP connect and the handshake, so `tls` is
// the same span, set only when the connection was encrypted — HAR's `ssl`), sending, waiting
// for the first byte, receiving. -1: the phase did not happen (a reused connection has no
// connect). The Timeline draws them; HAR's `timings` are these.
struct PhaseDurations {
    double dns = -1; // Keyhole's own lookup of the host name (-1: an IP address)
    double blocked = -1;
    double connect = -1;
    double tls = -1;
    double send = 0;
    double wait = 0;
    double receive = 0;
};
PhaseDurations phaseDurations(const HopTimings& timings, bool tls);

// What the engine did going from hop `index` - 1 to hop `index`, one line each, for a person:
// why the hop was sent ("302 Found → Location: /login/"; "answering the Digest challenge"),
// the method and body it changed, the origin it went to, and every header it did not carry
// over with the reason (those last, one line each). With a cookie jar, also the cookies it
// added and kept (for the first hop too, which otherwise has no lines).
QStringList hopChanges(const Exchange& exchange, qsizetype index);

} // namespace Keyhole::Http
