#include "core/auth/Extractor.h"

#include "core/model/JsonPath.h"
#include "core/secrets/SecretChanges.h"
#include "core/workspace/WorkspaceStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QObject>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {

Extracted extractValues(const Http::Exchange& exchange, const QList<Model::Extraction>& extractions)
{
    Extracted out;
    const Http::Hop* hop = exchange.finalHop();
    if (extractions.isEmpty() || !hop || hop->response.status < 200 || hop->response.status > 299)
        return out;
    const QJsonDocument document = QJsonDocument::fromJson(hop->response.decodedBody);
    const QJsonValue root =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    for (const Model::Extraction& extraction : extractions) {
        QString value;
        if (extraction.from == Model::Extraction::Source::Header) {
            value = QString::fromUtf8(
                Model::headerValue(hop->response.headers, extraction.path.toUtf8()));
        } else if (const std::optional<QJsonValue> found =
                       Model::followJsonPath(root, extraction.path);
                   found && (found->isString() || found->isDouble())) {
            value = Model::jsonValueText(*found); // integers exactly (ids)
        }
        if (value.isEmpty()) {
            out.problems.append(QObject::tr("No \"%1\" in the response for {{%2}}")
                                    .arg(extraction.path, extraction.variable));
            continue;
        }
        out.values.append({extraction.variable, value, extraction.secret});
    }
    return out;
}

void storeExtracted(std::shared_ptr<Secrets::SecretStore> store, Model::Workspace& workspace,
                    const QString& environmentName, const QList<ExtractedValue>& values,
                    std::function<void(QStringList)> done)
{
    Model::Environment* environment = Model::findEnvironment(workspace, environmentName);
    if (!environment)
        return done({QObject::tr("No environment \"%1\" to store extracted values in")
                         .arg(environmentName)});
    QStringList problems;
    QList<Secrets::SecretChange> secrets;
    for (const ExtractedValue& extracted : values) {
        auto variable =
            std::find_if(environment->variables.begin(), environment->variables.end(),
                         [&](const Model::Variable& v) { return v.name == extracted.variable; });
        if (variable == environment->variables.end()) {
            environment->variables.append({extracted.variable, {}, extracted.secret, true});
            variable = environment->variables.end() - 1;
        }
        const bool secret = variable->secret || extracted.secret;
        variable->secret = secret;
        variable->value = extracted.value; // in memory only for secrets: the file omits it
        // A fresh value is what counts: a current value of this machine would hide it.
        environment->currentValues.remove(extracted.variable);
        if (secret)
            secrets.append({Secrets::SecretChange::Kind::Write,
                            Secrets::secretKey(workspace.id, environment->name, extracted.variable),
                            extracted.value.toUtf8(),
                            {}});
    }
    if (Status saved = Workspace::saveEnvironment(workspace.rootPath, *environment); !saved)
        problems.append(saved.error().toString());
    if (!secrets.isEmpty() && !store)
        problems.append(QObject::tr("No secret store: the secret values serve this session only"));
    if (secrets.isEmpty() || !store)
        return done(problems);
    Secrets::applySecretChanges(std::move(store), secrets,
                                [problems, done = std::move(done)](const QList<Error>& errors) {
                                    QStringList all = problems;
                                    for (const Error& error : errors)
                                        all.append(error.toString());
                                    done(all);
                                });
}

} // namespace Keyhole::Auth
