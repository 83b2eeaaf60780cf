#include "core/workspace/JsonCodec.h"

#include "core/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Keyhole::Workspace {
namespace {

QByteArray toBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// The workspace files' reader: the shared JsonReader plus the schemaVersion check.
class Reader final : public JsonReader {
public:
    explicit Reader(const QString& fileLabel)
        : JsonReader(fileLabel, u"workspace.format"_s)
    {}

    // Parses the document and checks its schemaVersion; returns the root object.
    QJsonObject root(const QByteArray& json)
    {
        const QJsonObject rootObject = parseObject(json);
        if (failed())
            return {};
        const QJsonValue version = rootObject.value(u"schemaVersion"_s);
        if (!version.isDouble())
            fail(u"$.schemaVersion"_s, u"missing or not a number"_s);
        else if (version.toInt() > kSchemaVersion)
            fail(u"$.schemaVersion"_s,
                 u"written by a newer Keyhole (schema %1; this version reads up to %2)"_s
                     .arg(version.toInt())
                     .arg(kSchemaVersion));
        return rootObject;
    }

    Model::KeyValueList keyValues(const QJsonObject& object, const QString& key,
                                  const QString& path)
    {
        Model::KeyValueList result;
        const QJsonArray items = array(object, key, path);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = u"%1.%2[%3]"_s.arg(path, key).arg(i);
            const QJsonObject item = this->object(items[i], itemPath);
            result.append({requiredString(item, u"name"_s, itemPath),
                           string(item, u"value"_s, itemPath),
                           boolean(item, u"enabled"_s, itemPath, true)});
        }
        return result;
    }

    Model::VariableList variables(const QJsonObject& object, const QString& path)
    {
        Model::VariableList result;
        const QJsonArray items = array(object, u"variables"_s, path);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = u"%1.variables[%2]"_s.arg(path).arg(i);
            const QJsonObject item = this->object(items[i], itemPath);
            Model::Variable variable;
            variable.name = requiredString(item, u"name"_s, itemPath);
            variable.secret = boolean(item, u"secret"_s, itemPath, false);
            variable.enabled = boolean(item, u"enabled"_s, itemPath, true);
            // A secret's value lives in the secret store, never in this file.
            if (!variable.secret)
                variable.value = string(item, u"value"_s, itemPath);
            result.append(variable);
        }
        return result;
    }
};

QJsonArray keyValuesToJson(const Model::KeyValueList& list)
{
    QJsonArray array;
    for (const Model::KeyValue& kv : list) {
        QJsonObject item{{u"name"_s, kv.name}, {u"value"_s, kv.value}};
        if (!kv.enabled)
            item.insert(u"enabled"_s, false);
        array.append(item);
    }
    return array;
}

QJsonArray variablesToJson(const Model::VariableList& list)
{
    QJsonArray array;
    for (const Model::Variable& variable : list) {
        QJsonObject item{{u"name"_s, variable.name}};
        if (variable.secret)
            item.insert(u"secret"_s, true);
        else
            item.insert(u"value"_s, variable.value);
        if (!variable.enabled)
            item.insert(u"enabled"_s, false);
        array.append(item);
    }
    return array;
}

QJsonObject bodyToJson(const Model::Body& body)
{
    QJsonObject object{{u"kind"_s, Model::bodyKindName(body.kind)}};
    switch (body.kind) {
    case Model::BodyKind::None:
        break;
    case Model::BodyKind::Raw:
        object.insert(u"contentType"_s, body.contentType);
        object.insert(u"text"_s, body.text);
        break;
    case Model::BodyKind::FormUrlEncoded:
        object.insert(u"form"_s, keyValuesToJson(body.form));
        break;
    case Model::BodyKind::Multipart: {
        QJsonArray parts;
        for (const Model::MultipartField& field : body.multipart) {
            QJsonObject part{{u"name"_s, field.name}, {u"value"_s, field.value}};
            if (field.isFile)
                part.insert(u"file"_s, true);
            if (!field.contentType.isEmpty())
                part.insert(u"contentType"_s, field.contentType);
            if (!field.enabled)
                part.insert(u"enabled"_s, false);
            if (field.isFile && !field.fileName.isEmpty())
                part.insert(u"fileName"_s, field.fileName);
            parts.append(part);
        }
        object.insert(u"multipart"_s, parts);
        break;
    }
    case Model::BodyKind::BinaryFile:
        object.insert(u"contentType"_s, body.contentType);
        object.insert(u"file"_s, body.filePath);
        break;
    }
    return object;
}

Model::Body bodyFromJson(Reader& reader, const QJsonObject& root)
{
    Model::Body body;
    if (!root.contains(u"body"_s))
        return body;
    const QString path = u"$.body"_s;
    const QJsonObject object = reader.object(root.value(u"body"_s), path);
    const QString kindName = reader.string(object, u"kind"_s, path, u"none"_s);
    const std::optional<Model::BodyKind> kind = Model::bodyKindFromName(kindName);
    if (!kind) {
        reader.fail(path + u".kind"_s,
                    u"unknown body kind \"%1\" (none, raw, form-urlencoded, multipart, "
                    "binary-file)"_s.arg(kindName));
        return body;
    }
    body.kind = *kind;
    body.contentType = reader.string(object, u"contentType"_s, path);
    body.text = reader.string(object, u"text"_s, path);
    body.form = reader.keyValues(object, u"form"_s, path);
    body.filePath = body.kind == Model::BodyKind::BinaryFile
                        ? reader.string(object, u"file"_s, path)
                        : QString();
    const QJsonArray parts = reader.array(object, u"multipart"_s, path);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString partPath = u"%1.multipart[%2]"_s.arg(path).arg(i);
        const QJsonObject part = reader.object(parts[i], partPath);
        body.multipart.append({reader.requiredString(part, u"name"_s, partPath),
                               reader.string(part, u"value"_s, partPath),
                               reader.boolean(part, u"file"_s, partPath, false),
                               reader.string(part, u"contentType"_s, partPath),
                               reader.boolean(part, u"enabled"_s, partPath, true),
                               reader.string(part, u"fileName"_s, partPath)});
    }
    return body;
}

QJsonObject authToJson(const Model::AuthConfig& auth)
{
    QJsonObject object{{u"kind"_s, Model::authKindName(auth.kind)}};
    switch (auth.kind) {
    case Model::AuthKind::Inherit:
    case Model::AuthKind::None:
        break;
    case Model::AuthKind::DjangoSession:
        object.insert(u"loginUrl"_s, auth.loginUrl);
        [[fallthrough]];
    case Model::AuthKind::Basic:
    case Model::AuthKind::Digest:
        object.insert(u"username"_s, auth.username);
        object.insert(u"password"_s, auth.password);
        break;
    case Model::AuthKind::AwsSigV4:
        object.insert(u"accessKey"_s, auth.awsAccessKey);
        object.insert(u"secretKey"_s, auth.awsSecretKey);
        if (!auth.awsSessionToken.isEmpty())
            object.insert(u"sessionToken"_s, auth.awsSessionToken);
        object.insert(u"region"_s, auth.awsRegion);
        object.insert(u"service"_s, auth.awsService);
        object.insert(u"in"_s, auth.awsSignQuery ? u"query"_s : u"header"_s);
        break;
    case Model::AuthKind::ClientCertificate:
        object.insert(u"certFile"_s, auth.certFile);
        object.insert(u"keyFile"_s, auth.keyFile);
        if (!auth.keyPassphrase.isEmpty())
            object.insert(u"keyPassphrase"_s, auth.keyPassphrase);
        break;
    case Model::AuthKind::OAuth2:
        object.insert(u"grant"_s, auth.oauthGrant);
        object.insert(u"tokenUrl"_s, auth.oauthTokenUrl);
        if (!auth.oauthAuthUrl.isEmpty())
            object.insert(u"authUrl"_s, auth.oauthAuthUrl);
        object.insert(u"clientId"_s, auth.oauthClientId);
        if (!auth.oauthClientSecret.isEmpty())
            object.insert(u"clientSecret"_s, auth.oauthClientSecret);
        if (!auth.oauthScope.isEmpty())
            object.insert(u"scope"_s, auth.oauthScope);
        if (!auth.oauthRedirectUri.isEmpty())
            object.insert(u"redirectUri"_s, auth.oauthRedirectUri);
        if (!auth.username.isEmpty())
            object.insert(u"username"_s, auth.username);
        if (!auth.password.isEmpty())
            object.insert(u"password"_s, auth.password);
        object.insert(u"clientAuth"_s, auth.oauthClientSecretInBody ? u"body"_s : u"basic"_s);
        object.insert(u"prefix"_s, auth.prefix);
        object.insert(u"in"_s, auth.keyInQuery ? u"query"_s : u"header"_s);
        break;
    case Model::AuthKind::Bearer:
        object.insert(u"token"_s, auth.token);
        object.insert(u"prefix"_s, auth.prefix);
        break;
    case Model::AuthKind::ApiKey:
        object.insert(u"name"_s, auth.keyName);
        object.insert(u"value"_s, auth.keyValue);
        object.insert(u"in"_s, auth.keyInQuery ? u"query"_s : u"header"_s);
        break;
    }
    return object;
}

Model::AuthConfig authFromJson(Reader& reader, const QJsonObject& parent)
{
    Model::AuthConfig auth;
    if (!parent.contains(u"auth"_s))
        return auth;
    const QString path = u"$.auth"_s;
    const QJsonObject object = reader.object(parent.value(u"auth"_s), path);
    const QString kind = reader.string(object, u"kind"_s, path, u"inherit"_s);
    const std::optional<Model::AuthKind> parsed = Model::authKindFromName(kind);
    if (!parsed) {
        reader.fail(path + u".kind"_s,
                    u"unknown auth kind \"%1\" (inherit, none, basic, bearer, apikey, "
                    "digest, aws-sigv4, django-session, oauth2, client-certificate)"_s.arg(kind));
        return auth;
    }
    auth.kind = *parsed;
    auth.username = reader.string(object, u"username"_s, path);
    auth.password = reader.string(object, u"password"_s, path);
    auth.token = reader.string(object, u"token"_s, path);
    auth.prefix = reader.string(object, u"prefix"_s, path, u"Bearer"_s);
    auth.keyName = reader.string(object, u"name"_s, path);
    auth.keyValue = reader.string(object, u"value"_s, path);
    const bool inQuery = reader.string(object, u"in"_s, path, u"header"_s) == u"query";
    auth.keyInQuery =
        inQuery && (auth.kind == Model::AuthKind::ApiKey || auth.kind == Model::AuthKind::OAuth2);
    auth.oauthGrant = reader.string(object, u"grant"_s, path, u"client_credentials"_s);
    auth.oauthTokenUrl = reader.string(object, u"tokenUrl"_s, path);
    auth.oauthAuthUrl = reader.string(object, u"authUrl"_s, path);
    auth.oauthClientId = reader.string(object, u"clientId"_s, path);
    auth.oauthClientSecret = reader.string(object, u"clientSecret"_s, path);
    auth.oauthScope = reader.string(object, u"scope"_s, path);
    auth.oauthRedirectUri = reader.string(object, u"redirectUri"_s, path);
    auth.oauthClientSecretInBody = reader.string(object, u"clientAuth"_s, path) == u"body";
    auth.certFile = reader.string(object, u"certFile"_s, path);
    auth.keyFile = reader.string(object, u"keyFile"_s, path);
    auth.keyPassphrase = reader.string(object, u"keyPassphrase"_s, path);
    auth.awsSignQuery = inQuery && auth.kind == Model::AuthKind::AwsSigV4;
    auth.loginUrl = reader.string(object, u"loginUrl"_s, path);
    auth.awsAccessKey = reader.string(object, u"accessKey"_s, path);
    auth.awsSecretKey = reader.string(object, u"secretKey"_s, path);
    auth.awsSessionToken = reader.string(object, u"sessionToken"_s, path);
    auth.awsRegion = reader.string(object, u"region"_s, path);
    auth.awsService = reader.string(object, u"service"_s, path);
    return auth;
}

QJsonArray extractionsToJson(const QList<Model::Extraction>& extractions)
{
    QJsonArray array;
    for (const Model::Extraction& extraction : extractions)
        array.append(QJsonObject{{u"from"_s, extraction.from == Model::Extraction::Source::Json
                                                 ? u"json"_s
                                                 : u"header"_s},
                                 {u"path"_s, extraction.path},
                                 {u"variable"_s, extraction.variable},
                                 {u"secret"_s, extraction.secret}});
    return array;
}

QList<Model::Extraction> extractionsFromJson(Reader& reader, const QJsonObject& root)
{
    QList<Model::Extraction> extractions;
    const QJsonArray items = reader.array(root, u"extract"_s, u"$"_s);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = u"$.extract[%1]"_s.arg(i);
        const QJsonObject item = reader.object(items[i], path);
        Model::Extraction extraction;
        const QString from = reader.string(item, u"from"_s, path, u"json"_s);
        if (from != u"json" && from != u"header")
            reader.fail(path + u".from"_s, u"expected json or header"_s);
        extraction.from =
            from == u"header" ? Model::Extraction::Source::Header : Model::Extraction::Source::Json;
        extraction.path = reader.requiredString(item, u"path"_s, path);
        extraction.variable = reader.requiredString(item, u"variable"_s, path);
        extraction.secret = reader.boolean(item, u"secret"_s, path, true);
        extractions.append(extraction);
    }
    return extractions;
}

QJsonArray assertionsToJson(const QList<Model::Assertion>& assertions)
{
    QJsonArray array;
    for (const Model::Assertion& assertion : assertions) {
        QJsonObject object{{u"source"_s, Model::assertionSourceName(assertion.source)}};
        if (!assertion.path.isEmpty())
            object.insert(u"path"_s, assertion.path);
        object.insert(u"op"_s, Model::assertionOpName(assertion.op));
        if (!assertion.expected.isEmpty())
            object.insert(u"expected"_s, assertion.expected);
        if (!assertion.enabled)
            object.insert(u"enabled"_s, false);
        array.append(object);
    }
    return array;
}

QList<Model::Assertion> assertionsFromJson(Reader& reader, const QJsonObject& root)
{
    QList<Model::Assertion> assertions;
    const QJsonArray items = reader.array(root, u"assert"_s, u"$"_s);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = u"$.assert[%1]"_s.arg(i);
        const QJsonObject item = reader.object(items[i], path);
        Model::Assertion assertion;
        const QString source = reader.requiredString(item, u"source"_s, path);
        const QString op = reader.requiredString(item, u"op"_s, path);
        if (const auto known = Model::assertionSourceFromName(source))
            assertion.source = *known;
        else if (!reader.failed())
            reader.fail(path + u".source"_s,
                        u"expected status, header, json, body, time or size"_s);
        if (const auto known = Model::assertionOpFromName(op))
            assertion.op = *known;
        else if (!reader.failed())
            reader.fail(path + u".op"_s, u"unknown operator \"%1\""_s.arg(op));
        // (An empty path is kept: the check fails saying so, the file still opens.)
        assertion.path = reader.string(item, u"path"_s, path);
        assertion.expected = reader.string(item, u"expected"_s, path);
        assertion.enabled = reader.boolean(item, u"enabled"_s, path, true);
        assertions.append(assertion);
    }
    return assertions;
}

QJsonObject settingsToJson(const Model::RequestSettings& settings)
{
    QJsonObject object;
    auto put = [&object](const QString& key, const auto& value) {
        if (value)
            object.insert(key, *value);
    };
    put(u"followRedirects"_s, settings.followRedirects);
    put(u"maxRedirects"_s, settings.maxRedirects);
    put(u"trustRedirects"_s, settings.trustRedirects);
    put(u"allowDowngrade"_s, settings.allowDowngrade);
    put(u"timeoutMs"_s, settings.timeoutMs);
    put(u"verifyTls"_s, settings.verifyTls);
    put(u"http2"_s, settings.http2);
    put(u"proxy"_s, settings.proxy);
    put(u"noProxy"_s, settings.noProxy);
    return object;
}

Model::RequestSettings settingsFromJson(Reader& reader, const QJsonObject& root)
{
    Model::RequestSettings settings;
    const QJsonValue value = root.value(u"settings"_s);
    if (value.isUndefined() || value.isNull())
        return settings;
    const QString path = u"$.settings"_s;
    const QJsonObject object = reader.object(value, path);
    auto flag = [&](const QString& key, std::optional<bool>& out) {
        if (object.contains(key))
            out = reader.boolean(object, key, path, false);
    };
    auto count = [&](const QString& key, std::optional<int>& out, int lowest, int highest) {
        const QJsonValue number = object.value(key);
        if (number.isUndefined() || number.isNull())
            return;
        const double n = number.toDouble(-1);
        if (!number.isDouble() || n < lowest || n > highest || n != std::floor(n))
            reader.fail(path + u'.' + key,
                        u"expected a whole number from %1 to %2"_s.arg(lowest).arg(highest));
        else
            out = static_cast<int>(n);
    };
    flag(u"followRedirects"_s, settings.followRedirects);
    count(u"maxRedirects"_s, settings.maxRedirects, 0, 1000);
    flag(u"trustRedirects"_s, settings.trustRedirects);
    flag(u"allowDowngrade"_s, settings.allowDowngrade);
    count(u"timeoutMs"_s, settings.timeoutMs, 1, 24 * 3600 * 1000);
    flag(u"verifyTls"_s, settings.verifyTls);
    flag(u"http2"_s, settings.http2);
    if (object.contains(u"proxy"_s))
        settings.proxy = reader.string(object, u"proxy"_s, path);
    if (object.contains(u"noProxy"_s))
        settings.noProxy = reader.string(object, u"noProxy"_s, path);
    return settings;
}

QJsonObject preservedFromJson(Reader& reader, const QJsonObject& root)
{
    const QJsonValue value = root.value(u"preserved"_s);
    if (value.isUndefined() || value.isNull())
        return {};
    return reader.object(value, u"$.preserved"_s);
}

template <typename T>
Result<T> finish(const Reader& reader, T value)
{
    if (reader.failed())
        return reader.error();
    return value;
}

} // namespace

QByteArray requestToJson(const Model::RequestTemplate& request)
{
    QJsonObject object{
        {u"schemaVersion"_s, kSchemaVersion},
        {u"name"_s, request.name},
        {u"method"_s, request.method},
        {u"url"_s, request.url},
        {u"params"_s, keyValuesToJson(request.params)},
        {u"headers"_s, keyValuesToJson(request.headers)},
        {u"body"_s, bodyToJson(request.body)},
    };
    if (!request.description.isEmpty())
        object.insert(u"description"_s, request.description);
    if (!request.variables.isEmpty())
        object.insert(u"variables"_s, keyValuesToJson(request.variables));
    if (request.auth.kind != Model::AuthKind::Inherit)
        object.insert(u"auth"_s, authToJson(request.auth));
    if (!request.extractions.isEmpty())
        object.insert(u"extract"_s, extractionsToJson(request.extractions));
    if (!request.settings.isEmpty())
        object.insert(u"settings"_s, settingsToJson(request.settings));
    if (!request.assertions.isEmpty())
        object.insert(u"assert"_s, assertionsToJson(request.assertions));
    if (!request.preserved.isEmpty())
        object.insert(u"preserved"_s, request.preserved);
    return toBytes(object);
}

Result<Model::RequestTemplate> requestFromJson(const QByteArray& json, const QString& fileLabel)
{
    Reader reader(fileLabel);
    const QJsonObject root = reader.root(json);
    if (reader.failed())
        return reader.error();
    const QString path = u"$"_s;
    Model::RequestTemplate request;
    request.name = reader.string(root, u"name"_s, path);
    request.method = reader.string(root, u"method"_s, path, u"GET"_s).trimmed().toUpper();
    if (request.method.isEmpty())
        reader.fail(u"$.method"_s, u"empty method"_s);
    request.url = reader.requiredString(root, u"url"_s, path);
    request.params = reader.keyValues(root, u"params"_s, path);
    request.headers = reader.keyValues(root, u"headers"_s, path);
    request.variables = reader.keyValues(root, u"variables"_s, path);
    request.body = bodyFromJson(reader, root);
    request.description = reader.string(root, u"description"_s, path);
    request.auth = authFromJson(reader, root);
    request.extractions = extractionsFromJson(reader, root);
    request.settings = settingsFromJson(reader, root);
    request.assertions = assertionsFromJson(reader, root);
    request.preserved = preservedFromJson(reader, root);
    return finish(reader, std::move(request));
}

QByteArray environmentToJson(const Model::Environment& environment)
{
    return toBytes({{u"schemaVersion"_s, kSchemaVersion},
                    {u"name"_s, environment.name},
                    {u"variables"_s, variablesToJson(environment.variables)}});
}

Result<Model::Environment> environmentFromJson(const QByteArray& json, const QString& fileLabel)
{
    Reader reader(fileLabel);
    const QJsonObject root = reader.root(json);
    if (reader.failed())
        return reader.error();
    Model::Environment environment;
    environment.name = reader.requiredString(root, u"name"_s, u"$"_s);
    environment.variables = reader.variables(root, u"$"_s);
    return finish(reader, std::move(environment));
}

QByteArray currentValuesToJson(const QMap<QString, QString>& values)
{
    QJsonObject object;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        object.insert(it.key(), it.value());
    return toBytes({{u"schemaVersion"_s, kSchemaVersion}, {u"currentValues"_s, object}});
}

Result<QMap<QString, QString>> currentValuesFromJson(const QByteArray& json,
                                                     const QString& fileLabel)
{
    Reader reader(fileLabel);
    const QJsonObject root = reader.root(json);
    if (reader.failed())
        return reader.error();
    QMap<QString, QString> values;
    const QJsonObject object = root.value(u"currentValues"_s).toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString())
            reader.fail(u"$.currentValues."_s + it.key(), u"expected a string"_s);
        values.insert(it.key(), it.value().toString());
    }
    return finish(reader, std::move(values));
}

QByteArray folderToJson(const Model::Folder& folder)
{
    QJsonObject object{{u"schemaVersion"_s, kSchemaVersion},
                       {u"name"_s, folder.name},
                       {u"order"_s, QJsonArray::fromStringList(folder.order)}};
    if (folder.auth.kind != Model::AuthKind::Inherit)
        object.insert(u"auth"_s, authToJson(folder.auth));
    if (!folder.variables.isEmpty())
        object.insert(u"variables"_s, variablesToJson(folder.variables));
    if (!folder.description.isEmpty())
        object.insert(u"description"_s, folder.description);
    if (!folder.preserved.isEmpty())
        object.insert(u"preserved"_s, folder.preserved);
    if (const Model::TokenLifecycle& lifecycle = folder.tokenLifecycle; lifecycle.isEnabled())
        object.insert(u"tokenLifecycle"_s,
                      QJsonObject{{u"loginRequest"_s, lifecycle.loginRequest},
                                  {u"refreshRequest"_s, lifecycle.refreshRequest},
                                  {u"tokenVariable"_s, lifecycle.tokenVariable},
                                  {u"skewSeconds"_s, lifecycle.skewSeconds}});
    return toBytes(object);
}

Result<Model::Folder> folderFromJson(const QByteArray& json, const QString& fileLabel)
{
    Reader reader(fileLabel);
    const QJsonObject root = reader.root(json);
    if (reader.failed())
        return reader.error();
    Model::Folder folder;
    folder.name = reader.string(root, u"name"_s, u"$"_s);
    folder.order = reader.stringList(root, u"order"_s, u"$"_s);
    folder.variables = reader.variables(root, u"$"_s);
    folder.auth = authFromJson(reader, root);
    folder.description = reader.string(root, u"description"_s, u"$"_s);
    folder.preserved = preservedFromJson(reader, root);
    if (root.contains(u"tokenLifecycle"_s)) {
        const QString path = u"$.tokenLifecycle"_s;
        const QJsonObject lifecycle = reader.object(root.value(u"tokenLifecycle"_s), path);
        folder.tokenLifecycle.loginRequest = reader.string(lifecycle, u"loginRequest"_s, path);
        folder.tokenLifecycle.refreshRequest = reader.string(lifecycle, u"refreshRequest"_s, path);
        folder.tokenLifecycle.tokenVariable =
            reader.string(lifecycle, u"tokenVariable"_s, path, u"token"_s);
        folder.tokenLifecycle.skewSeconds =
            lifecycle.value(u"skewSeconds"_s).toInt(folder.tokenLifecycle.skewSeconds);
    }
    return finish(reader, std::move(folder));
}

QByteArray workspaceToJson(const Model::Workspace& workspace, const QStringList& order)
{
    QJsonObject object{{u"schemaVersion"_s, kSchemaVersion},
                       {u"id"_s, workspace.id},
                       {u"name"_s, workspace.name},
                       {u"order"_s, QJsonArray::fromStringList(order)}};
    if (!workspace.globals.isEmpty())
        object.insert(u"variables"_s, variablesToJson(workspace.globals));
    if (!workspace.compare.isEmpty()) {
        const Model::CompareSettings& compare = workspace.compare;
        QJsonObject settings;
        if (!compare.ignoreHeaders.isEmpty())
            settings.insert(u"ignoreHeaders"_s, QJsonArray::fromStringList(compare.ignoreHeaders));
        if (!compare.ignoreJsonPaths.isEmpty())
            settings.insert(u"ignoreJsonPaths"_s,
                            QJsonArray::fromStringList(compare.ignoreJsonPaths));
        if (compare.ignoreWhitespace)
            settings.insert(u"ignoreWhitespace"_s, true);
        if (compare.arraysAsSequences)
            settings.insert(u"arraysAsSequences"_s, true);
        object.insert(u"compare"_s, settings);
    }
    return toBytes(object);
}

Result<WorkspaceManifest> workspaceFromJson(const QByteArray& json, const QString& fileLabel)
{
    Reader reader(fileLabel);
    const QJsonObject root = reader.root(json);
    if (reader.failed())
        return reader.error();
    WorkspaceManifest manifest;
    manifest.id = reader.string(root, u"id"_s, u"$"_s);
    manifest.name = reader.string(root, u"name"_s, u"$"_s);
    manifest.order = reader.stringList(root, u"order"_s, u"$"_s);
    manifest.globals = reader.variables(root, u"$"_s);
    const QJsonObject compare = root.value(u"compare"_s).toObject();
    manifest.compare.ignoreHeaders = reader.stringList(compare, u"ignoreHeaders"_s, u"$.compare"_s);
    manifest.compare.ignoreJsonPaths =
        reader.stringList(compare, u"ignoreJsonPaths"_s, u"$.compare"_s);
    manifest.compare.ignoreWhitespace =
        reader.boolean(compare, u"ignoreWhitespace"_s, u"$.compare"_s, false);
    manifest.compare.arraysAsSequences =
        reader.boolean(compare, u"arraysAsSequences"_s, u"$.compare"_s, false);
    return finish(reader, std::move(manifest));
}

} // namespace Keyhole::Workspace
