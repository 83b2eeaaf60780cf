#pragma once

#include "core/auth/OAuth2.h"
#include "core/http/Executor.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Keyhole::Auth {

// Sessions of Django-style logins (the cookies a login set, and the CSRF token among them),
// kept for as long as the jar lives — one per window in the GUI, one per run in the CLI —
// keyed by login URL and user. Values never reach the disk.
class SessionJar final {
public:
    struct Session {
        Model::HeaderFields cookies; // name/value pairs the login set, in order
        QByteArray csrfToken;        // the value of the cookie whose name says csrf
    };
    const Session* find(const Model::SessionLogin& login) const;
    void store(const Model::SessionLogin& login, Session session);
    void forget(const Model::SessionLogin& login);

    // OAuth 2 tokens, keyed by token URL, client, grant, user and scope.
    const OAuth2Token* findToken(const Model::OAuth2Settings& settings) const;
    void storeToken(const Model::OAuth2Settings& settings, OAuth2Token token);

private:
    static QString key(const Model::SessionLogin& login);
    static QString key(const Model::OAuth2Settings& settings);
    QHash<QString, Session> m_sessions;
    QHash<QString, OAuth2Token> m_tokens;
};

// Everything one send put on the wire: the exchanges an auth scheme ran first (a session
// login) and the exchange of the request itself.
struct SendResult {
    QList<Http::Exchange> logins;
    Http::Exchange exchange;
};

// One send in flight (see Sender). Emits finished() exactly once, then deletes itself.
class PendingSend final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingSend)

public:
    void cancel();

signals:
    void finished(const Keyhole::Auth::SendResult& result);

private:
    friend class Sender;
    PendingSend(Http::Executor* executor, SessionJar* jar, Model::PreparedRequest request,
                Http::ExecuteOptions options, std::function<void(const QUrl&)> openBrowser,
                int authorizationTimeoutMs, QObject* parent);

    void start();
    void login();
    void sessionProblem(const QString& problem);
    void postLogin(const Http::Exchange& form);
    void sendRequest(bool mayRetry);
    void ensureToken(bool renew, std::function<void()> then);
    void acquireToken(std::function<void()> then);
    void takeToken(const Http::Exchange& exchange, std::function<void()> then);
    void sendWithToken(bool mayRetry);
    void run(const Model::PreparedRequest& request, const Http::ExecuteOptions& options,
             std::function<void(const Http::Exchange&)> then);
    void finish();
    void finishCancelled(const Model::PreparedRequest& request);

    Http::Executor* m_executor;
    SessionJar* m_jar;
    Model::PreparedRequest m_request;
    Http::ExecuteOptions m_options;
    QPointer<Http::PendingExchange> m_pending;
    QPointer<LoopbackRedirect> m_listener; // the OAuth code flow waiting for the browser
    SendResult m_result;
    QStringList m_problems;
    std::function<void(const QUrl&)> m_openBrowser;
    int m_authorizationTimeoutMs;
    bool m_cancelled = false;
    bool m_finished = false;
};

// Sends prepared requests the way their auth scheme needs. Most schemes are already in the
// request (headers, signatures) and go straight to the Executor, which also answers Digest
// challenges; a Django session login runs first when the jar holds no session for it, and runs
// again once when the server says the kept session or its CSRF token is no longer good; an
// OAuth 2 token is acquired (client credentials, password, or the code flow with PKCE through
// the browser and a loopback redirect) or refreshed when the jar's has expired, and renewed
// once after a 401.
class Sender final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sender)

public:
    Sender(Http::Executor* executor, SessionJar* jar, QObject* parent = nullptr);

    // Never returns null. Connect to PendingSend::finished.
    PendingSend* send(const Model::PreparedRequest& request,
                      const Http::ExecuteOptions& options = {});

    // How the OAuth 2 code flow shows the authorization page: the system browser in the GUI;
    // the CLI prints the URL (and tries xdg-open). Without one the flow fails with a message.
    void setBrowserOpener(std::function<void(const QUrl&)> open)
    {
        m_openBrowser = std::move(open);
    }
    // How long the loopback listener waits for the browser's redirect (default 5 minutes).
    void setAuthorizationTimeout(int ms) { m_authorizationTimeoutMs = ms; }

private:
    Http::Executor* m_executor;
    SessionJar* m_jar;
    std::function<void(const QUrl&)> m_openBrowser;
    int m_authorizationTimeoutMs = 5 * 60 * 1000;
};

// Adds the session to `request`: its cookies, and on unsafe methods the CSRF token as
// X-CSRFToken plus Origin and Referer (Django checks them over https). The values become
// secrets of the request.
void applySession(Model::PreparedRequest& request, const SessionJar::Session& session);

// The csrfmiddlewaretoken of an HTML login form, or an empty value.
QByteArray formCsrfToken(const QByteArray& html);

} // namespace Keyhole::Auth
