#include "ui/TimelineView.h"

#include "core/http/Exchange.h"
#include "core/http/Timeline.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

namespace {

struct Segment {
    double startMs;
    double lengthMs;
    QColor color;
};

// One hop's phases on the exchange's time scale.
class Waterfall final : public QWidget {
public:
    Waterfall(QList<Segment> segments, double scaleMs, QWidget* parent)
        : QWidget(parent)
        , m_segments(std::move(segments))
        , m_scaleMs(scaleMs)
    {
        setMinimumHeight(14);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    QSize sizeHint() const override { return {400, 14}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::AlternateBase));
        if (m_scaleMs <= 0)
            return;
        const double perMs = (width() - 2) / m_scaleMs;
        for (const Segment& segment : m_segments) {
            const int x = 1 + static_cast<int>(segment.startMs * perMs);
            // At least a pixel: a phase of 0.1 ms still shows that it happened.
            const int w = qMax(1, static_cast<int>(segment.lengthMs * perMs));
            painter.fillRect(QRect(x, 2, w, height() - 4), segment.color);
        }
    }

private:
    QList<Segment> m_segments;
    double m_scaleMs;
};

QString milliseconds(double ms)
{
    return ms < 10 ? QString::number(ms, 'f', 1) : QString::number(ms, 'f', 0);
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QScrollArea(parent)
{
    setObjectName(u"timeline"_s);
    setAccessibleName(tr("Timeline of the hops"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    clear();
}

TimelineView::~TimelineView() = default;

void TimelineView::clear()
{
    m_lines.clear();
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    auto* empty = new QLabel(tr("Send the request: its hops show here, with their timings."));
    empty->setEnabled(false);
    layout->addWidget(empty);
    layout->addStretch();
    setWidget(content); // deletes the previous content
}

void TimelineView::setExchange(const Http::Exchange& exchange)
{
    if (exchange.hops.isEmpty()) {
        clear();
        return;
    }
    m_lines.clear();
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setSpacing(4);
    const auto addLabel = [&](const QString& text, const QString& style, bool bold = false) {
        auto* label = new QLabel(text, content);
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QString sheet = style;
        if (bold)
            sheet += u"font-weight: bold;"_s;
        label->setStyleSheet(sheet);
        layout->addWidget(label);
        m_lines.append(text);
    };

    // One scale for every hop: where each starts (wall clock from the first) and ends.
    const QDateTime first = exchange.hops.first().timings.started;
    QList<double> starts;
    double scale = 0;
    double cumulative = 0;
    for (const Http::Hop& hop : exchange.hops) {
        const QDateTime started = hop.timings.started;
        const double start = first.isValid() && started.isValid()
                                 ? qMax(0.0, static_cast<double>(first.msecsTo(started)))
                                 : cumulative;
        starts.append(start);
        const double total = qMax(0.0, hop.timings.totalMs);
        cumulative = start + total;
        scale = qMax(scale, cumulative);
    }

    const QColor dns(0x00, 0x96, 0x88);
    const QColor blocked(0x9e, 0x9e, 0x9e);
    const QColor connect(0xff, 0x98, 0x00);
    const QColor tls(0x9c, 0x27, 0xb0);
    const QColor send(0x03, 0xa9, 0xf4);
    const QColor wait(0x4c, 0xaf, 0x50);
    const QColor receive(0x1e, 0x88, 0xe5);
    for (qsizetype i = 0; i < exchange.hops.size(); ++i) {
        const Http::Hop& hop = exchange.hops[i];
        // The headers not carried over come last, in orange: the usual culprits.
        const QStringList changes = Http::hopChanges(exchange, i);
        for (qsizetype c = 0; c < changes.size(); ++c)
            addLabel(u"   ↳ "_s + changes[c], c >= changes.size() - hop.droppedHeaders.size()
                                                  ? u"color: #e65100;"_s
                                                  : u"color: gray;"_s);
        QString title = u"%1 · %2 %3"_s.arg(i + 1).arg(QString::fromUtf8(hop.request.method),
                                                       hop.request.url.toDisplayString());
        if (hop.response.received)
            title +=
                u" → %1 %2"_s.arg(hop.response.status).arg(QString::fromUtf8(hop.response.reason));
        if (hop.timings.totalMs >= 0)
            title += u" · %1 ms"_s.arg(milliseconds(hop.timings.totalMs));
        addLabel(title, {}, true);
        if (hop.error.isError())
            addLabel(tr("   %1 error: %2")
                         .arg(Http::transportErrorKindName(hop.error.kind), hop.error.message),
                     u"color: #c62828;"_s);

        const Http::PhaseDurations phases = Http::phaseDurations(hop.timings, hop.tls.used);
        QList<Segment> segments;
        QStringList said;
        double at = starts[i];
        const auto phase = [&](double ms, const QColor& color, const QString& name) {
            if (ms < 0)
                return;
            segments.append({at, ms, color});
            said.append(u"%1 %2"_s.arg(name, milliseconds(ms)));
            at += ms;
        };
        phase(phases.dns, dns, tr("DNS"));
        phase(phases.blocked, blocked, tr("queued"));
        // Qt marks no point between the TCP connect and the TLS handshake: one segment.
        if (phases.tls >= 0)
            phase(phases.connect, tls, tr("connect + TLS"));
        else
            phase(phases.connect, connect, tr("connect"));
        phase(phases.send, send, tr("send"));
        phase(phases.wait, wait, tr("wait"));
        phase(phases.receive, receive, tr("receive"));
        auto* bar = new Waterfall(segments, scale, content);
        bar->setToolTip(said.join(u" · "_s) + u" ms"_s);
        layout->addWidget(bar);
        QString legend = said.join(u" · "_s) + u" ms"_s;
        if (hop.timings.connectionReused)
            legend += tr(" · connection reused");
        if (hop.tls.used)
            legend += u" · %1 %2"_s.arg(hop.tls.protocol, hop.tls.cipher);
        addLabel(legend, u"color: gray;"_s);
    }
    auto* key = new QLabel(
        tr("<span style='color:#9e9e9e'>■</span> queued + DNS  "
           "<span style='color:#ff9800'>■</span> connect  <span style='color:#9c27b0'>■</span> "
           "connect + TLS  <span style='color:#03a9f4'>■</span> send  <span "
           "style='color:#4caf50'>■</span> "
           "wait (server)  <span style='color:#1e88e5'>■</span> receive"),
        content);
    layout->addSpacing(8);
    layout->addWidget(key);
    layout->addStretch();
    setWidget(content);
}

QString TimelineView::text() const
{
    return m_lines.join(u'\n');
}

} // namespace Keyhole::Ui
