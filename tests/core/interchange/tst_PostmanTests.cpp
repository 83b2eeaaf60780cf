#include "core/interchange/PostmanTests.h"
#include "core/interchange/export/PostmanExport.h"
#include "core/interchange/import/PostmanImport.h"
#include "tests/support/AssertionFixtures.h"

#include <QTest>

using Keyhole::Testing::everyKind;
using Keyhole::Testing::makeAssertion;

using namespace Keyhole;
using namespace Qt::StringLiterals;
using Source = Model::Assertion::Source;
using Op = Model::Assertion::Op;

class TestPostmanTests final : public QObject {
    Q_OBJECT

private slots:
    // What Keyhole writes as a Postman test reads back as the same assertion.
    void everyAssertionRoundTrips()
    {
        QStringList script;
        for (const Model::Assertion& assertion : everyKind())
            script.append(Interchange::postmanTest(assertion));
        const QList<Model::Assertion> back =
            Interchange::assertionsFromPostmanScript(script.join(u'\n'));
        QCOMPARE(back.size(), everyKind().size());
        for (qsizetype i = 0; i < back.size(); ++i)
            QVERIFY2(back[i] == everyKind()[i],
                     qPrintable(script[i] + u" → "_s + Model::describeAssertion(back[i])));
        QCOMPARE(Interchange::postmanTest(everyKind()[8]),
                 u"pm.test(\"json access exists\", function () { "
                 "pm.expect(pm.response.json().access).to.exist; });"_s);
    }

    // The forms Postman's own snippets write, and what cannot be read is left alone.
    void postmansSnippetsBecomeAssertions()
    {
        const QString script =
            u"pm.test(\"Status code is 200\", function () {\n"
            "    pm.response.to.have.status(200);\n"
            "});\n"
            "pm.test(\"Successful POST request\", () => pm.response.to.be.success);\n"
            "pm.test(\"Content-Type is present\", function () {\n"
            "    pm.response.to.have.header('Content-Type');\n"
            "});\n"
            "var jsonData = pm.response.json();\n"
            "pm.expect(jsonData.value).to.eql(100);\n"
            "pm.expect(jsonData['user-name']).to.equal('ann');\n"
            "pm.expect(pm.response.text()).to.include(\"string_you_want_to_search\");\n"
            "pm.expect(pm.response.responseTime).to.be.below(200);\n"
            "pm.expect(pm.response.json().token).to.eql(pm.environment.get(\"token\"));\n"
            "pm.expect(pm.response.code).to.be.oneOf([201, 202]);\n"
            "pm.expect(someFunction()).to.eql(1);\n"
            "pm.expect(jsonData.class).to.eql('gold');\n"
            "// pm.expect(jsonData.old).to.exist;\n"
            "/* pm.response.to.have.status(500); */\n"
            "pm.expect(jsonData.greeting).to.eql('Hi ' + name + '!');\n"
            "pm.expect(pm.response.text()).to.match(/welcome/i);\n"
            "pm.expect(pm.response.json()).to.eql({\"a\": 1});\n"_s;
        QStringList described;
        for (const Model::Assertion& a : Interchange::assertionsFromPostmanScript(script))
            described.append(Model::describeAssertion(a));
        QCOMPARE(described,
                 (QStringList{u"status equals 200"_s, u"status equals 2xx"_s,
                              u"header Content-Type exists"_s, u"json value equals 100"_s,
                              u"json user-name equals ann"_s,
                              u"body contains string_you_want_to_search"_s, u"time lessThan 200"_s,
                              u"json token equals {{token}}"_s, u"json class equals gold"_s,
                              u"body matches (?i)welcome"_s, u"json $ equals {\"a\": 1}"_s}));
        // {{variables}} where Postman has a number: Number(…), or the comparison fails there.
        QVERIFY(
            Interchange::postmanTest(Testing::makeAssertion(Testing::Source::Time, {},
                                                            Testing::Op::LessThan, u"{{limit}}"_s))
                .contains(u"to.be.below(Number(pm.variables.replaceIn(\"{{limit}}\")))"_s));
    }

    // Through a collection: assertions become a test event; importing it gives them back
    // (and a second export does not repeat them).
    void collectionsCarryAssertions()
    {
        Model::Folder collection;
        collection.name = u"c"_s;
        Model::RequestTemplate request;
        request.name = u"Log in"_s;
        request.url = u"https://api.test/token"_s;
        request.assertions = everyKind();
        Model::Assertion off = makeAssertion(Source::Status, {}, Op::Equals, u"418"_s);
        off.enabled = false;
        request.assertions.append(off);
        collection.requests.push_back({u"c/login.request.json"_s, request});
        const QByteArray exported = Interchange::exportPostmanCollection(collection, u"s"_s);
        QVERIFY(exported.contains("pm.test(\\\"status equals 2xx\\\""));
        QVERIFY(!exported.contains("418")); // Postman has no disabled tests
        Result<Interchange::ImportResult> imported =
            Interchange::importPostman(exported, u"c.json"_s);
        QVERIFY(imported.ok());
        Model::RequestItem& again = imported.value().collection->requests.front();
        QCOMPARE(again.request.assertions, everyKind());
        QVERIFY(imported.value().warnings.join(u' ').contains(
            u"the checks status equals 200, status equals 2xx"_s));
        again.path = u"c/login.request.json"_s;
        const QByteArray twice =
            Interchange::exportPostmanCollection(*imported.value().collection, u"s"_s);
        QCOMPARE(twice.count("pm.test("), exported.count("pm.test("));
    }
};

QTEST_GUILESS_MAIN(TestPostmanTests)
#include "tst_PostmanTests.moc"
