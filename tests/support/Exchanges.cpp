#include "tests/support/Exchanges.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

namespace Keyhole::Testing {

Http::Exchange sendAndWait(QNetworkAccessManager& network, const Model::PreparedRequest& request,
                           const Http::ExecuteOptions& options, bool cancelAtOnce, int timeoutMs)
{
    Http::Executor executor(&network);
    std::optional<Http::Exchange> result;
    QEventLoop loop;
    Http::PendingExchange* pending = executor.execute(request, options);
    QObject::connect(pending, &Http::PendingExchange::finished, &loop,
                     [&](const Http::Exchange& exchange) {
                         result = exchange;
                         loop.quit();
                     });
    if (cancelAtOnce)
        pending->cancel();
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (result)
        return *result;
    Http::Exchange timedOut;
    Http::Hop hop;
    hop.error = {Http::TransportErrorKind::Other, QStringLiteral("the test timed out waiting")};
    timedOut.hops.append(hop);
    return timedOut;
}

Model::PreparedRequest preparedRequest(const QByteArray& method, const QString& url,
                                       Model::HeaderFields headers, const QByteArray& body)
{
    Model::PreparedRequest prepared;
    prepared.method = method;
    prepared.url = QUrl(url);
    prepared.headers = std::move(headers);
    prepared.body = body;
    return prepared;
}

} // namespace Keyhole::Testing
