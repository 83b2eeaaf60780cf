#include "core/http/Challenge.h"

#include <QTest>

using namespace Keyhole;

class TestChallenge final : public QObject {
    Q_OBJECT

private slots:
    void simpleRealm()
    {
        const auto challenges = Http::parseChallenges("Bearer realm=\"api\"");
        QCOMPARE(challenges.size(), 1);
        QCOMPARE(challenges[0].scheme, QByteArray("Bearer"));
        QCOMPARE(challenges[0].param("realm"), QByteArray("api"));
    }

    void severalChallengesAndBareSchemes()
    {
        const auto challenges = Http::parseChallenges(
            "Basic realm=\"a, b\", Bearer, Token, Digest realm=\"x\", qop=\"auth\"");
        QCOMPARE(challenges.size(), 4);
        QCOMPARE(challenges[0].param("realm"), QByteArray("a, b"));
        QCOMPARE(challenges[1].scheme, QByteArray("Bearer"));
        QCOMPARE(challenges[2].scheme, QByteArray("Token"));
        QCOMPARE(challenges[3].scheme, QByteArray("Digest"));
        QCOMPARE(challenges[3].param("qop"), QByteArray("auth"));
    }

    void quotedEscapesAndCase()
    {
        const auto challenges = Http::parseChallenges(
            "Bearer error=\"invalid_token\", error_description=\"The token \\\"x\\\" expired\", "
            "Error_URI=\"https://tools.ietf.org/html/rfc6750#section-3.1\"");
        QCOMPARE(challenges.size(), 1);
        QCOMPARE(challenges[0].param("error_description"), QByteArray("The token \"x\" expired"));
        QCOMPARE(challenges[0].param("error_uri"),
                 QByteArray("https://tools.ietf.org/html/rfc6750#section-3.1"));
    }

    void token68()
    {
        const auto challenges = Http::parseChallenges("Negotiate YII=, NTLM");
        QCOMPARE(challenges.size(), 2);
        QCOMPARE(challenges[0].token68, QByteArray("YII="));
        QCOMPARE(challenges[1].scheme, QByteArray("NTLM"));
    }

    void awsParamsWithoutCommas()
    {
        const auto challenges =
            Http::parseChallenges("Bearer scope=\"\" error=\"invalid_token\" "
                                  "error_description=\"the token has expired\"");
        QCOMPARE(challenges.size(), 1);
        QCOMPARE(challenges[0].param("error"), QByteArray("invalid_token"));
        QCOMPARE(challenges[0].param("error_description"), QByteArray("the token has expired"));
    }

    void junkNeverHangs_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("commas") << QByteArray(",,, ,");
        QTest::newRow("unterminated") << QByteArray("Bearer realm=\"api");
        QTest::newRow("symbols") << QByteArray("\"\"=== ;;; Bearer");
        QTest::newRow("equals") << QByteArray("= = =");
    }

    void junkNeverHangs()
    {
        QFETCH(QByteArray, value);
        const auto challenges = Http::parseChallenges(value);
        QVERIFY(challenges.size() <= 4);
    }
};

QTEST_GUILESS_MAIN(TestChallenge)
#include "tst_Challenge.moc"
