// AWS Signature Version 4 against the examples AWS publishes: the aws-sig-v4-test-suite cases
// (2015-08-30), the IAM ListUsers walk-through and the two S3 "GET Object" examples (header and
// presigned URL).
#include "core/auth/AwsSigV4.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;

namespace {

const QByteArray kSuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const QByteArray kS3Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const QByteArray kSessionToken =
    "AQoDYXdzEPT//////////"
    "wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx"
    "7"
    "mSEI/qkPpKPi/"
    "kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6"
    "q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+"
    "scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4"
    "rvx3iSIlTJabIQwj2ICCR/oLxBA==";

QDateTime at(const char* text)
{
    QDateTime time = QDateTime::fromString(QString::fromLatin1(text), u"yyyyMMdd'T'HHmmss'Z'"_s);
    time.setTimeSpec(Qt::UTC);
    return time;
}

Model::PreparedRequest request(const QByteArray& method, const char* url,
                               Model::HeaderFields headers = {}, QByteArray body = {})
{
    Model::PreparedRequest r;
    r.method = method;
    r.url = QUrl(QString::fromLatin1(url), QUrl::StrictMode);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

Auth::AwsSigning suite()
{
    Auth::AwsSigning signing;
    signing.accessKey = "AKIDEXAMPLE";
    signing.secretKey = kSuiteSecret;
    signing.region = "us-east-1";
    signing.service = "service";
    return signing;
}

} // namespace

class TestAwsSigV4 final : public QObject {
    Q_OBJECT

private slots:
    void testSuite_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("canonicalRequest");
        QTest::addColumn<QByteArray>("authorization");
        const QByteArray empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        const QByteArray credential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                                      "service/aws4_request, ";
        QTest::newRow("get-vanilla")
            << QByteArray("GET") << QByteArray("https://example.amazonaws.com/") << QByteArray()
            << QByteArray() << QByteArray()
            << "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-"
               "date\n" +
                   empty
            << credential + "SignedHeaders=host;x-amz-date, "
                            "Signature="
                            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        QTest::newRow("get-vanilla-query-order-key-case")
            << QByteArray("GET")
            << QByteArray("https://example.amazonaws.com/?Param2=value2&Param1=value1")
            << QByteArray() << QByteArray() << QByteArray()
            << "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:"
               "20150830T123600Z\n\nhost;x-amz-date\n" +
                   empty
            << credential + "SignedHeaders=host;x-amz-date, "
                            "Signature="
                            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";
        QTest::newRow("post-vanilla")
            << QByteArray("POST") << QByteArray("https://example.amazonaws.com/") << QByteArray()
            << QByteArray() << QByteArray()
            << "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-"
               "date\n" +
                   empty
            << credential + "SignedHeaders=host;x-amz-date, "
                            "Signature="
                            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";
        QTest::newRow("post-x-www-form-urlencoded")
            << QByteArray("POST") << QByteArray("https://example.amazonaws.com/")
            << QByteArray("application/x-www-form-urlencoded") << QByteArray("Param1=value1")
            << QByteArray()
            << QByteArray("POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:"
                          "example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;"
                          "host;x-amz-date\n"
                          "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
            << credential + "SignedHeaders=content-type;host;x-amz-date, "
                            "Signature="
                            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a";
        QTest::newRow("post-sts-header-before")
            << QByteArray("POST") << QByteArray("https://example.amazonaws.com/") << QByteArray()
            << QByteArray() << kSessionToken
            << "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-"
               "token:" +
                   kSessionToken + "\n\nhost;x-amz-date;x-amz-security-token\n" + empty
            << credential + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
                            "Signature="
                            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead";
        QTest::newRow("iam-list-users")
            << QByteArray("GET")
            << QByteArray("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08")
            << QByteArray("application/x-www-form-urlencoded; charset=utf-8") << QByteArray()
            << QByteArray()
            << "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/"
               "x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:"
               "20150830T123600Z\n\ncontent-type;host;x-amz-date\n" +
                   empty
            << QByteArray("AWS4-HMAC-SHA256 "
                          "Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                          "SignedHeaders=content-type;host;x-amz-date, "
                          "Signature="
                          "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    void testSuite()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, url);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, canonicalRequest);
        QFETCH(QByteArray, authorization);
        Model::HeaderFields headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        Model::PreparedRequest r = request(method, url.constData(), headers, body);
        Auth::AwsSigning signing = suite();
        if (url.contains("iam."))
            signing.service = "iam";
        signing.sessionToken = token;
        const Result<Auth::AwsSignature> signature = signAwsV4(r, signing, at("20150830T123600Z"));
        QVERIFY(signature.ok());
        QCOMPARE(signature.value().canonicalRequest, canonicalRequest);
        QCOMPARE(Model::headerValue(r.headers, "Authorization"), authorization);
        QCOMPARE(Model::headerValue(r.headers, "X-Amz-Date"), QByteArray("20150830T123600Z"));
        QCOMPARE(Model::headerValue(r.headers, "X-Amz-Security-Token"),
                 token.isEmpty() ? QByteArray() : token);
    }

    void s3GetObjectSignsRangeAndPayloadHash()
    {
        Model::PreparedRequest r = request("GET", "https://examplebucket.s3.amazonaws.com/test.txt",
                                           {{"Range", "bytes=0-9"}});
        Auth::AwsSigning signing{"AKIAIOSFODNN7EXAMPLE", kS3Secret, {}, "us-east-1", "s3"};
        const Result<Auth::AwsSignature> signature = signAwsV4(r, signing, at("20130524T000000Z"));
        QVERIFY(signature.ok());
        QCOMPARE(signature.value().stringToSign,
                 QByteArray("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/"
                            "aws4_request\n"
                            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"));
        QCOMPARE(signature.value().signature,
                 QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        QCOMPARE(Model::headerValue(r.headers, "X-Amz-Content-Sha256"),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void s3PresignedUrl()
    {
        Model::PreparedRequest r =
            request("GET", "https://examplebucket.s3.amazonaws.com/test.txt");
        Auth::AwsSigning signing{
            "AKIAIOSFODNN7EXAMPLE", kS3Secret, {}, "us-east-1", "s3", true, 86400};
        const Result<Auth::AwsSignature> signature = signAwsV4(r, signing, at("20130524T000000Z"));
        QVERIFY(signature.ok());
        QCOMPARE(r.url.toString(QUrl::FullyEncoded),
                 u"https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-"
                 "SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%"
                 "2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-"
                 "SignedHeaders=host&X-Amz-Signature="
                 "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"_s);
        QVERIFY(Model::headerValue(r.headers, "Authorization").isNull());
    }

    void resigningReplacesTheOldSignature()
    {
        Model::PreparedRequest r = request("GET", "https://example.amazonaws.com/");
        QVERIFY(signAwsV4(r, suite(), at("20150830T123600Z")).ok());
        QVERIFY(signAwsV4(r, suite(), at("20150830T123600Z")).ok());
        qsizetype authorizations = 0;
        for (const Model::HeaderField& h : r.headers)
            authorizations += h.name == "Authorization" ? 1 : 0;
        QCOMPARE(authorizations, 1);
        QVERIFY(Model::headerValue(r.headers, "Authorization")
                    .endsWith("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
    }

    void missingPartsAreNamed()
    {
        Model::PreparedRequest r = request("GET", "https://example.amazonaws.com/");
        Auth::AwsSigning signing = suite();
        signing.region.clear();
        const Result<Auth::AwsSignature> signature = signAwsV4(r, signing, at("20150830T123600Z"));
        QVERIFY(!signature.ok());
        QVERIFY(signature.error().message.contains(u"region"_s));
    }
};

QTEST_GUILESS_MAIN(TestAwsSigV4)
#include "tst_AwsSigV4.moc"
