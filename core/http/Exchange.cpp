#include "core/http/Exchange.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Http {

QString transportErrorKindName(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::None:
        return u"none"_s;
    case TransportErrorKind::Dns:
        return u"dns"_s;
    case TransportErrorKind::Refused:
        return u"refused"_s;
    case TransportErrorKind::Timeout:
        return u"timeout"_s;
    case TransportErrorKind::Tls:
        return u"tls"_s;
    case TransportErrorKind::Reset:
        return u"reset"_s;
    case TransportErrorKind::Cancelled:
        return u"cancelled"_s;
    case TransportErrorKind::TooLarge:
        return u"too-large"_s;
    case TransportErrorKind::Redirects:
        return u"redirects"_s;
    case TransportErrorKind::Other:
        return u"other"_s;
    }
    return u"other"_s;
}

int Exchange::finalStatus() const
{
    const Hop* hop = finalHop();
    return hop && hop->response.received ? hop->response.status : 0;
}

TransportError Exchange::error() const
{
    const Hop* hop = finalHop();
    return hop ? hop->error : TransportError{};
}

double Exchange::totalMs() const
{
    double total = 0;
    for (const Hop& hop : hops)
        total += hop.timings.totalMs > 0 ? hop.timings.totalMs : 0;
    return total;
}

} // namespace Keyhole::Http
