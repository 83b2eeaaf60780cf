#pragma once

#include "core/Result.h"
#include "core/model/RequestTemplate.h"

#include <QList>
#include <QString>

namespace Keyhole::Workspace {

// Unsaved edits kept beside the workspace while a request has them, in
// <root>/.keyhole/unsaved/ (git-ignored, this machine's only), so that a crash or a kill
// does not lose them: the window offers them back when the workspace opens next. One file per
// request, named by its path, holding the request as a save would write it.
Status keepUnsaved(const QString& rootPath, const QString& requestPath,
                   const Model::RequestTemplate& request);
// The request was saved, or its edits discarded.
void forgetUnsaved(const QString& rootPath, const QString& requestPath);

struct UnsavedEdit {
    QString path; // the request's path in the workspace
    Model::RequestTemplate request;
};
// Every kept edit; files that cannot be read are skipped (and removed).
QList<UnsavedEdit> unsavedEdits(const QString& rootPath);

} // namespace Keyhole::Workspace
