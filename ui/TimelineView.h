#pragma once

#include <QScrollArea>

namespace Keyhole::Http {
struct Exchange;
} // namespace Keyhole::Http

namespace Keyhole::Ui {

// The Timeline tab: the hops of one send top to bottom — method, URL, status, what the engine
// changed between hops (and why: "Authorization not sent: not sent to another origin") — with
// a waterfall bar per hop on one time scale (blocked/DNS, connect and TLS, send, wait,
// receive).
class TimelineView final : public QScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setExchange(const Http::Exchange& exchange); // already masked as it is to be shown
    void clear();
    // What the view says, as plain text (one line per row).
    QString text() const;

private:
    QStringList m_lines;
};

} // namespace Keyhole::Ui
