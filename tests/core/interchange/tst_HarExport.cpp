#include "core/interchange/export/HarExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

class TestHarExport final : public QObject {
    Q_OBJECT

private slots:
    void hopsBecomeEntries()
    {
        Http::Hop redirect;
        redirect.request.method = "POST";
        redirect.request.url = QUrl(u"http://127.0.0.1:8000/api/items?page=2&q=a%20b"_s);
        redirect.request.wireHeaders = {
            {"Host", "127.0.0.1:8000", Http::HeaderOrigin::Network},
            {"Content-Type", "application/json", Http::HeaderOrigin::Request},
            {"Cookie", "sessionid=s1; csrftoken=c1", Http::HeaderOrigin::Request}};
        redirect.request.body = "{\"a\":1}";
        redirect.response = {true,
                             301,
                             "Moved Permanently",
                             "HTTP/1.1",
                             {{"Location", "http://127.0.0.1:8000/api/items/"}},
                             {},
                             {},
                             {}};
        redirect.timings.started =
            QDateTime::fromString(u"2026-11-22T10:00:00.000Z"_s, Qt::ISODateWithMs);
        redirect.timings.connectStartedMs = 1;
        redirect.timings.requestSentMs = 3;
        redirect.timings.headersMs = 10;
        redirect.timings.totalMs = 12;
        Http::Hop binary = redirect;
        binary.cause = "redirect";
        binary.request.method = "GET";
        binary.request.body.clear();
        binary.response = {true,
                           200,
                           "OK",
                           "HTTP/1.1",
                           {{"Content-Type", "image/png"}, {"Set-Cookie", "sessionid=s2; Path=/"}},
                           QByteArray("\x89PNG\xff", 5),
                           QByteArray("\x89PNG\xff", 5),
                           {}};
        Http::Hop failed;
        failed.request.method = "GET";
        failed.request.url = QUrl(u"http://127.0.0.1:1/"_s);
        failed.error = {Http::TransportErrorKind::Refused, u"Connection refused"_s};
        Http::Exchange first;
        first.hops = {redirect, binary};
        Http::Exchange second;
        second.hops = {failed};

        const QJsonObject log =
            QJsonDocument::fromJson(Interchange::exportHar({{first, u"h1"_s}, {second, u"h2"_s}}))
                .object()
                .value(u"log"_s)
                .toObject();
        QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
        const QJsonArray entries = log.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 3);
        const QJsonObject one = entries[0].toObject();
        QCOMPARE(one.value(u"comment"_s).toString(), u"h1 · hop 1 of 2"_s);
        QCOMPARE(one.value(u"startedDateTime"_s).toString(), u"2026-11-22T10:00:00.000Z"_s);
        const QJsonObject request = one.value(u"request"_s).toObject();
        QCOMPARE(
            request.value(u"queryString"_s).toArray()[1].toObject().value(u"value"_s).toString(),
            u"a b"_s);
        QCOMPARE(request.value(u"cookies"_s).toArray().size(), 2);
        QCOMPARE(request.value(u"postData"_s).toObject().value(u"mimeType"_s).toString(),
                 u"application/json"_s);
        QCOMPARE(one.value(u"response"_s).toObject().value(u"redirectURL"_s).toString(),
                 u"http://127.0.0.1:8000/api/items/"_s);
        const QJsonObject timings = one.value(u"timings"_s).toObject();
        QCOMPARE(timings.value(u"blocked"_s).toDouble(), 1.0);
        QCOMPARE(timings.value(u"connect"_s).toDouble(), 2.0);
        QCOMPARE(timings.value(u"send"_s).toDouble(), 0.0);
        QCOMPARE(timings.value(u"wait"_s).toDouble(), 7.0);
        QCOMPARE(timings.value(u"receive"_s).toDouble(), 2.0);
        const QJsonObject two = entries[1].toObject();
        QCOMPARE(two.value(u"comment"_s).toString(), u"h1 · hop 2 of 2 (redirect)"_s);
        const QJsonObject content =
            two.value(u"response"_s).toObject().value(u"content"_s).toObject();
        QCOMPARE(content.value(u"encoding"_s).toString(), u"base64"_s);
        QCOMPARE(QByteArray::fromBase64(content.value(u"text"_s).toString().toLatin1()),
                 QByteArray("\x89PNG\xff", 5));
        QCOMPARE(two.value(u"response"_s)
                     .toObject()
                     .value(u"cookies"_s)
                     .toArray()[0]
                     .toObject()
                     .value(u"value"_s)
                     .toString(),
                 u"s2"_s);
        const QJsonObject response = entries[2].toObject().value(u"response"_s).toObject();
        QCOMPARE(response.value(u"status"_s).toInt(), 0);
        QCOMPARE(response.value(u"_error"_s).toObject().value(u"kind"_s).toString(), u"refused"_s);
    }
};

QTEST_GUILESS_MAIN(TestHarExport)
#include "tst_HarExport.moc"
