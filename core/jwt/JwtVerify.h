#pragma once

#include "core/jwt/Jwt.h"

namespace Keyhole::Jwt {

enum class Verdict {
    Valid,      // the signature matches the key
    Invalid,    // it does not (or the key cannot sign this algorithm)
    NotChecked, // no key given
    Unusable    // the key or algorithm could not be used (message says why)
};

struct Verification {
    Verdict verdict = Verdict::NotChecked;
    QString message; // for the person: "signature valid (RS256, key \"k1\" of the JWKS)"
};

// Verifies `token`'s signature with `key`: a shared secret (HS256/384/512, the bytes as
// given), a PEM public key, certificate or private key, a JWK, or a JWKS ({"keys": [...]},
// the key chosen by "kid", else every key that fits is tried). RS256/384/512, PS256/384/512,
// ES256/384/512 with OpenSSL. An empty key says "signature not checked"; alg "none" and a key
// of the wrong type (an RSA key for HS256: the key-confusion attack) are Invalid.
Verification verify(const Decoded& token, const QByteArray& key);

} // namespace Keyhole::Jwt
