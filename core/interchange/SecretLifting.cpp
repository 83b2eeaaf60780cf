#include "core/interchange/SecretLifting.h"

#include "core/interchange/import/PostmanImport.h"

#include <QJsonArray>
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
            auth.password = lift(auth.password, u"password"_s);
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

    // An auth scheme kept from Postman (oauth1, digest, awsv4...): its secret attributes.
    void preserved(QJsonObject& preserved)
    {
        QJsonObject postman = preserved.value(u"postman"_s).toObject();
        QJsonObject auth = postman.value(u"auth"_s).toObject();
        const QString type = auth.value(u"type"_s).toString();
        if (type.isEmpty() || !auth.value(type).isArray())
            return;
        QJsonArray attributes = auth.value(type).toArray();
        for (qsizetype i = 0; i < attributes.size(); ++i) {
            QJsonObject attribute = attributes[i].toObject();
            const QString key = attribute.value(u"key"_s).toString();
            if (!looksSecret(key) || !attribute.value(u"value"_s).isString())
                continue;
            attribute.insert(u"value"_s, lift(attribute.value(u"value"_s).toString(), key));
            attributes[i] = attribute;
        }
        auth.insert(type, attributes);
        postman.insert(u"auth"_s, auth);
        preserved.insert(u"postman"_s, postman);
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
        for (Model::KeyValue& header : request.headers) {
            const QString name = header.name.toLower();
            if (name == u"authorization" || name == u"proxy-authorization") {
                // Keep the scheme word visible: "Bearer {{token}}".
                const QString value = header.value.trimmed();
                const qsizetype space = value.indexOf(u' ');
                const QString scheme = space > 0 ? value.left(space) : QString();
                const QString hint = scheme.compare(u"Basic"_s, Qt::CaseInsensitive) == 0
                                         ? u"basic_credentials"_s
                                         : u"token"_s;
                header.value = space > 0 ? scheme + u' ' + lift(value.mid(space + 1), hint)
                                         : lift(value, hint);
            } else if (name == u"cookie") {
                header.value = lift(header.value, u"cookie"_s);
            } else if (looksSecret(header.name) && name != u"accept" &&
                       !name.startsWith(u"sec-"_s)) {
                header.value = lift(header.value, header.name);
            }
        }
        keyValues(request.params);
        // A credential in the URL's own query: ?api_key=...
        if (const qsizetype question = request.url.indexOf(u'?'); question >= 0) {
            QStringList pairs = request.url.mid(question + 1).split(u'&');
            for (QString& pair : pairs) {
                const qsizetype equals = pair.indexOf(u'=');
                if (equals > 0 && looksSecret(pair.left(equals)))
                    pair = pair.left(equals + 1) + lift(pair.mid(equals + 1), pair.left(equals));
            }
            request.url = request.url.left(question + 1) + pairs.join(u'&');
        }
        if (request.body.kind == Model::BodyKind::FormUrlEncoded)
            keyValues(request.body.form);
        for (Model::MultipartField& field : request.body.multipart) {
            if (!field.isFile && looksSecret(field.name))
                field.value = lift(field.value, field.name);
        }
    }

    void folder(Model::Folder& folder)
    {
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
        imported.environments.push_back({environmentName, {}, lifter.variables});
        imported.mergeEnvironments.append(environmentName);
    }
    imported.warnings.append(
        u"%1 credential(s) moved into secret variables of environment \"%2\" (%3): the "
        "workspace files hold only {{references}}"_s.arg(lifter.variables.size())
            .arg(environmentName, names.join(u", "_s)));
    return lifter.variables.size();
}

} // namespace Keyhole::Interchange
