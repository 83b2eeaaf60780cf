#include "ui/RequestDocument.h"

#include "core/workspace/WorkspaceStore.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace Keyhole::Ui {

class SetRequestCommand final : public QUndoCommand {
public:
    SetRequestCommand(RequestDocument* document, Model::RequestTemplate before,
                      Model::RequestTemplate after, const QString& text, int mergeId)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeId(mergeId)
    {}

    void undo() override { m_document->apply(m_before); }
    void redo() override { m_document->apply(m_after); }
    int id() const override { return m_mergeId; }
    void rename(const QString& name)
    {
        m_before.name = name;
        m_after.name = name;
    }
    bool mergeWith(const QUndoCommand* other) override
    {
        m_after = static_cast<const SetRequestCommand*>(other)->m_after;
        return true;
    }

private:
    RequestDocument* m_document;
    Model::RequestTemplate m_before;
    Model::RequestTemplate m_after;
    int m_mergeId;
};

RequestDocument::RequestDocument(QString workspaceRoot, Model::RequestItem item, QObject* parent)
    : QObject(parent)
    , m_root(std::move(workspaceRoot))
    , m_item(std::move(item))
    , m_saved(m_item.request)
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit dirtyChanged(!clean); });
}

bool RequestDocument::isDirty() const
{
    return !m_undo->isClean();
}

void RequestDocument::edit(const Model::RequestTemplate& changed, const QString& description,
                           MergeField merge)
{
    if (changed == m_item.request)
        return;
    m_undo->push(new SetRequestCommand(this, m_item.request, changed, description, merge));
}

Status RequestDocument::save()
{
    Status status = Workspace::saveRequest(m_root, m_item);
    if (status) {
        m_saved = m_item.request;
        m_undo->setClean();
    }
    return status;
}

void RequestDocument::setName(const QString& name)
{
    for (int i = 0; i < m_undo->count(); ++i) {
        // Every command on this stack is a SetRequestCommand (edit() pushes nothing else).
        static_cast<SetRequestCommand*>(const_cast<QUndoCommand*>(m_undo->command(i)))
            ->rename(name);
    }
    m_saved.name = name;
    apply([&] {
        Model::RequestTemplate renamed = m_item.request;
        renamed.name = name;
        return renamed;
    }());
}

void RequestDocument::apply(const Model::RequestTemplate& request)
{
    m_item.request = request;
    emit changed();
}

} // namespace Keyhole::Ui
