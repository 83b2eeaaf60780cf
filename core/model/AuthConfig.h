#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Keyhole::Model {

enum class AuthKind {
    Inherit,
    None,
    Basic,
    Bearer,
    ApiKey,
    Digest,
    AwsSigV4,
    DjangoSession,
    OAuth2,
    ClientCertificate
};
// "inherit", "none", "basic", "bearer", "apikey", "digest", "aws-sigv4", "django-session",
// "oauth2", "client-certificate"
QString authKindName(AuthKind kind);
std::optional<AuthKind> authKindFromName(const QString& name);

// How a request authenticates. Every text may hold {{variables}}; credentials are treated as
// secrets on the wire (masked in every view).
struct AuthConfig {
    AuthKind kind = AuthKind::Inherit;
    QString username; // Basic, Digest, Django session
    QString password; // Basic, Digest, Django session
    QString token;    // Bearer
    QString prefix =
        QStringLiteral("Bearer"); // Bearer: "Bearer", "Token", "JWT", any word, or empty
    QString keyName;              // ApiKey: header or query parameter name
    QString keyValue;             // ApiKey
    bool keyInQuery = false;      // ApiKey, OAuth2
    // Django session: the login form's URL (GET gives the csrftoken cookie, POST logs in).
    QString loginUrl;
    // AWS Signature Version 4.
    QString awsAccessKey;
    QString awsSecretKey;
    QString awsSessionToken;   // temporary credentials (STS); sent as X-Amz-Security-Token
    QString awsRegion;         // "us-east-1"
    QString awsService;        // "s3", "execute-api", ...
    bool awsSignQuery = false; // presigned URL (X-Amz-* query parameters) instead of headers
    // OAuth 2.0: the token is acquired (and refreshed) by Keyhole, then sent as
    // "<prefix> <token>" (prefix above) or, with keyInQuery, as ?access_token=.
    QString oauthGrant = QStringLiteral("client_credentials"); // password, authorization_code
    QString oauthTokenUrl;
    QString oauthAuthUrl; // authorization_code: the authorization endpoint
    QString oauthClientId;
    QString oauthClientSecret; // empty for public clients
    QString oauthScope;
    QString oauthRedirectUri; // authorization_code: default http://127.0.0.1:<free port>/callback
    bool oauthClientSecretInBody = false; // client_secret_post instead of HTTP Basic
    // Client certificate (mutual TLS): PEM files, relative to the workspace; the key's
    // passphrase is a secret.
    QString certFile;
    QString keyFile;
    QString keyPassphrase;

    friend bool operator==(const AuthConfig&, const AuthConfig&) = default;
};

// A value to take from a response and store in a variable, e.g. the access token of a login:
// `{"from": "json", "path": "access", "variable": "token", "secret": true}`.
struct Extraction {
    enum class Source { Json, Header };
    Source from = Source::Json;
    QString path; // json: "access", "data.token", "items[0].id", or "/json/pointer"; header: name
    QString variable; // set in the active environment
    bool secret = true;

    friend bool operator==(const Extraction&, const Extraction&) = default;
};

} // namespace Keyhole::Model
