// JWT decoding, time checks and signature verification: RFC 7515's worked examples (A.1 HS256,
// A.2 RS256, A.3 ES256 with their JWKs) and tokens signed by the openssl command line tool
// (RS256, PS256, ES384 with PEM keys) — an implementation other than ours.
#include "core/jwt/JwtVerify.h"
#include "tests/support/ServerProcess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kPayload = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLm"
                            "NvbS9pc19yb290Ijp0cnVlfQ";
const QByteArray kHs256 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + kPayload +
                          ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const QByteArray kHs256Jwk =
    R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})";
const QByteArray kRs256 =
    "eyJhbGciOiJSUzI1NiJ9." + kPayload +
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
    "O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_"
    "nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-"
    "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igc"
    "N_IoypGlUPQGe77Rw";
const QByteArray kRsaJwk =
    R"({"kty":"RSA","kid":"rfc7515","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"})";
const QByteArray kEs256 =
    "eyJhbGciOiJFUzI1NiJ9." + kPayload +
    ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTU"
    "JqPP3-Kg6NU1Q";
const QByteArray kEcJwk =
    R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray part(const QByteArray& json)
{
    return json.toBase64(kBase64Url);
}

Jwt::Decoded decoded(const QByteArray& token)
{
    const Result<Jwt::Decoded> result = Jwt::decode(token);
    return result.ok() ? result.value() : Jwt::Decoded{};
}

// The DER ECDSA signature openssl writes, as the r||s a JWS carries.
QByteArray rawEcdsa(const QByteArray& der, int size)
{
    qsizetype at = 2;
    if (static_cast<unsigned char>(der[1]) & 0x80)
        at += static_cast<unsigned char>(der[1]) & 0x7f;
    QByteArray out;
    for (int i = 0; i < 2; ++i) {
        const int length = static_cast<unsigned char>(der[at + 1]);
        QByteArray number = der.mid(at + 2, length);
        while (number.size() > size && number.startsWith('\0'))
            number.remove(0, 1);
        out += QByteArray(size - number.size(), '\0') + number;
        at += 2 + length;
    }
    return out;
}

} // namespace

class TestJwt final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Runs openssl; returns the error text, empty on success.
    QString openssl(const QStringList& arguments)
    {
        return Testing::runToEnd(u"openssl"_s, arguments, QProcessEnvironment::systemEnvironment(),
                                 m_dir.path());
    }

    QByteArray read(const QString& name)
    {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void rfc7515Examples()
    {
        const Jwt::Decoded hs = decoded(kHs256);
        QCOMPARE(hs.algorithm, QByteArray("HS256"));
        QCOMPARE(hs.payload.value(u"iss"_s).toString(), u"joe"_s);
        QCOMPARE(Jwt::verify(hs, kHs256Jwk).verdict, Jwt::Verdict::Valid);
        QCOMPARE(Jwt::verify(decoded(kRs256), kRsaJwk).verdict, Jwt::Verdict::Valid);
        QCOMPARE(Jwt::verify(decoded(kEs256), kEcJwk).verdict, Jwt::Verdict::Valid);
        // A JWKS holding all three: the fitting key is found.
        const QByteArray jwks = "{\"keys\": [" + kHs256Jwk + ',' + kEcJwk + ',' + kRsaJwk + "]}";
        for (const QByteArray& token : {kHs256, kRs256, kEs256})
            QCOMPARE(Jwt::verify(decoded(token), jwks).verdict, Jwt::Verdict::Valid);
    }

    void tamperingAndWrongKeysAreInvalid()
    {
        // One payload byte changed: "joe" → "jof".
        QByteArray changed = kRs256;
        changed.replace(kPayload, part(R"({"iss":"jof"})"));
        QCOMPARE(Jwt::verify(decoded(changed), kRsaJwk).verdict, Jwt::Verdict::Invalid);
        QCOMPARE(Jwt::verify(decoded(kHs256), "not the secret").verdict, Jwt::Verdict::Invalid);
        QCOMPARE(Jwt::verify(decoded(kHs256), {}).verdict, Jwt::Verdict::NotChecked);
        QVERIFY(Jwt::verify(decoded(kHs256), {}).message.contains(u"not checked"_s));
        // An RS256 token with an HMAC secret, and an HS256 token with a public key: refused.
        QCOMPARE(Jwt::verify(decoded(kRs256), "secret").verdict, Jwt::Verdict::Unusable);
    }

    void openSslSignedTokensWithPemKeys_data()
    {
        QTest::addColumn<QByteArray>("alg");
        QTest::addColumn<QStringList>("generate");
        QTest::addColumn<QStringList>("signOptions");
        const QStringList rsa{u"genpkey"_s,  u"-algorithm"_s,           u"RSA"_s,
                              u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s,
                              u"key.pem"_s};
        QTest::newRow("RS256") << QByteArray("RS256") << rsa << QStringList{u"-sha256"_s};
        QTest::newRow("PS384") << QByteArray("PS384") << rsa
                               << QStringList{u"-sha384"_s, u"-sigopt"_s, u"rsa_padding_mode:pss"_s,
                                              u"-sigopt"_s, u"rsa_pss_saltlen:digest"_s};
        QTest::newRow("ES384") << QByteArray("ES384")
                               << QStringList{u"ecparam"_s, u"-name"_s,  u"secp384r1"_s,
                                              u"-genkey"_s, u"-noout"_s, u"-out"_s,
                                              u"key.pem"_s}
                               << QStringList{u"-sha384"_s};
    }

    void openSslSignedTokensWithPemKeys()
    {
        QFETCH(QByteArray, alg);
        QFETCH(QStringList, generate);
        QFETCH(QStringList, signOptions);
        const QByteArray input = part("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + '.' +
                                 part(R"({"sub":"demo","exp":4102444800})");
        QFile file(m_dir.filePath(u"input.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(input);
        file.close();
        QCOMPARE(openssl(generate), QString());
        QCOMPARE(
            openssl({u"pkey"_s, u"-in"_s, u"key.pem"_s, u"-pubout"_s, u"-out"_s, u"public.pem"_s}),
            QString());
        QCOMPARE(openssl(QStringList{u"dgst"_s} + signOptions +
                         QStringList{u"-sign"_s, u"key.pem"_s, u"-out"_s, u"signature.bin"_s,
                                     u"input.txt"_s}),
                 QString());
        QByteArray signature = read(u"signature.bin"_s);
        if (alg.startsWith("ES"))
            signature = rawEcdsa(signature, 48);
        const Jwt::Decoded token = decoded(input + '.' + signature.toBase64(kBase64Url));
        const Jwt::Verification verification = Jwt::verify(token, read(u"public.pem"_s));
        QVERIFY2(verification.verdict == Jwt::Verdict::Valid, qPrintable(verification.message));
        // The private key's PEM works too (its public half is used).
        QCOMPARE(Jwt::verify(token, read(u"key.pem"_s)).verdict, Jwt::Verdict::Valid);
        // Algorithm confusion: the same public key as an HMAC secret for an HS256 token.
        const QByteArray forged = part(R"({"alg":"HS256"})") + '.' + part(R"({"sub":"admin"})");
        QCOMPARE(Jwt::verify(decoded(forged + ".AAAA"), read(u"public.pem"_s)).verdict,
                 Jwt::Verdict::Invalid);
    }

    void malformedTokensArePrecise_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("message");
        QTest::newRow("two parts") << QByteArray("eyJhbGciOiJIUzI1NiJ9.e30") << u"3 dot"_s;
        QTest::newRow("jwe") << QByteArray("a.b.c.d.e") << u"encrypted"_s;
        QTest::newRow("bad base64") << QByteArray("eyJhbGciOiJIUzI1NiJ9.e$30.sig")
                                    << u"payload (part 2) is not base64url"_s;
        QTest::newRow("not json") << QByteArray("eyJhbGciOiJIUzI1NiJ9." + part("{nope") + ".c2ln")
                                  << u"payload (part 2) is not JSON"_s;
        QTest::newRow("no alg") << QByteArray(part("{}") + '.' + part("{}") + ".c2ln")
                                << u"no \"alg\""_s;
        QTest::newRow("padding") << QByteArray("eyJhbGciOiJIUzI1NiJ9=.e30.c2ln")
                                 << u"header (part 1) is not base64url"_s;
    }

    void malformedTokensArePrecise()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, message);
        const Result<Jwt::Decoded> result = Jwt::decode(token);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().toString().contains(message),
                 qPrintable(result.error().toString()));
    }

    void algNoneIsFlagged()
    {
        const QByteArray none = part(R"({"alg":"none"})") + '.' + part(R"({"sub":"x"})") + '.';
        const Jwt::Decoded token = decoded(none);
        QCOMPARE(token.algorithm, QByteArray("none"));
        QVERIFY(Jwt::problems(token).join(u' ').contains(u"unsigned"_s));
        QCOMPARE(Jwt::verify(token, "anything").verdict, Jwt::Verdict::Invalid);
        QVERIFY(Jwt::looksLikeJwt(kHs256));
        QVERIFY(!Jwt::looksLikeJwt("abc.def"));
        // A pasted "Bearer <jwt>" is read too.
        QVERIFY(Jwt::decode("Bearer " + kHs256).ok());
    }

    void timesByBothClocks()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        const QByteArray payload = "{\"exp\":" + QByteArray::number(1'700'000'000 - 180) +
                                   ",\"iat\":" + QByteArray::number(1'700'000'000 - 480) +
                                   ",\"nbf\":" + QByteArray::number(1'700'000'000 - 480) + "}";
        const Jwt::Decoded token =
            decoded(part(R"({"alg":"HS256"})") + '.' + part(payload) + ".c2ln");
        Jwt::TimeCheck check = Jwt::checkTimes(token, now);
        QVERIFY(check.expired);
        QVERIFY(!check.notYetValid);
        QCOMPARE(check.claims.size(), 3);
        QCOMPARE(check.claims[0].name, QByteArray("exp"));
        QCOMPARE(check.claims[0].description, u"expired 3 min ago"_s);
        QCOMPARE(check.claims[2].description, u"issued 8 min ago"_s);
        QVERIFY(check.warnings.isEmpty());

        // The server's clock is 5 minutes behind: the token is still good there.
        check = Jwt::checkTimes(token, now, now.addSecs(-300));
        QVERIFY(!check.expired);
        QCOMPARE(*check.skew, -300);
        QVERIFY(check.warnings.join(u'\n').contains(u"300 s behind"_s));
        QVERIFY(check.warnings.join(u'\n').contains(u"still valid by the server's"_s));
        QCOMPARE(Jwt::relativeTime(7500), u"in 2 h 5 min"_s);
        QCOMPARE(Jwt::relativeTime(-2), u"just now"_s);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_Jwt.moc"
