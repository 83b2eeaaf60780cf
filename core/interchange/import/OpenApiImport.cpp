#include "core/interchange/import/OpenApiImport.h"

#include "core/JsonReader.h"
#include "core/interchange/import/PostmanImport.h"
#include "core/interchange/import/YamlJson.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <functional>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

constexpr int kMaxRefDepth = 32;
constexpr int kMaxExampleDepth = 8;
constexpr qsizetype kMaxExampleValues = 10'000;

// "$.paths" + "/items/{id}" → $.paths["/items/{id}"]; plain names as .name.
QString member(const QString& path, const QString& key)
{
    static const QRegularExpression plain(uR"(^[A-Za-z_$][\w$]*$)"_s);
    if (plain.match(key).hasMatch())
        return path + u'.' + key;
    return path + u"[\""_s + QString(key).replace(u'"', u"\\\""_s) + u"\"]"_s;
}

QString text(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qlonglong>(number)) &&
            std::abs(number) < 1e15)
            return QString::number(static_cast<qlonglong>(number));
        return QString::number(number, 'g', 17);
    }
    if (value.isNull() || value.isUndefined())
        return {};
    return QString::fromUtf8(value.isArray()
                                 ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

QString variableName(const QString& name)
{
    static const QRegularExpression unsafe(uR"([^\w.-]+)"_s);
    QString out = QString(name).replace(unsafe, u"_"_s);
    return out.isEmpty() ? u"value"_s : out;
}

const QStringList& operationMethods()
{
    static const QStringList methods{u"get"_s,     u"put"_s,  u"post"_s,  u"delete"_s,
                                     u"options"_s, u"head"_s, u"patch"_s, u"trace"_s};
    return methods;
}

// The credentials an auth scheme needs, as variables of the environment(s).
struct Credential {
    QString name;
    bool secret = false;
};

class OpenApiReader final : public JsonReader {
public:
    explicit OpenApiReader(const QString& fileLabel)
        : JsonReader(fileLabel, u"import.openapi"_s)
    {}

    QJsonObject root;
    bool swagger2 = false;
    QStringList warnings;
    QList<Credential> credentials;
    qsizetype m_exampleBudget = kMaxExampleValues;

    void warn(const QString& path, const QString& message)
    {
        const QString line = path + u": "_s + message;
        if (!warnings.contains(line))
            warnings.append(line);
    }

    // The value a local "$ref" points at ("#/components/schemas/Item"), or nothing.
    std::optional<QJsonValue> pointer(const QString& ref, const QString& path)
    {
        if (!ref.startsWith(u"#/"_s)) {
            warn(path, u"the reference \"%1\" is in another file: not followed"_s.arg(ref));
            return std::nullopt;
        }
        QJsonValue current = root;
        for (QString part : ref.mid(2).split(u'/')) {
            part = QUrl::fromPercentEncoding(part.toUtf8());
            part.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
            if (current.isObject()) {
                current = current.toObject().value(part);
            } else if (current.isArray()) {
                bool ok = false;
                const qsizetype index = part.toLongLong(&ok);
                current = ok ? current.toArray().at(index) : QJsonValue();
            } else {
                current = QJsonValue::Undefined;
            }
            if (current.isUndefined()) {
                fail(path, u"the reference \"%1\" points at nothing"_s.arg(ref));
                return std::nullopt;
            }
        }
        return current;
    }

    // `value` with its $ref chain followed (an object; empty when it cannot be).
    QJsonObject deref(const QJsonValue& value, const QString& path)
    {
        QJsonValue current = value;
        for (int depth = 0; depth < kMaxRefDepth; ++depth) {
            if (!current.isObject()) {
                // 3.1 boolean schemas (`true`: anything) read as no constraint.
                if (!current.isUndefined() && !current.isNull() && !current.isBool())
                    fail(path, u"expected an object"_s);
                return {};
            }
            const QJsonObject object = current.toObject();
            const QJsonValue ref = object.value(u"$ref"_s);
            if (!ref.isString())
                return object;
            std::optional<QJsonValue> target = pointer(ref.toString(), path);
            if (!target)
                return {};
            current = *target;
        }
        fail(path, u"references loop"_s);
        return {};
    }

    // An example body for `schema`, built within a budget of values: schemas that branch
    // (ten properties each referring to the next schema) would otherwise grow exponentially.
    QJsonValue exampleFor(const QJsonValue& schema, const QString& path)
    {
        m_exampleBudget = kMaxExampleValues;
        return example(schema, path, 0);
    }

    // An example of `schema`: its own example, default, first enum value, or one built from
    // its type. `seen` holds the $refs being expanded (a recursive schema stops there).
    QJsonValue example(const QJsonValue& schemaValue, const QString& path, int depth,
                       QStringList seen = {})
    {
        if (failed() || depth > kMaxExampleDepth || !schemaValue.isObject())
            return QJsonValue::Null; // booleans (3.1 `true` schemas) included
        if (--m_exampleBudget < 0) {
            warn(path, u"the generated example was cut at %1 values"_s.arg(kMaxExampleValues));
            return QJsonValue::Null;
        }
        const QString ref = schemaValue.toObject().value(u"$ref"_s).toString();
        if (!ref.isEmpty()) {
            if (seen.contains(ref))
                return QJsonValue::Null;
            seen.append(ref);
        }
        const QJsonObject schema = deref(schemaValue, path);
        for (const QString& key : {u"example"_s, u"default"_s, u"const"_s}) {
            if (schema.contains(key))
                return schema.value(key);
        }
        for (const QString& key : {u"examples"_s, u"enum"_s}) {
            if (schema.value(key).isArray() && !schema.value(key).toArray().isEmpty())
                return schema.value(key).toArray().first();
        }
        if (schema.value(u"allOf"_s).isArray()) {
            QJsonObject merged;
            for (const QJsonValue& part : schema.value(u"allOf"_s).toArray()) {
                const QJsonObject piece = example(part, path, depth + 1, seen).toObject();
                for (auto it = piece.begin(); it != piece.end(); ++it)
                    merged.insert(it.key(), it.value());
            }
            return merged;
        }
        for (const QString& key : {u"oneOf"_s, u"anyOf"_s}) {
            const QJsonArray choices = schema.value(key).toArray();
            if (!choices.isEmpty())
                return example(choices.first(), path, depth + 1, seen);
        }
        QString type = schema.value(u"type"_s).toString();
        if (schema.value(u"type"_s).isArray()) { // 3.1: ["string", "null"]
            for (const QJsonValue& candidate : schema.value(u"type"_s).toArray())
                if (candidate.toString() != u"null") {
                    type = candidate.toString();
                    break;
                }
        }
        if (type.isEmpty() && schema.contains(u"properties"_s))
            type = u"object"_s;
        if (type == u"object") {
            QJsonObject object;
            const QJsonObject properties = schema.value(u"properties"_s).toObject();
            for (auto it = properties.begin(); it != properties.end(); ++it) {
                // Every member counts, nested or not: the example stays linear in the budget.
                if (--m_exampleBudget < 0) {
                    warn(path,
                         u"the generated example was cut at %1 values"_s.arg(kMaxExampleValues));
                    break;
                }
                const QJsonObject property = deref(it.value(), path);
                if (property.value(u"readOnly"_s).toBool())
                    continue; // the server sets it
                const bool given = property.contains(u"example"_s) ||
                                   property.contains(u"default"_s) ||
                                   property.contains(u"examples"_s);
                const QString propertyType = property.value(u"type"_s).toString();
                if (!given && (propertyType.isEmpty() || propertyType == u"string") &&
                    (property.value(u"format"_s) == u"password"_s || looksSecret(it.key()))) {
                    // A credential: a variable of the environment, not a placeholder.
                    const QString variable = variableName(it.key());
                    needs(variable, true);
                    object.insert(it.key(), QString(u"{{"_s + variable + u"}}"_s));
                    continue;
                }
                object.insert(it.key(), example(it.value(), path, depth + 1, seen));
            }
            return object;
        }
        if (type == u"array") {
            const QJsonValue item = example(schema.value(u"items"_s), path, depth + 1, seen);
            return item.isNull() ? QJsonArray() : QJsonArray{item};
        }
        if (type == u"integer" || type == u"number")
            return 0;
        if (type == u"boolean")
            return true;
        if (type == u"string") {
            const QString format = schema.value(u"format"_s).toString();
            if (format == u"date-time")
                return u"2026-01-01T00:00:00Z"_s;
            if (format == u"date")
                return u"2026-01-01"_s;
            if (format == u"email")
                return u"user@example.com"_s;
            if (format == u"uuid")
                return u"00000000-0000-4000-8000-000000000000"_s;
            if (format == u"uri" || format == u"url")
                return u"https://example.com"_s;
            return u"string"_s;
        }
        return QJsonValue::Null;
    }

    // A parameter's or media type's own example (example, examples.*.value), if any.
    std::optional<QJsonValue> ownExample(const QJsonObject& object, const QString& path)
    {
        if (object.contains(u"example"_s))
            return object.value(u"example"_s);
        if (object.contains(u"x-example"_s)) // Swagger 2 tools
            return object.value(u"x-example"_s);
        const QJsonObject examples = object.value(u"examples"_s).toObject();
        if (!examples.isEmpty()) {
            const QJsonObject first = deref(examples.begin().value(), path);
            if (first.contains(u"value"_s))
                return first.value(u"value"_s);
        }
        return std::nullopt;
    }

    std::optional<QJsonValue> parameterExample(const QJsonObject& parameter, const QString& path)
    {
        if (std::optional<QJsonValue> own = ownExample(parameter, path))
            return own;
        // Swagger 2 keeps the schema's keywords on the parameter itself.
        const QJsonValue schema =
            parameter.contains(u"schema"_s) ? parameter.value(u"schema"_s) : QJsonValue(parameter);
        const QJsonObject resolved = deref(schema, path);
        for (const QString& key : {u"example"_s, u"default"_s}) {
            if (resolved.contains(key))
                return resolved.value(key);
        }
        const QJsonArray values = resolved.value(u"enum"_s).toArray();
        if (!values.isEmpty())
            return values.first();
        return std::nullopt;
    }

    QString schemePath(const QString& name) const
    {
        return swagger2 ? member(u"$.securityDefinitions"_s, name)
                        : member(u"$.components.securitySchemes"_s, name);
    }

    // The document's security schemes, by name.
    QJsonObject schemes()
    {
        return swagger2
                   ? root.value(u"securityDefinitions"_s).toObject()
                   : root.value(u"components"_s).toObject().value(u"securitySchemes"_s).toObject();
    }

    void needs(const QString& name, bool secret)
    {
        for (const Credential& credential : std::as_const(credentials))
            if (credential.name == name)
                return;
        credentials.append({name, secret});
    }

    // The auth of a security requirement list (`[]`: none; the first alternative is used).
    Model::AuthConfig auth(const QJsonArray& requirements, const QString& path)
    {
        Model::AuthConfig config;
        config.kind = Model::AuthKind::None;
        if (requirements.isEmpty())
            return config;
        const QJsonObject first = requirements.first().toObject();
        if (first.isEmpty())
            return config; // {}: security is optional
        const QStringList names = first.keys();
        if (names.size() > 1)
            warn(path, u"the spec wants %1 together; Keyhole sends %2 only"_s.arg(
                           names.join(u" + "_s), names.first()));
        const QString name = names.first();
        const QString schemePath = this->schemePath(name);
        const QJsonValue found = schemes().value(name);
        if (found.isUndefined()) {
            warn(path, u"the security scheme \"%1\" is not defined"_s.arg(name));
            return config;
        }
        const QJsonObject scheme = deref(found, schemePath);
        const QString type = scheme.value(u"type"_s).toString();
        const QString httpScheme = scheme.value(u"scheme"_s).toString().toLower();
        if ((type == u"http" && httpScheme == u"basic") || type == u"basic") {
            config.kind = Model::AuthKind::Basic;
        } else if (type == u"http" && httpScheme == u"digest") {
            config.kind = Model::AuthKind::Digest;
        } else if (type == u"http" && httpScheme == u"bearer") {
            config.kind = Model::AuthKind::Bearer;
            config.prefix = u"Bearer"_s;
            config.token = u"{{token}}"_s;
            needs(u"token"_s, true);
        } else if (type == u"apiKey") {
            const QString in = scheme.value(u"in"_s).toString();
            const QString variable = variableName(name);
            if (in == u"cookie") {
                warn(schemePath, u"an API key in a cookie is sent as a Cookie header"_s);
                return config; // the caller adds the header
            }
            config.kind = Model::AuthKind::ApiKey;
            config.keyName = scheme.value(u"name"_s).toString();
            config.keyValue = u"{{"_s + variable + u"}}"_s;
            config.keyInQuery = in == u"query";
            needs(variable, true);
        } else if (type == u"oauth2") {
            oauth2(scheme, schemePath, config);
        } else {
            warn(schemePath,
                 u"the security scheme type \"%1\" is not supported: requests are "
                 "sent without auth"_s.arg(type == u"http" ? u"http "_s + httpScheme : type));
            return config;
        }
        if (config.kind == Model::AuthKind::Basic || config.kind == Model::AuthKind::Digest) {
            config.username = u"{{username}}"_s;
            config.password = u"{{password}}"_s;
            needs(u"username"_s, false);
            needs(u"password"_s, true);
        }
        return config;
    }

    void oauth2(const QJsonObject& scheme, const QString& path, Model::AuthConfig& config)
    {
        struct Flow {
            QString grant;
            QString authUrl;
            QString tokenUrl;
            QJsonObject scopes;
        };
        std::optional<Flow> chosen;
        if (swagger2) {
            const QString flow = scheme.value(u"flow"_s).toString();
            const QHash<QString, QString> grants{{u"application"_s, u"client_credentials"_s},
                                                 {u"password"_s, u"password"_s},
                                                 {u"accessCode"_s, u"authorization_code"_s}};
            if (grants.contains(flow))
                chosen = Flow{grants.value(flow), scheme.value(u"authorizationUrl"_s).toString(),
                              scheme.value(u"tokenUrl"_s).toString(),
                              scheme.value(u"scopes"_s).toObject()};
        } else {
            const QJsonObject flows = scheme.value(u"flows"_s).toObject();
            for (const auto& [key, grant] :
                 {std::pair{u"clientCredentials"_s, u"client_credentials"_s},
                  std::pair{u"authorizationCode"_s, u"authorization_code"_s},
                  std::pair{u"password"_s, u"password"_s}}) {
                if (!flows.contains(key))
                    continue;
                const QJsonObject flow = flows.value(key).toObject();
                chosen =
                    Flow{grant, flow.value(u"authorizationUrl"_s).toString(),
                         flow.value(u"tokenUrl"_s).toString(), flow.value(u"scopes"_s).toObject()};
                break;
            }
        }
        if (!chosen) {
            warn(path, u"only the implicit OAuth 2 flow is offered, which Keyhole does not "
                       "support: requests are sent without auth"_s);
            return;
        }
        config.kind = Model::AuthKind::OAuth2;
        config.oauthGrant = chosen->grant;
        config.oauthAuthUrl = chosen->authUrl;
        config.oauthTokenUrl = chosen->tokenUrl;
        config.oauthScope = chosen->scopes.keys().join(u' ');
        config.oauthClientId = u"{{clientId}}"_s;
        config.oauthClientSecret = u"{{clientSecret}}"_s;
        needs(u"clientId"_s, false);
        needs(u"clientSecret"_s, true);
        if (chosen->grant == u"password") {
            config.username = u"{{username}}"_s;
            config.password = u"{{password}}"_s;
            needs(u"username"_s, false);
            needs(u"password"_s, true);
        }
    }

    // What the spec wants, kept in the request for the Auth Doctor.
    QJsonObject keptSecurity(const QJsonArray& requirements)
    {
        QJsonObject used;
        for (const QJsonValue& requirement : requirements) {
            const QJsonObject object = requirement.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                const QJsonValue scheme = schemes().value(it.key());
                if (scheme.isObject())
                    used.insert(it.key(), deref(scheme, schemePath(it.key())));
            }
        }
        return QJsonObject{{u"security"_s, requirements}, {u"securitySchemes"_s, used}};
    }

    QString baseUrl(std::vector<Model::Environment>& servers)
    {
        if (swagger2) {
            const QString host = root.value(u"host"_s).toString();
            const QStringList schemes = stringList(root, u"schemes"_s, u"$"_s);
            const QString scheme = schemes.contains(u"https"_s) ? u"https"_s
                                   : schemes.isEmpty()          ? u"https"_s
                                                                : schemes.first();
            QString basePath = root.value(u"basePath"_s).toString();
            if (basePath.endsWith(u'/'))
                basePath.chop(1);
            if (host.isEmpty()) {
                warn(u"$.host"_s, u"no host: set {{baseUrl}} before sending"_s);
                return u"http://localhost"_s + basePath;
            }
            return scheme + u"://"_s + host + basePath;
        }
        const QJsonArray list = array(root, u"servers"_s, u"$"_s);
        QStringList urls;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = jsonIndex(u"$"_s, u"servers"_s, i);
            const QJsonObject server = object(list[i], path);
            QString url = server.value(u"url"_s).toString();
            const QJsonObject variables = server.value(u"variables"_s).toObject();
            for (auto it = variables.begin(); it != variables.end(); ++it)
                url.replace(u'{' + it.key() + u'}',
                            text(it.value().toObject().value(u"default"_s)));
            if (url.endsWith(u'/'))
                url.chop(1);
            if (!url.contains(u"://"_s)) {
                warn(path, u"the server URL \"%1\" is relative: {{baseUrl}} is "
                           "http://localhost%1 until you set it"_s.arg(url));
                url.prepend(u"http://localhost"_s);
            }
            urls.append(url);
            QString name = server.value(u"description"_s).toString().simplified();
            if (name.isEmpty() || name.size() > 40)
                name = QUrl(url).host();
            servers.push_back({name, {}, {{u"baseUrl"_s, url, false, true}}, {}});
        }
        if (servers.size() < 2)
            servers.clear();
        if (urls.isEmpty()) {
            // DRF's generateschema --url writes absolute URLs as paths: their origin is the base.
            static const QRegularExpression origin(uR"(^(https?://[^/]+))"_s);
            const QJsonObject paths = root.value(u"paths"_s).toObject();
            if (!paths.isEmpty()) {
                const QRegularExpressionMatch match = origin.match(paths.begin().key());
                if (match.hasMatch())
                    return match.captured(1);
            }
            warn(u"$"_s, u"no servers: {{baseUrl}} is http://localhost until you set it"_s);
            return u"http://localhost"_s;
        }
        return urls.first();
    }
};

} // namespace

bool looksLikeOpenApi(const QByteArray& data)
{
    static const QRegularExpression pattern(
        uR"re((?:^|\n)\s*["']?(openapi|swagger)["']?\s*:\s*["']?(\d))re"_s);
    return pattern.match(QString::fromUtf8(data.left(4096))).hasMatch();
}

namespace {

struct Operation {
    QString path;
    QString method;
    QJsonObject object;
    QJsonArray pathParameters;
    QString jsonPath;
};

class RequestBuilder {
public:
    RequestBuilder(OpenApiReader& reader, const Model::AuthConfig& documentAuth)
        : m_reader(reader)
        , m_documentAuth(documentAuth)
    {}

    Model::RequestTemplate build(const Operation& operation)
    {
        OpenApiReader& r = m_reader;
        const QJsonObject& op = operation.object;
        Model::RequestTemplate request;
        request.method = operation.method.toUpper();
        request.name = op.value(u"summary"_s).toString().simplified();
        if (request.name.isEmpty())
            request.name = op.value(u"operationId"_s).toString();
        // An absolute URL as the path (DRF's generateschema --url): its path under {{baseUrl}}.
        static const QRegularExpression origin(uR"(^https?://[^/]+)"_s);
        const QString templatePath = QString(operation.path).remove(origin);
        if (request.name.isEmpty())
            request.name = request.method + u' ' + templatePath;
        request.description = op.value(u"description"_s).toString().trimmed();
        if (op.value(u"deprecated"_s).toBool())
            request.description.prepend(u"Deprecated.\n"_s);
        QString path = templatePath;

        // Operation parameters override the path item's by (name, in).
        QList<QJsonObject> parameters;
        QStringList keys;
        auto addParameters = [&](const QJsonArray& list, const QString& listPath) {
            for (qsizetype i = 0; i < list.size(); ++i) {
                const QString itemPath = listPath + u'[' + QString::number(i) + u']';
                const QJsonObject parameter = r.deref(list[i], itemPath);
                const QString key = parameter.value(u"in"_s).toString() + u':' +
                                    parameter.value(u"name"_s).toString();
                const qsizetype existing = keys.indexOf(key);
                if (existing >= 0) {
                    parameters[existing] = parameter;
                } else {
                    keys.append(key);
                    parameters.append(parameter);
                }
            }
        };
        addParameters(operation.pathParameters,
                      member(u"$.paths"_s, operation.path) + u".parameters"_s);
        addParameters(r.array(op, u"parameters"_s, operation.jsonPath),
                      operation.jsonPath + u".parameters"_s);

        QStringList cookies;
        Model::KeyValueList formFields;
        QList<Model::MultipartField> multipartFields;
        std::optional<QJsonValue> swaggerBody;
        for (const QJsonObject& parameter : std::as_const(parameters)) {
            const QString name = parameter.value(u"name"_s).toString();
            const QString in = parameter.value(u"in"_s).toString();
            const bool required = parameter.value(u"required"_s).toBool() || in == u"path";
            const std::optional<QJsonValue> example =
                r.parameterExample(parameter, operation.jsonPath);
            const QString value = example    ? text(*example)
                                  : required ? u"{{"_s + variableName(name) + u"}}"_s
                                             : QString();
            if (in == u"path") {
                path.replace(u'{' + name + u'}', value);
            } else if (in == u"query") {
                if (example && example->isArray() && parameter.value(u"explode"_s).toBool(true)) {
                    for (const QJsonValue& item : example->toArray())
                        request.params.append({name, text(item), required});
                } else {
                    request.params.append({name, value, required || example.has_value()});
                }
            } else if (in == u"header") {
                static const QStringList ignored{u"accept"_s, u"content-type"_s,
                                                 u"authorization"_s};
                if (!ignored.contains(name.toLower()))
                    request.headers.append({name, value, required || example.has_value()});
            } else if (in == u"cookie") {
                if (required || example)
                    cookies.append(name + u'=' + value);
            } else if (in == u"body") {
                swaggerBody = parameter.value(u"schema"_s);
                if (std::optional<QJsonValue> own = r.ownExample(parameter, operation.jsonPath))
                    swaggerBody = QJsonObject{{u"example"_s, *own}};
            } else if (in == u"formData") {
                if (parameter.value(u"type"_s).toString() == u"file")
                    multipartFields.append({name, QString(), true, {}, true, {}});
                else
                    multipartFields.append({name, value, false, {}, true, {}});
                formFields.append({name, value, true});
            }
        }
        // Unfilled path parameters stay {{name}}; a literal "{x}" left means no parameter
        // described it.
        static const QRegularExpression template_(uR"(\{([^{}]+)\})"_s);
        QString withVariables;
        qsizetype last = 0;
        QRegularExpressionMatchIterator it = template_.globalMatch(path);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const bool alreadyVariable =
                match.capturedStart() > 0 && path.at(match.capturedStart() - 1) == u'{';
            withVariables += path.mid(last, match.capturedStart() - last);
            withVariables += alreadyVariable ? match.captured(0)
                                             : u"{{"_s + variableName(match.captured(1)) + u"}}"_s;
            last = match.capturedEnd();
        }
        path = withVariables + path.mid(last);
        request.url = u"{{baseUrl}}"_s + path;
        if (!cookies.isEmpty())
            request.headers.append({u"Cookie"_s, cookies.join(u"; "_s), true});

        const QStringList consumes = r.stringList(op, u"consumes"_s, operation.jsonPath) +
                                     r.stringList(r.root, u"consumes"_s, u"$"_s);
        if (r.swagger2) {
            if (swaggerBody) {
                request.body.kind = Model::BodyKind::Raw;
                request.body.contentType =
                    consumes.isEmpty() ? u"application/json"_s : consumes.first();
                request.body.text = jsonText(r.exampleFor(*swaggerBody, operation.jsonPath));
            } else if (!formFields.isEmpty()) {
                const bool multipart =
                    consumes.contains(u"multipart/form-data"_s) ||
                    std::any_of(multipartFields.begin(), multipartFields.end(),
                                [](const Model::MultipartField& f) { return f.isFile; });
                if (multipart) {
                    request.body.kind = Model::BodyKind::Multipart;
                    request.body.multipart = multipartFields;
                } else {
                    request.body.kind = Model::BodyKind::FormUrlEncoded;
                    request.body.form = formFields;
                }
            }
        } else if (op.contains(u"requestBody"_s)) {
            body(r.deref(op.value(u"requestBody"_s), operation.jsonPath + u".requestBody"_s),
                 operation.jsonPath + u".requestBody"_s, request);
        }
        for (const Model::MultipartField& field : std::as_const(request.body.multipart))
            if (field.isFile)
                r.warn(
                    operation.jsonPath,
                    u"the file for part \"%1\" is to be picked before sending"_s.arg(field.name));

        accept(op, operation.jsonPath, request);

        // Security: the operation's own, or the document's.
        if (op.contains(u"security"_s)) {
            const QJsonArray requirements = r.array(op, u"security"_s, operation.jsonPath);
            Model::AuthConfig own = r.auth(requirements, operation.jsonPath + u".security"_s);
            request.auth = own == m_documentAuth ? Model::AuthConfig{} : own;
            request.preserved.insert(u"openapi"_s, r.keptSecurity(requirements));
        } else if (r.root.contains(u"security"_s)) {
            request.preserved.insert(u"openapi"_s,
                                     r.keptSecurity(r.root.value(u"security"_s).toArray()));
        }
        apiKeyCookies(op.contains(u"security"_s) ? op.value(u"security"_s).toArray()
                                                 : r.root.value(u"security"_s).toArray(),
                      request);
        // Which operation of the spec this is (the Auth Doctor matches endpoints by it).
        QJsonObject kept = request.preserved.value(u"openapi"_s).toObject();
        kept.insert(u"operation"_s, QString(request.method + u' ' + templatePath));
        if (!op.value(u"operationId"_s).toString().isEmpty())
            kept.insert(u"operationId"_s, op.value(u"operationId"_s));
        request.preserved.insert(u"openapi"_s, kept);
        if (op.contains(u"callbacks"_s))
            r.warn(operation.jsonPath + u".callbacks"_s, u"callbacks are not imported"_s);
        return request;
    }

private:
    OpenApiReader& m_reader;
    Model::AuthConfig m_documentAuth;

    static QString jsonText(const QJsonValue& value)
    {
        if (value.isString())
            return value.toString();
        if (value.isObject())
            return QString::fromUtf8(QJsonDocument(value.toObject()).toJson()).trimmed();
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson()).trimmed();
        return text(value);
    }

    void body(const QJsonObject& requestBody, const QString& path, Model::RequestTemplate& request)
    {
        OpenApiReader& r = m_reader;
        const QJsonObject content = requestBody.value(u"content"_s).toObject();
        if (content.isEmpty())
            return;
        QString chosen;
        for (const QString& preferred :
             {u"application/json"_s, u"application/x-www-form-urlencoded"_s,
              u"multipart/form-data"_s}) {
            if (content.contains(preferred)) {
                chosen = preferred;
                break;
            }
        }
        if (chosen.isEmpty()) {
            for (auto it = content.begin(); it != content.end(); ++it)
                if (it.key().endsWith(u"+json"_s) || it.key().endsWith(u"/json"_s)) {
                    chosen = it.key();
                    break;
                }
        }
        if (chosen.isEmpty())
            chosen = content.begin().key();
        const QString mediaPath = member(path + u".content"_s, chosen);
        const QJsonObject media = r.deref(content.value(chosen), mediaPath);
        const QJsonValue value = r.ownExample(media, mediaPath)
                                     .value_or(r.exampleFor(media.value(u"schema"_s), mediaPath));
        Model::Body& body = request.body;
        if (chosen == u"application/x-www-form-urlencoded" || chosen == u"multipart/form-data") {
            const QJsonObject schema = r.deref(media.value(u"schema"_s), mediaPath);
            const QJsonObject properties = schema.value(u"properties"_s).toObject();
            const QJsonObject values = value.toObject();
            const bool multipart = chosen == u"multipart/form-data";
            body.kind = multipart ? Model::BodyKind::Multipart : Model::BodyKind::FormUrlEncoded;
            for (auto it = values.begin(); it != values.end(); ++it) {
                const QJsonObject property = r.deref(properties.value(it.key()), mediaPath);
                const QString format = property.value(u"format"_s).toString();
                const bool file = multipart && (format == u"binary" || format == u"base64" ||
                                                property.contains(u"contentMediaType"_s));
                if (multipart)
                    body.multipart.append(
                        {it.key(), file ? QString() : text(it.value()), file, {}, true, {}});
                else
                    body.form.append({it.key(), text(it.value()), true});
            }
            return;
        }
        if (chosen == u"application/octet-stream" || chosen.startsWith(u"image/"_s)) {
            body.kind = Model::BodyKind::BinaryFile;
            body.contentType = chosen;
            r.warn(mediaPath, u"a file body: pick the file before sending"_s);
            return;
        }
        body.kind = Model::BodyKind::Raw;
        body.contentType = chosen;
        body.text = jsonText(value);
    }

    void accept(const QJsonObject& op, const QString& path, Model::RequestTemplate& request)
    {
        OpenApiReader& r = m_reader;
        QStringList types = r.stringList(op, u"produces"_s, path);
        if (types.isEmpty())
            types = r.stringList(r.root, u"produces"_s, u"$"_s);
        const QJsonObject responses = op.value(u"responses"_s).toObject();
        for (auto it = responses.begin(); it != responses.end(); ++it) {
            if (!it.key().startsWith(u'2') && it.key() != u"default")
                continue;
            const QJsonObject response =
                r.deref(it.value(), member(path + u".responses"_s, it.key()));
            for (const QString& type : response.value(u"content"_s).toObject().keys())
                if (!types.contains(type))
                    types.append(type);
        }
        if (types.isEmpty())
            return;
        const auto json = std::find_if(types.begin(), types.end(), [](const QString& type) {
            return type == u"application/json" || type.endsWith(u"+json"_s);
        });
        request.headers.prepend({u"Accept"_s, json != types.end() ? *json : types.first(), true});
    }

    // An API key the spec wants in a cookie goes in the Cookie header.
    void apiKeyCookies(const QJsonArray& requirements, Model::RequestTemplate& request)
    {
        if (requirements.isEmpty())
            return;
        const QJsonObject first = requirements.first().toObject();
        if (first.isEmpty())
            return;
        const QString name = first.keys().first();
        const QJsonObject scheme =
            m_reader.deref(m_reader.schemes().value(name), m_reader.schemePath(name));
        if (scheme.value(u"type"_s) != u"apiKey"_s || scheme.value(u"in"_s) != u"cookie"_s)
            return;
        const QString variable = variableName(name);
        m_reader.needs(variable, true);
        const QString pair = scheme.value(u"name"_s).toString() + u"={{"_s + variable + u"}}"_s;
        for (Model::KeyValue& header : request.headers) {
            if (header.name == u"Cookie") {
                header.value += u"; "_s + pair;
                return;
            }
        }
        request.headers.append({u"Cookie"_s, pair, true});
    }
};

} // namespace

Result<ImportResult> importOpenApi(const QByteArray& data, const QString& fileLabel)
{
    OpenApiReader reader(fileLabel);
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{')) {
        reader.root = reader.parseObject(data);
        if (reader.failed())
            return reader.error();
    } else {
        Result<QJsonValue> yaml = yamlToJson(data, fileLabel);
        if (!yaml)
            return yaml.error();
        reader.root = reader.object(yaml.value(), u"$"_s);
        if (reader.failed())
            return reader.error();
    }
    const QJsonObject& root = reader.root;
    QString version;
    if (root.value(u"swagger"_s).isString()) {
        version = root.value(u"swagger"_s).toString();
        reader.swagger2 = true;
        if (!version.startsWith(u"2."_s))
            reader.fail(u"$.swagger"_s, u"Swagger %1 is not supported (2.0 is)"_s.arg(version));
    } else if (root.value(u"openapi"_s).isString()) {
        version = root.value(u"openapi"_s).toString();
        if (!version.startsWith(u"3."_s))
            reader.fail(u"$.openapi"_s,
                        u"OpenAPI %1 is not supported (3.0 and 3.1 are)"_s.arg(version));
    } else {
        reader.fail(u"$"_s, u"not an OpenAPI or Swagger document (no \"openapi\" or "
                            "\"swagger\" version)"_s);
    }
    if (reader.failed())
        return reader.error();

    ImportResult result;
    result.format = (reader.swagger2 ? u"Swagger "_s : u"OpenAPI "_s) + version;
    Model::Folder collection;
    const QJsonObject info = reader.object(root.value(u"info"_s), u"$.info"_s);
    if (reader.failed())
        return reader.error();
    collection.name = info.value(u"title"_s).toString().simplified();
    if (collection.name.isEmpty())
        collection.name = u"OpenAPI"_s;
    collection.description = info.value(u"description"_s).toString().trimmed();

    std::vector<Model::Environment> servers;
    const QString baseUrl = reader.baseUrl(servers);
    collection.variables.append({u"baseUrl"_s, baseUrl, false, true});

    const QJsonArray documentSecurity = reader.array(root, u"security"_s, u"$"_s);
    collection.auth = reader.auth(documentSecurity, u"$.security"_s);
    if (reader.failed())
        return reader.error();

    // Folders per tag: the document's tag order first, then as met.
    QStringList tagOrder;
    QHash<QString, QString> tagDescriptions;
    const QJsonArray tags = reader.array(root, u"tags"_s, u"$"_s);
    for (const QJsonValue& tag : tags) {
        const QString name = tag.toObject().value(u"name"_s).toString();
        if (!name.isEmpty() && !tagOrder.contains(name)) {
            tagOrder.append(name);
            tagDescriptions.insert(name, tag.toObject().value(u"description"_s).toString());
        }
    }
    QHash<QString, size_t> folderOf;
    RequestBuilder builder(reader, collection.auth);
    // 3.1 documents may have webhooks only.
    const QJsonObject paths = root.contains(u"paths"_s)
                                  ? reader.object(root.value(u"paths"_s), u"$.paths"_s)
                                  : QJsonObject();
    if (reader.failed())
        return reader.error();
    for (auto pathIt = paths.begin(); pathIt != paths.end() && !reader.failed(); ++pathIt) {
        if (pathIt.key().startsWith(u"x-"_s))
            continue; // an extension, not a path
        const QString itemPath = member(u"$.paths"_s, pathIt.key());
        const QJsonObject item = reader.deref(pathIt.value(), itemPath);
        const QJsonArray common = reader.array(item, u"parameters"_s, itemPath);
        for (const QString& method : operationMethods()) {
            if (!item.contains(method))
                continue;
            const QString operationPath = itemPath + u'.' + method;
            const QJsonObject op = reader.object(item.value(method), operationPath);
            if (reader.failed())
                break;
            Model::RequestTemplate request =
                builder.build({pathIt.key(), method, op, common, operationPath});
            if (reader.failed())
                break;
            const QString tag = op.value(u"tags"_s).toArray().first().toString();
            if (tag.isEmpty()) {
                collection.requests.push_back({{}, std::move(request)});
                continue;
            }
            if (!folderOf.contains(tag)) {
                if (!tagOrder.contains(tag))
                    tagOrder.append(tag);
                Model::Folder folder;
                folder.name = tag;
                folder.description = tagDescriptions.value(tag);
                folderOf.insert(tag, collection.folders.size());
                collection.folders.push_back(std::move(folder));
            }
            collection.folders[folderOf.value(tag)].requests.push_back({{}, std::move(request)});
        }
    }
    if (reader.failed())
        return reader.error();
    // Names that several operations share (DRF gives every list view "listItems") become
    // "METHOD /path", which is unique.
    std::function<void(Model::Folder&)> uniqueNames = [&uniqueNames](Model::Folder& folder) {
        QHash<QString, int> uses;
        for (const Model::RequestItem& item : folder.requests)
            ++uses[item.request.name];
        for (Model::RequestItem& item : folder.requests) {
            if (uses.value(item.request.name) > 1)
                item.request.name = item.request.preserved.value(u"openapi"_s)
                                        .toObject()
                                        .value(u"operation"_s)
                                        .toString();
        }
        for (Model::Folder& sub : folder.folders)
            uniqueNames(sub);
    };
    uniqueNames(collection);
    // Folders in the document's tag order, then loose requests.
    std::stable_sort(collection.folders.begin(), collection.folders.end(),
                     [&tagOrder](const Model::Folder& a, const Model::Folder& b) {
                         return tagOrder.indexOf(a.name) < tagOrder.indexOf(b.name);
                     });
    if (root.contains(u"webhooks"_s))
        reader.warn(u"$.webhooks"_s, u"webhooks are not imported (Keyhole sends requests)"_s);
    if (requestCount(collection) == 0)
        reader.warn(u"$.paths"_s, u"no operations in this document"_s);

    // Credentials the schemes need: empty variables of the environment(s), secrets where they
    // are; the user fills them in (the send warns until then).
    Model::VariableList credentials;
    for (const Credential& credential : std::as_const(reader.credentials))
        credentials.append({credential.name, QString(), credential.secret, true});
    if (!servers.empty()) {
        for (Model::Environment& server : servers) {
            server.variables += credentials;
            result.environments.push_back(server);
        }
    } else if (!credentials.isEmpty()) {
        result.environments.push_back({collection.name, {}, credentials, {}});
        result.mergeEnvironments.append(collection.name);
    }
    result.warnings = reader.warnings;
    result.collection = std::move(collection);
    return result;
}

} // namespace Keyhole::Interchange
