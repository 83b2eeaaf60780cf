#pragma once

#include "core/model/PreparedRequest.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

#include <optional>

namespace Keyhole::Http {

// Who put a header on the wire.
enum class HeaderOrigin {
    Request, // the user's request
    Keyhole, // Keyhole's explicit defaults (User-Agent, Accept, Accept-Encoding)
    Network, // Qt's HTTP stack inserted or overwrote it; it cannot be removed
};

struct WireHeader {
    QByteArray name;
    QByteArray value;
    HeaderOrigin origin = HeaderOrigin::Request;

    friend bool operator==(const WireHeader&, const WireHeader&) = default;
};

// What Qt 6.4's HTTP/1.1 stack (QHttpNetworkConnection) writes for a request handed over
// with `handedOver` headers — the model that lets the raw view show the exact bytes without
// a socket tap. Verified byte for byte against a loopback capture server in
// tests/core/http/tst_Executor.cpp; when Qt changes, that test fails, not the user's trust.
//
// `uploadSize` is the body size when a body device is handed over (even an empty one), or
// nothing when the request has no body device at all.
QList<WireHeader> wireHeaders(const QUrl& url, const QList<WireHeader>& handedOver,
                              std::optional<qint64> uploadSize);

// The request-target Qt writes: path (dot-segments removed) and query, fully encoded.
QByteArray requestTarget(const QUrl& url);

// Qt's own values for the headers it insists on.
QByteArray qtDefaultAcceptEncoding();

} // namespace Keyhole::Http
