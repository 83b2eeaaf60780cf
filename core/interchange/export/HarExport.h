#pragma once

#include "core/Result.h"
#include "core/http/Exchange.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keyhole::History {
class Store;
struct Entry;
} // namespace Keyhole::History

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

// The sends recorded as `entries` in a workspace's history (already masked), in the order
// given, each commented with its id, request file and environment. An entry whose exchange
// cannot be read fails the whole export, naming it.
Result<QList<HarSend>> historySends(const History::Store& store,
                                    const QList<History::Entry>& entries);

} // namespace Keyhole::Interchange
