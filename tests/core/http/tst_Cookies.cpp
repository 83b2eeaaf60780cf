#include "core/http/Cookies.h"

#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestCookies final : public QObject {
    Q_OBJECT

private slots:
    void sentAndSetCookiesHopByHop()
    {
        Http::Exchange exchange;
        Http::Hop login;
        login.request.wireHeaders = {{"Host", "example.com"},
                                     {"Cookie", "csrftoken=abc; theme=dark"}};
        login.response.received = true;
        login.response.headers = {
            {"Set-Cookie", "sessionid=s3cr3t; expires=Wed, 09 Dec 2026 10:00:00 GMT; HttpOnly; "
                           "Max-Age=1209600; Path=/; SameSite=Lax"},
            {"Content-Type", "text/html"},
            {"Set-Cookie", "csrftoken=new; Domain=.example.com; Path=/; Secure; SameSite=Strict"},
            {"Set-Cookie", "old=; Max-Age=0; Path=/"},
            {"Set-Cookie", "=broken"}};
        Http::Hop next;
        next.request.wireHeaders = {{"Cookie", "sessionid=s3cr3t"}};
        // Arrived on 23 November 2026 at 10:00:00.250: the expiry is reckoned from then, not
        // from when the send is looked at (shown again from history a month later).
        const QDateTime now = QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC);
        login.timings.started = now;
        login.timings.headersMs = 250;
        login.response.headers.append(Model::HeaderField{"Set-Cookie", "short=1; Max-Age=60"});
        exchange.hops = {login, next}; // the second got no answer: nothing set
        const QList<Http::CookieRow> rows = Http::exchangeCookies(exchange);
        QCOMPARE(rows.size(), 7);
        QCOMPARE(rows[0].name, "csrftoken");
        QVERIFY(rows[0].sent);
        QCOMPARE(rows[1].value, "dark");
        const Http::CookieRow& session = rows[2];
        QVERIFY(!session.sent);
        QCOMPARE(session.name, "sessionid");
        QCOMPARE(session.value, "s3cr3t");
        QVERIFY(session.httpOnly);
        QVERIFY(!session.secure);
        QCOMPARE(session.sameSite, u"Lax"_s);
        QCOMPARE(session.path, u"/"_s);
        // Max-Age wins over Expires, counted from the arrival.
        QCOMPARE(session.expires, now.addMSecs(250).addSecs(1209600));
        QVERIFY(!session.removes);
        QCOMPARE(rows[3].domain, u".example.com"_s);
        QVERIFY(rows[3].secure);
        QCOMPARE(rows[3].sameSite, u"Strict"_s);
        QCOMPARE(rows[4].name, "old");
        QVERIFY(rows[4].removes); // Max-Age=0 deletes it
        QCOMPARE(rows[5].name, "short");
        QCOMPARE(rows[5].expires, now.addMSecs(250).addSecs(60));
        QVERIFY(!rows[5].removes);
        QCOMPARE(rows[6].hop, qsizetype(1));
        QVERIFY(rows[6].sent);

        // No timings (an imported exchange): the response's Date header is the arrival.
        exchange.hops[0].timings = {};
        exchange.hops[0].response.headers.append(
            Model::HeaderField{"Date", "Mon, 23 Nov 2026 10:00:00 GMT"});
        QCOMPARE(Http::exchangeCookies(exchange)[5].expires, now.addSecs(60));
    }
};

QTEST_MAIN(TestCookies)
#include "tst_Cookies.moc"
