#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Keyhole::Model {

enum class AuthKind { Inherit, None, Basic, Bearer, ApiKey };
QString authKindName(AuthKind kind); // "inherit", "none", "basic", "bearer", "apikey"
std::optional<AuthKind> authKindFromName(const QString& name);

// How a request authenticates. Every text may hold {{variables}}; credentials are treated as
// secrets on the wire (masked in every view).
struct AuthConfig {
    AuthKind kind = AuthKind::Inherit;
    QString username; // Basic
    QString password; // Basic
    QString token;    // Bearer
    QString prefix =
        QStringLiteral("Bearer"); // Bearer: "Bearer", "Token", "JWT", any word, or empty
    QString keyName;              // ApiKey: header or query parameter name
    QString keyValue;             // ApiKey
    bool keyInQuery = false;

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
