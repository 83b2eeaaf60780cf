#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QTimer;

namespace Keyhole::Ui {

// Clears the clipboard some time (30 s) after a copy that holds a secret value — a token
// copied from the Raw tab with secrets revealed, a response body with the access token — if
// the clipboard still holds that copy then. Copies without a secret are left alone.
class ClipboardGuard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClipboardGuard)

public:
    // `secrets` gives the secret values known now (called on every copy).
    ClipboardGuard(std::function<QList<QByteArray>()> secrets, QObject* parent = nullptr);

    void setClearAfter(int milliseconds); // (30 000 by default; tests make it short)
    bool armed() const;

signals:
    void cleared();

private:
    void onChanged();

    std::function<QList<QByteArray>()> m_secrets;
    QTimer* m_timer;
    QString m_copied;
};

} // namespace Keyhole::Ui
