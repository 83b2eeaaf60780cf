#include "core/jwt/JwtVerify.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>

#include <array>
#include <memory>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Jwt {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

enum class Family { Hmac, Rsa, RsaPss, Ecdsa, Unknown };

struct Algorithm {
    Family family = Family::Unknown;
    const EVP_MD* digest = nullptr;
    int ecBytes = 0; // size of r and of s in an ECDSA signature
};

Algorithm algorithmOf(const QByteArray& name)
{
    const QByteArray bits = name.mid(2);
    const EVP_MD* digest = bits == "256"   ? EVP_sha256()
                           : bits == "384" ? EVP_sha384()
                           : bits == "512" ? EVP_sha512()
                                           : nullptr;
    if (!digest)
        return {};
    if (name.startsWith("HS"))
        return {Family::Hmac, digest, 0};
    if (name.startsWith("RS"))
        return {Family::Rsa, digest, 0};
    if (name.startsWith("PS"))
        return {Family::RsaPss, digest, 0};
    if (name.startsWith("ES"))
        return {Family::Ecdsa, digest, bits == "256" ? 32 : bits == "384" ? 48 : 66};
    return {};
}

QByteArray base64Url(const QJsonObject& jwk, const QString& name)
{
    return QByteArray::fromBase64(jwk.value(name).toString().toLatin1(),
                                  QByteArray::Base64UrlEncoding);
}

// The raw bytes of a big-endian number as an OpenSSL BIGNUM parameter.
bool pushNumber(OSSL_PARAM_BLD* builder, const char* name, const QByteArray& bytes,
                std::vector<BIGNUM*>& keep)
{
    BIGNUM* number = BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.constData()),
                               static_cast<int>(bytes.size()), nullptr);
    if (!number)
        return false;
    keep.push_back(number);
    return OSSL_PARAM_BLD_push_BN(builder, name, number) == 1;
}

Pkey keyFromParams(const char* type, const std::function<bool(OSSL_PARAM_BLD*)>& fill)
{
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    EVP_PKEY* key = nullptr;
    if (builder && fill(builder)) {
        OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
        EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
        if (params && context && EVP_PKEY_fromdata_init(context) == 1)
            EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params);
        EVP_PKEY_CTX_free(context);
        OSSL_PARAM_free(params);
    }
    OSSL_PARAM_BLD_free(builder);
    return Pkey(key);
}

// A public key from a JWK (kty RSA or EC); nullptr for anything else.
Pkey keyFromJwk(const QJsonObject& jwk)
{
    const QString kty = jwk.value(u"kty"_s).toString();
    std::vector<BIGNUM*> numbers;
    Pkey key;
    if (kty == u"RSA") {
        key = keyFromParams("RSA", [&](OSSL_PARAM_BLD* builder) {
            return pushNumber(builder, OSSL_PKEY_PARAM_RSA_N, base64Url(jwk, u"n"_s), numbers) &&
                   pushNumber(builder, OSSL_PKEY_PARAM_RSA_E, base64Url(jwk, u"e"_s), numbers);
        });
    } else if (kty == u"EC") {
        const QString curve = jwk.value(u"crv"_s).toString();
        const char* group = curve == u"P-256"   ? "prime256v1"
                            : curve == u"P-384" ? "secp384r1"
                            : curve == u"P-521" ? "secp521r1"
                                                : nullptr;
        const int size = curve == u"P-256" ? 32 : curve == u"P-384" ? 48 : 66;
        QByteArray x = base64Url(jwk, u"x"_s);
        QByteArray y = base64Url(jwk, u"y"_s);
        if (group && x.size() <= size && y.size() <= size) {
            const QByteArray point = '\x04' + QByteArray(size - x.size(), '\0') + x +
                                     QByteArray(size - y.size(), '\0') + y;
            key = keyFromParams("EC", [&](OSSL_PARAM_BLD* builder) {
                return OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                                       0) == 1 &&
                       OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY,
                                                        point.constData(),
                                                        static_cast<size_t>(point.size())) == 1;
            });
        }
    }
    for (BIGNUM* number : numbers)
        BN_free(number);
    return key;
}

Pkey keyFromPem(const QByteArray& pem)
{
    auto read = [&pem](auto reader) {
        BIO* bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
        auto* result = reader(bio);
        BIO_free(bio);
        return result;
    };
    if (EVP_PKEY* key =
            read([](BIO* bio) { return PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr); }))
        return Pkey(key);
    if (X509* certificate =
            read([](BIO* bio) { return PEM_read_bio_X509(bio, nullptr, nullptr, nullptr); })) {
        Pkey key(X509_get_pubkey(certificate));
        X509_free(certificate);
        return key;
    }
    // An encrypted private key is refused rather than prompting on the terminal.
    Pkey key(read([](BIO* bio) {
        return PEM_read_bio_PrivateKey(
            bio, nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
    }));
    ERR_clear_error();
    return key;
}

// JWS ECDSA signatures are r||s; OpenSSL verifies the DER form.
QByteArray ecdsaDer(const QByteArray& raw, int size)
{
    if (raw.size() != 2 * size)
        return {};
    ECDSA_SIG* signature = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()), size, nullptr);
    BIGNUM* s =
        BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.constData()) + size, size, nullptr);
    QByteArray der;
    if (signature && r && s && ECDSA_SIG_set0(signature, r, s) == 1) {
        r = s = nullptr; // owned by the signature now
        unsigned char* out = nullptr;
        const int length = i2d_ECDSA_SIG(signature, &out);
        if (length > 0)
            der = QByteArray(reinterpret_cast<const char*>(out), length);
        OPENSSL_free(out);
    }
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(signature);
    return der;
}

bool verifyWithKey(const Decoded& token, const Algorithm& algorithm, EVP_PKEY* key)
{
    const bool rsa = EVP_PKEY_is_a(key, "RSA") == 1;
    const bool ec = EVP_PKEY_is_a(key, "EC") == 1;
    if (((algorithm.family == Family::Rsa || algorithm.family == Family::RsaPss) && !rsa) ||
        (algorithm.family == Family::Ecdsa && !ec))
        return false;
    QByteArray signature = token.signature;
    if (algorithm.family == Family::Ecdsa)
        signature = ecdsaDer(signature, algorithm.ecBytes);
    if (signature.isEmpty())
        return false;
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_PKEY_CTX* keyContext = nullptr;
    bool ok =
        context && EVP_DigestVerifyInit(context, &keyContext, algorithm.digest, nullptr, key) == 1;
    if (ok && algorithm.family == Family::RsaPss)
        ok = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1;
    ok = ok &&
         EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.constData()),
                          static_cast<size_t>(signature.size()),
                          reinterpret_cast<const unsigned char*>(token.signingInput.constData()),
                          static_cast<size_t>(token.signingInput.size())) == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

bool verifyHmac(const Decoded& token, const Algorithm& algorithm, const QByteArray& secret)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int length = 0;
    if (!HMAC(algorithm.digest, secret.constData(), static_cast<int>(secret.size()),
              reinterpret_cast<const unsigned char*>(token.signingInput.constData()),
              static_cast<size_t>(token.signingInput.size()), mac.data(), &length))
        return false;
    return static_cast<qsizetype>(length) == token.signature.size() &&
           CRYPTO_memcmp(mac.data(), token.signature.constData(), length) == 0;
}

Verification result(bool valid, const QByteArray& algorithm, const QString& keyName)
{
    const QString alg = QString::fromLatin1(algorithm);
    return valid ? Verification{Verdict::Valid,
                                QObject::tr("signature valid (%1, %2)").arg(alg, keyName)}
                 : Verification{Verdict::Invalid,
                                QObject::tr("signature INVALID for %1 (%2): the token was not "
                                            "signed with this key, or was changed")
                                    .arg(keyName, alg)};
}

} // namespace

Verification verify(const Decoded& token, const QByteArray& key)
{
    if (token.algorithm.compare("none", Qt::CaseInsensitive) == 0)
        return {Verdict::Invalid, QObject::tr("\"alg\": \"none\": the token is not signed")};
    if (key.isEmpty())
        return {Verdict::NotChecked, QObject::tr("signature not checked (no key given)")};
    const Algorithm algorithm = algorithmOf(token.algorithm);
    if (algorithm.family == Family::Unknown)
        return {Verdict::Unusable, QObject::tr("algorithm \"%1\" is not supported (HS, RS, PS and "
                                               "ES with 256, 384 or 512)")
                                       .arg(QString::fromLatin1(token.algorithm))};

    const QByteArray trimmed = key.trimmed();
    if (trimmed.startsWith("-----BEGIN")) {
        const Pkey pkey = keyFromPem(trimmed);
        if (!pkey)
            return {Verdict::Unusable, QObject::tr("the PEM key could not be read")};
        if (algorithm.family == Family::Hmac)
            return {Verdict::Invalid,
                    QObject::tr("the token says %1 (a shared secret) but the key is a public "
                                "key: refused, as servers must (algorithm confusion)")
                        .arg(QString::fromLatin1(token.algorithm))};
        return result(verifyWithKey(token, algorithm, pkey.get()), token.algorithm,
                      QObject::tr("PEM key"));
    }

    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(trimmed, &error);
    if (error.error == QJsonParseError::NoError && json.isObject()) {
        const QJsonObject object = json.object();
        QList<QJsonObject> keys;
        if (object.value(u"keys"_s).isArray()) {
            for (const QJsonValue& each : object.value(u"keys"_s).toArray())
                keys.append(each.toObject());
        } else {
            keys.append(object);
        }
        const QString kid = token.header.value(u"kid"_s).toString();
        bool any = false;
        for (const QJsonObject& jwk : std::as_const(keys)) {
            const QString keyKid = jwk.value(u"kid"_s).toString();
            if (!kid.isEmpty() && !keyKid.isEmpty() && keyKid != kid)
                continue;
            const QString name =
                keyKid.isEmpty() ? QObject::tr("the JWK") : QObject::tr("key \"%1\"").arg(keyKid);
            bool valid = false;
            if (jwk.value(u"kty"_s).toString() == u"oct") {
                if (algorithm.family != Family::Hmac)
                    continue;
                any = true;
                valid = verifyHmac(token, algorithm, base64Url(jwk, u"k"_s));
            } else {
                const Pkey pkey = keyFromJwk(jwk);
                if (!pkey || algorithm.family == Family::Hmac)
                    continue;
                any = true;
                valid = verifyWithKey(token, algorithm, pkey.get());
            }
            if (valid || keys.size() == 1)
                return result(valid, token.algorithm, name);
        }
        if (!any)
            return {Verdict::Unusable, kid.isEmpty()
                                           ? QObject::tr("no key in the JWK(S) fits %1")
                                                 .arg(QString::fromLatin1(token.algorithm))
                                           : QObject::tr("no key with kid \"%1\" fits %2")
                                                 .arg(kid, QString::fromLatin1(token.algorithm))};
        return {Verdict::Invalid, QObject::tr("signature INVALID for every key of the JWKS")};
    }

    if (algorithm.family != Family::Hmac)
        return {Verdict::Unusable,
                QObject::tr("%1 needs a public key (PEM, JWK or JWKS), not a shared secret")
                    .arg(QString::fromLatin1(token.algorithm))};
    return result(verifyHmac(token, algorithm, key), token.algorithm, QObject::tr("the secret"));
}

} // namespace Keyhole::Jwt
