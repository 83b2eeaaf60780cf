#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

#include <QByteArray>
#include <QString>

namespace Keyhole::Workspace {

// The on-disk JSON of each workspace file (docs/workspace-format.md). Writers produce
// pretty-printed JSON with keys in a stable (sorted) order and a trailing newline, so that
// saving the same value twice gives the same bytes. Readers take `fileLabel` (the file's
// path relative to the workspace) to name the place of an error: "file:line:column" for
// syntax, "file $.json.path" for a wrong or missing value.

inline constexpr int kSchemaVersion = 1;

QByteArray requestToJson(const Model::RequestTemplate& request);
Result<Model::RequestTemplate> requestFromJson(const QByteArray& json, const QString& fileLabel);

QByteArray environmentToJson(const Model::Environment& environment);
Result<Model::Environment> environmentFromJson(const QByteArray& json, const QString& fileLabel);
// This machine's current values of an environment: {"currentValues": {"name": "value"}}.
QByteArray currentValuesToJson(const QMap<QString, QString>& values);
Result<QMap<QString, QString>> currentValuesFromJson(const QByteArray& json,
                                                     const QString& fileLabel);

// A folder's manifest (folder.json): name, order and variables; not its children.
QByteArray folderToJson(const Model::Folder& folder);
Result<Model::Folder> folderFromJson(const QByteArray& json, const QString& fileLabel);

// The workspace manifest (keyhole-workspace.json): name, collection order and globals.
QByteArray workspaceToJson(const Model::Workspace& workspace, const QStringList& order);
struct WorkspaceManifest {
    QString id;
    QString name;
    QStringList order;
    Model::VariableList globals;
    Model::CompareSettings compare;
};
Result<WorkspaceManifest> workspaceFromJson(const QByteArray& json, const QString& fileLabel);

} // namespace Keyhole::Workspace
