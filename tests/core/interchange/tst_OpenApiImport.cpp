#include "core/interchange/ImportAny.h"
#include "core/interchange/import/OpenApiImport.h"
#include "core/interchange/import/YamlJson.h"
#include "tests/core/interchange/ImportTestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Keyhole;
using Keyhole::Testing::headerOf;

namespace {

const Model::Folder* folderNamed(const Model::Folder& parent, const QString& name)
{
    for (const Model::Folder& folder : parent.folders)
        if (folder.name == name)
            return &folder;
    return nullptr;
}

const Model::RequestTemplate* requestNamed(const Model::Folder& folder, const QString& name)
{
    for (const Model::RequestItem& item : folder.requests)
        if (item.request.name == name)
            return &item.request;
    return nullptr;
}

} // namespace

class TestOpenApiImport : public QObject {
    Q_OBJECT

private slots:
    void readsOpenApi30Yaml()
    {
        Result<Interchange::ImportResult> result = Interchange::importOpenApi(
            Testing::importData(u"openapi"_s, u"items-3.0.yaml"_s), u"items-3.0.yaml"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const Interchange::ImportResult& imported = result.value();
        QCOMPARE(imported.format, u"OpenAPI 3.0.3"_s);
        const Model::Folder& collection = *imported.collection;
        QCOMPARE(collection.name, u"Items API"_s);
        QCOMPARE(collection.variables.first().name, u"baseUrl"_s);
        QCOMPARE(collection.variables.first().value, u"http://127.0.0.1:8000/api"_s);
        QCOMPARE(collection.auth.kind, Model::AuthKind::Bearer);
        QCOMPARE(collection.auth.token, u"{{token}}"_s);
        // Folders in the document's tag order; untagged operations at the top.
        QCOMPARE(collection.folders.size(), size_t(2));
        QCOMPARE(collection.folders[0].name, u"items"_s);
        QCOMPARE(collection.folders[0].description, u"Things to list and create."_s);
        QCOMPARE(collection.folders[1].name, u"auth"_s);
        QCOMPARE(collection.requests.size(), size_t(1));
        QCOMPARE(collection.requests[0].request.name, u"Health"_s);
        QCOMPARE(collection.requests[0].request.auth.kind, Model::AuthKind::None);
        QCOMPARE(headerOf(collection.requests[0].request, u"Accept"_s), u"text/plain"_s);

        const Model::Folder& items = collection.folders[0];
        const Model::RequestTemplate* list = requestNamed(items, u"List items"_s);
        QVERIFY(list);
        QCOMPARE(list->method, u"GET"_s);
        QCOMPARE(list->url, u"{{baseUrl}}/items/"_s);
        QCOMPARE(list->auth.kind, Model::AuthKind::Inherit);
        QCOMPARE(list->params, (Model::KeyValueList{{u"page"_s, u"1"_s, true},
                                                    {u"q"_s, u"a b&c"_s, true},
                                                    {u"tag"_s, QString(), false}}));
        QCOMPARE(headerOf(*list, u"Accept"_s), u"application/json"_s);
        QCOMPARE(headerOf(*list, u"X-Trace"_s), u"t-1"_s); // the operation's wins
        QCOMPARE(list->headers.size(), 2);
        // The spec's security is kept for the Auth Doctor.
        const QJsonObject kept = list->preserved.value(u"openapi"_s).toObject();
        QCOMPARE(kept.value(u"securitySchemes"_s)
                     .toObject()
                     .value(u"jwt"_s)
                     .toObject()
                     .value(u"scheme"_s),
                 u"bearer"_s);

        const Model::RequestTemplate* create = requestNamed(items, u"Create an item"_s);
        QVERIFY(create);
        QCOMPARE(create->body.kind, Model::BodyKind::Raw);
        QCOMPARE(create->body.contentType, u"application/json"_s);
        const QJsonObject body = QJsonDocument::fromJson(create->body.text.toUtf8()).object();
        QCOMPARE(body.value(u"name"_s), u"Lamp"_s);
        QCOMPARE(body.value(u"price"_s).toDouble(), 9.5);
        QVERIFY(!body.contains(u"id"_s)); // readOnly
        QCOMPARE(body.value(u"created"_s), u"2026-01-01T00:00:00Z"_s);
        QCOMPARE(body.value(u"tags"_s).toArray().first(), u"string"_s);
        QVERIFY(body.value(u"parent"_s).isNull()); // the recursion stops

        const Model::RequestTemplate* remove = requestNamed(items, u"deleteItem"_s);
        QVERIFY(remove);
        QCOMPARE(remove->url, u"{{baseUrl}}/items/{{id}}/"_s); // no example: the send warns
        QCOMPARE(remove->auth.kind, Model::AuthKind::ApiKey);
        QCOMPARE(remove->auth.keyName, u"X-API-Key"_s);
        QCOMPARE(remove->auth.keyValue, u"{{apiKey}}"_s);

        const Model::RequestTemplate* photo = requestNamed(items, u"Upload a photo"_s);
        QVERIFY(photo);
        QCOMPARE(photo->url, u"{{baseUrl}}/items/42/photo"_s);
        QCOMPARE(photo->body.kind, Model::BodyKind::Multipart);
        QCOMPARE(photo->body.multipart.size(), 2);
        QCOMPARE(photo->body.multipart[0].name, u"caption"_s);
        QCOMPARE(photo->body.multipart[0].value, u"Holiday"_s);
        QVERIFY(photo->body.multipart[1].isFile);

        const Model::RequestTemplate* login = requestNamed(collection.folders[1], u"Log in"_s);
        QVERIFY(login);
        QCOMPARE(login->auth.kind, Model::AuthKind::None); // security: []
        QVERIFY(login->body.text.contains(u"\"username\": \"demo\""_s));
        QVERIFY(login->body.text.contains(u"\"password\": \"{{password}}\""_s));

        // Two servers: an environment each, with the credentials the schemes need.
        QCOMPARE(imported.environments.size(), size_t(2));
        QCOMPARE(imported.environments[0].name, u"Local"_s);
        QCOMPARE(imported.environments[1].name, u"Staging"_s);
        const Model::VariableList& staging = imported.environments[1].variables;
        QCOMPARE(staging[0].value, u"https://staging.example.test/api"_s);
        QStringList names;
        for (const Model::Variable& variable : staging) {
            names.append(variable.name + (variable.secret ? u"*"_s : QString()));
            QVERIFY(variable.secret ? variable.value.isNull() : !variable.value.isEmpty());
        }
        QCOMPARE(names, (QStringList{u"baseUrl"_s, u"token*"_s, u"apiKey*"_s, u"password*"_s}));
        QVERIFY(!Interchange::carriesSecretValues(imported)); // nothing to store yet
    }

    void readsSwagger20Json()
    {
        Result<Interchange::ImportResult> result = Interchange::importOpenApi(
            Testing::importData(u"openapi"_s, u"petstore-2.0.json"_s), u"petstore.json"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        const Model::Folder& collection = *result.value().collection;
        QCOMPARE(result.value().format, u"Swagger 2.0"_s);
        QCOMPARE(collection.variables.first().value, u"https://petstore.example.test/v2"_s);
        QCOMPARE(collection.auth.kind, Model::AuthKind::None);
        const Model::Folder* pet = folderNamed(collection, u"pet"_s);
        QVERIFY(pet);
        const Model::RequestTemplate* add = requestNamed(*pet, u"Add a new pet"_s);
        QVERIFY(add);
        QCOMPARE(add->auth.kind, Model::AuthKind::OAuth2);
        QCOMPARE(add->auth.oauthGrant, u"authorization_code"_s);
        QCOMPARE(add->auth.oauthTokenUrl, u"https://petstore.example.test/oauth/token"_s);
        QCOMPARE(add->auth.oauthScope, u"read:pets write:pets"_s);
        QCOMPARE(add->auth.oauthClientId, u"{{clientId}}"_s);
        QCOMPARE(QJsonDocument::fromJson(add->body.text.toUtf8()).object().value(u"name"_s),
                 u"doggie"_s);
        const Model::RequestTemplate* find = requestNamed(*pet, u"Finds Pets by status"_s);
        QVERIFY(find);
        QCOMPARE(find->params, (Model::KeyValueList{{u"status"_s, u"available"_s, true},
                                                    {u"status"_s, u"pending"_s, true}}));
        QCOMPARE(find->auth.keyName, u"api_key"_s);
        QCOMPARE(headerOf(*find, u"Accept"_s), u"application/json"_s);
        const Model::RequestTemplate* upload = requestNamed(*pet, u"uploads an image"_s);
        QVERIFY(upload);
        QCOMPARE(upload->url, u"{{baseUrl}}/pet/{{petId}}/uploadImage"_s);
        QCOMPARE(upload->body.kind, Model::BodyKind::Multipart);
        QVERIFY(upload->body.multipart[1].isFile);
        QCOMPARE(upload->auth.kind, Model::AuthKind::Basic);
        const Model::RequestTemplate* login =
            requestNamed(*folderNamed(collection, u"user"_s), u"Logs user into the system"_s);
        QVERIFY(login);
        QCOMPARE(login->params[0], (Model::KeyValue{u"username"_s, u"{{username}}"_s, true}));
        const Model::Environment& environment = result.value().environments.at(0);
        QCOMPARE(environment.name, u"Swagger Petstore"_s);
        QStringList names;
        for (const Model::Variable& variable : environment.variables)
            names.append(variable.name + (variable.secret ? u"*"_s : QString()));
        QCOMPARE(names, (QStringList{u"clientId"_s, u"clientSecret*"_s, u"api_key*"_s,
                                     u"username"_s, u"password*"_s}));
    }

    void openApi31TypesAndRefs()
    {
        const QByteArray spec =
            "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"T\"},"
            " \"servers\": [{\"url\": \"/v1\"}],"
            " \"paths\": {\"/a\": {\"post\": {\"requestBody\": {\"content\": {"
            "  \"application/x-www-form-urlencoded\": {\"schema\": {\"type\": \"object\","
            "   \"properties\": {\"n\": {\"type\": [\"integer\", \"null\"]},"
            "                    \"s\": {\"$ref\": \"other.yaml#/S\"}}}}}},"
            "  \"responses\": {}}}},"
            " \"webhooks\": {}}";
        Result<Interchange::ImportResult> result = Interchange::importOpenApi(spec, u"t.json"_s);
        QVERIFY(result.ok());
        const Model::RequestTemplate& request = result.value().collection->requests[0].request;
        QCOMPARE(request.name, u"POST /a"_s);
        QCOMPARE(request.body.kind, Model::BodyKind::FormUrlEncoded);
        QCOMPARE(request.body.form[0], (Model::KeyValue{u"n"_s, u"0"_s, true}));
        QCOMPARE(result.value().collection->variables[0].value, u"http://localhost/v1"_s);
        const QString warnings = result.value().warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"other.yaml#/S"_s), qPrintable(warnings));
        QVERIFY(warnings.contains(u"$.servers[0]: the server URL \"/v1\" is relative"_s));
        QVERIFY(warnings.contains(u"$.webhooks"_s));
    }

    void malformedDocumentsNameThePlace_data()
    {
        QTest::addColumn<QByteArray>("spec");
        QTest::addColumn<QString>("where");
        QTest::newRow("yaml syntax")
            << QByteArray("openapi: 3.0.0\ninfo:\n  title: [a\n") << u"s.yaml:4:1"_s;
        QTest::newRow("json syntax") << QByteArray("{\"openapi\": \"3.0.0\",}") << u"s.yaml:1:22"_s;
        QTest::newRow("no version") << QByteArray("info: {title: x}\npaths: {}\n") << u"s.yaml $"_s;
        QTest::newRow("version 4") << QByteArray("openapi: 4.0.0\n") << u"s.yaml $.openapi"_s;
        QTest::newRow("paths not an object")
            << QByteArray("openapi: 3.0.0\ninfo: {title: x}\npaths: [1]\n") << u"s.yaml $.paths"_s;
        QTest::newRow("operation not an object")
            << QByteArray("openapi: 3.0.0\ninfo: {title: x}\npaths:\n  /a/{b}:\n    get: 5\n")
            << u"s.yaml $.paths[\"/a/{b}\"].get"_s;
        QTest::newRow("dangling ref")
            << QByteArray("openapi: 3.0.0\ninfo: {title: x}\npaths:\n  /a:\n    get:\n"
                          "      parameters: [{$ref: '#/components/parameters/nope'}]\n")
            << u"s.yaml $.paths./a.get.parameters[0]"_s.replace(u"./a"_s, u"[\"/a\"]"_s);
        QTest::newRow("ref loop")
            << QByteArray("openapi: 3.0.0\ninfo: {title: x}\npaths:\n  /a: {$ref: '#/x'}\n"
                          "x: {$ref: '#/x'}\n")
            << u"s.yaml $.paths[\"/a\"]"_s;
    }

    void malformedDocumentsNameThePlace()
    {
        QFETCH(QByteArray, spec);
        QFETCH(QString, where);
        Result<Interchange::ImportResult> result = Interchange::importOpenApi(spec, u"s.yaml"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().where, where);
    }

    void yamlBombsAndDepthAreBounded()
    {
        // Each level doubles: 2^40 values once the aliases are expanded.
        QByteArray bomb = "a0: &a0 [x, x]\n";
        for (int i = 1; i <= 40; ++i)
            bomb += "a" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [*a" +
                    QByteArray::number(i - 1) + ", *a" + QByteArray::number(i - 1) + "]\n";
        Result<QJsonValue> exploded = Interchange::yamlToJson(bomb, u"b.yaml"_s);
        QVERIFY(!exploded.ok());
        QVERIFY(exploded.error().message.contains(u"values"_s));
        Result<QJsonValue> deep =
            Interchange::yamlToJson(QByteArray(100000, '[') + QByteArray(100000, ']'), u"d.yaml"_s);
        QVERIFY(!deep.ok());
        QCOMPARE(deep.error().where, u"d.yaml:1"_s);
        // Scalars: the core schema for plain ones, text for quoted ones.
        Result<QJsonValue> scalars = Interchange::yamlToJson(
            "a: 1\nb: '1'\nc: true\nd: ~\ne: 1.5\nf: 12345678901234567890\ng: yes\n", u"s"_s);
        QVERIFY(scalars.ok());
        const QJsonObject object = scalars.value().toObject();
        QCOMPARE(object.value(u"a"_s), QJsonValue(1));
        QCOMPARE(object.value(u"b"_s), QJsonValue(u"1"_s));
        QCOMPARE(object.value(u"c"_s), QJsonValue(true));
        QVERIFY(object.value(u"d"_s).isNull());
        QCOMPARE(object.value(u"e"_s), QJsonValue(1.5));
        QCOMPARE(object.value(u"f"_s), QJsonValue(u"12345678901234567890"_s));
        QCOMPARE(object.value(u"g"_s), QJsonValue(u"yes"_s));
    }

    // Found in review: documents that are valid but unusual, and schemas that branch.
    void unusualButValidDocuments()
    {
        // Ten properties per schema, nine levels: 10^8 leaves if built in full.
        QByteArray spec =
            "openapi: 3.1.0\ninfo: {title: B}\npaths:\n  x-internal: true\n"
            "  /b:\n    post:\n      requestBody:\n        content:\n"
            "          application/json:\n            schema: {$ref: '#/components/schemas/S0'}\n"
            "components:\n  schemas:\n";
        for (int level = 0; level < 9; ++level) {
            spec +=
                "    S" + QByteArray::number(level) + ":\n      type: object\n      properties:\n";
            for (int p = 0; p < 10; ++p)
                spec += "        p" + QByteArray::number(p) +
                        (level == 8 ? QByteArray(": {type: string}\n")
                                    : ": {$ref: '#/components/schemas/S" +
                                          QByteArray::number(level + 1) + "'}\n");
        }
        spec += "        meta: true\n        private: {type: boolean}\n";
        Result<Interchange::ImportResult> result = Interchange::importOpenApi(spec, u"b.yaml"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result.value().collection->requests.size(), size_t(1));
        QVERIFY(result.value().collection->requests[0].request.body.text.size() < 2'000'000);
        QVERIFY(result.value().warnings.join(u'\n').contains(u"cut at 10000 values"_s));

        // Webhooks only (3.1): no paths at all.
        result = Interchange::importOpenApi("openapi: 3.1.0\ninfo: {title: W}\nwebhooks: {}\n",
                                            u"w.yaml"_s);
        QVERIFY(result.ok());
        QCOMPARE(Interchange::requestCount(*result.value().collection), 0);

        // Merge keys are refused with their place rather than read wrong.
        Result<QJsonValue> merged =
            Interchange::yamlToJson("base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\n", u"m.yaml"_s);
        QVERIFY(!merged.ok());
        QCOMPARE(merged.error().where, u"m.yaml:3:3"_s);
    }

    void detectsOpenApi()
    {
        QCOMPARE(Interchange::detectFormat(Testing::importData(u"openapi"_s, u"items-3.0.yaml"_s)),
                 u"openapi"_s);
        QCOMPARE(
            Interchange::detectFormat(Testing::importData(u"openapi"_s, u"petstore-2.0.json"_s)),
            u"openapi"_s);
        QCOMPARE(Interchange::detectFormat("# spec\n'openapi': '3.1.0'\n"), u"openapi"_s);
    }
};

QTEST_GUILESS_MAIN(TestOpenApiImport)
#include "tst_OpenApiImport.moc"
