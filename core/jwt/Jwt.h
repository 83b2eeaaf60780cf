#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Keyhole::Jwt {

// A JWT (JWS compact serialization) taken apart. Nothing is verified by decoding.
struct Decoded {
    QJsonObject header;
    QJsonObject payload;
    QByteArray algorithm;    // header "alg" ("HS256", "RS256", "none"...)
    QByteArray signingInput; // "<header>.<payload>" as it came, what the signature covers
    QByteArray signature;    // raw bytes
};

// Whether `text` has the shape of a JWT: three base64url parts, the first starting "eyJ".
bool looksLikeJwt(const QByteArray& text);

// Decodes `token` (surrounding whitespace and a "Bearer "/"JWT " prefix tolerated). Errors say
// precisely what is wrong: the number of parts, which part is not base64url or not a JSON
// object, a missing "alg". An "alg": "none" token decodes (its warning comes from checkTimes'
// sibling, problems()).
Result<Decoded> decode(const QByteArray& token);

// Problems with the token's form that every server would refuse: alg "none", an empty
// signature. Empty when none.
QStringList problems(const Decoded& token);

// One time claim (exp, nbf, iat) read against the clocks.
struct TimeClaim {
    QByteArray name;
    QDateTime at;        // UTC
    qint64 fromNow = 0;  // seconds after the local clock (negative: in the past)
    QString description; // "expired 3 min ago", "valid from in 2 min", "issued 5 min ago"
};

// What the token's times mean now: by the local clock and, when the server's Date header is
// known, by the server's clock — the one that decides — with a warning when they differ by
// more than `skewSeconds`.
struct TimeCheck {
    QList<TimeClaim> claims;
    bool expired = false; // by the server's clock when known, else the local one
    bool notYetValid = false;
    std::optional<qint64> skew; // server clock minus local clock, seconds
    QStringList warnings;
};
TimeCheck checkTimes(const Decoded& token, const QDateTime& localNow,
                     const std::optional<QDateTime>& serverNow = std::nullopt,
                     qint64 skewSeconds = 30);

// One line for a person: "JWT HS256 · sub demo · expires in 4 min (19:20) · issued 1 min ago",
// plus its problems (alg none, expired). Claims named sub, user_id, username, token_type,
// scope, aud and iss are shown when present.
QString summary(const Decoded& token, const QDateTime& now);

// "3 min ago", "in 2 h 5 min", "just now".
QString relativeTime(qint64 secondsFromNow);

} // namespace Keyhole::Jwt
