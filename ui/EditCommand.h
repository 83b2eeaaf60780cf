#pragma once

#include "core/Result.h"

#include <QUndoCommand>

#include <functional>
#include <utility>

namespace Keyhole::Ui {

// One edit of files on the undo stack (tree entries, environments): a step forward and its
// inverse, each of which may fail (the files changed under it); a step that fails is said and
// leaves the stack. The first redo() is the edit already done when the command was pushed.
class EditCommand final : public QUndoCommand {
public:
    EditCommand(const QString& text, std::function<Status()> forward,
                std::function<Status()> backward, std::function<void(const Error&)> failed)
        : QUndoCommand(text)
        , m_forward(std::move(forward))
        , m_backward(std::move(backward))
        , m_failed(std::move(failed))
    {}

    void redo() override
    {
        if (std::exchange(m_first, false))
            return;
        run(m_forward);
    }
    void undo() override { run(m_backward); }

private:
    void run(const std::function<Status()>& step)
    {
        if (const Status done = step(); !done) {
            setObsolete(true);
            m_failed(done.error());
        }
    }

    std::function<Status()> m_forward;
    std::function<Status()> m_backward;
    std::function<void(const Error&)> m_failed;
    bool m_first = true;
};

} // namespace Keyhole::Ui
