#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

#include <QString>

namespace Keyhole::Workspace {

// Edits of the workspace tree (docs/workspace-format.md, "Editing the tree"). Each changes
// the files and the in-memory workspace together: the disk first, then the model, so a
// failure leaves both as they were. Each has an inverse, for undo: create ↔ trash,
// trash ↔ restore, rename ↔ rename, move ↔ move.
//
// Names on disk follow the display name once, when an entry is created ("List items" →
// list-items.request.json); a rename changes the display name only, so history and open tabs
// keep their link and git shows a one-line change.

// Where an entry sits: the folder that holds it (empty for a collection, which the workspace
// holds) and its place among that folder's children in display order.
struct Place {
    QString parent;
    int position = -1; // -1: after the last child
    friend bool operator==(const Place&, const Place&) = default;
};

// Whether `path` is `entry` itself or lies below it (a folder's requests and sub-folders).
bool isAtOrUnder(const QString& path, const QString& entry);
// `path` after the entry at `from` moved to `to`; unchanged when it is not at or under `from`.
QString movedPath(const QString& path, const QString& from, const QString& to);

// The place of the collection, folder or request at `path`.
Result<Place> placeOf(const Model::Workspace& workspace, const QString& path);
// The folder (or collection) at `path`, or nullptr.
const Model::Folder* findFolder(const Model::Workspace& workspace, const QString& path);

// A new request file at `where` (a folder or collection); returns its path.
Result<QString> createRequest(Model::Workspace& workspace, const Place& where,
                              const Model::RequestTemplate& request);
// A new folder at `where` (empty parent: a new collection); returns its path.
Result<QString> createFolder(Model::Workspace& workspace, const Place& where, const QString& name);
// Sets the display name of a collection, folder or request (a request's may be empty: its
// file name shows). A request's file is rewritten from its content on disk: unsaved edits in
// an editor stay unsaved.
Status renameEntry(Model::Workspace& workspace, const QString& path, const QString& name);
// A copy of a request or folder (as saved on disk, every file of a folder) right after it,
// named "<name> copy"; returns the copy's path.
Result<QString> duplicateEntry(Model::Workspace& workspace, const QString& path);
// Moves an entry to another place: within its folder the order changes; into another folder
// the file or directory moves (keeping its name unless the target holds one alike). A folder
// cannot go into itself; a request needs a folder. Token lifecycles naming a moved request
// follow it. `name`, when given, is the entry name to take in another folder (an undo puts back
// the name it had). Returns the new path.
Result<QString> moveEntry(Model::Workspace& workspace, const QString& path, const Place& to,
                          const QString& name = {});
// Moves an entry into the workspace's trash (<root>/.keyhole/trash, git-ignored) and out of the
// tree; returns where it went, for restoreEntry. Nothing is deleted until emptyTrash.
Result<QString> trashEntry(Model::Workspace& workspace, const QString& path);
// Puts a trashed entry back at `path` and `where` (as trashEntry found it).
Status restoreEntry(Model::Workspace& workspace, const QString& trashed, const QString& path,
                    const Place& where);
// Deletes the trash for good (when the workspace opens: undo does not outlive a window).
void emptyTrash(const QString& rootPath);

// `name` as an entry name on disk: letters and digits lower-cased, the rest runs of '-'
// ("List items (v2)" → "list-items-v2"); `fallback` when nothing is left.
QString slugFor(const QString& name, const QString& fallback);

} // namespace Keyhole::Workspace
