#pragma once

#include "core/Result.h"
#include "core/http/Challenge.h"

#include <QByteArray>

namespace Keyhole::Auth {

// What a Digest answer (RFC 7616) is computed from, besides the server's challenge.
struct DigestInput {
    QByteArray method;
    QByteArray uri;      // the request-target exactly as sent: "/dir/index.html?x=1"
    QByteArray body;     // for qop=auth-int
    QByteArray username; // UTF-8
    QByteArray password; // UTF-8
    QByteArray cnonce;   // client nonce; randomDigestCnonce() when sending for real
    int nonceCount = 1;  // the nc: how many times this nonce has been used, this one included
};

// The Digest challenges among `challenges`, in the server's order of preference.
QList<Http::Challenge> digestChallenges(const QList<Http::Challenge>& challenges);

// The Authorization value answering `challenge`: algorithms MD5, SHA-256, SHA-512-256 and
// their -sess forms; qop auth (preferred) or auth-int, or RFC 2069 without qop; userhash and
// the username* form for names that are not ASCII. An error names what the challenge lacks or
// asks for that cannot be answered (an unknown algorithm or qop).
Result<QByteArray> digestAuthorization(const Http::Challenge& challenge, const DigestInput& input);

// 16 random bytes, hex: a fresh client nonce.
QByteArray randomDigestCnonce();

} // namespace Keyhole::Auth
