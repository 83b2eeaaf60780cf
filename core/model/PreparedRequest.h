#pragma once

#include "core/model/RequestSettings.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Keyhole::Model {

// One header line as bytes: name and value exactly as they go (or came) over the wire.
struct HeaderField {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const HeaderField&, const HeaderField&) = default;
};

using HeaderFields = QList<HeaderField>;

// First value of header `name` (case-insensitive), or a null QByteArray.
QByteArray headerValue(const HeaderFields& headers, const QByteArray& name);
// Removes every header `name` (case-insensitive); returns how many there were.
qsizetype removeHeader(HeaderFields& headers, const QByteArray& name);
// Replaces every header `name` with one `name: value` at the end.
void setHeader(HeaderFields& headers, const QByteArray& name, const QByteArray& value);

// Resolved credentials the engine answers a server's challenge with; never sent as such.
struct ChallengeCredentials {
    QByteArray username;
    QByteArray password;

    friend bool operator==(const ChallengeCredentials&, const ChallengeCredentials&) = default;
};

// A Django-style session login the request needs before it goes (Auth::Sender runs it).
struct SessionLogin {
    QUrl loginUrl;
    QByteArray username;
    QByteArray password;

    friend bool operator==(const SessionLogin&, const SessionLogin&) = default;
};

enum class OAuth2Grant { ClientCredentials, Password, AuthorizationCode };
// The OAuth 2.0 settings of a request, resolved.
struct OAuth2Settings {
    friend bool operator==(const OAuth2Settings&, const OAuth2Settings&) = default;
    OAuth2Grant grant = OAuth2Grant::ClientCredentials;
    QUrl tokenUrl;
    QUrl authUrl;
    QByteArray clientId;
    QByteArray clientSecret;
    QByteArray scope;
    QByteArray username;
    QByteArray password;
    QUrl redirectUri; // empty: http://127.0.0.1:<free port>/callback
    bool clientSecretInBody = false;
    QByteArray prefix = "Bearer";
    bool inQuery = false;
};

// A client certificate for mutual TLS, read from its files.
struct ClientCertificate {
    QByteArray certificatePem; // the certificate, possibly followed by its chain
    QByteArray keyPem;
    QByteArray passphrase;

    friend bool operator==(const ClientCertificate&, const ClientCertificate&) = default;
};

// A concrete request: no template syntax left. What could not be resolved is recorded, not
// hidden: an unresolved {{token}} is a diagnosis, not a silent literal.
struct PreparedRequest {
    QByteArray method;
    QUrl url;
    HeaderFields headers; // in the order they will be sent
    QByteArray body;
    QStringList unresolvedVariables; // names, without braces, each once
    QStringList warnings;            // for the person sending, already translated
    // Values of secret variables used: views, logs and files mask them (redactSecrets()).
    QList<QByteArray> secretValues;
    // Digest auth: answered when the server's 401 challenges (a hop of its own).
    std::optional<ChallengeCredentials> digest;
    // Django session auth: log in first (unless a session is kept), then send the session
    // cookie and, on unsafe methods, X-CSRFToken.
    std::optional<SessionLogin> sessionLogin;
    // OAuth 2.0: Auth::Sender acquires (or refreshes) the token, then adds it.
    std::optional<OAuth2Settings> oauth2;
    // Mutual TLS: presented to every https hop of the exchange.
    std::optional<ClientCertificate> clientCertificate;
    // How it is sent; what is set here wins over the sender's ExecuteOptions.
    RequestSettings settings;
};

} // namespace Keyhole::Model
