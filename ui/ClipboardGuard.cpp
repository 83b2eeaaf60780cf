#include "ui/ClipboardGuard.h"

#include "core/http/Exchange.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QTimer>

namespace Keyhole::Ui {

ClipboardGuard::ClipboardGuard(std::function<QList<QByteArray>()> secrets, QObject* parent)
    : QObject(parent)
    , m_secrets(std::move(secrets))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(30'000);
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this,
            &ClipboardGuard::onChanged);
    connect(m_timer, &QTimer::timeout, this, [this] {
        QClipboard* clipboard = QGuiApplication::clipboard();
        if (clipboard->text() != m_copied)
            return; // something else was copied since
        clipboard->clear();
        m_copied.clear();
        emit cleared();
    });
}

void ClipboardGuard::setClearAfter(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

bool ClipboardGuard::armed() const
{
    return m_timer->isActive();
}

void ClipboardGuard::onChanged()
{
    const QString text = QGuiApplication::clipboard()->text();
    if (text.isEmpty() || text == m_copied)
        return;
    const QByteArray bytes = text.toUtf8();
    for (const QByteArray& secret : m_secrets()) {
        if (secret.size() >= Http::kShortestMaskedSecret && bytes.contains(secret)) {
            m_copied = text;
            m_timer->start();
            return;
        }
    }
    m_timer->stop(); // a copy without a secret replaced it
    m_copied.clear();
}

} // namespace Keyhole::Ui
