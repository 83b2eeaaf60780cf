// HTTP Digest answers against the worked examples of RFC 7616 §3.9.1 and RFC 2617 §3.5.
#include "core/auth/Digest.h"

#include <QTest>

using namespace Keyhole;

namespace {

Http::Challenge rfc7616(const QByteArray& algorithm)
{
    return Http::parseChallenges("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                                 "algorithm=" +
                                 algorithm +
                                 ", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                                 "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"")
        .first();
}

Auth::DigestInput mufasa(const QByteArray& password)
{
    return {"GET", "/dir/index.html", {}, "Mufasa", password, {}, 1};
}

} // namespace

class TestDigest final : public QObject {
    Q_OBJECT

private slots:
    void rfc7616Md5()
    {
        Auth::DigestInput input = mufasa("Circle of Life");
        input.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        const Result<QByteArray> answer = Auth::digestAuthorization(rfc7616("MD5"), input);
        QVERIFY(answer.ok());
        QCOMPARE(answer.value(),
                 QByteArray("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", "
                            "uri=\"/dir/index.html\", algorithm=MD5, "
                            "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
                            "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
                            "response=\"8ca523f5e9506fed4657c9700eebdbec\", "
                            "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
    }

    void rfc7616Sha256()
    {
        Auth::DigestInput input = mufasa("Circle of Life");
        input.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        const Result<QByteArray> answer = Auth::digestAuthorization(rfc7616("SHA-256"), input);
        QVERIFY(answer.ok());
        QVERIFY(answer.value().contains(
            "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""));
        QVERIFY(answer.value().contains("algorithm=SHA-256"));
    }

    void rfc2617()
    {
        const Http::Challenge challenge =
            Http::parseChallenges("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                                  "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                                  "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
                .first();
        Auth::DigestInput input = mufasa("Circle Of Life");
        input.cnonce = "0a4f113b";
        const Result<QByteArray> answer = Auth::digestAuthorization(challenge, input);
        QVERIFY(answer.ok());
        QVERIFY(answer.value().contains("response=\"6629fae49393a05397450978507c4ef1\""));
        // No algorithm in the challenge: none in the answer either (as the RFC's example).
        QVERIFY(!answer.value().contains("algorithm"));
    }

    void nonceCountIsHexAndEightDigits()
    {
        Auth::DigestInput input = mufasa("x");
        input.cnonce = "c";
        input.nonceCount = 26;
        const Result<QByteArray> answer = Auth::digestAuthorization(rfc7616("MD5"), input);
        QVERIFY(answer.ok());
        QVERIFY(answer.value().contains(", nc=0000001a,"));
    }

    void userhashAndNonAsciiNames()
    {
        Http::Challenge challenge = rfc7616("SHA-256");
        challenge.params.append(QPair<QByteArray, QByteArray>("userhash", "true"));
        Auth::DigestInput input = mufasa("pw");
        input.cnonce = "c";
        QVERIFY(Auth::digestAuthorization(challenge, input).value().contains("userhash=true"));
        QVERIFY(!Auth::digestAuthorization(challenge, input).value().contains("Mufasa"));
        input.username = "J\xc3\xa4s\xc3\xb8n";
        QVERIFY(Auth::digestAuthorization(rfc7616("MD5"), input)
                    .value()
                    .contains("username*=UTF-8''J%C3%A4s%C3%B8n"));
    }

    void unanswerableChallengesSayWhy()
    {
        const Result<QByteArray> unknown =
            Auth::digestAuthorization(rfc7616("SHA-999"), mufasa("x"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QStringLiteral("SHA-999")));
        const Result<QByteArray> noNonce = Auth::digestAuthorization(
            Http::parseChallenges("Digest realm=\"r\"").first(), mufasa("x"));
        QVERIFY(!noNonce.ok());
        QVERIFY(Auth::digestChallenges(Http::parseChallenges("Basic realm=\"x\"")).isEmpty());
        QCOMPARE(Auth::digestChallenges(
                     Http::parseChallenges(R"(Basic realm="x", Digest realm="a", nonce="1", )"
                                           R"(Digest realm="b", nonce="2")"))
                     .size(),
                 2);
        QVERIFY(Auth::randomDigestCnonce() != Auth::randomDigestCnonce());
        QCOMPARE(Auth::randomDigestCnonce().size(), 32);
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_Digest.moc"
