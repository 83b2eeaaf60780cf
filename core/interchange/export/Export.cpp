#include "core/interchange/export/Export.h"

#include "core/interchange/export/CodeSnippets.h"
#include "core/interchange/export/HttpFileExport.h"
#include "core/interchange/export/PostmanExport.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

QStringList requestExportFormats()
{
    return {u"postman"_s, u"curl"_s, u"http"_s, u"httpie"_s, u"python"_s, u"fetch"_s};
}

QString requestExportTitle(const QString& format)
{
    if (format == u"postman")
        return QCoreApplication::translate("Export", "Postman Collection v2.1");
    if (format == u"http")
        return QCoreApplication::translate(
            "Export", ".http file (JetBrains HTTP Client, VS Code REST Client)");
    if (const std::optional<SnippetLanguage> language = snippetLanguageFromName(format))
        return *language == SnippetLanguage::Curl
                   ? QCoreApplication::translate("Export", "curl commands (shell script)")
                   : snippetLanguageTitle(*language);
    return format;
}

QString requestExportSuffix(const QString& format)
{
    if (format == u"postman")
        return u".postman_collection.json"_s;
    if (format == u"http")
        return u".http"_s;
    if (format == u"python")
        return u".py"_s;
    if (format == u"fetch")
        return u".mjs"_s;
    return u".sh"_s; // curl, httpie
}

Result<ExportedRequests> exportRequests(const Model::Workspace& workspace,
                                        const Model::Folder& selection, const QString& format,
                                        const Model::Environment* environment, bool includeSecrets)
{
    ExportedRequests exported;
    if (format == u"postman") {
        exported.content = exportPostmanCollection(selection, workspace.id, &exported.warnings);
        if (environment) {
            QHash<QString, QByteArray> secretValues;
            for (const Model::Variable& variable : environment->variables) {
                if (!variable.secret)
                    continue;
                if (includeSecrets)
                    secretValues.insert(variable.name, variable.value.toUtf8());
                else
                    exported.warnings.append(
                        QCoreApplication::translate("Export",
                                                    "secret \"%1\" exported without its value "
                                                    "(include secrets to write it)")
                            .arg(variable.name));
            }
            exported.environment = exportPostmanEnvironment(*environment, secretValues);
        }
        return exported;
    }
    if (format == u"http") {
        exported.content = exportHttpFile(selection).toUtf8();
        return exported;
    }
    const std::optional<SnippetLanguage> language = snippetLanguageFromName(format);
    if (!language)
        return Error{
            u"export.format"_s,
            QCoreApplication::translate("Export", "unknown export format \"%1\"").arg(format),
            format};
    // curl, httpie, python, fetch: code that sends each request as Keyhole would.
    Result<QString> code = exportSnippets(workspace, selection, environment, includeSecrets,
                                          *language, exported.warnings);
    if (!code)
        return code.error();
    exported.content = code.value().toUtf8();
    return exported;
}

QString environmentFileBeside(const QString& collectionFile)
{
    QString base = collectionFile;
    for (const QString& suffix : {u".postman_collection.json"_s, u".json"_s}) {
        if (base.endsWith(suffix)) {
            base.chop(suffix.size());
            break;
        }
    }
    return base + u".postman_environment.json"_s;
}

} // namespace Keyhole::Interchange
