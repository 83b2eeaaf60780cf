#include "core/interchange/SecretLifting.h"

#include "core/interchange/import/PostmanImport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

class Lifter final {
public:
    explicit Lifter(const QStringList& taken)
    {
        for (const QString& name : taken)
            m_taken.insert(name.toLower());
    }

    Model::VariableList variables;

    // `value` as a {{variable}} reference; literal text only (what holds {{…}} already refers
    // to a variable).
    QString lift(const QString& value, const QString& nameHint)
    {
        if (value.trimmed().isEmpty() || value.contains(u"{{"_s))
            return value;
        for (const Model::Variable& variable : std::as_const(variables)) {
            if (variable.value == value)
                return u"{{"_s + variable.name + u"}}"_s;
        }
        static const QRegularExpression invalid(u"[^A-Za-z0-9_]+"_s);
        QString base = nameHint.toLower();
        base.replace(invalid, u"_"_s);
        if (base.isEmpty())
            base = u"secret"_s;
        QString name = base;
        for (int n = 2; m_taken.contains(name); ++n)
            name = base + u'_' + QString::number(n);
        m_taken.insert(name);
        variables.append({name, value, true, true});
        return u"{{"_s + name + u"}}"_s;
    }

    void auth(Model::AuthConfig& auth)
    {
        switch (auth.kind) {
        case Model::AuthKind::Basic:
        case Model::AuthKind::Digest:
        case Model::AuthKind::DjangoSession:
            auth.password = lift(auth.password, u"password"_s);
            break;
        case Model::AuthKind::ClientCertificate:
            auth.keyPassphrase = lift(auth.keyPassphrase, u"key_passphrase"_s);
            break;
        case Model::AuthKind::OAuth2:
            auth.oauthClientSecret = lift(auth.oauthClientSecret, u"client_secret"_s);
            auth.password = lift(auth.password, u"password"_s);
            break;
        case Model::AuthKind::AwsSigV4:
            auth.awsSecretKey = lift(auth.awsSecretKey, u"aws_secret_key"_s);
            auth.awsSessionToken = lift(auth.awsSessionToken, u"aws_session_token"_s);
            break;
        case Model::AuthKind::Bearer:
            auth.token = lift(auth.token, u"token"_s);
            break;
        case Model::AuthKind::ApiKey:
            auth.keyValue = lift(auth.keyValue, u"api_key"_s);
            break;
        default:
            break;
        }
    }

    // A Postman auth object (any type, v2.0 object or v2.1 array attributes): secret
    // attributes lifted.
    QJsonObject authJson(QJsonObject auth)
    {
        const QString type = auth.value(u"type"_s).toString();
        const QJsonValue value = auth.value(type);
        if (value.isArray()) {
            QJsonArray attributes = value.toArray();
            for (qsizetype i = 0; i < attributes.size(); ++i) {
                QJsonObject attribute = attributes[i].toObject();
                const QString key = attribute.value(u"key"_s).toString();
                if (looksSecret(key) && attribute.value(u"value"_s).isString())
                    attribute.insert(u"value"_s, lift(attribute.value(u"value"_s).toString(), key));
                attributes[i] = attribute;
            }
            auth.insert(type, attributes);
        } else if (value.isObject()) {
            QJsonObject attributes = value.toObject();
            for (auto it = attributes.begin(); it != attributes.end(); ++it) {
                if (looksSecret(it.key()) && it.value().isString())
                    it.value() = lift(it.value().toString(), it.key());
            }
            auth.insert(type, attributes);
        }
        return auth;
    }

    // A header's value with its credential lifted: "Bearer {{token}}", "{{cookie}}".
    QString headerValue(const QString& headerName, const QString& value)
    {
        const QString name = headerName.toLower();
        if (name == u"authorization" || name == u"proxy-authorization") {
            // Keep the scheme word visible: "Bearer {{token}}".
            const QString trimmed = value.trimmed();
            const qsizetype space = trimmed.indexOf(u' ');
            const QString scheme = space > 0 ? trimmed.left(space) : QString();
            const QString hint = scheme.compare(u"Basic"_s, Qt::CaseInsensitive) == 0
                                     ? u"basic_credentials"_s
                                     : u"token"_s;
            return space > 0 ? scheme + u' ' + lift(trimmed.mid(space + 1), hint)
                             : lift(trimmed, hint);
        }
        if (name == u"cookie")
            return lift(value, u"cookie"_s);
        if (looksSecret(headerName) && name != u"accept" && !name.startsWith(u"sec-"_s))
            return lift(value, headerName);
        return value;
    }

    // What was kept from Postman (unsupported auth, the requests of saved examples) and from
    // Insomnia (unsupported auth: NTLM passwords, Hawk keys, OAuth 1 and ASAP secrets).
    void preserved(QJsonObject& preserved)
    {
        QJsonObject insomnia = preserved.value(u"insomnia"_s).toObject();
        if (insomnia.value(u"authentication"_s).isObject()) {
            QJsonObject auth = insomnia.value(u"authentication"_s).toObject();
            const QString type = auth.value(u"type"_s).toString();
            for (auto it = auth.begin(); it != auth.end(); ++it) {
                if (it.value().isString() && (looksSecret(it.key()) || it.key() == u"key"))
                    it.value() = lift(it.value().toString(), type + u'_' + it.key());
            }
            insomnia.insert(u"authentication"_s, auth);
            preserved.insert(u"insomnia"_s, insomnia);
        }
        QJsonObject postman = preserved.value(u"postman"_s).toObject();
        if (postman.isEmpty())
            return;
        if (postman.value(u"auth"_s).isObject())
            postman.insert(u"auth"_s, authJson(postman.value(u"auth"_s).toObject()));
        QJsonArray responses = postman.value(u"response"_s).toArray();
        for (qsizetype i = 0; i < responses.size(); ++i) {
            QJsonObject response = responses[i].toObject();
            QJsonObject original = response.value(u"originalRequest"_s).toObject();
            QJsonArray headers = original.value(u"header"_s).toArray();
            for (qsizetype h = 0; h < headers.size(); ++h) {
                QJsonObject header = headers[h].toObject();
                if (header.value(u"value"_s).isString())
                    header.insert(u"value"_s, headerValue(header.value(u"key"_s).toString(),
                                                          header.value(u"value"_s).toString()));
                headers[h] = header;
            }
            if (!headers.isEmpty())
                original.insert(u"header"_s, headers);
            if (original.value(u"auth"_s).isObject())
                original.insert(u"auth"_s, authJson(original.value(u"auth"_s).toObject()));
            if (!original.isEmpty())
                response.insert(u"originalRequest"_s, original);
            responses[i] = response;
        }
        if (!responses.isEmpty())
            postman.insert(u"response"_s, responses);
        preserved.insert(u"postman"_s, postman);
    }

    // "a=1&password=x": the values of credential-named pairs lifted (text stays encoded as it
    // was, so the bytes sent are the same).
    QString pairs(const QString& text)
    {
        QStringList items = text.split(u'&');
        for (QString& pair : items) {
            const qsizetype equals = pair.indexOf(u'=');
            if (equals > 0 && looksSecret(pair.left(equals)))
                pair = pair.left(equals + 1) + lift(pair.mid(equals + 1), pair.left(equals));
        }
        return items.join(u'&');
    }

    // A raw body: form-encoded pairs, or the string values of credential-named keys of a JSON
    // object (replaced in the text, so its formatting stays).
    void rawBody(Model::RequestTemplate& request)
    {
        Model::Body& body = request.body;
        QString type = body.contentType;
        for (const Model::KeyValue& header : std::as_const(request.headers)) {
            if (header.enabled && header.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0)
                type = header.value;
        }
        type = type.section(u';', 0, 0).trimmed().toLower();
        if (type == u"application/x-www-form-urlencoded") {
            body.text = pairs(body.text);
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(body.text.toUtf8()).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!looksSecret(it.key()) || !it.value().isString())
                continue;
            const QString value = it.value().toString();
            const QString literal =
                QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                    .mid(1)
                    .chopped(1);
            // Only a value that needs no escaping is replaced, and only when it is there once.
            if (literal != u'"' + value + u'"' || body.text.count(literal) != 1)
                continue;
            body.text.replace(literal, u'"' + lift(value, it.key()) + u'"');
        }
    }

    void keyValues(Model::KeyValueList& list)
    {
        for (Model::KeyValue& kv : list) {
            if (looksSecret(kv.name))
                kv.value = lift(kv.value, kv.name);
        }
    }

    void request(Model::RequestTemplate& request)
    {
        auth(request.auth);
        preserved(request.preserved);
        for (Model::KeyValue& header : request.headers)
            header.value = headerValue(header.name, header.value);
        keyValues(request.params);
        // A credential in the URL's own query: ?api_key=...
        if (const qsizetype question = request.url.indexOf(u'?'); question >= 0)
            request.url = request.url.left(question + 1) + pairs(request.url.mid(question + 1));
        if (request.body.kind == Model::BodyKind::FormUrlEncoded)
            keyValues(request.body.form);
        if (request.body.kind == Model::BodyKind::Raw)
            rawBody(request);
        for (Model::MultipartField& field : request.body.multipart) {
            if (!field.isFile && looksSecret(field.name))
                field.value = lift(field.value, field.name);
        }
    }

    void folder(Model::Folder& folder)
    {
        // Collection and folder variables holding a credential: the value goes to the
        // environment; the variable stays as a reference to it (or goes, when the names match).
        for (qsizetype i = folder.variables.size() - 1; i >= 0; --i) {
            Model::Variable& variable = folder.variables[i];
            if (!(variable.secret || looksSecret(variable.name)) || variable.value.isEmpty() ||
                variable.value.contains(u"{{"_s))
                continue;
            const QString reference = lift(variable.value, variable.name);
            if (reference == u"{{"_s + variable.name + u"}}"_s) {
                folder.variables.removeAt(i);
            } else {
                variable.value = reference;
                variable.secret = false;
            }
        }
        auth(folder.auth);
        preserved(folder.preserved);
        for (Model::RequestItem& item : folder.requests)
            request(item.request);
        for (Model::Folder& sub : folder.folders)
            this->folder(sub);
    }

private:
    QSet<QString> m_taken;
};

} // namespace

qsizetype liftSecrets(ImportResult& imported, const QString& environmentName,
                      const QStringList& takenNames)
{
    if (!imported.collection)
        return 0;
    Lifter lifter(takenNames);
    lifter.folder(*imported.collection);
    if (lifter.variables.isEmpty())
        return 0;
    QStringList names;
    for (const Model::Variable& variable : std::as_const(lifter.variables))
        names.append(variable.name);
    // Join an environment of the same name that the import itself brings.
    auto same =
        std::find_if(imported.environments.begin(), imported.environments.end(),
                     [&](const Model::Environment& e) { return e.name == environmentName; });
    if (same != imported.environments.end()) {
        same->variables += lifter.variables;
    } else {
        imported.environments.push_back({environmentName, {}, lifter.variables, {}});
        imported.mergeEnvironments.append(environmentName);
    }
    imported.warnings.append(
        u"%1 credential(s) moved into secret variables of environment \"%2\" (%3): the "
        "workspace files hold only {{references}}"_s.arg(lifter.variables.size())
            .arg(environmentName, names.join(u", "_s)));
    return lifter.variables.size();
}

} // namespace Keyhole::Interchange
