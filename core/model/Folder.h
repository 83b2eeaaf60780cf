#pragma once

#include "core/model/RequestTemplate.h"
#include "core/model/Variable.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Keyhole::Model {

// A request as it lives in a workspace: its file and its content.
struct RequestItem {
    QString path; // file path relative to the workspace root, '/'-separated
    RequestTemplate request;

    friend bool operator==(const RequestItem&, const RequestItem&) = default;
};

// How a collection keeps its access token alive: the request that logs in and the one that
// refreshes (workspace paths; their extractions store the tokens), the variable the requests
// send, and the margin before `exp` at which a JWT counts as expired. Empty: no lifecycle.
struct TokenLifecycle {
    QString loginRequest;
    QString refreshRequest; // optional
    QString tokenVariable = QStringLiteral("token");
    int skewSeconds = 30;

    bool isEnabled() const { return !loginRequest.isEmpty() || !refreshRequest.isEmpty(); }
    friend bool operator==(const TokenLifecycle&, const TokenLifecycle&) = default;
};

// A folder of requests and sub-folders. `order` lists child entry names (directory names and
// request file names) in display order, so reordering never renames files.
struct Folder {
    QString path; // directory relative to the workspace root, '/'-separated
    QString name; // display name
    VariableList variables;
    AuthConfig auth; // what requests inside inherit (Inherit here: from the parent)
    std::vector<Folder> folders;
    std::vector<RequestItem> requests;
    QStringList order;
    QString description;
    QJsonObject preserved;         // as RequestTemplate::preserved
    TokenLifecycle tokenLifecycle; // read on collections (top-level folders)

    friend bool operator==(const Folder&, const Folder&) = default;
};

// A collection is a top-level folder of a workspace: the unit users share and export.
using Collection = Folder;

// The whole workspace as loaded from disk.
// How Compare treats two messages; saved with the workspace ("compare" in
// keyhole-workspace.json) so that a team shares its noise list.
struct CompareSettings {
    QStringList ignoreHeaders;   // names, any case: Date, X-Request-Id
    QStringList ignoreJsonPaths; // $.meta.date, $.items[*].updated_at, $..timestamp
    bool ignoreWhitespace = false;
    bool arraysAsSequences = false; // JSON arrays compared as lists (LCS), not by index

    bool isEmpty() const
    {
        return ignoreHeaders.isEmpty() && ignoreJsonPaths.isEmpty() && !ignoreWhitespace &&
               !arraysAsSequences;
    }
    friend bool operator==(const CompareSettings&, const CompareSettings&) = default;
};

struct Workspace {
    QString rootPath; // absolute directory
    QString id;       // stable identity: names this workspace's secrets in the secret store
    QString name;
    VariableList globals;
    std::vector<Collection> collections;
    std::vector<Environment> environments;
    CompareSettings compare;

    friend bool operator==(const Workspace&, const Workspace&) = default;
};

// One child of a folder: a sub-folder or a request (the other is nullptr).
struct FolderEntry {
    const Folder* folder = nullptr;
    const RequestItem* request = nullptr;
};
// The children in display order: those `order` lists first, then the rest (folders, then
// requests), each once.
QList<FolderEntry> childrenInOrder(const Folder& folder);

// `name` on one line (line breaks and control characters become spaces), for comments and
// headings of exported files, where a line break would start a command of its own.
QString oneLine(const QString& name);

// Entry name (last path segment) of a folder or request path.
QString entryName(const QString& path);

// The request at `path`, or nullptr. `folderChain`, when given, receives the folders from the
// collection down to the request's parent (for variable scopes).
const RequestItem* findRequest(const Workspace& workspace, const QString& path,
                               std::vector<const Folder*>* folderChain = nullptr);
RequestItem* findRequest(Workspace& workspace, const QString& path);
// The first request in display order (depth first), or an empty string.
QString firstRequestPath(const Workspace& workspace);
// Every request in display order (depth first), with the folders each sits in (collection
// first), as the tree shows them: "Demo API / Items".
struct RequestInPlace {
    const RequestItem* request = nullptr;
    QString folders;
};
QList<RequestInPlace> requestsInOrder(const Workspace& workspace);
const Environment* findEnvironment(const Workspace& workspace, const QString& name);
Environment* findEnvironment(Workspace& workspace, const QString& name);

} // namespace Keyhole::Model
