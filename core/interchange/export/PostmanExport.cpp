#include "core/interchange/export/PostmanExport.h"

#include "core/interchange/Imported.h"
#include "core/interchange/PostmanTests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

PostmanUrlParts splitPostmanUrl(const QString& url)
{
    PostmanUrlParts parts;
    QString rest = url.trimmed();
    static const QRegularExpression protocol(u"^([^:/?#{}]+)://"_s);
    if (const QRegularExpressionMatch match = protocol.match(rest); match.hasMatch()) {
        parts.protocol = match.captured(1);
        rest = rest.mid(match.capturedLength());
    }
    // The host ends at the first '/' outside a {{variable}}.
    qsizetype slash = -1;
    for (qsizetype i = 0, depth = 0; i < rest.size(); ++i) {
        if (rest.mid(i, 2) == u"{{") {
            ++depth;
            ++i;
        } else if (rest.mid(i, 2) == u"}}" && depth > 0) {
            --depth;
            ++i;
        } else if (rest[i] == u'/' && depth == 0) {
            slash = i;
            break;
        }
    }
    QString host = slash >= 0 ? rest.left(slash) : rest;
    if (slash >= 0) {
        parts.hasPath = true;
        parts.path = rest.mid(slash + 1).split(u'/');
    }
    // A port: digits or a {{variable}} after the last ':' outside brackets and braces.
    static const QRegularExpression port(u":(\\d+|\\{\\{[^{}]+\\}\\})$"_s);
    if (const QRegularExpressionMatch match = port.match(host);
        match.hasMatch() && !host.endsWith(u']')) {
        parts.port = match.captured(1);
        host.chop(match.capturedLength());
    }
    parts.host =
        host.startsWith(u'[') || host.contains(u"{{"_s) ? QStringList{host} : host.split(u'.');
    return parts;
}

namespace {

QJsonArray keyValuesToPostman(const Model::KeyValueList& list)
{
    QJsonArray array;
    for (const Model::KeyValue& kv : list) {
        QJsonObject item{{u"key"_s, kv.name}, {u"value"_s, kv.value}};
        if (!kv.enabled)
            item.insert(u"disabled"_s, true);
        array.append(item);
    }
    return array;
}

QJsonObject urlToPostman(const Model::RequestTemplate& request)
{
    // The template's URL may have a query of its own; params come after it.
    QString base = request.url;
    Model::KeyValueList query;
    const qsizetype question = base.indexOf(u'?');
    if (question >= 0) {
        query = queryPairs(base.mid(question + 1));
        base.truncate(question);
    }
    query += request.params;
    QString raw = base;
    QStringList enabled;
    for (const Model::KeyValue& kv : std::as_const(query)) {
        if (kv.enabled)
            enabled.append(kv.name + u'=' + kv.value);
    }
    if (!enabled.isEmpty())
        raw += u'?' + enabled.join(u'&');
    const PostmanUrlParts parts = splitPostmanUrl(base);
    QJsonObject url{{u"raw"_s, raw}, {u"host"_s, QJsonArray::fromStringList(parts.host)}};
    if (!parts.protocol.isEmpty())
        url.insert(u"protocol"_s, parts.protocol);
    if (!parts.port.isEmpty())
        url.insert(u"port"_s, parts.port);
    if (parts.hasPath)
        url.insert(u"path"_s, QJsonArray::fromStringList(parts.path));
    if (!query.isEmpty())
        url.insert(u"query"_s, keyValuesToPostman(query));
    return url;
}

QJsonArray attributes(std::initializer_list<std::pair<QString, QString>> values)
{
    QJsonArray array;
    for (const auto& [key, value] : values)
        array.append(QJsonObject{{u"key"_s, key}, {u"value"_s, value}, {u"type"_s, u"string"_s}});
    return array;
}

// The Postman auth for `auth`, or an undefined value for "inherit".
QJsonValue authToPostman(const Model::AuthConfig& auth, const QJsonObject& preserved)
{
    switch (auth.kind) {
    case Model::AuthKind::Inherit:
        return QJsonValue(QJsonValue::Undefined);
    case Model::AuthKind::None: {
        const QJsonValue kept = preserved.value(u"postman"_s).toObject().value(u"auth"_s);
        if (kept.isObject())
            return kept;
        return QJsonObject{{u"type"_s, u"noauth"_s}};
    }
    case Model::AuthKind::Basic:
        return QJsonObject{{u"type"_s, u"basic"_s},
                           {u"basic"_s, attributes({{u"username"_s, auth.username},
                                                    {u"password"_s, auth.password}})}};
    case Model::AuthKind::Bearer:
        if (auth.prefix == u"Bearer")
            return QJsonObject{{u"type"_s, u"bearer"_s},
                               {u"bearer"_s, attributes({{u"token"_s, auth.token}})}};
        // Postman's bearer always says "Bearer": another prefix is a header of its own.
        return QJsonObject{
            {u"type"_s, u"apikey"_s},
            {u"apikey"_s,
             attributes({{u"key"_s, u"Authorization"_s},
                         {u"value"_s,
                          auth.prefix.isEmpty() ? auth.token : auth.prefix + u' ' + auth.token},
                         {u"in"_s, u"header"_s}})}};
    case Model::AuthKind::Digest:
        return QJsonObject{{u"type"_s, u"digest"_s},
                           {u"digest"_s, attributes({{u"username"_s, auth.username},
                                                     {u"password"_s, auth.password}})}};
    case Model::AuthKind::AwsSigV4:
        return QJsonObject{{u"type"_s, u"awsv4"_s},
                           {u"awsv4"_s, attributes({{u"accessKey"_s, auth.awsAccessKey},
                                                    {u"secretKey"_s, auth.awsSecretKey},
                                                    {u"sessionToken"_s, auth.awsSessionToken},
                                                    {u"region"_s, auth.awsRegion},
                                                    {u"service"_s, auth.awsService}})}};
    case Model::AuthKind::OAuth2:
    case Model::AuthKind::ClientCertificate: // Postman keeps certificates in its settings
    case Model::AuthKind::DjangoSession:
        // Postman has no session login, and runs OAuth 2 flows only by hand in its app.
        return QJsonObject{{u"type"_s, u"noauth"_s}};
    case Model::AuthKind::ApiKey:
        return QJsonObject{
            {u"type"_s, u"apikey"_s},
            {u"apikey"_s, attributes({{u"key"_s, auth.keyName},
                                      {u"value"_s, auth.keyValue},
                                      {u"in"_s, auth.keyInQuery ? u"query"_s : u"header"_s}})}};
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString languageFor(const QString& contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type.endsWith(u"json"_s))
        return u"json"_s;
    if (type.endsWith(u"xml"_s))
        return u"xml"_s;
    if (type == u"text/html")
        return u"html"_s;
    if (type.endsWith(u"javascript"_s))
        return u"javascript"_s;
    return u"text"_s;
}

bool hasHeader(const Model::KeyValueList& headers, const QString& name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const Model::KeyValue& kv) {
        return kv.enabled && kv.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// Body and the Content-Type header Keyhole would add (Postman adds none of its own for raw
// text, so it is written out to send the same bytes).
QJsonObject bodyToPostman(const Model::Body& body, Model::KeyValueList& headers)
{
    auto addContentType = [&](const QString& type) {
        if (!type.isEmpty() && !hasHeader(headers, u"Content-Type"_s))
            headers.append({u"Content-Type"_s, type, true});
    };
    switch (body.kind) {
    case Model::BodyKind::None:
        return {};
    case Model::BodyKind::Raw: {
        QString type = body.contentType.trimmed();
        if (type.isEmpty()) {
            const QString start = body.text.trimmed().left(1);
            type = (start == u"{" || start == u"[") ? u"application/json"_s
                                                    : u"text/plain; charset=utf-8"_s;
        }
        addContentType(type);
        return QJsonObject{
            {u"mode"_s, u"raw"_s},
            {u"raw"_s, body.text},
            {u"options"_s,
             QJsonObject{{u"raw"_s, QJsonObject{{u"language"_s, languageFor(type)}}}}}};
    }
    case Model::BodyKind::FormUrlEncoded:
        return QJsonObject{{u"mode"_s, u"urlencoded"_s},
                           {u"urlencoded"_s, keyValuesToPostman(body.form)}};
    case Model::BodyKind::Multipart: {
        QJsonArray parts;
        for (const Model::MultipartField& field : body.multipart) {
            QJsonObject part{{u"key"_s, field.name},
                             {u"type"_s, field.isFile ? u"file"_s : u"text"_s}};
            part.insert(field.isFile ? u"src"_s : u"value"_s, field.value);
            if (!field.contentType.isEmpty())
                part.insert(u"contentType"_s, field.contentType);
            if (!field.enabled)
                part.insert(u"disabled"_s, true);
            parts.append(part);
        }
        return QJsonObject{{u"mode"_s, u"formdata"_s}, {u"formdata"_s, parts}};
    }
    case Model::BodyKind::BinaryFile:
        addContentType(body.contentType.isEmpty() ? u"application/octet-stream"_s
                                                  : body.contentType);
        return QJsonObject{{u"mode"_s, u"file"_s},
                           {u"file"_s, QJsonObject{{u"src"_s, body.filePath}}}};
    }
    return {};
}

// Kept Postman events, plus a test script for each extraction and enabled assertion not
// already in one (Postman has no disabled tests: a disabled assertion is not exported), and a
// pre-request script setting the request's own variables (pm.variables: Postman's local
// scope, which wins as Keyhole's request scope does).
QJsonArray eventsFor(const QList<Model::Extraction>& extractions,
                     const QList<Model::Assertion>& assertions,
                     const Model::KeyValueList& variables, const QJsonObject& preserved)
{
    QJsonArray events = preserved.value(u"postman"_s).toObject().value(u"event"_s).toArray();
    QString existing;
    for (const QJsonValue& event : std::as_const(events)) {
        const QJsonValue exec = event.toObject().value(u"script"_s).toObject().value(u"exec"_s);
        for (const QJsonValue& line : exec.toArray())
            existing += line.toString() + u'\n';
        existing += exec.toString();
    }
    QJsonArray lines;
    for (const Model::Extraction& extraction : extractions) {
        const QString name = javascriptString(extraction.variable);
        if (existing.contains(u".set("_s + name) ||
            existing.contains(u".set('"_s + extraction.variable + u'\''))
            continue;
        const QString source =
            extraction.from == Model::Extraction::Source::Header
                ? u"pm.response.headers.get(%1)"_s.arg(javascriptString(extraction.path))
                : u"pm.response.json()"_s + javascriptAccessor(extraction.path);
        lines.append(u"if (pm.response.code >= 200 && pm.response.code < 300) "
                     "pm.environment.set(%1, %2);"_s.arg(name, source));
    }
    const QList<Model::Assertion> kept = assertionsFromPostmanScript(existing);
    for (const Model::Assertion& assertion : assertions) {
        if (assertion.enabled && !kept.contains(assertion))
            lines.append(postmanTest(assertion));
    }
    // The request's own variables (set before it, below) end with it: newman keeps
    // pm.variables for the rest of a run.
    QJsonArray before;
    for (const Model::KeyValue& variable : variables) {
        const QString name = javascriptString(variable.name.trimmed());
        const QString set =
            u"pm.variables.set(%1, %2);"_s.arg(name, javascriptString(variable.value));
        if (!variable.enabled || variable.name.trimmed().isEmpty() || existing.contains(set))
            continue;
        before.append(set);
        lines.append(u"pm.variables.unset(%1);"_s.arg(name));
    }
    if (!lines.isEmpty())
        events.append(QJsonObject{
            {u"listen"_s, u"test"_s},
            {u"script"_s, QJsonObject{{u"type"_s, u"text/javascript"_s}, {u"exec"_s, lines}}}});
    if (!before.isEmpty())
        events.append(QJsonObject{
            {u"listen"_s, u"prerequest"_s},
            {u"script"_s, QJsonObject{{u"type"_s, u"text/javascript"_s}, {u"exec"_s, before}}}});
    return events;
}

void copyKept(const QJsonObject& preserved, const QString& key, QJsonObject& into)
{
    const QJsonValue kept = preserved.value(u"postman"_s).toObject().value(key);
    if (!kept.isUndefined())
        into.insert(key, kept);
}

// Postman's protocolProfileBehavior: what was kept from an import, with the settings over it.
// Postman has no per-request timeout or HTTP/2 switch: those are its app settings.
QJsonObject settingsToPostman(const Model::RequestSettings& settings, const QJsonObject& item)
{
    QJsonObject behavior = item.value(u"protocolProfileBehavior"_s).toObject();
    auto put = [&behavior](const QString& key, const auto& value) {
        if (value)
            behavior.insert(key, *value);
    };
    put(u"followRedirects"_s, settings.followRedirects);
    put(u"maxRedirects"_s, settings.maxRedirects);
    put(u"strictSSL"_s, settings.verifyTls);
    put(u"followAuthorizationHeader"_s, settings.trustRedirects);
    return behavior;
}

QJsonObject requestItem(const Model::RequestTemplate& request, const QString& id)
{
    Model::KeyValueList headers = request.headers;
    QJsonObject body = bodyToPostman(request.body, headers);
    if (body.isEmpty())
        body = request.preserved.value(u"postman"_s).toObject().value(u"body"_s).toObject();
    QJsonObject postman{{u"method"_s, request.method},
                        {u"header"_s, keyValuesToPostman(headers)},
                        {u"url"_s, urlToPostman(request)}};
    if (!body.isEmpty())
        postman.insert(u"body"_s, body);
    if (const QJsonValue auth = authToPostman(request.auth, request.preserved); !auth.isUndefined())
        postman.insert(u"auth"_s, auth);
    if (!request.description.isEmpty())
        postman.insert(u"description"_s, request.description);
    QJsonObject item{{u"id"_s, id}, {u"name"_s, request.name}, {u"request"_s, postman}};
    if (const QJsonArray events = eventsFor(request.extractions, request.assertions,
                                            request.variables, request.preserved);
        !events.isEmpty())
        item.insert(u"event"_s, events);
    copyKept(request.preserved, u"protocolProfileBehavior"_s, item);
    if (QJsonObject behavior = settingsToPostman(request.settings, item); !behavior.isEmpty())
        item.insert(u"protocolProfileBehavior"_s, behavior);
    const QJsonValue responses =
        request.preserved.value(u"postman"_s).toObject().value(u"response"_s);
    item.insert(u"response"_s, responses.isArray() ? responses : QJsonArray());
    return item;
}

QJsonArray variablesToPostman(const Model::VariableList& variables)
{
    QJsonArray array;
    for (const Model::Variable& variable : variables) {
        QJsonObject item{{u"key"_s, variable.name},
                         {u"value"_s, variable.secret ? QString() : variable.value},
                         {u"type"_s, u"string"_s}};
        if (!variable.enabled)
            item.insert(u"disabled"_s, true);
        array.append(item);
    }
    return array;
}

void hoistVariables(const Model::Folder& folder, Model::VariableList& into, QStringList* warnings)
{
    for (const Model::Variable& variable : folder.variables) {
        auto existing = std::find_if(into.begin(), into.end(), [&](const Model::Variable& v) {
            return v.name == variable.name;
        });
        if (existing == into.end()) {
            into.append(variable);
        } else if (existing->value != variable.value && warnings) {
            warnings->append(
                u"variable \"%1\" differs between folders; Postman has no folder "
                "variables, so the collection keeps \"%2\""_s.arg(variable.name, existing->value));
        }
    }
    for (const Model::Folder& sub : folder.folders)
        hoistVariables(sub, into, warnings);
}

QString stableId(const QString& seed, const QString& path)
{
    static const QUuid keyholeNamespace(u"5b6f7c1e-3a52-4d3e-9c43-6b1f0e6a9d21"_s);
    return QUuid::createUuidV5(keyholeNamespace, seed + u'\n' + path)
        .toString(QUuid::WithoutBraces);
}

QJsonArray itemsOf(const Model::Folder& folder, const QString& seed)
{
    QJsonArray items;
    for (const Model::FolderEntry& entry : Model::childrenInOrder(folder)) {
        if (entry.request) {
            items.append(requestItem(entry.request->request, stableId(seed, entry.request->path)));
            continue;
        }
        const Model::Folder& sub = *entry.folder;
        QJsonObject group{{u"id"_s, stableId(seed, sub.path)},
                          {u"name"_s, sub.name},
                          {u"item"_s, itemsOf(sub, seed)}};
        if (!sub.description.isEmpty())
            group.insert(u"description"_s, sub.description);
        if (const QJsonValue auth = authToPostman(sub.auth, sub.preserved); !auth.isUndefined())
            group.insert(u"auth"_s, auth);
        copyKept(sub.preserved, u"event"_s, group);
        copyKept(sub.preserved, u"protocolProfileBehavior"_s, group);
        items.append(group);
    }
    return items;
}

} // namespace

QByteArray exportPostmanCollection(const Model::Folder& folder, const QString& idSeed,
                                   QStringList* warnings)
{
    QJsonObject info{
        {u"_postman_id"_s, stableId(idSeed, folder.path)},
        {u"name"_s, folder.name},
        {u"schema"_s, u"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"_s}};
    if (!folder.description.isEmpty())
        info.insert(u"description"_s, folder.description);
    QJsonObject collection{{u"info"_s, info}, {u"item"_s, itemsOf(folder, idSeed)}};
    // Postman has no folder variables at run time: every folder's go to the collection.
    Model::VariableList variables;
    hoistVariables(folder, variables, warnings);
    if (!variables.isEmpty())
        collection.insert(u"variable"_s, variablesToPostman(variables));
    if (const QJsonValue auth = authToPostman(folder.auth, folder.preserved); !auth.isUndefined())
        collection.insert(u"auth"_s, auth);
    copyKept(folder.preserved, u"event"_s, collection);
    copyKept(folder.preserved, u"protocolProfileBehavior"_s, collection);
    if (warnings) {
        for (const Model::Variable& variable : std::as_const(variables)) {
            if (variable.secret)
                warnings->append(
                    u"variable \"%1\" is secret: exported without its value"_s.arg(variable.name));
        }
    }
    return QJsonDocument(collection).toJson(QJsonDocument::Indented);
}

QByteArray exportPostmanEnvironment(const Model::Environment& environment,
                                    const QHash<QString, QByteArray>& secretValues)
{
    QJsonArray values;
    for (const Model::Variable& variable : environment.variables) {
        const QString value =
            variable.secret ? QString::fromUtf8(secretValues.value(variable.name)) : variable.value;
        values.append(QJsonObject{{u"key"_s, variable.name},
                                  {u"value"_s, value},
                                  {u"type"_s, variable.secret ? u"secret"_s : u"default"_s},
                                  {u"enabled"_s, variable.enabled}});
    }
    const QJsonObject object{
        {u"id"_s, stableId(environment.name, u"environment"_s)},
        {u"name"_s, environment.name},
        {u"values"_s, values},
        {u"_postman_variable_scope"_s, u"environment"_s},
        {u"_postman_exported_using"_s, u"Keyhole"_s},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

} // namespace Keyhole::Interchange
