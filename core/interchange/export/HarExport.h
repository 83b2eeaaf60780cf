#pragma once

#include "core/http/Exchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keyhole::Interchange {

// One send to put in a HAR file, with what the entries' comments say about it
// ("h12 · demo-api/items/list-items.request.json · local").
struct HarSend {
    Http::Exchange exchange;
    QString comment;
};

// A HAR 1.2 log (http://www.softwareishard.com/blog/har-12-spec/) of the sends, oldest first:
// one entry per hop, as a browser's DevTools writes a redirect chain. Requests carry their
// wire headers (network-layer ones included); responses their headers in received order and
// the decoded body (base64 when not UTF-8); timings map Keyhole's phases onto blocked,
// connect, ssl, send, wait, receive. A hop without a response gets status 0 and the transport
// error in `_error`. Nothing is masked here: give it exchanges that already are (history's).
QByteArray exportHar(const QList<HarSend>& sends);

} // namespace Keyhole::Interchange
