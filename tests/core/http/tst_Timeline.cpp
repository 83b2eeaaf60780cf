#include "core/http/Timeline.h"

#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestTimeline final : public QObject {
    Q_OBJECT

private slots:
    void phasesAreTheGapsBetweenTheMarks()
    {
        Http::HopTimings timings;
        timings.connectStartedMs = 2;
        timings.encryptedMs = 12;
        timings.requestSentMs = 13;
        timings.headersMs = 40;
        timings.totalMs = 45;
        Http::PhaseDurations tls = Http::phaseDurations(timings, true);
        QCOMPARE(tls.blocked, 2.0);
        QCOMPARE(tls.connect, 10.0); // the handshake included
        QCOMPARE(tls.tls, 10.0);     // the same span: no mark between TCP and TLS
        QCOMPARE(tls.send, 1.0);
        QCOMPARE(tls.wait, 27.0);
        QCOMPARE(tls.receive, 5.0);
        // Plain http: connected when the request went out.
        const Http::PhaseDurations plain = Http::phaseDurations(timings, false);
        QCOMPARE(plain.tls, -1.0);
        QCOMPARE(plain.connect, 11.0);
        QCOMPARE(plain.send, 0.0);
        // A kept-alive connection: no blocked, no connect.
        timings.connectionReused = true;
        const Http::PhaseDurations reused = Http::phaseDurations(timings, true);
        QCOMPARE(reused.blocked, -1.0);
        QCOMPARE(reused.connect, -1.0);
        QCOMPARE(reused.send, 13.0);
        // No marks at all (a transport error before anything): nothing negative.
        const Http::PhaseDurations none = Http::phaseDurations({}, false);
        QCOMPARE(none.send, 0.0);
        QCOMPARE(none.wait, 0.0);
        QCOMPARE(none.receive, 0.0);
    }

    void changesBetweenHopsSayWhatAndWhy()
    {
        Http::Exchange exchange;
        Http::Hop first;
        first.request.method = "POST";
        first.request.url = QUrl(u"https://api.example.com/login"_s);
        first.request.body = "user=a";
        first.response.received = true;
        first.response.status = 303;
        first.response.reason = "See Other";
        first.response.headers = {{"Location", "http://www.example.com/home"}};
        Http::Hop second;
        second.cause = "redirect";
        second.request.method = "GET";
        second.request.url = QUrl(u"http://www.example.com/home"_s);
        second.droppedHeaders = {{"Content-Type", u"303 turned POST into GET without a body"_s},
                                 {"Authorization", u"not sent to another origin: a → b"_s}};
        exchange.hops = {first, second};
        QVERIFY(Http::hopChanges(exchange, 0).isEmpty());
        QVERIFY(Http::hopChanges(exchange, 2).isEmpty());
        QCOMPARE(
            Http::hopChanges(exchange, 1),
            (QStringList{u"Redirected: 303 See Other → Location: http://www.example.com/home"_s,
                         u"Method changed: POST → GET"_s, u"Body dropped (6 bytes)"_s,
                         u"Origin changed: https://api.example.com → http://www.example.com "
                         u"(down to plain http)"_s,
                         u"Content-Type not sent: 303 turned POST into GET without a body"_s,
                         u"Authorization not sent: not sent to another origin: a → b"_s}));
        // A Digest answer: the same request again.
        exchange.hops[1] = first;
        exchange.hops[1].cause = "digest";
        exchange.hops[0].response.status = 401;
        QCOMPARE(Http::hopChanges(exchange, 1),
                 QStringList{u"Sent again answering the server's Digest challenge (401)"_s});
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_Timeline.moc"
