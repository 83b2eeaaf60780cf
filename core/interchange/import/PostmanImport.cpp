#include "core/interchange/import/PostmanImport.h"

#include "core/JsonReader.h"
#include "core/interchange/PostmanTests.h"
#include "core/interchange/import/ScriptExtractions.h"

#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

bool looksSecret(const QString& name)
{
    static const QRegularExpression pattern(
        u"token|secret|passw|pwd|api[-_]?key|apikey|credential|private|session|cookie|auth(?!or)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(name).hasMatch();
}

namespace {

// pm.environment.set("token", pm.response.json().access)
// pm.collectionVariables.set('token', jsonData.data.token)
// postman.setEnvironmentVariable("token", JSON.parse(responseBody).token)
// pm.environment.set("session", pm.response.headers.get("X-Session"))
const ScriptDialect& postmanScripts()
{
    static const QRegularExpression setter(
        uR"((?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*["']([^"']+)["']\s*,\s*(.+?)\s*\)\s*;?\s*$)"_s,
        QRegularExpression::MultilineOption);
    static const QRegularExpression jsonSource(
        uR"(^(?:pm\.response\.json\(\)|JSON\.parse\(responseBody\)|jsonData|data|json|response|res|body)((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[["'][^"']+["']\])*)$)"_s);
    static const QRegularExpression headerSource(
        uR"(^pm\.response\.headers\.get\(\s*["']([^"']+)["']\s*\)$)"_s);
    static const ScriptDialect dialect{setter, jsonSource, headerSource};
    return dialect;
}

// Keeps `value` of the Postman source under preserved["postman"][key].
void keep(QJsonObject& preserved, const QString& key, const QJsonValue& value)
{
    QJsonObject postman = preserved.value(u"postman"_s).toObject();
    postman.insert(key, value);
    preserved.insert(u"postman"_s, postman);
}

// Postman writes scalars where strings are expected (numbers, booleans): take them as text.
QString scalarText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return value.toVariant().toString();
    if (value.isArray() || value.isObject())
        return QString::fromUtf8(
            value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

class PostmanReader final : public JsonReader {
public:
    explicit PostmanReader(const QString& fileLabel)
        : JsonReader(fileLabel, u"import.postman"_s)
    {}

    QStringList warnings;

    void warn(const QString& path, const QString& message)
    {
        warnings.append(path + u": "_s + message);
    }

    // "description": a string, or {"content": "...", "type": "text/markdown"}.
    QString description(const QJsonObject& object, const QString& path)
    {
        const QJsonValue value = object.value(u"description"_s);
        if (value.isObject())
            return string(value.toObject(), u"content"_s, path + u".description"_s);
        return string(object, u"description"_s, path);
    }

    Model::VariableList variables(const QJsonObject& object, const QString& key,
                                  const QString& path)
    {
        Model::VariableList result;
        const QJsonArray items = array(object, key, path);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = jsonIndex(path, key, i);
            const QJsonObject item = this->object(items[i], itemPath);
            Model::Variable variable;
            variable.name = string(item, u"key"_s, itemPath, string(item, u"id"_s, itemPath));
            if (variable.name.isEmpty()) {
                warn(itemPath, u"a variable without a name was left out"_s);
                continue;
            }
            variable.value = scalarText(item.value(u"value"_s));
            variable.enabled = item.contains(u"enabled"_s)
                                   ? boolean(item, u"enabled"_s, itemPath, true)
                                   : !boolean(item, u"disabled"_s, itemPath, false);
            variable.secret = string(item, u"type"_s, itemPath) == u"secret";
            result.append(variable);
        }
        return result;
    }

    // Both shapes of auth attributes: v2.1 [{"key": "token", "value": "..."}], v2.0 {"token": ...}.
    static QString attribute(const QJsonValue& attributes, const QString& key)
    {
        if (attributes.isObject())
            return scalarText(attributes.toObject().value(key));
        const QJsonArray list = attributes.toArray();
        for (const QJsonValue& entry : list) {
            const QJsonObject item = entry.toObject();
            if (item.value(u"key"_s).toString() == key)
                return scalarText(item.value(u"value"_s));
        }
        return {};
    }

    // Reads "auth" of a collection, folder or request. Absent or null: inherit.
    Model::AuthConfig auth(const QJsonObject& owner, const QString& ownerPath,
                           QJsonObject& preserved)
    {
        Model::AuthConfig config;
        const QJsonValue value = owner.value(u"auth"_s);
        if (value.isUndefined() || value.isNull())
            return config;
        const QString path = ownerPath + u".auth"_s;
        const QJsonObject object = this->object(value, path);
        const QString type = requiredString(object, u"type"_s, path);
        const QJsonValue attributes = object.value(type);
        if (!attributes.isUndefined() && !attributes.isNull() && !attributes.isArray() &&
            !attributes.isObject())
            fail(path + u'.' + type, u"expected an array of attributes"_s);
        if (type == u"noauth") {
            config.kind = Model::AuthKind::None;
        } else if (type == u"basic") {
            config.kind = Model::AuthKind::Basic;
            config.username = attribute(attributes, u"username"_s);
            config.password = attribute(attributes, u"password"_s);
        } else if (type == u"bearer") {
            config.kind = Model::AuthKind::Bearer;
            config.token = attribute(attributes, u"token"_s);
            config.prefix = u"Bearer"_s;
        } else if (type == u"apikey") {
            config.kind = Model::AuthKind::ApiKey;
            config.keyName = attribute(attributes, u"key"_s);
            config.keyValue = attribute(attributes, u"value"_s);
            config.keyInQuery = attribute(attributes, u"in"_s) == u"query";
            if (config.keyName.isEmpty())
                warn(path, u"API key without a name"_s);
        } else if (type == u"digest") {
            // realm, nonce, qop... come from the server's challenge at send time.
            config.kind = Model::AuthKind::Digest;
            config.username = attribute(attributes, u"username"_s);
            config.password = attribute(attributes, u"password"_s);
        } else if (type == u"awsv4") {
            config.kind = Model::AuthKind::AwsSigV4;
            config.awsAccessKey = attribute(attributes, u"accessKey"_s);
            config.awsSecretKey = attribute(attributes, u"secretKey"_s);
            config.awsSessionToken = attribute(attributes, u"sessionToken"_s);
            config.awsRegion = attribute(attributes, u"region"_s);
            config.awsService = attribute(attributes, u"service"_s);
            config.awsSignQuery = attribute(attributes, u"addAuthDataToQuery"_s) == u"true";
        } else {
            // oauth1, oauth2, hawk, ntlm, edgegrid, akamai, jwt, asap...
            config.kind = Model::AuthKind::None;
            keep(preserved, u"auth"_s, object);
            warn(path, u"auth type \"%1\" is not supported yet: kept in the file, the request is "
                       "sent without auth"_s.arg(type));
        }
        return config;
    }

    // Postman scripts are kept, not run. The common "save the token" line becomes an extraction.
    void events(const QJsonObject& owner, const QString& ownerPath, QJsonObject& preserved,
                QList<Model::Extraction>* extractions,
                QList<Model::Assertion>* assertions = nullptr)
    {
        const QJsonArray list = array(owner, u"event"_s, ownerPath);
        if (list.isEmpty())
            return;
        keep(preserved, u"event"_s, list);
        qsizetype scripts = 0;
        QStringList converted;
        QList<Model::Assertion> checks;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = jsonIndex(ownerPath, u"event"_s, i);
            const QJsonObject event = object(list[i], path);
            const QJsonObject script = event.value(u"script"_s).toObject();
            const QJsonValue exec = script.value(u"exec"_s);
            QString source;
            if (exec.isArray()) {
                for (const QJsonValue& line : exec.toArray())
                    source += line.toString() + u'\n';
            } else {
                source = exec.toString();
            }
            if (source.trimmed().isEmpty())
                continue;
            ++scripts;
            if (extractions && event.value(u"listen"_s).toString() == u"test")
                converted += extractionsFromScript(source, postmanScripts(), *extractions);
            if (assertions && event.value(u"listen"_s).toString() == u"test")
                checks += assertionsFromPostmanScript(source);
        }
        if (scripts == 0)
            return;
        QString message = u"%1 script(s) kept but not run (Keyhole does not run Postman "
                          "scripts)"_s.arg(scripts);
        if (!converted.isEmpty())
            message += u"; saving %1 from the response became an extraction"_s.arg(
                converted.join(u", "_s));
        if (!checks.isEmpty()) {
            QStringList described;
            for (const Model::Assertion& check : std::as_const(checks))
                described.append(Model::describeAssertion(check));
            message += u"; the checks %1 became assertions"_s.arg(described.join(u", "_s));
            *assertions += checks;
        }
        warn(ownerPath + u".event"_s, message);
    }

    // The URL: a string, or {"raw", "protocol", "host", "port", "path", "query", "variable"}.
    // The query goes into params (disabled ones included); ":name" path variables take their
    // value.
    void url(const QJsonValue& value, const QString& path, Model::RequestTemplate& request)
    {
        QString raw;
        QJsonArray query;
        bool hasQueryArray = false;
        QJsonArray pathVariables;
        if (value.isString()) {
            raw = value.toString();
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            raw = string(object, u"raw"_s, path);
            if (raw.isEmpty())
                raw = assembleUrl(object, path);
            hasQueryArray = object.value(u"query"_s).isArray();
            query = array(object, u"query"_s, path);
            pathVariables = array(object, u"variable"_s, path);
        } else if (!value.isUndefined() && !value.isNull()) {
            fail(path, u"expected a string or an object"_s);
            return;
        }
        // A fragment never goes over the wire.
        const qsizetype hash = raw.indexOf(u'#');
        if (hash >= 0)
            raw.truncate(hash);
        const qsizetype question = raw.indexOf(u'?');
        QString base = question >= 0 ? raw.left(question) : raw;
        const QString rawQuery = question >= 0 ? raw.mid(question + 1) : QString();
        if (hasQueryArray) {
            for (qsizetype i = 0; i < query.size(); ++i) {
                const QString itemPath = jsonIndex(path, u"query"_s, i);
                const QJsonObject item = object(query[i], itemPath);
                if (item.value(u"key"_s).isNull() && item.value(u"value"_s).isNull())
                    continue;
                request.params.append({scalarText(item.value(u"key"_s)),
                                       scalarText(item.value(u"value"_s)),
                                       !boolean(item, u"disabled"_s, itemPath, false)});
            }
        } else {
            request.params = queryPairs(rawQuery);
        }
        for (qsizetype i = 0; i < pathVariables.size(); ++i) {
            const QString itemPath = jsonIndex(path, u"variable"_s, i);
            const QJsonObject item = object(pathVariables[i], itemPath);
            const QString key = string(item, u"key"_s, itemPath);
            if (key.isEmpty())
                continue;
            QString replacement = scalarText(item.value(u"value"_s));
            if (replacement.isEmpty()) {
                replacement = u"{{"_s + key + u"}}"_s;
                warn(itemPath, u"path variable :%1 has no value: it became {{%1}}"_s.arg(key));
            }
            const QRegularExpression segment(u"/:"_s + QRegularExpression::escape(key) +
                                             u"(?=/|$)"_s);
            base.replace(segment, u"/"_s + replacement);
        }
        request.url = base;
    }

    QString assembleUrl(const QJsonObject& object, const QString& path)
    {
        auto joined = [&](const QString& key, const QString& separator) {
            const QJsonValue part = object.value(key);
            if (part.isArray()) {
                QStringList pieces;
                for (const QJsonValue& piece : part.toArray())
                    pieces.append(
                        scalarText(piece.isObject() ? piece.toObject().value(u"value"_s) : piece));
                return pieces.join(separator);
            }
            return string(object, key, path);
        };
        QString url;
        const QString protocol = string(object, u"protocol"_s, path);
        if (!protocol.isEmpty())
            url += protocol + u"://"_s;
        url += joined(u"host"_s, u"."_s);
        const QString port = scalarText(object.value(u"port"_s));
        if (!port.isEmpty())
            url += u':' + port;
        const QString pathText = joined(u"path"_s, u"/"_s);
        if (!pathText.isEmpty())
            url += (pathText.startsWith(u'/') ? QString() : u"/"_s) + pathText;
        return url;
    }

    Model::KeyValueList keyValues(const QJsonArray& items, const QString& path, const QString& key)
    {
        Model::KeyValueList result;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = jsonIndex(path, key, i);
            const QJsonObject item = object(items[i], itemPath);
            result.append({scalarText(item.value(u"key"_s)), scalarText(item.value(u"value"_s)),
                           !boolean(item, u"disabled"_s, itemPath, false)});
        }
        return result;
    }

    // Headers: an array of {key, value, disabled}, or (v2.0) one "Name: value\n" string.
    Model::KeyValueList headers(const QJsonObject& request, const QString& path)
    {
        const QJsonValue value = request.value(u"header"_s);
        if (value.isString()) {
            Model::KeyValueList result;
            for (const QString& line : value.toString().split(u'\n', Qt::SkipEmptyParts)) {
                const qsizetype colon = line.indexOf(u':');
                if (colon > 0)
                    result.append(
                        {line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), true});
            }
            return result;
        }
        return keyValues(array(request, u"header"_s, path), path, u"header"_s);
    }

    Model::Body body(const QJsonObject& request, const QString& requestPath, QJsonObject& preserved)
    {
        Model::Body body;
        const QJsonValue value = request.value(u"body"_s);
        if (value.isUndefined() || value.isNull())
            return body;
        const QString path = requestPath + u".body"_s;
        const QJsonObject object = this->object(value, path);
        if (boolean(object, u"disabled"_s, path, false))
            return body;
        const QString mode = string(object, u"mode"_s, path);
        if (mode.isEmpty()) {
            return body;
        } else if (mode == u"raw") {
            body.kind = Model::BodyKind::Raw;
            body.text = scalarText(object.value(u"raw"_s));
            const QString language = object.value(u"options"_s)
                                         .toObject()
                                         .value(u"raw"_s)
                                         .toObject()
                                         .value(u"language"_s)
                                         .toString();
            static const QHash<QString, QString> types{
                {u"json"_s, u"application/json"_s}, {u"xml"_s, u"application/xml"_s},
                {u"html"_s, u"text/html"_s},        {u"javascript"_s, u"application/javascript"_s},
                {u"text"_s, u"text/plain"_s},
            };
            body.contentType = types.value(language);
        } else if (mode == u"urlencoded") {
            body.kind = Model::BodyKind::FormUrlEncoded;
            body.form = keyValues(array(object, u"urlencoded"_s, path), path, u"urlencoded"_s);
        } else if (mode == u"formdata") {
            body.kind = Model::BodyKind::Multipart;
            const QJsonArray parts = array(object, u"formdata"_s, path);
            for (qsizetype i = 0; i < parts.size(); ++i) {
                const QString partPath = jsonIndex(path, u"formdata"_s, i);
                const QJsonObject part = this->object(parts[i], partPath);
                Model::MultipartField field;
                field.name = scalarText(part.value(u"key"_s));
                field.isFile = string(part, u"type"_s, partPath) == u"file";
                field.contentType = string(part, u"contentType"_s, partPath);
                field.enabled = !boolean(part, u"disabled"_s, partPath, false);
                if (field.isFile) {
                    const QJsonValue src = part.value(u"src"_s);
                    const QJsonArray sources = src.toArray();
                    field.value = src.isArray() ? scalarText(sources.first()) : scalarText(src);
                    if (sources.size() > 1)
                        warn(partPath + u".src"_s,
                             u"%1 files in one field: only the first was kept"_s.arg(
                                 sources.size()));
                    if (field.value.isEmpty())
                        warn(partPath + u".src"_s,
                             u"no file chosen for \"%1\": pick one before sending"_s.arg(
                                 field.name));
                } else {
                    field.value = scalarText(part.value(u"value"_s));
                }
                body.multipart.append(field);
            }
        } else if (mode == u"file") {
            body.kind = Model::BodyKind::BinaryFile;
            body.filePath = scalarText(object.value(u"file"_s).toObject().value(u"src"_s));
            if (body.filePath.isEmpty())
                warn(path + u".file"_s, u"no file chosen: pick one before sending"_s);
        } else if (mode == u"graphql") {
            // Postman sends {"query": ..., "variables": {...}} as JSON.
            body.kind = Model::BodyKind::Raw;
            body.contentType = u"application/json"_s;
            const QJsonObject graphql = object.value(u"graphql"_s).toObject();
            QJsonObject payload{{u"query"_s, graphql.value(u"query"_s).toString()}};
            const QJsonValue variables = graphql.value(u"variables"_s);
            const QJsonDocument parsed = QJsonDocument::fromJson(variables.toString().toUtf8());
            payload.insert(u"variables"_s, variables.isObject() ? variables
                                           : parsed.isObject()  ? QJsonValue(parsed.object())
                                                                : QJsonValue(QJsonObject()));
            body.text = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
        } else {
            keep(preserved, u"body"_s, object);
            warn(path + u".mode"_s,
                 u"body mode \"%1\" is not supported: kept in the file, sent without a body"_s.arg(
                     mode));
        }
        return body;
    }

    // protocolProfileBehavior's keys Keyhole has settings for go into `settings` (over what it
    // holds); returns the other keys.
    static QJsonObject takeSettings(QJsonObject behavior, Model::RequestSettings& settings)
    {
        auto flag = [&behavior](const QString& key, std::optional<bool>& out) {
            if (behavior.value(key).isBool())
                out = behavior.take(key).toBool();
        };
        flag(u"followRedirects"_s, settings.followRedirects);
        flag(u"strictSSL"_s, settings.verifyTls);
        flag(u"followAuthorizationHeader"_s, settings.trustRedirects);
        if (const double most = behavior.value(u"maxRedirects"_s).toDouble(-1);
            most >= 0 && most <= 1000 && most == static_cast<int>(most)) {
            settings.maxRedirects = static_cast<int>(most);
            behavior.remove(u"maxRedirects"_s);
        }
        return behavior;
    }

    // A folder's (or the collection's) protocolProfileBehavior: kept whole in the folder (the
    // export gives it back) and applied to the requests inside.
    void folderBehavior(const QJsonObject& owner, QJsonObject& preserved)
    {
        if (!owner.contains(u"protocolProfileBehavior"_s))
            return;
        const QJsonValue behavior = owner.value(u"protocolProfileBehavior"_s);
        keep(preserved, u"protocolProfileBehavior"_s, behavior);
        takeSettings(behavior.toObject(), m_inheritedSettings);
    }

    Model::RequestSettings m_inheritedSettings; // from the folders around the current item

    Model::RequestTemplate request(const QJsonObject& item, const QString& itemPath)
    {
        Model::RequestTemplate request;
        request.name = string(item, u"name"_s, itemPath);
        const QJsonValue value = item.value(u"request"_s);
        const QString path = itemPath + u".request"_s;
        if (value.isString()) {
            url(value, path, request);
        } else {
            const QJsonObject object = this->object(value, path);
            request.method = string(object, u"method"_s, path, u"GET"_s).trimmed().toUpper();
            if (request.method.isEmpty())
                request.method = u"GET"_s;
            url(object.value(u"url"_s), path + u".url"_s, request);
            request.headers = headers(object, path);
            request.body = body(object, path, request.preserved);
            request.auth = auth(object, path, request.preserved);
            request.description = description(object, path);
            if (object.contains(u"proxy"_s) || object.contains(u"certificate"_s))
                warn(path, u"proxy and certificate settings are not imported"_s);
        }
        const QString itemDescription = description(item, itemPath);
        if (request.description.isEmpty())
            request.description = itemDescription;
        events(item, itemPath, request.preserved, &request.extractions, &request.assertions);
        if (item.contains(u"response"_s) && !array(item, u"response"_s, itemPath).isEmpty())
            keep(request.preserved, u"response"_s, item.value(u"response"_s));
        // Settings inherited from the folders and the collection, then the request's own; what
        // Keyhole has no setting for is kept.
        request.settings = m_inheritedSettings;
        if (item.contains(u"protocolProfileBehavior"_s)) {
            const QJsonObject rest =
                takeSettings(item.value(u"protocolProfileBehavior"_s).toObject(), request.settings);
            if (!rest.isEmpty())
                keep(request.preserved, u"protocolProfileBehavior"_s, rest);
        }
        if (request.name.isEmpty())
            request.name = request.method + u' ' + request.url;
        return request;
    }

    static constexpr int kMaxDepth = 64;

    void items(const QJsonObject& owner, const QString& ownerPath, Model::Folder& folder, int depth)
    {
        const QJsonArray list = array(owner, u"item"_s, ownerPath);
        for (qsizetype i = 0; i < list.size() && !failed(); ++i) {
            const QString path = jsonIndex(ownerPath, u"item"_s, i);
            const QJsonObject item = object(list[i], path);
            if (item.contains(u"item"_s)) {
                if (depth >= kMaxDepth) {
                    fail(path, u"folders nested deeper than %1 levels"_s.arg(kMaxDepth));
                    return;
                }
                Model::Folder sub;
                sub.name = string(item, u"name"_s, path);
                if (sub.name.isEmpty())
                    sub.name = u"Folder %1"_s.arg(i + 1);
                sub.description = description(item, path);
                sub.variables = variables(item, u"variable"_s, path);
                sub.auth = auth(item, path, sub.preserved);
                events(item, path, sub.preserved, nullptr);
                const Model::RequestSettings outer = m_inheritedSettings;
                folderBehavior(item, sub.preserved);
                items(item, path, sub, depth + 1);
                m_inheritedSettings = outer;
                folder.folders.push_back(std::move(sub));
                folder.order.append(u"folder:"_s + QString::number(folder.folders.size() - 1));
            } else if (item.contains(u"request"_s)) {
                folder.requests.push_back({{}, request(item, path)});
                folder.order.append(u"request:"_s + QString::number(folder.requests.size() - 1));
            } else {
                warn(path, u"neither a request nor a folder: left out"_s);
            }
        }
    }

    ImportResult collection(const QJsonObject& root)
    {
        ImportResult result;
        const QJsonObject info = object(root.value(u"info"_s), u"$.info"_s);
        const QString schema = string(info, u"schema"_s, u"$.info"_s);
        result.format = schema.contains(u"v2.0"_s)   ? u"Postman collection v2.0"_s
                        : schema.contains(u"v2.1"_s) ? u"Postman collection v2.1"_s
                                                     : u"Postman collection"_s;
        if (!schema.isEmpty() && !schema.contains(u"v2.0"_s) && !schema.contains(u"v2.1"_s))
            warn(u"$.info.schema"_s, u"unknown schema \"%1\": read as v2.1"_s.arg(schema));
        Model::Folder folder;
        folder.name = string(info, u"name"_s, u"$.info"_s);
        if (folder.name.isEmpty())
            folder.name = u"Imported collection"_s;
        folder.description = description(info, u"$.info"_s);
        folder.variables = variables(root, u"variable"_s, u"$"_s);
        folder.auth = auth(root, u"$"_s, folder.preserved);
        events(root, u"$"_s, folder.preserved, nullptr);
        folderBehavior(root, folder.preserved);
        items(root, u"$"_s, folder, 0);
        result.collection = std::move(folder);
        return result;
    }

    ImportResult environment(const QJsonObject& root)
    {
        ImportResult result;
        result.format = u"Postman environment"_s;
        Model::Environment environment;
        environment.name = string(root, u"name"_s, u"$"_s);
        if (environment.name.isEmpty())
            environment.name = u"Imported"_s;
        environment.variables = variables(root, u"values"_s, u"$"_s);
        QStringList promoted;
        for (Model::Variable& variable : environment.variables) {
            if (!variable.secret && looksSecret(variable.name) && !variable.value.isEmpty()) {
                variable.secret = true;
                promoted.append(variable.name);
            }
        }
        if (!promoted.isEmpty())
            warn(u"$.values"_s,
                 u"%1 kept as secret (the name says credential): the value goes to "
                 "the secret store, not the workspace files"_s.arg(promoted.join(u", "_s)));
        result.environments.push_back(std::move(environment));
        return result;
    }
};

} // namespace

Result<ImportResult> importPostman(const QByteArray& json, const QString& fileLabel)
{
    PostmanReader reader(fileLabel);
    const QJsonObject root = reader.parseObject(json);
    if (reader.failed())
        return reader.error();
    ImportResult result;
    if (root.contains(u"values"_s) && !root.contains(u"item"_s)) {
        result = reader.environment(root);
    } else if (root.contains(u"item"_s) || root.contains(u"info"_s)) {
        result = reader.collection(root);
    } else if (root.contains(u"collection"_s) && root.value(u"collection"_s).isObject()) {
        // The Postman API wraps exports: {"collection": {...}}.
        result = reader.collection(root.value(u"collection"_s).toObject());
    } else {
        reader.fail(u"$"_s, u"neither a Postman collection (info, item) nor a Postman environment "
                            "(name, values)"_s);
    }
    if (reader.failed())
        return reader.error();
    result.warnings = reader.warnings;
    return result;
}

} // namespace Keyhole::Interchange
