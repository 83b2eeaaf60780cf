#include "core/interchange/import/InsomniaImport.h"

#include "core/JsonReader.h"
#include "core/interchange/import/PostmanImport.h"
#include "core/interchange/import/YamlJson.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

const QString kIdMarker = u"insomnia-id"_s; // on requests until extractions are attached

// "Log in" → "log_in": a request's name as part of a variable name.
QString slug(const QString& name)
{
    static const QRegularExpression unsafe(uR"(\W+)"_s);
    QString out = name.toLower().replace(unsafe, u"_"_s);
    while (out.startsWith(u'_'))
        out.remove(0, 1);
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.isEmpty() ? u"request"_s : out;
}

// The arguments of a Nunjucks tag: 'body', 'req_1', "x", 60 → texts without quotes.
QStringList tagArguments(const QString& text)
{
    QStringList arguments;
    QString current;
    QChar quote;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current += c;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u',') {
            arguments.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty() || !arguments.isEmpty())
        arguments.append(current.trimmed());
    return arguments;
}

class InsomniaReader final : public JsonReader {
public:
    explicit InsomniaReader(const QString& fileLabel)
        : JsonReader(fileLabel, u"import.insomnia"_s)
    {}

    QStringList warnings;
    QHash<QString, QString> requestNames;                 // id → name
    QHash<QString, QList<Model::Extraction>> extractions; // request id → to add

    void warn(const QString& path, const QString& message)
    {
        const QString line = path + u": "_s + message;
        if (!warnings.contains(line))
            warnings.append(line);
    }

    // Nunjucks → Keyhole: {{ _.a }} → {{a}}, {% uuid %} → {{$guid}}, response chaining →
    // an extraction.
    QString convert(const QString& text, bool credential, const QString& path)
    {
        if (!text.contains(u"{{"_s) && !text.contains(u"{%"_s))
            return text;
        static const QRegularExpression variable(
            uR"re(\{\{\s*(?:_\.([\w$.-]+)|_\[\s*['"]([^'"]+)['"]\s*\]|([A-Za-z_$][\w$.-]*))\s*(\|[^}]*)?\}\})re"_s);
        QString out = replaceMatches(text, variable, [&](const QRegularExpressionMatch& match) {
            const QString name = match.captured(1) + match.captured(2) + match.captured(3);
            if (!match.captured(4).isEmpty())
                warn(path, u"the filter \"%1\" of {{%2}} is not applied"_s.arg(
                               match.captured(4).mid(1).trimmed(), name));
            if (name.startsWith(u"vault."_s))
                warn(path,
                     u"{{%1}} is an Insomnia vault secret: set it in an environment"_s.arg(name));
            return QString(u"{{"_s + name + u"}}"_s);
        });
        static const QRegularExpression tag(uR"(\{%\s*(\w+)\s*(.*?)\s*%\})"_s);
        return replaceMatches(out, tag, [&](const QRegularExpressionMatch& match) {
            const QString name = match.captured(1);
            const QStringList arguments = tagArguments(match.captured(2));
            if (name == u"uuid")
                return u"{{$guid}}"_s;
            if (name == u"now" || name == u"timestamp") {
                const QString format = arguments.value(0);
                if (format == u"millis")
                    warn(path, u"{% now 'millis' %} became {{$timestamp}} (seconds)"_s);
                return format == u"iso-8601" ? u"{{$isoTimestamp}}"_s : u"{{$timestamp}}"_s;
            }
            if (name == u"response")
                if (std::optional<QString> chained = responseTag(arguments, credential, path))
                    return *chained;
            warn(path, u"the template tag {% %1 %} is not run: kept as text"_s.arg(name));
            return match.captured(0);
        });
    }

    // {% response 'body', 'req_1', 'b64::JC5hY2Nlc3M=::46b', 'never', 60 %}
    std::optional<QString> responseTag(const QStringList& arguments, bool credential,
                                       const QString& path)
    {
        const QString field = arguments.value(0);
        const QString id = arguments.value(1);
        QString filter = arguments.value(2);
        if (filter.startsWith(u"b64::"_s))
            filter =
                QString::fromUtf8(QByteArray::fromBase64(filter.section(u"::"_s, 1, 1).toLatin1()));
        if (!requestNames.contains(id) || (field != u"body" && field != u"header") ||
            filter.isEmpty()) {
            warn(path, u"a response chaining tag (%1 of %2) could not become an extraction"_s.arg(
                           field, id));
            return std::nullopt;
        }
        Model::Extraction extraction;
        if (field == u"header") {
            extraction.from = Model::Extraction::Source::Header;
        } else {
            if (filter.startsWith(u"$."_s))
                filter.remove(0, 2);
            else if (filter.startsWith(u'$'))
                filter.remove(0, 1);
            if (filter.isEmpty() || filter.contains(u'*') || filter.contains(u'?')) {
                warn(path, u"the JSONPath \"%1\" is not a single value: kept as text"_s.arg(
                               arguments.value(2)));
                return std::nullopt;
            }
        }
        extraction.path = filter;
        static const QRegularExpression unsafe(uR"(\W+)"_s);
        extraction.variable = slug(requestNames.value(id)) + u'_' +
                              QString(filter.section(u'.', -1)).replace(unsafe, u"_"_s);
        extraction.secret = credential || looksSecret(extraction.variable);
        QList<Model::Extraction>& list = extractions[id];
        auto same = std::find_if(list.begin(), list.end(), [&](const Model::Extraction& e) {
            return e.variable == extraction.variable;
        });
        if (same == list.end())
            list.append(extraction);
        else
            same->secret = same->secret || extraction.secret;
        return u"{{"_s + extraction.variable + u"}}"_s;
    }

    // Environment data as variables: nested objects flattened to "a.b".
    void flatten(const QJsonObject& data, const QString& prefix, bool secret,
                 Model::VariableList& out, const QString& path, int depth = 0)
    {
        for (auto it = data.begin(); it != data.end(); ++it) {
            const QString name = prefix + it.key();
            if (it->isObject() && depth < 8) {
                flatten(it->toObject(), name + u'.', secret, out, path, depth + 1);
                continue;
            }
            QString value;
            if (it->isString())
                value = convert(it->toString(), false, path);
            else if (it->isArray() || it->isObject())
                value = QString::fromUtf8(
                    it->isArray() ? QJsonDocument(it->toArray()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact));
            else if (!it->isNull())
                value = it->toVariant().toString();
            out.append({name, value, secret || looksSecret(name), true});
        }
    }

    Model::KeyValueList pairs(const QJsonObject& owner, const QString& key, const QString& path)
    {
        Model::KeyValueList result;
        const QJsonArray items = array(owner, key, path);
        for (qsizetype i = 0; i < items.size() && !failed(); ++i) {
            const QString itemPath = jsonIndex(path, key, i);
            const QJsonObject item = object(items[i], itemPath);
            const QString name = string(item, u"name"_s, itemPath);
            if (name.isEmpty() && string(item, u"value"_s, itemPath).isEmpty())
                continue; // Insomnia's empty trailing row
            const bool credential =
                looksSecret(name) || name.compare(u"Authorization"_s, Qt::CaseInsensitive) == 0;
            result.append({name, convert(string(item, u"value"_s, itemPath), credential, itemPath),
                           !boolean(item, u"disabled"_s, itemPath, false)});
        }
        return result;
    }

    Model::AuthConfig auth(const QJsonObject& owner, const QString& ownerPath,
                           Model::RequestTemplate* request, QJsonObject& preserved)
    {
        Model::AuthConfig config; // Inherit
        const QJsonValue value = owner.value(u"authentication"_s);
        if (value.isUndefined() || value.isNull())
            return config;
        const QString path = ownerPath + u".authentication"_s;
        const QJsonObject object = this->object(value, path);
        if (object.isEmpty())
            return config;
        const QString type = string(object, u"type"_s, path);
        auto field = [&](const QString& key, bool credential) {
            return convert(string(object, key, path), credential, path);
        };
        if (boolean(object, u"disabled"_s, path, false) || type == u"none") {
            config.kind = Model::AuthKind::None;
            return config;
        }
        if (type == u"basic" || type == u"digest") {
            config.kind = type == u"basic" ? Model::AuthKind::Basic : Model::AuthKind::Digest;
            config.username = field(u"username"_s, false);
            config.password = field(u"password"_s, true);
        } else if (type == u"bearer") {
            config.kind = Model::AuthKind::Bearer;
            const QString prefix = string(object, u"prefix"_s, path);
            config.prefix = prefix.isEmpty() ? u"Bearer"_s : prefix;
            config.token = field(u"token"_s, true);
        } else if (type == u"apikey") {
            const QString addTo = string(object, u"addTo"_s, path, u"header"_s);
            const QString key = field(u"key"_s, false);
            const QString keyValue = field(u"value"_s, true);
            if (addTo == u"cookie") {
                config.kind = Model::AuthKind::None;
                if (request) {
                    request->headers.append({u"Cookie"_s, key + u'=' + keyValue, true});
                    warn(path, u"an API key in a cookie became a Cookie header"_s);
                } else {
                    warn(path, u"a folder's API key in a cookie is not imported: add the Cookie "
                               "header \"%1=…\" to its requests"_s.arg(key));
                }
                return config;
            }
            config.kind = Model::AuthKind::ApiKey;
            config.keyName = key;
            config.keyValue = keyValue;
            config.keyInQuery = addTo == u"queryParams";
        } else if (type == u"oauth2") {
            const QString grant = string(object, u"grantType"_s, path);
            if (grant != u"client_credentials" && grant != u"password" &&
                grant != u"authorization_code") {
                return unsupported(object, path, u"OAuth 2 "_s + grant, preserved);
            }
            config.kind = Model::AuthKind::OAuth2;
            config.oauthGrant = grant;
            config.oauthTokenUrl = field(u"accessTokenUrl"_s, false);
            config.oauthAuthUrl = field(u"authorizationUrl"_s, false);
            config.oauthClientId = field(u"clientId"_s, false);
            config.oauthClientSecret = field(u"clientSecret"_s, true);
            config.oauthScope = field(u"scope"_s, false);
            config.oauthRedirectUri = field(u"redirectUrl"_s, false);
            config.oauthClientSecretInBody =
                string(object, u"credentialsInBody"_s, path) == u"true" ||
                object.value(u"credentialsInBody"_s).toBool();
            config.username = field(u"username"_s, false);
            config.password = field(u"password"_s, true);
            const QString prefix = string(object, u"tokenPrefix"_s, path);
            config.prefix = prefix.isEmpty() ? u"Bearer"_s : prefix;
        } else if (type == u"iam") {
            config.kind = Model::AuthKind::AwsSigV4;
            config.awsAccessKey = field(u"accessKeyId"_s, false);
            config.awsSecretKey = field(u"secretAccessKey"_s, true);
            config.awsSessionToken = field(u"sessionToken"_s, true);
            config.awsRegion = field(u"region"_s, false);
            config.awsService = field(u"service"_s, false);
        } else {
            return unsupported(object, path, type, preserved);
        }
        return config;
    }

    Model::AuthConfig unsupported(const QJsonObject& object, const QString& path,
                                  const QString& type, QJsonObject& preserved)
    {
        QJsonObject insomnia = preserved.value(u"insomnia"_s).toObject();
        insomnia.insert(u"authentication"_s, object);
        preserved.insert(u"insomnia"_s, insomnia);
        warn(path, u"auth type \"%1\" is not supported yet: kept in the file, the request is "
                   "sent without auth"_s.arg(type));
        Model::AuthConfig config;
        config.kind = Model::AuthKind::None;
        return config;
    }

    void body(const QJsonObject& owner, const QString& ownerPath, Model::RequestTemplate& request)
    {
        const QJsonValue value = owner.value(u"body"_s);
        if (value.isUndefined() || value.isNull())
            return;
        const QString path = ownerPath + u".body"_s;
        const QJsonObject object = this->object(value, path);
        const QString mimeType = string(object, u"mimeType"_s, path);
        const QString type = mimeType.section(u';', 0, 0).trimmed().toLower();
        const QString text = string(object, u"text"_s, path);
        const QString fileName = string(object, u"fileName"_s, path);
        Model::Body& body = request.body;
        if (type == u"application/x-www-form-urlencoded") {
            body.kind = Model::BodyKind::FormUrlEncoded;
            body.form = pairs(object, u"params"_s, path);
        } else if (type == u"multipart/form-data") {
            body.kind = Model::BodyKind::Multipart;
            const QJsonArray params = array(object, u"params"_s, path);
            for (qsizetype i = 0; i < params.size() && !failed(); ++i) {
                const QString itemPath = jsonIndex(path, u"params"_s, i);
                const QJsonObject param = this->object(params[i], itemPath);
                Model::MultipartField field;
                field.name = string(param, u"name"_s, itemPath);
                field.isFile = string(param, u"type"_s, itemPath) == u"file";
                field.value = field.isFile ? string(param, u"fileName"_s, itemPath)
                                           : convert(string(param, u"value"_s, itemPath),
                                                     looksSecret(field.name), itemPath);
                field.enabled = !boolean(param, u"disabled"_s, itemPath, false);
                if (field.name.isEmpty() && field.value.isEmpty())
                    continue;
                body.multipart.append(field);
            }
            // Keyhole writes its own boundary.
            request.headers.removeIf([](const Model::KeyValue& h) {
                return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0;
            });
        } else if (!fileName.isEmpty() && text.isEmpty()) {
            body.kind = Model::BodyKind::BinaryFile;
            body.filePath = fileName;
            body.contentType = mimeType;
        } else if (type == u"application/graphql") {
            // Insomnia keeps {"query": …, "variables": …}: sent as JSON, as Insomnia does.
            body.kind = Model::BodyKind::Raw;
            body.contentType = u"application/json"_s;
            body.text = convert(text, false, path);
            for (Model::KeyValue& header : request.headers)
                if (header.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0 &&
                    header.value.startsWith(u"application/graphql"_s))
                    header.value = u"application/json"_s;
        } else if (!text.isEmpty() || !mimeType.isEmpty()) {
            body.kind = Model::BodyKind::Raw;
            body.contentType = mimeType;
            body.text = convert(text, false, path);
        }
    }

    Model::RequestTemplate request(const QJsonObject& object, const QString& path,
                                   const QString& id)
    {
        Model::RequestTemplate request;
        request.name = string(object, u"name"_s, path);
        request.method = string(object, u"method"_s, path, u"GET"_s).trimmed().toUpper();
        request.url = convert(string(object, u"url"_s, path), false, path);
        request.description = string(object, u"description"_s, path);
        request.params = pairs(object, u"parameters"_s, path);
        request.headers = pairs(object, u"headers"_s, path);
        body(object, path, request);
        request.auth = auth(object, path, &request, request.preserved);
        // "on", "off" or "global" (the app's setting: Keyhole's default): v4
        // settingFollowRedirects, v5 settings.followRedirects.
        const QString follow =
            object.contains(u"settingFollowRedirects"_s)
                ? object.value(u"settingFollowRedirects"_s).toString()
                : object.value(u"settings"_s).toObject().value(u"followRedirects"_s).toString();
        if (follow == u"on" || follow == u"off")
            request.settings.followRedirects = follow == u"on";
        // The other texts went through convert() field by field; auth too.
        if (!id.isEmpty())
            request.preserved.insert(kIdMarker, id);
        if (request.name.isEmpty())
            request.name = request.method + u' ' + request.url;
        return request;
    }

    Model::Folder folder(const QJsonObject& object, const QString& path)
    {
        Model::Folder folder;
        folder.name = string(object, u"name"_s, path);
        folder.description = string(object, u"description"_s, path);
        const QJsonValue environment = object.value(u"environment"_s);
        if (environment.isObject())
            flatten(environment.toObject(), {}, false, folder.variables, path + u".environment"_s);
        folder.auth = auth(object, path, nullptr, folder.preserved);
        return folder;
    }

    // Attaches the extractions response tags asked for, and drops the id markers.
    void attachExtractions(Model::Folder& folder)
    {
        for (Model::RequestItem& item : folder.requests) {
            const QString id = item.request.preserved.take(kIdMarker).toString();
            for (const Model::Extraction& extraction : extractions.value(id)) {
                if (!std::any_of(item.request.extractions.begin(), item.request.extractions.end(),
                                 [&](const Model::Extraction& e) {
                                     return e.variable == extraction.variable;
                                 }))
                    item.request.extractions.append(extraction);
            }
        }
        for (Model::Folder& sub : folder.folders)
            attachExtractions(sub);
    }
};

double sortKey(const QJsonObject& resource)
{
    const QJsonValue v4 = resource.value(u"metaSortKey"_s);
    if (v4.isDouble())
        return v4.toDouble();
    return resource.value(u"meta"_s).toObject().value(u"sortKey"_s).toDouble();
}

// Insomnia v4: a flat list of resources, each with a parentId.
Result<ImportResult> readV4(InsomniaReader& reader, const QJsonObject& root)
{
    const QJsonArray resources = reader.array(root, u"resources"_s, u"$"_s);
    QHash<QString, QList<qsizetype>> children;
    QList<qsizetype> workspaces;
    QSet<QString> ids;
    for (const QJsonValue& resource : resources)
        ids.insert(resource.toObject().value(u"_id"_s).toString());
    // Hand-written exports often have no workspace: their top-level parents stand for one.
    QStringList orphanParents;
    for (qsizetype i = 0; i < resources.size() && !reader.failed(); ++i) {
        const QString path = jsonIndex(u"$"_s, u"resources"_s, i);
        const QJsonObject resource = reader.object(resources[i], path);
        const QString type = reader.string(resource, u"_type"_s, path);
        const QString id = reader.string(resource, u"_id"_s, path);
        if (type == u"workspace")
            workspaces.append(i);
        if (type == u"request")
            reader.requestNames.insert(id, reader.string(resource, u"name"_s, path));
        const QString parent = reader.string(resource, u"parentId"_s, path);
        children[parent].append(i);
        if (!ids.contains(parent) && type != u"workspace" && !orphanParents.contains(parent))
            orphanParents.append(parent);
    }
    if (reader.failed())
        return reader.error();
    for (QList<qsizetype>& list : children)
        std::stable_sort(list.begin(), list.end(), [&](qsizetype a, qsizetype b) {
            return sortKey(resources[a].toObject()) < sortKey(resources[b].toObject());
        });

    ImportResult result;
    result.format = u"Insomnia export v4"_s;
    QSet<QString> visited; // a parentId cycle must not recurse forever
    std::function<void(const QString&, Model::Folder&, int)> fill =
        [&](const QString& parentId, Model::Folder& folder, int depth) {
            if (depth > 64 || visited.contains(parentId))
                return;
            visited.insert(parentId);
            for (qsizetype index : children.value(parentId)) {
                if (reader.failed())
                    return;
                const QString path = jsonIndex(u"$"_s, u"resources"_s, index);
                const QJsonObject resource = resources[index].toObject();
                const QString type = resource.value(u"_type"_s).toString();
                const QString id = resource.value(u"_id"_s).toString();
                if (type == u"request") {
                    folder.order.append(u"request:"_s + QString::number(folder.requests.size()));
                    folder.requests.push_back({{}, reader.request(resource, path, id)});
                } else if (type == u"request_group") {
                    Model::Folder sub = reader.folder(resource, path);
                    fill(id, sub, depth + 1);
                    folder.order.append(u"folder:"_s + QString::number(folder.folders.size()));
                    folder.folders.push_back(std::move(sub));
                } else if (type == u"grpc_request" || type == u"websocket_request") {
                    reader.warn(path, u"%1 \"%2\" is not imported (Keyhole sends HTTP)"_s.arg(
                                          type, resource.value(u"name"_s).toString()));
                }
            }
        };

    Model::Folder collection;
    if (workspaces.size() > 1)
        reader.warn(u"$.resources"_s,
                    u"%1 workspaces: each became a folder"_s.arg(workspaces.size()));
    // The roots: the workspaces, or else the parents nothing in the export defines.
    QStringList roots;
    for (qsizetype index : std::as_const(workspaces))
        roots.append(resources[index].toObject().value(u"_id"_s).toString());
    if (roots.isEmpty())
        roots = orphanParents;
    for (const QString& id : std::as_const(roots)) {
        const auto workspaceIndex =
            std::find_if(workspaces.cbegin(), workspaces.cend(), [&](qsizetype index) {
                return resources[index].toObject().value(u"_id"_s).toString() == id;
            });
        const QJsonObject workspace = workspaceIndex != workspaces.cend()
                                          ? resources[*workspaceIndex].toObject()
                                          : QJsonObject();
        Model::Folder folder;
        folder.name = workspace.value(u"name"_s).toString();
        if (folder.name.isEmpty())
            folder.name = QFileInfo(reader.fileLabel()).completeBaseName();
        folder.description = workspace.value(u"description"_s).toString();
        fill(id, folder, 0);
        // Environments: the base one (child of the workspace) and its sub-environments.
        for (qsizetype envIndex : children.value(id)) {
            const QJsonObject base = resources[envIndex].toObject();
            if (base.value(u"_type"_s) == u"cookie_jar"_s &&
                !base.value(u"cookies"_s).toArray().isEmpty())
                reader.warn(jsonIndex(u"$"_s, u"resources"_s, envIndex),
                            u"the cookie jar's %1 cookie(s) are not imported"_s.arg(
                                base.value(u"cookies"_s).toArray().size()));
            if (base.value(u"_type"_s) == u"api_spec"_s &&
                !base.value(u"contents"_s).toString().isEmpty())
                reader.warn(jsonIndex(u"$"_s, u"resources"_s, envIndex),
                            u"the design document is not imported here: save it and use "
                            "Import › OpenAPI"_s);
            if (base.value(u"_type"_s) != u"environment"_s)
                continue;
            const QString basePath = jsonIndex(u"$"_s, u"resources"_s, envIndex);
            // Base values stay below the environments: on the collection, even when several
            // workspaces become folders (folder variables would outrank the environments).
            reader.flatten(base.value(u"data"_s).toObject(), {}, false,
                           roots.size() == 1 ? folder.variables : collection.variables,
                           basePath + u".data"_s);
            for (qsizetype subIndex : children.value(base.value(u"_id"_s).toString())) {
                const QJsonObject sub = resources[subIndex].toObject();
                if (sub.value(u"_type"_s) != u"environment"_s)
                    continue;
                Model::Environment environment;
                environment.name = sub.value(u"name"_s).toString();
                reader.flatten(sub.value(u"data"_s).toObject(), {},
                               sub.value(u"isPrivate"_s).toBool(), environment.variables,
                               jsonIndex(u"$"_s, u"resources"_s, subIndex) + u".data"_s);
                result.environments.push_back(std::move(environment));
            }
        }
        if (reader.failed())
            return reader.error();
        if (roots.size() == 1)
            collection = std::move(folder);
        else
            collection.folders.push_back(std::move(folder));
    }
    if (roots.size() != 1)
        collection.name = u"Insomnia"_s;
    reader.attachExtractions(collection);
    result.collection = std::move(collection);
    return result;
}

// Insomnia v5 (YAML): the collection is a tree; folders have children.
Result<ImportResult> readV5(InsomniaReader& reader, const QJsonObject& root)
{
    // Names first: a response tag may point at a request further down.
    std::function<void(const QJsonArray&, int)> names = [&](const QJsonArray& items, int depth) {
        for (const QJsonValue& value : items) {
            const QJsonObject item = value.toObject();
            if (item.contains(u"children"_s) && depth < 64)
                names(item.value(u"children"_s).toArray(), depth + 1);
            else
                reader.requestNames.insert(
                    item.value(u"meta"_s).toObject().value(u"id"_s).toString(),
                    item.value(u"name"_s).toString());
        }
    };
    names(root.value(u"collection"_s).toArray(), 0);
    std::function<void(const QJsonArray&, const QString&, Model::Folder&, int)> fill =
        [&](const QJsonArray& items, const QString& path, Model::Folder& folder, int depth) {
            QList<qsizetype> order(items.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
                return sortKey(items[a].toObject()) < sortKey(items[b].toObject());
            });
            for (qsizetype i : std::as_const(order)) {
                if (reader.failed() || depth > 64)
                    return;
                const QString itemPath = path + u'[' + QString::number(i) + u']';
                const QJsonObject item = reader.object(items[i], itemPath);
                if (item.contains(u"children"_s)) {
                    Model::Folder sub = reader.folder(item, itemPath);
                    fill(reader.array(item, u"children"_s, itemPath), itemPath + u".children"_s,
                         sub, depth + 1);
                    folder.order.append(u"folder:"_s + QString::number(folder.folders.size()));
                    folder.folders.push_back(std::move(sub));
                } else {
                    const QString id = item.value(u"meta"_s).toObject().value(u"id"_s).toString();
                    folder.order.append(u"request:"_s + QString::number(folder.requests.size()));
                    folder.requests.push_back({{}, reader.request(item, itemPath, id)});
                }
            }
        };
    ImportResult result;
    result.format = u"Insomnia export v5"_s;
    Model::Folder collection;
    collection.name = reader.string(root, u"name"_s, u"$"_s);
    fill(reader.array(root, u"collection"_s, u"$"_s), u"$.collection"_s, collection, 0);
    const QJsonValue environments = root.value(u"environments"_s);
    if (environments.isObject()) {
        const QJsonObject base = environments.toObject();
        reader.flatten(base.value(u"data"_s).toObject(), {}, false, collection.variables,
                       u"$.environments.data"_s);
        const QJsonArray subs = reader.array(base, u"subEnvironments"_s, u"$.environments"_s);
        for (qsizetype i = 0; i < subs.size(); ++i) {
            const QJsonObject sub = subs[i].toObject();
            Model::Environment environment;
            environment.name = sub.value(u"name"_s).toString();
            reader.flatten(sub.value(u"data"_s).toObject(), {}, sub.value(u"isPrivate"_s).toBool(),
                           environment.variables,
                           jsonIndex(u"$.environments"_s, u"subEnvironments"_s, i) + u".data"_s);
            result.environments.push_back(std::move(environment));
        }
    }
    if (root.value(u"cookieJar"_s).toObject().value(u"cookies"_s).toArray().size() > 0)
        reader.warn(u"$.cookieJar"_s, u"the cookie jar's cookies are not imported"_s);
    if (reader.failed())
        return reader.error();
    reader.attachExtractions(collection);
    result.collection = std::move(collection);
    return result;
}

} // namespace

bool looksLikeInsomnia(const QByteArray& data)
{
    const QString head = QString::fromUtf8(data.left(4096));
    static const QRegularExpression pattern(
        uR"re("__export_format"\s*:|"_type"\s*:\s*"export"|(^|\n)type:\s*["']?collection\.insomnia\.rest/|(^|\n)_type:\s*export)re"_s);
    return pattern.match(head).hasMatch();
}

Result<ImportResult> importInsomnia(const QByteArray& data, const QString& fileLabel)
{
    InsomniaReader reader(fileLabel);
    QJsonObject root;
    if (data.trimmed().startsWith('{')) {
        root = reader.parseObject(data);
    } else {
        Result<QJsonValue> yaml = yamlToJson(data, fileLabel);
        if (!yaml)
            return yaml.error();
        root = reader.object(yaml.value(), u"$"_s);
    }
    if (reader.failed())
        return reader.error();
    Result<ImportResult> result = [&]() -> Result<ImportResult> {
        if (root.value(u"type"_s).toString().startsWith(u"collection.insomnia.rest/5"_s))
            return readV5(reader, root);
        if (root.contains(u"resources"_s)) {
            const int version = root.value(u"__export_format"_s).toInt(4);
            if (version != 4)
                reader.warn(u"$.__export_format"_s,
                            u"export format %1: read as format 4"_s.arg(version));
            return readV4(reader, root);
        }
        reader.fail(u"$"_s, u"not an Insomnia export (no \"resources\" and no "
                            "\"type: collection.insomnia.rest/5.0\")"_s);
        return reader.error();
    }();
    if (!result)
        return result.error();
    if (requestCount(*result.value().collection) == 0)
        reader.warn(u"$"_s, u"no requests in this export"_s);
    result.value().warnings = reader.warnings;
    return result;
}

} // namespace Keyhole::Interchange
