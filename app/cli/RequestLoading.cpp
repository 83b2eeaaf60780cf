#include "app/cli/RequestLoading.h"

#include "app/cli/CliSupport.h"
#include "core/auth/EffectiveAuth.h"
#include "core/interchange/import/CurlImport.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/WorkspaceScopes.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {

Result<Loaded> loadRequest(SendOptions& options)
{
    Loaded loaded;
    loaded.request = options.inlineRequest;
    if (!options.curl.isEmpty()) {
        Result<Interchange::CurlRequest> imported = Interchange::importCurl(options.curl);
        if (!imported)
            return imported.error();
        for (const QString& warning : std::as_const(imported.value().warnings))
            printErr(u"warning: curl: "_s + warning);
        loaded.request = imported.value().request; // with curl's settings (-L, -k, -m...)
    }
    QString root = options.workspaceDir;
    if (root.isEmpty() && !options.requestFile.isEmpty()) {
        root = Workspace::findWorkspaceRoot(options.requestFile);
        if (root.isEmpty())
            return Error{u"workspace.missing"_s,
                         u"no keyhole-workspace.json in this or any parent directory (use "
                         "--workspace DIR)"_s,
                         options.requestFile};
    }
    // The command line's --timeout, --no-follow, -k... win over the request's settings.
    loaded.request.settings.overlay(options.settings);
    loaded.request.assertions += options.assertions;
    if (root.isEmpty())
        return loaded;

    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(root);
    if (!report)
        return report.error();
    for (const Error& problem : std::as_const(report.value().problems))
        printErr(u"warning: "_s + problem.toString());
    loaded.workspace = std::move(report.value().workspace);

    if (!options.requestFile.isEmpty()) {
        const QDir rootDir(loaded.workspace.rootPath);
        QString file = options.requestFile;
        if (!QFileInfo::exists(file))
            file = rootDir.filePath(file);
        loaded.requestPath = rootDir.relativeFilePath(QFileInfo(file).absoluteFilePath());
        const Model::RequestItem* item = Model::findRequest(loaded.workspace, loaded.requestPath);
        if (!item)
            return Error{u"request.missing"_s,
                         QFileInfo::exists(file)
                             ? u"this request file could not be loaded (see the warnings above)"_s
                             : u"no such request in workspace %1"_s.arg(loaded.workspace.rootPath),
                         options.requestFile};
        loaded.request = item->request;
        if (options.inlineRequest.auth.kind != Model::AuthKind::Inherit)
            loaded.request.auth = options.inlineRequest.auth; // --auth overrides the file
        loaded.request.settings.overlay(options.settings);
        loaded.request.assertions += options.assertions;
    }
    return loaded;
}

Result<Model::PreparedRequest> prepareLoaded(const Loaded& loaded,
                                             const Model::Environment* environment,
                                             const Model::VariableList& runtime)
{
    return Vars::prepareInWorkspace(loaded.workspace, loaded.requestPath, loaded.request,
                                    environment, runtime);
}

} // namespace Keyhole::Cli
