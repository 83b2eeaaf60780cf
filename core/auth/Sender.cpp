#include "core/auth/Sender.h"

#include <QNetworkCookie>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {
namespace {

bool isUnsafe(const QByteArray& method)
{
    return method != "GET" && method != "HEAD" && method != "OPTIONS" && method != "TRACE";
}

bool isCsrfCookie(const QByteArray& name)
{
    return name.toLower().contains("csrf");
}

QByteArray originOf(const QUrl& url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded)
        .toUtf8();
}

// Every cookie the exchange's responses set, later ones replacing earlier ones of that name.
void collectCookies(const Http::Exchange& exchange, Model::HeaderFields& cookies)
{
    for (const Http::Hop& hop : exchange.hops) {
        for (const Model::HeaderField& field : hop.response.headers) {
            if (field.name.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
                continue;
            for (const QNetworkCookie& cookie : QNetworkCookie::parseCookies(field.value)) {
                cookies.removeIf(
                    [&](const Model::HeaderField& c) { return c.name == cookie.name(); });
                // An expired or emptied cookie is the server deleting it.
                const bool deleted = cookie.value().isEmpty() ||
                                     (cookie.expirationDate().isValid() &&
                                      cookie.expirationDate() < QDateTime::currentDateTimeUtc());
                if (!deleted)
                    cookies.append({cookie.name(), cookie.value()});
            }
        }
    }
}

QByteArray csrfTokenOf(const Model::HeaderFields& cookies)
{
    for (const Model::HeaderField& cookie : cookies) {
        if (isCsrfCookie(cookie.name))
            return cookie.value;
    }
    return {};
}

QByteArray formEncode(const QByteArray& text)
{
    return text.toPercentEncoding().replace("%20", "+");
}

// Whether the answer says the kept session (or its CSRF token) is no longer accepted.
bool lostSession(const Http::Exchange& exchange, const QUrl& loginUrl)
{
    for (const Http::Hop& hop : exchange.hops) {
        const QByteArray location = Model::headerValue(hop.response.headers, "Location");
        if (!location.isEmpty() &&
            hop.request.url.resolved(QUrl(QString::fromUtf8(location))).path() == loginUrl.path())
            return true;
    }
    const Http::Hop* last = exchange.finalHop();
    if (!last || (last->response.status != 401 && last->response.status != 403))
        return false;
    const QByteArray body = last->response.decodedBody.left(4096).toLower();
    return body.contains("csrf") || body.contains("credentials were not provided") ||
           body.contains("not authenticated") || body.contains("session");
}

} // namespace

namespace {

// The exchange with the tokens of its answer added to the values masked in every view.
Http::Exchange withTokenSecrets(Http::Exchange exchange, const Result<OAuth2Token>& token)
{
    if (token) {
        for (const QByteArray& value : {token.value().accessToken, token.value().refreshToken}) {
            if (!value.isEmpty() && !exchange.secretValues.contains(value))
                exchange.secretValues.append(value);
        }
    }
    return exchange;
}

// The exchange with every cookie value it carried or received masked in every view.
Http::Exchange withCookieSecrets(Http::Exchange exchange, const Model::HeaderFields& cookies)
{
    for (const Model::HeaderField& cookie : cookies) {
        if (cookie.value.size() >= Http::kShortestMaskedSecret &&
            !exchange.secretValues.contains(cookie.value))
            exchange.secretValues.append(cookie.value);
    }
    return exchange;
}

} // namespace

QString SessionJar::key(const Model::OAuth2Settings& settings)
{
    return QStringList{settings.tokenUrl.toString(QUrl::FullyEncoded),
                       QString::fromUtf8(settings.clientId),
                       QString::number(static_cast<int>(settings.grant)),
                       QString::fromUtf8(settings.username), QString::fromUtf8(settings.scope)}
        .join(u'\n');
}

const OAuth2Token* SessionJar::findToken(const Model::OAuth2Settings& settings) const
{
    const auto it = m_tokens.constFind(key(settings));
    return it == m_tokens.cend() ? nullptr : &it.value();
}

void SessionJar::storeToken(const Model::OAuth2Settings& settings, OAuth2Token token)
{
    m_tokens.insert(key(settings), std::move(token));
}

QString SessionJar::key(const Model::SessionLogin& login)
{
    return login.loginUrl.toString(QUrl::FullyEncoded) + u'\n' + QString::fromUtf8(login.username);
}

const SessionJar::Session* SessionJar::find(const Model::SessionLogin& login) const
{
    const auto it = m_sessions.constFind(key(login));
    return it == m_sessions.cend() ? nullptr : &it.value();
}

void SessionJar::store(const Model::SessionLogin& login, Session session)
{
    m_sessions.insert(key(login), std::move(session));
}

void SessionJar::forget(const Model::SessionLogin& login)
{
    m_sessions.remove(key(login));
}

void applySession(Model::PreparedRequest& request, const SessionJar::Session& session)
{
    QList<QByteArray> pairs;
    for (const Model::HeaderField& cookie : session.cookies) {
        pairs.append(cookie.name + '=' + cookie.value);
        if (!request.secretValues.contains(cookie.value))
            request.secretValues.append(cookie.value);
    }
    if (!pairs.isEmpty()) {
        QByteArray cookie = Model::headerValue(request.headers, "Cookie");
        if (!cookie.isEmpty())
            cookie += "; ";
        Model::setHeader(request.headers, "Cookie", cookie + pairs.join("; "));
    }
    if (!isUnsafe(request.method) || session.csrfToken.isEmpty())
        return;
    Model::setHeader(request.headers, "X-CSRFToken", session.csrfToken);
    // Django compares Origin (4.0+) and, over https, Referer with the request's own host.
    const QByteArray origin = originOf(request.url);
    if (Model::headerValue(request.headers, "Origin").isNull())
        request.headers.append({"Origin", origin});
    if (Model::headerValue(request.headers, "Referer").isNull())
        request.headers.append({"Referer", origin + '/'});
}

QByteArray formCsrfToken(const QByteArray& html)
{
    static const QRegularExpression input(
        uR"(<input[^>]*name\s*=\s*["']csrfmiddlewaretoken["'][^>]*>)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression value(uR"(value\s*=\s*["']([^"']*)["'])"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch field = input.match(QString::fromUtf8(html));
    if (!field.hasMatch())
        return {};
    return value.match(field.captured(0)).captured(1).toUtf8();
}

PendingSend::PendingSend(Http::Executor* executor, SessionJar* jar, Model::PreparedRequest request,
                         Http::ExecuteOptions options, std::function<void(const QUrl&)> openBrowser,
                         int authorizationTimeoutMs, QObject* parent)
    : QObject(parent)
    , m_executor(executor)
    , m_jar(jar)
    , m_request(std::move(request))
    // The request's settings (TLS verification, timeout...) hold for its login and token
    // exchanges too.
    , m_options(Http::withSettings(options, m_request.settings))
    , m_openBrowser(std::move(openBrowser))
    , m_authorizationTimeoutMs(authorizationTimeoutMs)
{
    QMetaObject::invokeMethod(this, &PendingSend::start, Qt::QueuedConnection);
}

void PendingSend::cancel()
{
    m_cancelled = true;
    if (m_pending) {
        m_pending->cancel();
    } else if (m_listener) {
        // Waiting for the browser: stop listening and finish now.
        delete m_listener;
        finishCancelled(m_request);
    }
}

void PendingSend::finishCancelled(const Model::PreparedRequest& request)
{
    Http::Exchange cancelled;
    Http::Hop hop;
    hop.request = Http::planRequest(request);
    hop.error = {Http::TransportErrorKind::Cancelled, tr("Cancelled before sending")};
    cancelled.hops.append(hop);
    cancelled.secretValues = request.secretValues;
    cancelled.warnings = request.warnings;
    m_result.exchange = cancelled;
    finish();
}

void PendingSend::start()
{
    if (m_request.oauth2) {
        // A token kept from before may have been revoked: one renewal after a 401. A token
        // just acquired is not renewed again.
        const OAuth2Token* kept = m_jar->findToken(*m_request.oauth2);
        const bool mayRenew = kept && kept->isUsable(QDateTime::currentDateTimeUtc());
        ensureToken(false, [this, mayRenew] { sendWithToken(mayRenew); });
        return;
    }
    if (!m_request.sessionLogin) {
        run(m_request, m_options, [this](const Http::Exchange& exchange) {
            m_result.exchange = exchange;
            finish();
        });
        return;
    }
    if (m_jar->find(*m_request.sessionLogin))
        sendRequest(true);
    else
        login();
}

void PendingSend::sessionProblem(const QString& problem)
{
    m_problems.append(tr("Django session login at %1: %2")
                          .arg(m_request.sessionLogin->loginUrl.toString(), problem));
}

void PendingSend::ensureToken(bool renew, std::function<void()> then)
{
    const Model::OAuth2Settings& settings = *m_request.oauth2;
    const OAuth2Token* token = m_jar->findToken(settings);
    if (token && !renew && token->isUsable(QDateTime::currentDateTimeUtc()))
        return then();
    if (!token || token->refreshToken.isEmpty())
        return acquireToken(then);
    // RFC 6749 §6: the refresh token first; a new grant when it is refused.
    const Model::PreparedRequest refresh =
        tokenRequest(settings, "refresh_token", {{"refresh_token", token->refreshToken}});
    const QByteArray keep = token->refreshToken;
    run(refresh, m_options, [this, then, keep](const Http::Exchange& exchange) {
        Result<OAuth2Token> fresh = parseTokenResponse(exchange, QDateTime::currentDateTimeUtc());
        m_result.logins.append(withTokenSecrets(exchange, fresh));
        if (!fresh) {
            m_problems.append(exchange.error().isError()
                                  ? tr("OAuth 2 refresh failed (%1); asking for a new token")
                                        .arg(exchange.error().message)
                                  : tr("OAuth 2 refresh refused (%1); asking for a new token")
                                        .arg(fresh.error().message));
            return acquireToken(then);
        }
        if (fresh.value().refreshToken.isEmpty())
            fresh.value().refreshToken = keep;
        m_jar->storeToken(*m_request.oauth2, fresh.value());
        then();
    });
}

void PendingSend::acquireToken(std::function<void()> then)
{
    const Model::OAuth2Settings& settings = *m_request.oauth2;
    switch (settings.grant) {
    case Model::OAuth2Grant::ClientCredentials:
        run(tokenRequest(settings, "client_credentials", {}), m_options,
            [this, then](const Http::Exchange& exchange) { takeToken(exchange, then); });
        return;
    case Model::OAuth2Grant::Password:
        run(tokenRequest(settings, "password",
                         {{"username", settings.username}, {"password", settings.password}}),
            m_options, [this, then](const Http::Exchange& exchange) { takeToken(exchange, then); });
        return;
    case Model::OAuth2Grant::AuthorizationCode:
        break;
    }
    if (!m_openBrowser) {
        m_problems.append(tr("OAuth 2: the authorization code flow needs a browser"));
        return then();
    }
    auto* listener = new LoopbackRedirect(this);
    m_listener = listener;
    if (!listener->listen(settings.redirectUri, m_authorizationTimeoutMs)) {
        m_problems.append(tr("OAuth 2: cannot listen for the redirect on %1")
                              .arg(settings.redirectUri.toString()));
        listener->deleteLater();
        return then();
    }
    const QByteArray verifier = pkceVerifier();
    const QByteArray state = randomState();
    const QUrl redirect = listener->redirectUri();
    listener->expectState(state);
    connect(listener, &LoopbackRedirect::received, this,
            [this, listener, verifier, state, redirect,
             then](const QByteArray& code, const QByteArray& gotState, const QString& error) {
                listener->deleteLater();
                if (code.isEmpty() || gotState != state) {
                    m_problems.append(
                        tr("OAuth 2 authorization failed: %1")
                            .arg(code.isEmpty() ? error : tr("the state does not match")));
                    return then();
                }
                run(tokenRequest(*m_request.oauth2, "authorization_code",
                                 {{"code", code},
                                  {"redirect_uri", redirect.toString(QUrl::FullyEncoded).toUtf8()},
                                  {"code_verifier", verifier}}),
                    m_options,
                    [this, then](const Http::Exchange& exchange) { takeToken(exchange, then); });
            });
    m_openBrowser(authorizationUrl(settings, redirect, state, pkceChallenge(verifier)));
}

void PendingSend::takeToken(const Http::Exchange& exchange, std::function<void()> then)
{
    const Result<OAuth2Token> token = parseTokenResponse(exchange, QDateTime::currentDateTimeUtc());
    m_result.logins.append(withTokenSecrets(exchange, token));
    if (token)
        m_jar->storeToken(*m_request.oauth2, token.value());
    else
        m_problems.append(tr("OAuth 2 token request failed: %1").arg(token.error().toString()));
    then();
}

void PendingSend::sendWithToken(bool mayRetry)
{
    Model::PreparedRequest request = m_request;
    if (const OAuth2Token* token = m_jar->findToken(*m_request.oauth2))
        applyOAuth2Token(request, *m_request.oauth2, token->accessToken);
    run(request, m_options, [this, mayRetry](const Http::Exchange& exchange) {
        const OAuth2Token* kept = m_jar->findToken(*m_request.oauth2);
        // Without a refresh token the code flow would open the browser again: not by itself.
        const bool renewable = m_request.oauth2->grant != Model::OAuth2Grant::AuthorizationCode ||
                               (kept && !kept->refreshToken.isEmpty());
        if (mayRetry && renewable && !m_cancelled && exchange.finalStatus() == 401) {
            // The kept token was revoked or expired early: renew it, send once more.
            m_result.logins.append(exchange);
            ensureToken(true, [this] { sendWithToken(false); });
            return;
        }
        m_result.exchange = exchange;
        finish();
    });
}

void PendingSend::login()
{
    const Model::SessionLogin& session = *m_request.sessionLogin;
    Model::PreparedRequest form;
    form.method = "GET";
    form.url = session.loginUrl;
    form.headers = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
    run(form, m_options, [this](const Http::Exchange& exchange) {
        Model::HeaderFields cookies;
        collectCookies(exchange, cookies);
        m_result.logins.append(withCookieSecrets(exchange, cookies));
        if (exchange.error().isError()) {
            sessionProblem(
                tr("the login form could not be loaded: %1").arg(exchange.error().message));
            sendRequest(false);
            return;
        }
        postLogin(exchange);
    });
}

void PendingSend::postLogin(const Http::Exchange& form)
{
    const Model::SessionLogin& session = *m_request.sessionLogin;
    Model::HeaderFields cookies;
    collectCookies(form, cookies);
    QByteArray token =
        form.finalHop() ? formCsrfToken(form.finalHop()->response.decodedBody) : QByteArray();
    if (token.isEmpty())
        token = csrfTokenOf(cookies);
    if (token.isEmpty())
        sessionProblem(tr("the login page set no CSRF cookie and its form has no "
                          "csrfmiddlewaretoken; trying without"));

    Model::PreparedRequest post;
    post.method = "POST";
    post.url = form.finalHop() ? form.finalHop()->request.url : session.loginUrl;
    post.body = "csrfmiddlewaretoken=" + formEncode(token) +
                "&username=" + formEncode(session.username) +
                "&password=" + formEncode(session.password);
    post.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                    {"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"},
                    {"Origin", originOf(post.url)},
                    {"Referer", post.url.toString(QUrl::FullyEncoded).toUtf8()}};
    QList<QByteArray> pairs;
    for (const Model::HeaderField& cookie : std::as_const(cookies))
        pairs.append(cookie.name + '=' + cookie.value);
    if (!pairs.isEmpty())
        post.headers.append({"Cookie", pairs.join("; ")});
    post.secretValues = m_request.secretValues;
    for (const Model::HeaderField& cookie : std::as_const(cookies)) {
        if (cookie.value.size() >= Http::kShortestMaskedSecret)
            post.secretValues.append(cookie.value);
    }
    for (const QByteArray& value : {session.password, formEncode(session.password), token}) {
        if (!value.isEmpty() && !post.secretValues.contains(value))
            post.secretValues.append(value);
    }
    // The login's answer is a redirect that sets the session cookie; it is not followed.
    Http::ExecuteOptions options = m_options;
    options.followRedirects = false;
    run(post, options, [this, cookies](const Http::Exchange& exchange) {
        Model::HeaderFields after = cookies;
        collectCookies(exchange, after);
        m_result.logins.append(withCookieSecrets(exchange, after));
        const bool newSession = std::any_of(after.begin(), after.end(), [&](const auto& c) {
            return !isCsrfCookie(c.name) && !cookies.contains(c);
        });
        const Http::Hop* hop = exchange.finalHop();
        if (exchange.error().isError())
            sessionProblem(tr("the login failed: %1").arg(exchange.error().message));
        else if (!newSession && hop && hop->response.status == 403 &&
                 hop->response.decodedBody.toLower().contains("csrf"))
            sessionProblem(tr("the server refused the login's CSRF check (403: is this origin "
                              "in CSRF_TRUSTED_ORIGINS?)"));
        else if (!newSession)
            sessionProblem(tr("the login answered %1 without starting a session (wrong username or "
                              "password?)")
                               .arg(exchange.finalStatus()));
        else
            m_jar->store(*m_request.sessionLogin, {after, csrfTokenOf(after)});
        sendRequest(false);
    });
}

void PendingSend::sendRequest(bool mayRetry)
{
    Model::PreparedRequest request = m_request;
    if (const SessionJar::Session* session = m_jar->find(*m_request.sessionLogin))
        applySession(request, *session);
    run(request, m_options, [this, mayRetry](const Http::Exchange& exchange) {
        if (mayRetry && !m_cancelled && lostSession(exchange, m_request.sessionLogin->loginUrl)) {
            // The kept session expired or was logged out: log in again, once.
            m_result.logins.append(exchange);
            m_jar->forget(*m_request.sessionLogin);
            login();
            return;
        }
        m_result.exchange = exchange;
        finish();
    });
}

void PendingSend::run(const Model::PreparedRequest& request, const Http::ExecuteOptions& options,
                      std::function<void(const Http::Exchange&)> then)
{
    if (m_cancelled) {
        finishCancelled(request);
        return;
    }
    m_pending = m_executor->execute(request, options);
    connect(m_pending, &Http::PendingExchange::finished, this,
            [this, then = std::move(then)](const Http::Exchange& exchange) {
                m_pending = nullptr;
                if (m_cancelled) {
                    m_result.exchange = exchange;
                    finish();
                    return;
                }
                then(exchange);
            });
}

void PendingSend::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_result.exchange.warnings += m_problems;
    emit finished(m_result);
    deleteLater();
}

Sender::Sender(Http::Executor* executor, SessionJar* jar, QObject* parent)
    : QObject(parent)
    , m_executor(executor)
    , m_jar(jar)
{}

PendingSend* Sender::send(const Model::PreparedRequest& request,
                          const Http::ExecuteOptions& options)
{
    return new PendingSend(m_executor, m_jar, request, options, m_openBrowser,
                           m_authorizationTimeoutMs, this);
}

} // namespace Keyhole::Auth
