#include "core/assertions/Assertions.h"
#include "core/vars/Resolver.h"

#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;
using Source = Model::Assertion::Source;
using Op = Model::Assertion::Op;

namespace {

Http::Exchange answer(int status, Model::HeaderFields headers, const QByteArray& body)
{
    Http::Hop hop;
    hop.response.received = true;
    hop.response.status = status;
    hop.response.headers = std::move(headers);
    hop.response.body = hop.response.decodedBody = body;
    hop.timings.totalMs = 120;
    Http::Exchange exchange;
    exchange.hops.append(hop);
    return exchange;
}

Model::Assertion assertion(Source source, const QString& path, Op op, const QString& expected = {})
{
    Model::Assertion a;
    a.source = source;
    a.path = path;
    a.op = op;
    a.expected = expected;
    return a;
}

} // namespace

class TestAssertions final : public QObject {
    Q_OBJECT

private slots:
    void eachSourceAndOperator_data()
    {
        QTest::addColumn<Model::Assertion>("check");
        QTest::addColumn<bool>("passes");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, Model::Assertion a, bool passes, const QString& message) {
            QTest::newRow(name) << a << passes << message;
        };
        row("status equals", assertion(Source::Status, {}, Op::Equals, u"201"_s), true, {});
        row("status class", assertion(Source::Status, {}, Op::Equals, u"2xx"_s), true, {});
        row("status wrong", assertion(Source::Status, {}, Op::Equals, u"200"_s), false,
            u"got 201"_s);
        row("status less", assertion(Source::Status, {}, Op::LessThan, u"300"_s), true, {});
        row("header any case",
            assertion(Source::Header, u"content-type"_s, Op::Contains, u"json"_s), true, {});
        row("repeated header joined", assertion(Source::Header, u"X-Tag"_s, Op::Equals, u"a, b"_s),
            true, {});
        row("missing header", assertion(Source::Header, u"X-Id"_s, Op::Exists), false,
            u"no header X-Id in the response"_s);
        row("missing header not there", assertion(Source::Header, u"X-Id"_s, Op::NotExists), true,
            {});
        row("json string", assertion(Source::Json, u"access"_s, Op::Equals, u"eyJ"_s), true, {});
        row("json number as json", assertion(Source::Json, u"count"_s, Op::Equals, u"2.0"_s), true,
            {});
        row("json dollar path",
            assertion(Source::Json, u"$.items[1].id"_s, Op::GreaterThan, u"6"_s), true, {});
        row("json pointer", assertion(Source::Json, u"/items/0/id"_s, Op::Equals, u"5"_s), true,
            {});
        row("json object any spacing",
            assertion(Source::Json, u"items[0]"_s, Op::Equals, u"{ \"id\" : 5 }"_s), true, {});
        row("json bool", assertion(Source::Json, u"admin"_s, Op::Equals, u"false"_s), true, {});
        row("json missing", assertion(Source::Json, u"refresh"_s, Op::Exists), false,
            u"no \"refresh\" in the JSON body"_s);
        row("json missing not equals", assertion(Source::Json, u"refresh"_s, Op::NotEquals, u"x"_s),
            true, {});
        row("body matches", assertion(Source::Body, {}, Op::Matches, u"\"count\":\\s*\\d+"_s), true,
            {});
        row("bad regex", assertion(Source::Body, {}, Op::Matches, u"(["_s), false,
            u"not a valid regular expression: missing terminating ] for character class"_s);
        row("time", assertion(Source::Time, {}, Op::LessThan, u"500"_s), true, {});
        row("size", assertion(Source::Size, {}, Op::GreaterThan, u"10"_s), true, {});
        row("not numbers", assertion(Source::Json, u"access"_s, Op::LessThan, u"3"_s), false,
            u"not numbers: eyJ and 3"_s);
        row("variable", assertion(Source::Json, u"access"_s, Op::Equals, u"{{token}}"_s), true, {});
        row("unset variable", assertion(Source::Body, {}, Op::NotContains, u"{{nope}}"_s), false,
            u"{{nope}} has no value here"_s);
        row("header without its name", assertion(Source::Header, {}, Op::Exists), false,
            u"which header? Its name is missing"_s);
        row("whole JSON body", assertion(Source::Json, u"$"_s, Op::Contains, u"eyJ"_s), true, {});
    }

    void eachSourceAndOperator()
    {
        QFETCH(Model::Assertion, check);
        QFETCH(bool, passes);
        QFETCH(QString, message);
        const Http::Exchange exchange =
            answer(201, {{"Content-Type", "application/json"}, {"X-Tag", "a"}, {"X-Tag", "b"}},
                   "{\"access\": \"eyJ\", \"count\": 2, \"admin\": false, "
                   "\"items\": [{\"id\": 5}, {\"id\": 7}]}");
        Vars::Resolver resolver;
        resolver.addScope(Vars::Scope::Environment, {{u"token"_s, u"eyJ"_s}});
        const QList<Assertions::AssertionResult> results =
            Assertions::check({check}, exchange, &resolver);
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].passed, passes);
        QCOMPARE(results[0].message, message);
    }

    void disabledAreSkippedAndNoAnswerFailsAll()
    {
        Model::Assertion off = assertion(Source::Status, {}, Op::Equals, u"200"_s);
        off.enabled = false;
        Model::Assertion on = assertion(Source::Status, {}, Op::NotExists);
        const QList<Assertions::AssertionResult> results =
            Assertions::check({off, on}, Http::Exchange{}, nullptr);
        QCOMPARE(results.size(), 1);
        QVERIFY(!results[0].passed);
        QCOMPARE(results[0].message, u"no response"_s);
        QCOMPARE(Assertions::failures(results), 1);
        QCOMPARE(Assertions::resultLine(results[0]), u"✗ status notExists — no response"_s);
    }
};

QTEST_GUILESS_MAIN(TestAssertions)
#include "tst_Assertions.moc"
