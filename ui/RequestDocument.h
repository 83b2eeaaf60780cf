#pragma once

#include "core/Result.h"
#include "core/model/Folder.h"

#include <QObject>

class QUndoStack;

namespace Keyhole::Ui {

// One open request: its content, an undo stack of every edit, and its file. Dirty state is
// the undo stack's clean flag (CONVENTIONS.md rule 14).
class RequestDocument final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestDocument)

public:
    // Which edits merge into one undo step while the user types in the same field.
    enum MergeField {
        NoMerge = -1,
        MergeUrl = 1,
        MergeBodyText,
        MergeName,
        MergeTable,
        MergeAuth,
        MergeSettings
    };

    RequestDocument(QString workspaceRoot, Model::RequestItem item, QObject* parent = nullptr);

    const Model::RequestItem& item() const { return m_item; }
    const Model::RequestTemplate& request() const { return m_item.request; }
    QUndoStack* undoStack() const { return m_undo; }
    bool isDirty() const;

    // Records an edit as one undoable step named `description`.
    void edit(const Model::RequestTemplate& changed, const QString& description,
              MergeField merge = NoMerge);
    // Writes the request file atomically and marks the document clean.
    Status save();
    // The content as it is in the file (as opened, or as last saved).
    const Model::RequestTemplate& saved() const { return m_saved; }
    // The file moved (in the tree): saves go to `path` from now on.
    void setPath(const QString& path) { m_item.path = path; }
    // The request was renamed in the tree (the file already says so): the name changes in the
    // content, the saved content and every step of the undo history, so that neither a save
    // nor an undo brings the old name back. Dirty state is unchanged.
    void setName(const QString& name);

signals:
    void changed();
    void dirtyChanged(bool dirty);

private:
    friend class SetRequestCommand;
    void apply(const Model::RequestTemplate& request);

    QString m_root;
    Model::RequestItem m_item;
    Model::RequestTemplate m_saved;
    QUndoStack* m_undo;
};

} // namespace Keyhole::Ui
