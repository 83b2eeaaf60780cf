#include "core/interchange/ImportAny.h"
#include "core/interchange/import/InsomniaImport.h"
#include "tests/core/interchange/ImportTestSupport.h"

#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;
using Keyhole::Testing::headerOf;

namespace {

QString variableValue(const Model::VariableList& variables, const QString& name,
                      bool* secret = nullptr)
{
    for (const Model::Variable& variable : variables)
        if (variable.name == name) {
            if (secret)
                *secret = variable.secret;
            return variable.value;
        }
    return u"(missing)"_s;
}

} // namespace

class TestInsomniaImport : public QObject {
    Q_OBJECT

private slots:
    void readsAVersion4Export()
    {
        Result<Interchange::ImportResult> result = Interchange::importInsomnia(
            Testing::importData(u"insomnia"_s, u"demo-v4.json"_s), u"demo-v4.json"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const Interchange::ImportResult& imported = result.value();
        const Model::Folder& collection = *imported.collection;
        QCOMPARE(imported.format, u"Insomnia export v4"_s);
        QCOMPARE(collection.name, u"Demo API"_s);
        QCOMPARE(collection.description, u"The test API."_s);
        // The base environment's data: collection variables.
        QCOMPARE(variableValue(collection.variables, u"baseUrl"_s), u"http://127.0.0.1:8000"_s);
        // Order by metaSortKey: Log in (-200) before the Items folder (-50).
        QCOMPARE(collection.order, (QStringList{u"request:0"_s, u"folder:0"_s}));
        const Model::RequestTemplate& login = collection.requests[0].request;
        QCOMPARE(login.name, u"Log in"_s);
        QCOMPARE(login.url, u"{{baseUrl}}/api/token/"_s);
        QCOMPARE(login.auth.kind, Model::AuthKind::Inherit);
        QCOMPARE(login.settings.followRedirects, false); // "off"; "global" leaves it unset
        QCOMPARE(login.body.contentType, u"application/json"_s);
        QVERIFY2(login.body.text.contains(u"\"password\": \"{{password}}\""_s),
                 qPrintable(login.body.text));
        QVERIFY(login.body.text.contains(u"\"username\": \"{{user}}\""_s));
        // Response chaining became an extraction on the login.
        QCOMPARE(login.extractions.size(), 1);
        QCOMPARE(login.extractions[0].path, u"access"_s);
        QCOMPARE(login.extractions[0].variable, u"log_in_access"_s);
        QVERIFY(login.extractions[0].secret);
        QVERIFY(!login.preserved.contains(u"insomnia-id"_s));

        const Model::Folder& items = collection.folders[0];
        QCOMPARE(items.name, u"Items"_s);
        QCOMPARE(variableValue(items.variables, u"page_size"_s), u"20"_s);
        QCOMPARE(items.requests.size(), size_t(4));
        const Model::RequestTemplate& list = items.requests[0].request;
        QCOMPARE(list.name, u"List items"_s);
        QCOMPARE(list.description, u"All items."_s);
        QCOMPARE(list.params,
                 (Model::KeyValueList{{u"page"_s, u"2"_s, true}, {u"q"_s, u"lamp"_s, false}}));
        QCOMPARE(headerOf(list, u"X-Request-Id"_s), u"{{$guid}}"_s);
        QCOMPARE(list.auth.kind, Model::AuthKind::Bearer);
        QCOMPARE(list.auth.prefix, u"Bearer"_s);
        QCOMPARE(list.auth.token, u"{{log_in_access}}"_s);

        const Model::RequestTemplate& upload = items.requests[1].request;
        QCOMPARE(upload.body.kind, Model::BodyKind::Multipart);
        QCOMPARE(upload.body.multipart.size(), 2);
        QVERIFY(upload.body.multipart[1].isFile);
        QCOMPARE(upload.body.multipart[1].value, u"/tmp/lamp.png"_s);
        QCOMPARE(headerOf(upload, u"Content-Type"_s), QString()); // Keyhole's own boundary
        QCOMPARE(upload.auth.kind, Model::AuthKind::Basic);
        QCOMPARE(upload.auth.username, u"{{user}}"_s);
        QCOMPARE(upload.auth.password, u"s3cret-pw"_s); // lifted into a secret on placing

        const Model::RequestTemplate& form = items.requests[2].request;
        QCOMPARE(form.body.kind, Model::BodyKind::FormUrlEncoded);
        QCOMPARE(form.body.form,
                 (Model::KeyValueList{{u"a"_s, u"1"_s, true}, {u"b"_s, u"2"_s, false}}));
        QCOMPARE(form.auth.kind, Model::AuthKind::ApiKey);
        QCOMPARE(form.auth.keyName, u"X-API-Key"_s);
        QCOMPARE(form.auth.keyValue, u"{{apiKey}}"_s);

        const Model::RequestTemplate& graphql = items.requests[3].request;
        QCOMPARE(graphql.body.contentType, u"application/json"_s);
        QCOMPARE(headerOf(graphql, u"Content-Type"_s), u"application/json"_s);
        QCOMPARE(graphql.auth.kind, Model::AuthKind::None); // ntlm: kept, warned
        QVERIFY(graphql.preserved.value(u"insomnia"_s).toObject().contains(u"authentication"_s));

        QCOMPARE(imported.environments.size(), size_t(2));
        QCOMPARE(imported.environments[0].name, u"Local"_s);
        bool secret = false;
        QCOMPARE(variableValue(imported.environments[0].variables, u"password"_s, &secret),
                 u"demo"_s);
        QVERIFY(secret);
        QCOMPARE(variableValue(imported.environments[0].variables, u"nested.level"_s), u"one"_s);
        variableValue(imported.environments[1].variables, u"apiKey"_s, &secret);
        QVERIFY(secret); // a private environment's values
        QVERIFY(Interchange::carriesSecretValues(imported));

        const QString warnings = imported.warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"ntlm"_s), qPrintable(warnings));
        // The kept NTLM auth's password is lifted like every other credential.
        Interchange::ImportResult lifted = imported;
        Interchange::liftSecretsInto(lifted, Model::Workspace{});
        const QJsonObject kept = lifted.collection->folders[0]
                                     .requests[3]
                                     .request.preserved.value(u"insomnia"_s)
                                     .toObject()
                                     .value(u"authentication"_s)
                                     .toObject();
        QCOMPARE(kept.value(u"password"_s).toString(), u"{{ntlm_password}}"_s);
        QVERIFY(warnings.contains(u"websocket_request \"Live\" is not imported"_s));
        QVERIFY(warnings.contains(u"1 cookie(s)"_s));
    }

    void readsAVersion5YamlExport()
    {
        Result<Interchange::ImportResult> result = Interchange::importInsomnia(
            Testing::importData(u"insomnia"_s, u"demo-v5.yaml"_s), u"demo-v5.yaml"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const Model::Folder& collection = *result.value().collection;
        QCOMPARE(result.value().format, u"Insomnia export v5"_s);
        QCOMPARE(collection.name, u"Demo API v5"_s);
        QCOMPARE(collection.order, (QStringList{u"folder:0"_s, u"request:0"_s}));
        const Model::RequestTemplate& login = collection.folders[0].requests[0].request;
        QCOMPARE(login.body.text, u"{\"username\": \"demo\", \"password\": \"{{password}}\"}"_s);
        QCOMPARE(login.extractions.size(), 1);
        QVERIFY(login.extractions[0].secret); // sent in Authorization
        const Model::RequestTemplate& items = collection.requests[0].request;
        QCOMPARE(headerOf(items, u"Authorization"_s), u"Bearer {{log_in_access}}"_s);
        QCOMPARE(items.auth.kind, Model::AuthKind::None);
        QCOMPARE(result.value().environments.at(0).name, u"Local"_s);
        QCOMPARE(variableValue(collection.variables, u"baseUrl"_s), u"http://127.0.0.1:8000"_s);
    }

    void exportsWithoutAWorkspace()
    {
        const QByteArray json = "{\"_type\": \"export\", \"__export_format\": 4, \"resources\": ["
                                " {\"_type\": \"environment\", \"_id\": \"env_1\", \"data\": "
                                "{\"base_url\": \"https://x.test\"}},"
                                " {\"_type\": \"request\", \"_id\": \"req_1\", \"method\": \"GET\","
                                "  \"url\": \"{{ base_url }}/products\"}]}";
        Result<Interchange::ImportResult> result =
            Interchange::importInsomnia(json, u"/tmp/shop.json"_s);
        QVERIFY(result.ok());
        QCOMPARE(result.value().collection->name, u"shop"_s);
        QCOMPARE(result.value().collection->requests[0].request.url, u"{{base_url}}/products"_s);
        QCOMPARE(variableValue(result.value().collection->variables, u"base_url"_s),
                 u"https://x.test"_s);
    }

    void malformedExportsNameThePlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("syntax") << QByteArray("{\"resources\": [") << u"i.json:1:16"_s;
        QTest::newRow("resources not an array")
            << QByteArray("{\"__export_format\": 4, \"resources\": 5}") << u"i.json $.resources"_s;
        QTest::newRow("resource not an object")
            << QByteArray("{\"__export_format\": 4, \"resources\": [1]}")
            << u"i.json $.resources[0]"_s;
        QTest::newRow("headers not an array")
            << QByteArray("{\"__export_format\": 4, \"resources\": [{\"_type\": \"request\","
                          " \"_id\": \"r\", \"headers\": {}}]}")
            << u"i.json $.resources[0].headers"_s;
        QTest::newRow("not insomnia") << QByteArray("{\"info\": {}}") << u"i.json $"_s;
    }

    void malformedExportsNameThePlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        Result<Interchange::ImportResult> result = Interchange::importInsomnia(json, u"i.json"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, where);
    }

    void detectsInsomnia()
    {
        QCOMPARE(Interchange::detectFormat(Testing::importData(u"insomnia"_s, u"demo-v4.json"_s)),
                 u"insomnia"_s);
        QCOMPARE(Interchange::detectFormat(Testing::importData(u"insomnia"_s, u"demo-v5.yaml"_s)),
                 u"insomnia"_s);
    }
};

QTEST_GUILESS_MAIN(TestInsomniaImport)
#include "tst_InsomniaImport.moc"
