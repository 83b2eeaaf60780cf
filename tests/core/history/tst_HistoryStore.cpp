#include "core/history/HistoryStore.h"
#include "core/http/ExchangeJson.h"
#include "core/raw/RawText.h"
#include "tests/support/Fixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

// A finished exchange as the Executor leaves it: one hop, a token in the header, a session
// cookie and a token in the JSON answer.
Http::Exchange exchange(int status, const QByteArray& token, const QByteArray& path = "/api/items/")
{
    Http::Hop hop;
    hop.request.method = "GET";
    hop.request.url = QUrl(u"http://127.0.0.1:8000"_s + QString::fromUtf8(path) +
                           u"?page=2&access_token="_s + QString::fromUtf8(token));
    hop.request.target = path + "?page=2&access_token=" + token;
    hop.request.wireHeaders = {{"Host", "127.0.0.1:8000", Http::HeaderOrigin::Network},
                               {"Authorization", "Bearer " + token, Http::HeaderOrigin::Request},
                               {"User-Agent", "Keyhole/0.1.0", Http::HeaderOrigin::Keyhole}};
    hop.request.headers = {{"Authorization", "Bearer " + token}};
    hop.response.received = true;
    hop.response.status = status;
    hop.response.reason = status == 200 ? "OK" : "Unauthorized";
    hop.response.httpVersion = "HTTP/1.1";
    hop.response.headers = {{"Content-Type", "application/json"},
                            {"Set-Cookie", "sessionid=s3cr3t-session; Path=/; HttpOnly"}};
    hop.response.body = "{\"access\":\"" + token + "\",\"items\":[1,2]}";
    hop.response.decodedBody = hop.response.body;
    hop.timings.started = QDateTime::fromString(u"2026-11-22T10:00:00.000Z"_s, Qt::ISODateWithMs);
    hop.timings.totalMs = 12.5;
    Http::Exchange result;
    result.hops = {hop};
    result.secretValues = {"a-secret-password"};
    return result;
}

QByteArray everything(const QString& dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += Testing::readAll(it.next());
    return all;
}

} // namespace

class TestHistoryStore final : public QObject {
    Q_OBJECT

private slots:
    void recordsListsFindsAndMasks()
    {
        QTemporaryDir dir;
        History::Store store(dir.path());
        QVERIFY(store.list().isEmpty());
        QCOMPARE(store.find(u"last"_s).error().message,
                 u"the history of this workspace is empty"_s);

        QVERIFY(
            store.record(exchange(401, "old-token-1234"), u"api/items.request.json"_s, u"local"_s));
        QVERIFY(
            store.record(exchange(200, "new-token-5678"), u"api/items.request.json"_s, u"local"_s));
        Result<History::Entry> third =
            store.record(exchange(200, "other-token-9012", "/other"), {}, {});
        QVERIFY(third);
        QCOMPARE(third.value().id, u"h3"_s);

        const QList<History::Entry> entries = store.list();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[0].id, u"h3"_s);
        QCOMPARE(entries[2].status, 401);
        QCOMPARE(entries[2].requestPath, u"api/items.request.json"_s);
        QCOMPARE(entries[2].environment, u"local"_s);
        QCOMPARE(entries[2].method, u"GET"_s);
        QCOMPARE(entries[2].totalMs, 12.5);
        QCOMPARE(store.find(u"last"_s).value().id, u"h3"_s);
        QCOMPARE(store.find(u"last~2"_s).value().id, u"h1"_s);
        QCOMPARE(store.find(u"2"_s).value().id, u"h2"_s);
        QVERIFY(!store.find(u"last~3"_s));
        QVERIFY(!store.find(u"h9"_s));
        QCOMPARE(store.lastSuccessful(u"api/items.request.json"_s)->id, u"h2"_s);
        QVERIFY(!store.lastSuccessful(u"api/items.request.json"_s, u"h2"_s));

        // Nothing secret on disk: tokens (header, query, JSON answer), session cookie, secret
        // values; the credentials are there as fingerprints, and differ between sends.
        const QByteArray disk = everything(dir.path());
        for (const QByteArray secret : {"old-token-1234", "new-token-5678", "other-token-9012",
                                        "s3cr3t-session", "a-secret-password"})
            QVERIFY2(!disk.contains(secret), secret.constData());
        QVERIFY(QFile::exists(dir.path() + u"/.keyhole/.gitignore"_s));

        Result<Http::Exchange> first = store.exchange(u"h1"_s);
        QVERIFY(first);
        const Http::Hop& hop = first.value().hops.first();
        QCOMPARE(hop.request.wireHeaders[1].value,
                 "Bearer " + Http::credentialFingerprint("old-token-1234"));
        QCOMPARE(hop.response.headers[1].value,
                 "sessionid=" + Http::credentialFingerprint("s3cr3t-session") +
                     "; Path=/; HttpOnly");
        QVERIFY(hop.request.url.toString().contains(u"page=2&access_token="_s));
        QVERIFY(hop.response.decodedBody.contains("\"items\":[1,2]"));
        QCOMPARE(hop.response.status, 401);
        QCOMPARE(hop.timings.totalMs, 12.5);
        QVERIFY(Raw::requestBytes(hop.request).startsWith("GET /api/items/?page=2&access_token="));
    }

    void jsonRoundTrip()
    {
        Http::Exchange original = exchange(200, "t");
        original.secretValues.clear();
        original.warnings = {u"a warning"_s};
        original.unresolvedVariables = {u"token"_s};
        original.hops.first().cause = "digest";
        original.hops.first().droppedHeaders = {{"Authorization", u"other origin"_s}};
        original.hops.first().error = {Http::TransportErrorKind::Timeout, u"timed out"_s};
        original.hops.first().response.body = QByteArray("\x1f\x8b\x00binary", 9);
        const QJsonObject json = Http::exchangeToJson(original);
        QCOMPARE(Http::exchangeToJson(Http::exchangeFromJson(json)), json);
    }

    void deletesSendsAndNeverReusesTheirIds()
    {
        QTemporaryDir dir;
        History::Store store(dir.path());
        for (int i = 0; i < 4; ++i)
            QVERIFY(store.record(exchange(200, "token-abcd"), {}, {}));
        const Result<qsizetype> removed = store.remove({u"h2"_s, u"h4"_s, u"h9"_s});
        QVERIFY(removed);
        QCOMPARE(removed.value(), qsizetype(2));
        QStringList ids;
        for (const History::Entry& entry : store.list())
            ids.append(entry.id);
        QCOMPARE(ids, (QStringList{u"h3"_s, u"h1"_s}));
        const QString directory = History::Store::directoryOf(dir.path());
        QVERIFY(!QFile::exists(directory + u"/h2.json"_s));
        QVERIFY(!QFile::exists(directory + u"/h4.json"_s));
        QVERIFY(QFile::exists(directory + u"/h3.json"_s));
        QVERIFY(!store.find(u"h4"_s));
        // The newest was deleted: the next send still gets a new number.
        QCOMPARE(store.record(exchange(200, "token-abcd"), {}, {}).value().id, u"h5"_s);
        QCOMPARE(store.remove({u"h9"_s}).value(), qsizetype(0));
    }

    void prunesTheOldestAndSkipsTakenIdsAndDamagedLines()
    {
        QTemporaryDir dir;
        History::Store store(dir.path(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(store.record(exchange(200, "token-abcd"), {}, {}));
        // Another process took h4 a moment ago; a torn line sits in the index.
        QFile taken(History::Store::directoryOf(dir.path()) + u"/h4.json"_s);
        QVERIFY(taken.open(QIODevice::WriteOnly));
        taken.close();
        QFile index(History::Store::directoryOf(dir.path()) + u"/index.jsonl"_s);
        QVERIFY(index.open(QIODevice::Append));
        index.write("{\"id\": \"h\n");
        index.close();
        Result<History::Entry> next = store.record(exchange(200, "token-abcd"), {}, {});
        QVERIFY(next);
        QCOMPARE(next.value().id, u"h5"_s);
        const QList<History::Entry> entries = store.list();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries.last().id, u"h2"_s);
        QVERIFY(!QFile::exists(History::Store::directoryOf(dir.path()) + u"/h1.json"_s));
    }

    void everyPlaceACredentialHides()
    {
        QTemporaryDir dir;
        History::Store store(dir.path());
        Http::Exchange sent = exchange(200, "token-abcd");
        Http::Hop& hop = sent.hops.first();
        hop.request.url = QUrl(u"https://ann:hunter2@127.0.0.1/login?apiKey=k-12345&page=1"_s);
        hop.request.target = "/login?apiKey=k-12345&page=1";
        hop.request.body = "username=ann&password=hunter2&next=%2F";
        hop.response.headers.append(
            Model::HeaderField{"Location", "https://127.0.0.1/cb?access_token=loc-98765&x=1"});
        // A gzip body holding a token: only the decoded, masked form may be kept.
        hop.response.body = QByteArray("\x1f\x8b compressed bytes with gz-secret-777");
        hop.response.decodedBody =
            "{\"user\":\"ann\",\"accessToken\":\"gz-secret-777\",\"refresh_token\":\"r-55555\"}";
        QVERIFY(store.record(sent, {}, {}));
        const QByteArray disk = everything(dir.path());
        for (const QByteArray secret :
             {"hunter2", "k-12345", "loc-98765", "gz-secret-777", "r-55555"})
            QVERIFY2(!disk.contains(secret), secret.constData());
        const Http::Exchange stored = store.exchange(u"last"_s).value();
        const Http::Hop& kept = stored.hops.first();
        QVERIFY(kept.request.body.startsWith("username=ann&password=%E2%80%B9fingerprint"));
        QVERIFY(kept.request.body.endsWith("&next=%2F"));
        QVERIFY(kept.request.target.endsWith("&page=1"));
        QCOMPARE(kept.response.body, kept.response.decodedBody);
        QVERIFY(kept.response.decodedBody.startsWith(
            "{\"user\":\"ann\",\"accessToken\":\"\u2039fingerprint "));
        QVERIFY(stored.warnings.join(u'\n').contains(u"kept decoded"_s));
        QVERIFY(!store.find(u"last~99999999999999999999"_s));
    }

    void bigBodiesAreCut()
    {
        QTemporaryDir dir;
        History::Store store(dir.path());
        Http::Exchange big = exchange(200, "token-abcd");
        big.hops.first().response.body = QByteArray(History::Store::kStoredBodyLimit + 10, 'x');
        big.hops.first().response.decodedBody = big.hops.first().response.body;
        QVERIFY(store.record(big, {}, {}));
        const Http::Exchange stored = store.exchange(u"last"_s).value();
        QCOMPARE(stored.hops.first().response.body.size(), History::Store::kStoredBodyLimit);
        QVERIFY(stored.warnings.join(u'\n').contains(u"history: response body cut at 2 MB"_s));

        // A token across the limit is not cut in two (half of it kept unmasked): the cut is
        // made at the separator before it, and what is kept is masked.
        const QByteArray token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        QByteArray json = "{\"items\": \"" +
                          QByteArray(History::Store::kStoredBodyLimit - 60, 'y') +
                          "\", \"access\": \"" + token + "\"}";
        big.hops.first().response.body = json;
        big.hops.first().response.decodedBody = json;
        QVERIFY(store.record(big, {}, {}));
        const QByteArray kept = store.exchange(u"last"_s).value().hops.first().response.body;
        QVERIFY(kept.size() < History::Store::kStoredBodyLimit);
        QVERIFY(!kept.contains(token.left(20)));
        // A secret with a separator inside it (a space) is masked whole before the cut.
        json = "{\"items\": \"" + QByteArray(History::Store::kStoredBodyLimit - 40, 'y') +
               "\", \"password\": \"correct horse battery staple\"}";
        big.hops.first().response.body = json;
        big.hops.first().response.decodedBody = json;
        QVERIFY(store.record(big, {}, {}));
        const QByteArray keptToo = store.exchange(u"last"_s).value().hops.first().response.body;
        QVERIFY2(!keptToo.contains("correct") && !keptToo.contains("horse"),
                 keptToo.right(80).constData());
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_HistoryStore.moc"
