#pragma once

#include "core/http/Executor.h"

class QNetworkAccessManager;

namespace Keyhole::Testing {

// Sends `request` and runs the event loop (bounded by `timeoutMs`) until the Exchange is
// finished. With `cancelAtOnce` the send is cancelled right after it starts. On a timeout the
// result carries a transport error saying so, and the test's own checks then fail.
Http::Exchange sendAndWait(QNetworkAccessManager& network, const Model::PreparedRequest& request,
                           const Http::ExecuteOptions& options = {}, bool cancelAtOnce = false,
                           int timeoutMs = 20000);

// A PreparedRequest for tests: method, URL, headers, body.
Model::PreparedRequest preparedRequest(const QByteArray& method, const QString& url,
                                       Model::HeaderFields headers = {},
                                       const QByteArray& body = {});

} // namespace Keyhole::Testing
