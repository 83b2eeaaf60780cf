#include "core/demo/LoopbackServer.h"
#include "core/http/CookieJar.h"
#include "core/http/Executor.h"
#include "core/http/Timeline.h"
#include "core/raw/RawText.h"
#include "core/workspace/CookieJarStore.h"
#include "tests/support/Exchanges.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

QByteArrayList namesOf(const QList<QNetworkCookie>& cookies)
{
    QByteArrayList names;
    for (const QNetworkCookie& cookie : cookies)
        names.append(cookie.name());
    return names;
}

} // namespace

class TestCookieJar final : public QObject {
    Q_OBJECT

    QNetworkAccessManager m_manager;

private slots:
    void keepsCookiesByTheRulesBrowsersFollow()
    {
        Http::CookieJar jar;
        const QUrl login(u"https://api.example.com/accounts/login/"_s);
        const QByteArrayList stored =
            jar.absorb(login, {"sessionid=s3cr3t; Path=/; HttpOnly; SameSite=Lax",
                               "csrftoken=c5rf; Domain=example.com; Path=/",
                               "scoped=1; Path=/accounts", "secure=1; Secure; Path=/",
                               "stolen=1; Domain=other.org", // another site's: refused
                               "tld=1; Domain=com"});        // a public suffix: refused
        QCOMPARE(stored, (QByteArrayList{"sessionid", "csrftoken", "scoped", "secure"}));
        QCOMPARE(jar.cookies().size(), 4);

        // Host-only cookies stay with their host; domain cookies go to subdomains too.
        QCOMPARE(namesOf(jar.cookiesFor(QUrl(u"https://www.example.com/"_s))),
                 QByteArrayList{"csrftoken"});
        // The longest path first; Secure cookies only over https.
        QCOMPARE(namesOf(jar.cookiesFor(QUrl(u"https://api.example.com/accounts/me"_s))).first(),
                 QByteArray("scoped"));
        QVERIFY(!namesOf(jar.cookiesFor(QUrl(u"http://api.example.com/"_s))).contains("secure"));
        QVERIFY(namesOf(jar.cookiesFor(QUrl(u"https://api.example.com/"_s))).contains("secure"));
        QVERIFY(
            !namesOf(jar.cookiesFor(QUrl(u"https://api.example.com/items"_s))).contains("scoped"));
        QVERIFY(jar.cookiesFor(QUrl(u"https://example.org/"_s)).isEmpty());

        // A later value replaces the earlier one; an expired Set-Cookie deletes it.
        const quint64 before = jar.revision();
        jar.absorb(login, {"sessionid=new; Path=/"});
        QCOMPARE(jar.cookiesFor(QUrl(u"https://api.example.com/"_s)).size(), 3);
        QVERIFY(jar.revision() > before);
        QCOMPARE(jar.absorb(login, {"sessionid=; Path=/; Max-Age=0"}), QByteArrayList{"sessionid"});
        QVERIFY(!namesOf(jar.cookies()).contains("sessionid"));
        // Deleting a cookie the jar does not have changes nothing (and needs no saving).
        const quint64 unchanged = jar.revision();
        QCOMPARE(jar.absorb(login, {"messages=; Path=/; Max-Age=0"}), QByteArrayList());
        QCOMPARE(jar.revision(), unchanged);
        QCOMPARE(Http::cookieHeader(jar.cookiesFor(QUrl(u"https://api.example.com/"_s))),
                 QByteArray("csrftoken=c5rf; secure=1"));
    }

    void jsonKeepsValuesApart()
    {
        Http::CookieJar jar;
        jar.absorb(QUrl(u"http://127.0.0.1:8000/"_s),
                   {"sessionid=SENTINEL-cookie-value; Path=/; Max-Age=3600; HttpOnly",
                    "pref=dark; Path=/app; SameSite=Strict"});
        const QByteArray file = Http::cookiesToJson(jar.cookies());
        const QByteArray values = Http::cookieValuesToJson(jar.cookies());
        QVERIFY(!file.contains("SENTINEL"));
        QVERIFY(file.contains("sessionid"));

        qsizetype missing = -1;
        Result<QList<QNetworkCookie>> back = Http::cookiesFromJson(file, values, &missing);
        QVERIFY(back);
        QCOMPARE(missing, 0);
        QCOMPARE(back.value().size(), 2);
        QCOMPARE(back.value()[0].value(), QByteArray("SENTINEL-cookie-value"));
        QVERIFY(back.value()[0].isHttpOnly());
        QVERIFY(!back.value()[0].isSessionCookie());
        QCOMPARE(back.value()[1].sameSitePolicy(), QNetworkCookie::SameSite::Strict);
        QCOMPARE(back.value()[1].path(), u"/app"_s);

        // A listing needs no values; lost values are counted, not invented.
        Result<QList<QNetworkCookie>> listed = Http::cookiesFromJson(file, QByteArray());
        QVERIFY(listed && listed.value().size() == 2 && listed.value()[0].value().isEmpty());
        Result<QList<QNetworkCookie>> lost =
            Http::cookiesFromJson(file, "{\"values\":{}}", &missing);
        QVERIFY(lost && lost.value().isEmpty());
        QCOMPARE(missing, 2);

        // A broken file names the place.
        Result<QList<QNetworkCookie>> broken =
            Http::cookiesFromJson(R"({"cookies": [{"name": 3}]})", values);
        QVERIFY(!broken);
        QVERIFY2(broken.error().toString().contains(u"$.cookies[0]"_s),
                 qPrintable(broken.error().toString()));
    }

    void storePutsValuesInTheSecretStoreOnly()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        Secrets::MemorySecretStore store;
        Http::CookieJar jar;
        jar.absorb(QUrl(u"http://127.0.0.1/"_s), {"sessionid=SENTINEL-jar-value; Path=/"});
        QVERIFY(!Workspace::hasCookieJar(root.path(), u"local.json"_s));

        Status saved = Error{};
        Workspace::saveCookieJar(store, root.path(), u"ws"_s, u"local.json"_s, jar.cookies(),
                                 [&](Status s) { saved = s; });
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
        QFile file(root.path() + u'/' + Workspace::cookieJarPath(u"local.json"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray onDisk = file.readAll();
        QVERIFY(onDisk.contains("sessionid"));
        QVERIFY(!onDisk.contains("SENTINEL"));
        // .keyhole keeps itself out of git.
        QVERIFY(QFile::exists(root.path() + u"/.keyhole/.gitignore"_s));

        Result<QList<QNetworkCookie>> loaded = Error{};
        Workspace::loadCookieJar(store, root.path(), u"ws"_s, u"local.json"_s,
                                 [&](Result<QList<QNetworkCookie>> r) { loaded = r; });
        QVERIFY(loaded);
        QCOMPARE(loaded.value().size(), 1);
        QCOMPARE(loaded.value()[0].value(), QByteArray("SENTINEL-jar-value"));
        Result<QList<QNetworkCookie>> listed =
            Workspace::listCookieJar(root.path(), u"local.json"_s);
        QVERIFY(listed && listed.value().size() == 1);

        // Another environment's jar is another jar.
        Workspace::loadCookieJar(store, root.path(), u"ws"_s, u"staging.json"_s,
                                 [&](Result<QList<QNetworkCookie>> r) { loaded = r; });
        QVERIFY(loaded && loaded.value().isEmpty());

        // Emptying the jar removes the file and the secret.
        Workspace::saveCookieJar(store, root.path(), u"ws"_s, u"local.json"_s, {},
                                 [&](Status s) { saved = s; });
        QVERIFY(saved);
        QVERIFY(!Workspace::hasCookieJar(root.path(), u"local.json"_s));
        std::optional<QByteArray> left = QByteArray("x");
        store.read(Workspace::cookieJarSecretKey(u"ws"_s, u"local.json"_s),
                   [&](Secrets::ReadResult r) { left = r ? r.value() : QByteArray("error"); });
        QVERIFY(!left);
    }

    void theExecutorSendsAndKeepsCookiesHopByHop()
    {
        QList<Raw::ParsedRequest> received;
        Demo::LoopbackServer server([](const Raw::ParsedRequest& r) {
            if (r.target == "/login")
                return Demo::ServerResponse{
                    302,
                    "Found",
                    {{"Location", "/home"},
                     {"Set-Cookie", "sessionid=abc123456; Path=/; HttpOnly"}},
                    {}};
            if (r.target == "/logout")
                return Demo::ServerResponse{
                    200, "OK", {{"Set-Cookie", "sessionid=; Path=/; Max-Age=0"}}, {}};
            return Demo::ServerResponse{200, "OK", {}, "home"};
        });
        QVERIFY(server.listen());
        connect(&server, &Demo::LoopbackServer::requestReceived, this,
                [&](const Raw::ParsedRequest& r) { received.append(r); });

        Http::ExecuteOptions options;
        options.cookieJar = std::make_shared<Http::CookieJar>();
        Http::Exchange exchange = Testing::sendAndWait(
            m_manager, Testing::preparedRequest("GET", server.baseUrl() + u"/login"_s), options);
        QCOMPARE(exchange.hops.size(), 2);
        // The cookie the redirect set goes to the next hop, and the hop shows it was sent.
        QCOMPARE(exchange.hops[0].jarCookiesStored, QByteArrayList{"sessionid"});
        QCOMPARE(exchange.hops[1].jarCookiesSent, QByteArrayList{"sessionid"});
        QCOMPARE(Model::headerValue(received[1].headers, "Cookie"),
                 QByteArray("sessionid=abc123456"));
        QCOMPARE(Model::headerValue(exchange.hops[1].request.headers, "Cookie"),
                 QByteArray("sessionid=abc123456"));
        QVERIFY(
            Http::hopChanges(exchange, 1).join(u'\n').contains(u"environment's jar: sessionid"_s));
        QVERIFY(
            Http::hopChanges(exchange, 0).join(u'\n').contains(u"kept in the environment's jar"_s));
        // The value is a credential: masked like any secret.
        QVERIFY(exchange.secretValues.contains("abc123456"));
        const Http::Exchange shown = Http::redactSecrets(exchange);
        QVERIFY(!Raw::requestBytes(shown.hops[1].request).contains("abc123456"));
        QVERIFY(!Model::headerValue(shown.hops[0].response.headers, "Set-Cookie")
                     .contains("abc123456"));

        // The next send carries it too; the request's own cookie of that name wins, others join.
        received.clear();
        exchange =
            Testing::sendAndWait(m_manager,
                                 Testing::preparedRequest("GET", server.baseUrl() + u"/home"_s,
                                                          {{"Cookie", "theme=dark"}}),
                                 options);
        QCOMPARE(Model::headerValue(received[0].headers, "Cookie"),
                 QByteArray("theme=dark; sessionid=abc123456"));
        received.clear();
        exchange =
            Testing::sendAndWait(m_manager,
                                 Testing::preparedRequest("GET", server.baseUrl() + u"/home"_s,
                                                          {{"Cookie", "sessionid=mine"}}),
                                 options);
        QCOMPARE(Model::headerValue(received[0].headers, "Cookie"), QByteArray("sessionid=mine"));
        QVERIFY(exchange.hops[0].jarCookiesSent.isEmpty());

        // The server deleting it deletes it from the jar.
        exchange = Testing::sendAndWait(
            m_manager, Testing::preparedRequest("POST", server.baseUrl() + u"/logout"_s), options);
        QVERIFY(options.cookieJar->isEmpty());

        // Without a jar nothing is kept or added.
        received.clear();
        exchange = Testing::sendAndWait(
            m_manager, Testing::preparedRequest("GET", server.baseUrl() + u"/login"_s));
        QCOMPARE(exchange.hops.size(), 2);
        QVERIFY(Model::headerValue(received[1].headers, "Cookie").isNull());
        QVERIFY(exchange.hops[0].jarCookiesStored.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCookieJar)
#include "tst_CookieJar.moc"
