#pragma once

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>

#include <memory>

namespace Keyhole::Testing {

// The next message box that asks gets `button` (it runs its own event loop, so the answer
// comes from a timer). Gives up after 10 s when no question comes. Header-only: widget tests
// only (keyhole_test_support does not link QtWidgets).
inline void answerNextQuestion(QObject* owner, QMessageBox::StandardButton button)
{
    auto* poll = new QTimer(owner);
    auto tries = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, owner, [poll, button, tries] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            box->button(button)->click();
            poll->deleteLater();
        } else if (++*tries > 200) {
            poll->deleteLater();
        }
    });
    poll->start(50);
}

} // namespace Keyhole::Testing
