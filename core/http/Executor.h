#pragma once

#include "core/Result.h"
#include "core/http/Exchange.h"
#include "core/model/PreparedRequest.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QTimer;

namespace Keyhole::Http {

class CookieJar;

struct ExecuteOptions {
    bool followRedirects = true;
    int maxRedirects = 20;                     // past it: a Redirects transport error
    bool trustRedirects = false;               // send credentials to other origins too
    bool allowDowngrade = false;               // follow https → http redirects
    int timeoutMs = 30'000;                    // whole exchange, all hops
    qint64 maxBodyBytes = 256LL * 1024 * 1024; // per response; beyond it: TooLarge
    bool insecure = false;                     // accept any TLS certificate
    bool http2 = false;                        // allow HTTP/2 (negotiated with ALPN over TLS)
    QString proxy = QStringLiteral("system");  // "system", "none" or a proxy URL (resolved)
    QString noProxy;                           // hosts sent directly, comma-separated
    // A PEM file of certificate authorities trusted for this send on top of the system's
    // (curl --cacert adds instead of replacing: a private CA next to the public ones).
    QString caCertificates;
    // The environment's cookies: each hop gets the jar's cookies for its URL (the request's own
    // Cookie header wins by name) and each answer's Set-Cookie goes into it. None: only the
    // request's own Cookie header is sent and nothing is kept.
    std::shared_ptr<CookieJar> cookieJar;
};

// The proxy a hop to `url` goes through under `options` (NoProxy for none, a no-proxy host,
// or a system configuration without one). Fails on a proxy URL that is not http(s)/socks5.
Result<QNetworkProxy> proxyFor(const ExecuteOptions& options, const QUrl& url);

// `options` with what the request's own settings set.
ExecuteOptions withSettings(ExecuteOptions options, const Model::RequestSettings& settings);
// Every setting as `options` has it (all set): the defaults a request's unset settings take.
Model::RequestSettings settingsOf(const ExecuteOptions& options);

// The request as it would go on the wire, without sending it: target and wire headers filled
// in exactly as a send would (Raw::requestBytes gives its bytes). For diffs and previews.
HopRequest planRequest(const Model::PreparedRequest& prepared);

// Fills in `request.target` and `request.wireHeaders` from its URL, headers and body.
void completeWireForm(HopRequest& request);
// Whether the request goes out with a body (and so a Content-Length).
bool sendsBody(const HopRequest& request);

// One send in flight. Emits finished() exactly once — with the whole Exchange, also after a
// transport error or cancel() — and then deletes itself (take what you need in the slot).
class PendingExchange final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingExchange)

public:
    // Stops the exchange; finished() follows with a Cancelled transport error.
    void cancel();
    bool isFinished() const { return m_finished; }

signals:
    void finished(const Keyhole::Http::Exchange& exchange);

private:
    friend class Executor;
    PendingExchange(QNetworkAccessManager* manager, const Model::PreparedRequest& request,
                    const ExecuteOptions& options, QObject* parent);

    void startHop(HopRequest request);
    // Hands the hop to the network layer (after Keyhole's own host lookup).
    void send(const QNetworkRequest& networkRequest, const QByteArray& method,
              const QByteArray& body, bool withBody);
    // Ends a hop still waiting for its host lookup (cancel, timeout) with `message`.
    void stopLookup(const QString& message);
    void onMetaData();
    void onEncrypted();
    void recordTls(QNetworkReply* reply);
    void onReadyRead();
    void onReplyFinished();
    bool startRedirect();
    bool answerChallenge();
    void keepCookies(Hop& hop);
    void addCookieSecret(const QByteArray& value);
    void finish();

    QNetworkAccessManager* m_manager;
    ExecuteOptions m_options;
    Exchange m_exchange;
    std::optional<Model::ChallengeCredentials> m_digest;
    std::optional<Model::ClientCertificate> m_clientCertificate;
    int m_digestAnswers = 0;
    QPointer<QNetworkReply> m_reply;
    int m_lookupId = -1; // a host lookup under way
    QTimer* m_deadline;
    QElapsedTimer m_hopClock;
    TransportErrorKind m_abortReason = TransportErrorKind::None;
    bool m_finished = false;
};

// Sends PreparedRequests over the QNetworkAccessManager it is given (owned by the caller,
// shared by every send). Redirects are followed by Keyhole, not by Qt, so that each one is a
// hop of its own and credentials never follow a request to another origin. Cookies, caching
// and Qt's credential cache are off: what is sent is what the request says.
class Executor final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Executor)

public:
    explicit Executor(QNetworkAccessManager* manager, QObject* parent = nullptr);

    // Starts sending; never returns null. Connect to PendingExchange::finished.
    PendingExchange* execute(const Model::PreparedRequest& request,
                             const ExecuteOptions& options = {});

    // The User-Agent Keyhole sends unless the request sets its own.
    static QByteArray defaultUserAgent();

private:
    QNetworkAccessManager* m_manager;
};

} // namespace Keyhole::Http
