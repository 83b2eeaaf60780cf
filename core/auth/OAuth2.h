#pragma once

#include "core/Result.h"
#include "core/http/Exchange.h"

#include <QDateTime>
#include <QObject>

class QTcpServer;

namespace Keyhole::Auth {

using Model::OAuth2Grant;
using Model::OAuth2Settings;
// "client_credentials", "password", "authorization_code"
std::optional<OAuth2Grant> oauth2GrantFromName(const QString& name);

// Tokens from a token endpoint.
struct OAuth2Token {
    QByteArray accessToken;
    QByteArray refreshToken;
    QByteArray tokenType;
    QDateTime expiresAt; // invalid when the server did not say

    bool isUsable(const QDateTime& now, int marginSeconds = 30) const
    {
        return !accessToken.isEmpty() &&
               (!expiresAt.isValid() || now.addSecs(marginSeconds) < expiresAt);
    }
};

// RFC 7636: a fresh code verifier (43 characters of base64url) and its S256 challenge.
QByteArray pkceVerifier();
QByteArray pkceChallenge(const QByteArray& verifier);
// Random base64url text for "state".
QByteArray randomState();

// The token request for a grant (RFC 6749 §4.3, §4.4, §4.1.3 with PKCE, §6 for a refresh):
// `extra` holds the grant's own parameters (code, redirect_uri, code_verifier, refresh_token).
Model::PreparedRequest tokenRequest(const OAuth2Settings& settings, const QByteArray& grantType,
                                    const QList<QPair<QByteArray, QByteArray>>& extra);

// The authorization endpoint URL for the code flow with PKCE (S256).
QUrl authorizationUrl(const OAuth2Settings& settings, const QUrl& redirectUri,
                      const QByteArray& state, const QByteArray& challenge);

// Reads the token endpoint's answer; an OAuth error ("invalid_client: Client authentication
// failed") or a transport error becomes an Error.
Result<OAuth2Token> parseTokenResponse(const Http::Exchange& exchange, const QDateTime& now);

// Adds the token to `request`: "Authorization: <prefix> <token>" or ?access_token=.
void applyOAuth2Token(Model::PreparedRequest& request, const OAuth2Settings& settings,
                      const QByteArray& accessToken);

// RFC 8252 loopback redirect: listens on 127.0.0.1 for the browser's redirect after the user
// approves, answers it with a page saying so, and emits the code (or the error). Bounded: gives
// up after `timeoutMs`.
class LoopbackRedirect final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackRedirect)

public:
    explicit LoopbackRedirect(QObject* parent = nullptr);
    // Listens on the port of `wanted` (0 or none: a free one); false when it cannot.
    bool listen(const QUrl& wanted, int timeoutMs);
    QUrl redirectUri() const { return m_uri; }
    // Redirects whose "state" differs are refused and the wait goes on.
    void expectState(const QByteArray& state) { m_state = state; }

signals:
    // code is empty when `error` says why (the user denied, a wrong state, the time ran out).
    void received(const QByteArray& code, const QByteArray& state, const QString& error);

private:
    QTcpServer* m_server;
    QUrl m_uri;
    QByteArray m_state;
    bool m_done = false;
};

} // namespace Keyhole::Auth
