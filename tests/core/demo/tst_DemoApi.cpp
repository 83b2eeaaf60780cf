#include "core/demo/DemoApi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

Raw::ParsedRequest make(const QByteArray& method, const QByteArray& target,
                        Model::HeaderFields headers = {}, const QByteArray& body = {})
{
    return {method, target, "HTTP/1.1", std::move(headers), body, {}};
}

} // namespace

class TestDemoApi final : public QObject {
    Q_OBJECT

    QDateTime m_now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    Demo::DemoApi m_api{[this] {
        return m_now;
    }};

    QByteArray access()
    {
        const Demo::ServerResponse login = m_api.handle(
            make("POST", "/api/token/", {}, R"({"username": "demo", "password": "demo"})"));
        return QJsonDocument::fromJson(login.body).object().value(u"access"_s).toString().toUtf8();
    }

private slots:
    void healthNeedsNothing() { QCOMPARE(m_api.handle(make("GET", "/api/health/")).status, 200); }

    void answersLikeSimpleJwt_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("bodyPart");
        QTest::newRow("none") << QByteArray() << 401
                              << QByteArray("Authentication credentials were not provided.");
        QTest::newRow("Token prefix ignored")
            << QByteArray("Token abc") << 401
            << QByteArray("Authentication credentials were not provided.");
        QTest::newRow("lower-case bearer ignored")
            << QByteArray("bearer abc") << 401
            << QByteArray("Authentication credentials were not provided.");
        QTest::newRow("prefix only")
            << QByteArray("Bearer") << 401 << QByteArray("two space-delimited values");
        QTest::newRow("garbage") << QByteArray("Bearer abc") << 401
                                 << QByteArray("\"message\": \"Token is invalid\"");
    }

    void answersLikeSimpleJwt()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(int, status);
        QFETCH(QByteArray, bodyPart);
        Model::HeaderFields headers;
        if (!authorization.isNull())
            headers.append({"Authorization", authorization});
        const Demo::ServerResponse response = m_api.handle(make("GET", "/api/items/", headers));
        QCOMPARE(response.status, status);
        QVERIFY2(response.body.contains(bodyPart), response.body.constData());
        QCOMPARE(Model::headerValue(response.headers, "WWW-Authenticate"),
                 QByteArray("Bearer realm=\"api\""));
    }

    void loginThenItems()
    {
        const QByteArray token = access();
        QCOMPARE(token.count('.'), 2);
        const Demo::ServerResponse items =
            m_api.handle(make("GET", "/api/items/", {{"Authorization", "Bearer " + token}}));
        QCOMPARE(items.status, 200);
        QVERIFY(items.body.contains("Skeleton key"));
    }

    void expiredAndRefreshTokensAreRefused()
    {
        const QByteArray token = access();
        m_now = m_now.addSecs(Demo::DemoApi::kAccessLifetimeSeconds + 1);
        Demo::ServerResponse response =
            m_api.handle(make("GET", "/api/items/", {{"Authorization", "Bearer " + token}}));
        QCOMPARE(response.status, 401);
        QVERIFY(response.body.contains("Token is expired"));

        const QByteArray refresh = m_api.issueToken("refresh", 3600);
        response =
            m_api.handle(make("GET", "/api/items/", {{"Authorization", "Bearer " + refresh}}));
        QVERIFY(response.body.contains("Token has wrong type"));
    }

    void badLogins()
    {
        QCOMPARE(
            m_api
                .handle(make("POST", "/api/token/", {}, R"({"username": "demo", "password": "x"})"))
                .status,
            401);
        const Demo::ServerResponse missing = m_api.handle(make("POST", "/api/token/", {}, "{}"));
        QCOMPARE(missing.status, 400);
        QVERIFY(missing.body.contains("This field is required."));
        QCOMPARE(m_api.handle(make("POST", "/api/token/", {}, "{oops")).status, 400);
        QCOMPARE(m_api.handle(make("GET", "/api/token/")).status, 405);
        QCOMPARE(m_api.handle(make("GET", "/nowhere")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestDemoApi)
#include "tst_DemoApi.moc"
