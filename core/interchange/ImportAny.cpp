#include "core/interchange/ImportAny.h"

#include "core/interchange/SecretLifting.h"
#include "core/interchange/import/CurlImport.h"
#include "core/interchange/import/HarImport.h"
#include "core/interchange/import/HttpFileImport.h"
#include "core/interchange/import/InsomniaImport.h"
#include "core/interchange/import/OpenApiImport.h"
#include "core/interchange/import/PostmanImport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

QStringList importFormats()
{
    return {u"curl"_s, u"postman"_s, u"har"_s, u"http"_s, u"openapi"_s, u"insomnia"_s};
}

QString detectFormat(const QByteArray& data)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{')) {
        const QJsonObject root = QJsonDocument::fromJson(trimmed).object();
        if (root.contains(u"resources"_s) || root.contains(u"__export_format"_s))
            return u"insomnia"_s;
        if (root.contains(u"log"_s))
            return u"har"_s;
        if (root.contains(u"openapi"_s) || root.contains(u"swagger"_s))
            return u"openapi"_s;
        if (root.contains(u"item"_s) || root.contains(u"info"_s) || root.contains(u"values"_s) ||
            root.contains(u"collection"_s))
            return u"postman"_s;
        return {};
    }
    static const QRegularExpression curl(u"^(\\$\\s+)?(sudo\\s+)?curl(\\.exe)?\\s"_s);
    if (curl.match(QString::fromUtf8(trimmed.left(200))).hasMatch())
        return u"curl"_s;
    if (looksLikeInsomnia(trimmed))
        return u"insomnia"_s;
    if (looksLikeOpenApi(trimmed))
        return u"openapi"_s;
    if (looksLikeHttpFile(trimmed))
        return u"http"_s;
    return {};
}

namespace {

Result<ImportResult> read(const QString& format, const QByteArray& data, const QString& label,
                          const QString& baseDir)
{
    if (format == u"postman")
        return importPostman(data, label);
    if (format == u"har")
        return importHar(data, label);
    if (format == u"http")
        return importHttpFile(data, label, baseDir);
    if (format == u"openapi")
        return importOpenApi(data, label);
    if (format == u"insomnia")
        return importInsomnia(data, label);
    if (format == u"curl") {
        Result<CurlRequest> curl = importCurl(QString::fromUtf8(data), baseDir);
        if (!curl)
            return Error{curl.error().code, curl.error().message,
                         label + u": "_s + curl.error().where};
        ImportResult result;
        result.format = u"curl command"_s;
        result.looseRequests = true;
        result.warnings = curl.value().warnings;
        Model::Folder folder;
        Model::RequestTemplate request = curl.value().request;
        // Named like a HAR entry: "POST /api/token/".
        const QString path = QUrl(request.url).path();
        request.name = request.method + u' ' + (path.isEmpty() ? u"/"_s : path);
        folder.requests.push_back({{}, request});
        result.collection = std::move(folder);
        return result;
    }
    return Error{u"import.format"_s,
                 u"not a format Keyhole imports (%1)"_s.arg(importFormats().join(u", "_s)), label};
}

} // namespace

Result<ImportResult> importData(const QString& format, const QByteArray& data, const QString& label,
                                const QString& baseDir)
{
    Result<ImportResult> result = read(format, data, label, baseDir);
    if (result)
        markCredentialVariables(result.value());
    return result;
}

QString liftSecretsInto(ImportResult& imported, const Model::Workspace& workspace,
                        const QString& environment)
{
    QString name = environment;
    if (name.isEmpty())
        name =
            imported.collection && !imported.looseRequests && !imported.collection->name.isEmpty()
                ? imported.collection->name
                : u"Imported"_s;
    QStringList taken;
    for (const Model::Environment& existing : workspace.environments) {
        if (existing.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        name = existing.name; // the lifted secrets join it, under its own spelling
        for (const Model::Variable& variable : existing.variables)
            taken.append(variable.name);
    }
    liftSecrets(imported, name, taken);
    return name;
}

} // namespace Keyhole::Interchange
