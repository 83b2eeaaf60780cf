#include "ui/CompareView.h"

#include "ui/Appearance.h"
#include "ui/CompareSettingsDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

// The diff's colours for a light or a dark palette (the text stays the palette's own).
struct DiffColors {
    QColor deleted, inserted, deletedMark, insertedMark, gutter, filler;
};

DiffColors diffColors(const QPalette& palette)
{
    if (palette.color(QPalette::Base).lightness() < 128)
        return {QColor(0x4a, 0x22, 0x27),
                QColor(0x1f, 0x3d, 0x27),
                QColor(0x8c, 0x33, 0x3d),
                QColor(0x2f, 0x70, 0x3f),
                palette.color(QPalette::AlternateBase),
                palette.color(QPalette::Window)};
    return {QColor(0xff, 0xeb, 0xee), QColor(0xe8, 0xf5, 0xe9), QColor(0xef, 0x9a, 0x9a),
            QColor(0xa5, 0xd6, 0xa7), QColor(0xf5, 0xf5, 0xf5), QColor(0xfa, 0xfa, 0xfa)};
}
constexpr int kMaxPaintedChars = 2000; // a 5 MB single-line body is cut when painted

} // namespace

DiffPane::DiffPane(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    useTextFont(this);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
}

DiffPane::~DiffPane() = default;

void DiffPane::setComparison(const Diff::Lines* a, const Diff::Lines* b,
                             const Diff::LineDiffResult* diff)
{
    m_a = a;
    m_b = b;
    m_diff = diff;
    rebuildRows();
}

void DiffPane::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    rebuildRows();
}

int DiffPane::lineHeight() const
{
    return fontMetrics().height() + 2;
}

void DiffPane::rebuildRows()
{
    m_rows.clear();
    m_hunks.clear();
    m_refined.clear();
    m_currentHunk = -1;
    if (m_diff) {
        const QList<Diff::Run>& runs = m_diff->runs;
        for (qsizetype r = 0; r < runs.size(); ++r) {
            const Diff::Run& run = runs[r];
            if (run.kind == Diff::Run::Kind::Equal) {
                for (qsizetype i = 0; i < run.count; ++i)
                    m_rows.push_back({run.aStart + i, run.bStart + i, Row::Kind::Equal});
                continue;
            }
            m_hunks.push_back(static_cast<qsizetype>(m_rows.size()));
            // A deletion followed by an insertion: a replacement, paired line by line side by
            // side; in unified mode the - lines come first, then the + lines.
            qsizetype deleteStart = -1, deleteCount = 0, insertStart = -1, insertCount = 0;
            if (run.kind == Diff::Run::Kind::Delete) {
                deleteStart = run.aStart;
                deleteCount = run.count;
                if (r + 1 < runs.size() && runs[r + 1].kind == Diff::Run::Kind::Insert) {
                    insertStart = runs[r + 1].bStart;
                    insertCount = runs[r + 1].count;
                    ++r;
                }
            } else {
                insertStart = run.bStart;
                insertCount = run.count;
            }
            if (m_mode == Mode::SideBySide) {
                const qsizetype paired = std::min(deleteCount, insertCount);
                for (qsizetype i = 0; i < std::max(deleteCount, insertCount); ++i) {
                    if (i < paired)
                        m_rows.push_back({deleteStart + i, insertStart + i, Row::Kind::Changed});
                    else if (i < deleteCount)
                        m_rows.push_back({deleteStart + i, -1, Row::Kind::Deleted});
                    else
                        m_rows.push_back({-1, insertStart + i, Row::Kind::Inserted});
                }
            } else {
                for (qsizetype i = 0; i < deleteCount; ++i)
                    m_rows.push_back({deleteStart + i, -1, Row::Kind::Deleted});
                for (qsizetype i = 0; i < insertCount; ++i)
                    m_rows.push_back({-1, insertStart + i, Row::Kind::Inserted});
            }
        }
    }
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void DiffPane::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / lineHeight());
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    verticalScrollBar()->setRange(
        0, static_cast<int>(std::max<qsizetype>(0, rowCount() - visible + 1)));
    horizontalScrollBar()->setRange(0, fontMetrics().horizontalAdvance(u'x') * kMaxPaintedChars);
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void DiffPane::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

qsizetype DiffPane::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

void DiffPane::goToHunk(qsizetype hunk)
{
    if (hunk < 0 || hunk >= hunkCount())
        return;
    m_currentHunk = hunk;
    // Three rows of context above the change.
    verticalScrollBar()->setValue(
        static_cast<int>(std::max<qsizetype>(0, m_hunks[static_cast<size_t>(hunk)] - 3)));
    viewport()->update();
    emit currentHunkChanged(hunk);
}

void DiffPane::nextHunk()
{
    goToHunk(std::min(hunkCount() - 1, m_currentHunk + 1));
}

void DiffPane::previousHunk()
{
    goToHunk(std::max<qsizetype>(0, m_currentHunk - 1));
}

void DiffPane::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_N || event->key() == Qt::Key_F7) {
        event->modifiers() & Qt::ShiftModifier ? previousHunk() : nextHunk();
        return;
    }
    if (event->key() == Qt::Key_P) {
        previousHunk();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

QString DiffPane::rowText(qsizetype index) const
{
    if (index < 0 || index >= rowCount())
        return {};
    const Row& row = m_rows[static_cast<size_t>(index)];
    const QString a = row.a >= 0 ? m_a->string(row.a) : QString();
    const QString b = row.b >= 0 ? m_b->string(row.b) : QString();
    if (m_mode == Mode::Unified)
        return row.kind == Row::Kind::Equal ? u' ' + a : row.a >= 0 ? u'-' + a : u'+' + b;
    return a + u" ‖ "_s + b;
}

void DiffPane::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    const int height = lineHeight();
    const int ascent = fontMetrics().ascent() + 1;
    const int charWidth = fontMetrics().horizontalAdvance(u'x');
    const int width = viewport()->width();
    const int shift = horizontalScrollBar()->value();
    const qsizetype first = firstVisibleRow();
    const qsizetype last = std::min(rowCount(), first + viewport()->height() / height + 2);
    const int digits = static_cast<int>(
        QString::number(std::max<qsizetype>(m_a ? m_a->size() : 0, m_b ? m_b->size() : 0)).size());
    const int gutter = charWidth * (digits + 1);
    const DiffColors colors = diffColors(palette());

    // One column: line number gutter, then the text with its background and marks.
    auto column = [&](int x, int columnWidth, int y, qsizetype line, const Diff::Lines* lines,
                      const QColor& background, const QList<Diff::Span>& marks,
                      const QColor& markColor, const QString& sign) {
        painter.save();
        painter.setClipRect(x, y, columnWidth, height);
        if (line < 0) {
            painter.fillRect(x, y, columnWidth, height, colors.filler);
            painter.restore();
            return;
        }
        if (background.isValid())
            painter.fillRect(x + gutter, y, columnWidth - gutter, height, background);
        painter.fillRect(x, y, gutter, height, colors.gutter);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(x, y, gutter - charWidth / 2, height),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(line + 1));
        QString text = lines->string(line);
        if (text.size() > kMaxPaintedChars)
            text = text.left(kMaxPaintedChars) + u'…';
        const int textX = x + gutter + charWidth - shift;
        for (const Diff::Span& mark : marks) {
            if (mark.start >= text.size())
                continue;
            const int from = fontMetrics().horizontalAdvance(text.left(mark.start));
            const int span = fontMetrics().horizontalAdvance(text.mid(mark.start, mark.length));
            painter.fillRect(textX + from, y, std::max(span, 2), height, markColor);
        }
        painter.setPen(palette().color(QPalette::Text));
        if (!sign.isEmpty())
            painter.drawText(x + gutter + 1, y + ascent, sign);
        painter.setClipRect(x + gutter + charWidth, y, columnWidth - gutter - charWidth, height);
        painter.drawText(textX, y + ascent, text);
        if (!sign.isEmpty() && lines->isUnterminated(line)) { // a changed row: say why
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(textX + fontMetrics().horizontalAdvance(text) + charWidth, y + ascent,
                             tr("\\ No newline at end of file"));
        }
        painter.restore();
    };

    for (qsizetype index = first; index < last; ++index) {
        const Row& row = m_rows[static_cast<size_t>(index)];
        const int y = static_cast<int>(index - first) * height;
        QList<Diff::Span> marksA;
        QList<Diff::Span> marksB;
        if (row.kind == Row::Kind::Changed) {
            auto refined = m_refined.constFind(index);
            if (refined == m_refined.constEnd())
                refined = m_refined.insert(
                    index, Diff::refineLine(m_a->string(row.a).left(kMaxPaintedChars),
                                            m_b->string(row.b).left(kMaxPaintedChars)));
            marksA = refined->a;
            marksB = refined->b;
        }
        const bool isHunkStart =
            m_currentHunk >= 0 && m_hunks[static_cast<size_t>(m_currentHunk)] == index;
        if (m_mode == Mode::SideBySide) {
            const int half = width / 2;
            const bool changedA = row.kind == Row::Kind::Changed || row.kind == Row::Kind::Deleted;
            const bool changedB = row.kind == Row::Kind::Changed || row.kind == Row::Kind::Inserted;
            column(0, half - 1, y, row.a, m_a, changedA ? colors.deleted : QColor(), marksA,
                   colors.deletedMark, changedA ? u"-"_s : QString());
            column(half + 1, width - half - 1, y, row.b, m_b, changedB ? colors.inserted : QColor(),
                   marksB, colors.insertedMark, changedB ? u"+"_s : QString());
            painter.fillRect(half - 1, y, 2, height, QColor(0xbd, 0xbd, 0xbd));
        } else {
            const bool deleted = row.kind == Row::Kind::Deleted;
            const bool inserted = row.kind == Row::Kind::Inserted;
            column(0, width, y, deleted || row.kind == Row::Kind::Equal ? row.a : -1, m_a,
                   deleted ? colors.deleted : QColor(), {}, colors.deletedMark,
                   deleted ? u"-"_s : QString());
            if (inserted)
                column(0, width, y, row.b, m_b, colors.inserted, {}, colors.insertedMark, u"+"_s);
        }
        if (isHunkStart) {
            painter.setPen(QColor(0x19, 0x76, 0xd2));
            painter.drawLine(0, y, width, y);
        }
    }
}

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_lastSuccess(new QPushButton(tr("Last success"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_part(new QComboBox(this))
    , m_mode(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
    , m_pane(new DiffPane(this))
{
    m_lastSuccess->setObjectName(u"compareLastSuccess"_s);
    m_lastSuccess->setToolTip(
        tr("Compare this response with the last 2xx response of the same request in history"));
    auto button = [this](const QString& text, const QString& name, const QString& tip) {
        auto* made = new QPushButton(text, this);
        made->setObjectName(name);
        made->setToolTip(tip);
        return made;
    };
    auto* withCurl = button(tr("curl command…"), u"compareWithCurl"_s,
                            tr("Works in curl, fails here? Paste the curl command (a browser's "
                               "\"Copy as cURL\" too) and compare the request it sends with "
                               "this one's"));
    auto* withEnvironment =
        button(tr("Environment…"), u"compareEnvironments"_s,
               tr("Compare this request as it goes out under this environment and under another"));
    auto* hops = button(tr("Previous hop"), u"compareHops"_s,
                        tr("Compare the shown send's last hop with the hop before it: the request "
                           "before and after a redirect (what was dropped, what changed)"));
    auto* ignore = button(tr("Ignore…"), u"compareIgnore"_s,
                          tr("Headers, JSON paths and white space every comparison in this "
                             "workspace ignores"));
    m_cancelButton->setObjectName(u"compareCancel"_s);
    m_cancelButton->hide();
    m_part->addItems({tr("Requests"), tr("Responses")});
    m_mode->addItems({tr("Side by side"), tr("Unified")});
    m_summary->setObjectName(u"compareSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setReadOnly(true);
    m_details->setObjectName(u"compareDetails"_s);
    m_details->setMaximumHeight(90);
    useTextFont(m_details);
    m_pane->setObjectName(u"diffPane"_s);

    auto* previous = button(tr("↑ Previous"), u"comparePrevious"_s,
                            tr("Previous change (Alt+Up, or p in the diff)"));
    auto* next =
        button(tr("↓ Next"), u"compareNext"_s, tr("Next change (Alt+Down, or n in the diff)"));
    auto* copy = button(tr("Copy as unified diff"), u"compareCopy"_s, {});
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Compare with:"), this));
    bar->addWidget(m_lastSuccess);
    bar->addWidget(withCurl);
    bar->addWidget(withEnvironment);
    bar->addWidget(hops);
    bar->addSpacing(12);
    bar->addWidget(m_part);
    bar->addWidget(m_mode);
    bar->addWidget(ignore);
    bar->addStretch(1);
    bar->addWidget(m_cancelButton);
    bar->addWidget(previous);
    bar->addWidget(next);
    bar->addWidget(copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_summary);
    layout->addWidget(m_details);
    layout->addWidget(m_pane, 1);

    connect(m_lastSuccess, &QPushButton::clicked, this,
            &CompareView::compareWithLastSuccessRequested);
    connect(withCurl, &QPushButton::clicked, this, &CompareView::compareWithCurlRequested);
    connect(withEnvironment, &QPushButton::clicked, this,
            &CompareView::compareEnvironmentsRequested);
    connect(hops, &QPushButton::clicked, this, &CompareView::compareHopsRequested);
    connect(ignore, &QPushButton::clicked, this, &CompareView::editSettings);
    connect(m_cancelButton, &QPushButton::clicked, this, &CompareView::cancel);
    connect(m_part, &QComboBox::currentIndexChanged, this, [this] { render(); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pane->setMode(index == 0 ? DiffPane::Mode::SideBySide : DiffPane::Mode::Unified);
    });
    connect(previous, &QPushButton::clicked, m_pane, &DiffPane::previousHunk);
    connect(next, &QPushButton::clicked, m_pane, &DiffPane::nextHunk);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(unifiedText()); });
    auto* down = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Down), this);
    down->setContext(Qt::WidgetWithChildrenShortcut);
    connect(down, &QShortcut::activated, m_pane, &DiffPane::nextHunk);
    auto* up = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Up), this);
    up->setContext(Qt::WidgetWithChildrenShortcut);
    connect(up, &QShortcut::activated, m_pane, &DiffPane::previousHunk);
    clear();
}

CompareView::~CompareView()
{
    if (m_cancel)
        *m_cancel = true;
    m_pool.waitForDone(); // results posted to this view afterwards are dropped with it
}

void CompareView::compare(Inputs inputs)
{
    m_inputs = std::move(inputs);
    run();
}

void CompareView::setSettings(const Model::CompareSettings& settings)
{
    if (m_settings == settings)
        return;
    m_settings = settings;
    if (m_inputs)
        run();
}

void CompareView::cancel()
{
    if (!m_comparing)
        return;
    if (m_cancel)
        *m_cancel = true;
}

void CompareView::run()
{
    if (m_cancel)
        *m_cancel = true; // the comparison still running is no longer wanted
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    const quint64 generation = ++m_generation;
    const Inputs inputs = *m_inputs;
    const Model::CompareSettings settings = m_settings;
    auto work = [inputs, settings, cancel](int deadlineMs) {
        Diff::Budget budget;
        budget.cancel = cancel.get();
        budget.deadlineMs = deadlineMs;
        Results results;
        if (inputs.requests)
            results.requests = Diff::compareMessages(inputs.requests->first,
                                                     inputs.requests->second, settings, budget);
        if (inputs.responses)
            results.responses = Diff::compareMessages(inputs.responses->first,
                                                      inputs.responses->second, settings, budget);
        return results;
    };
    qsizetype size = 0;
    for (const auto& pair : {inputs.requests, inputs.responses})
        size += pair ? pair->first.size() + pair->second.size() : 0;
    // Under this, a comparison takes a few milliseconds (tests/bench/bench-diff.sh): done at
    // once, without a thread or a "comparing…" flash.
    constexpr qsizetype kOnWorkerFrom = 512 * 1024;
    m_labelA = inputs.labelA;
    m_labelB = inputs.labelB;
    if (size < kOnWorkerFrom) {
        show(work(Diff::Budget{}.deadlineMs));
        return;
    }
    m_comparing = true;
    m_wantedPart = -1;
    m_part->setEnabled(false); // nothing to switch to until the result arrives
    m_cancelButton->show();
    m_requests.reset();
    m_responses.reset();
    m_summary->setText(tr("Comparing %1 with %2 (%3 MB)…")
                           .arg(inputs.labelA, inputs.labelB)
                           .arg(static_cast<double>(size) / (1024 * 1024), 0, 'f', 1));
    m_details->hide();
    m_pane->setComparison(nullptr, nullptr, nullptr);
    // Off the window's thread the line diff may take longer before it settles for a coarse
    // result; Cancel (or a new comparison) stops it at once.
    constexpr int kWorkerDeadlineMs = 5000;
    m_pool.start([this, work, generation] {
        auto results = std::make_shared<Results>(work(kWorkerDeadlineMs));
        QMetaObject::invokeMethod(
            this,
            [this, results, generation] {
                if (generation == m_generation)
                    show(std::move(*results));
            },
            Qt::QueuedConnection);
    });
}

void CompareView::show(Results results)
{
    m_comparing = false;
    m_cancelButton->hide();
    m_requests = std::move(results.requests);
    m_responses = std::move(results.responses);
    m_part->setEnabled(m_requests && m_responses);
    QSignalBlocker block(m_part);
    // Responses first when there are both (that is where a failure shows), unless a part was
    // asked for while comparing.
    m_part->setCurrentIndex(m_wantedPart >= 0 ? m_wantedPart : (m_responses ? 1 : 0));
    m_wantedPart = -1;
    render();
    emit compared();
}

void CompareView::editSettings()
{
    CompareSettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Model::CompareSettings edited = dialog.settings();
    if (edited == m_settings)
        return;
    setSettings(edited);
    emit settingsEdited(edited);
}

void CompareView::showPart(bool responses)
{
    if (m_comparing) { // shown when the comparison arrives
        m_wantedPart = responses ? 1 : 0;
        return;
    }
    QSignalBlocker block(m_part);
    m_part->setCurrentIndex(responses ? 1 : 0);
    render();
}

void CompareView::showMessage(const QString& text)
{
    if (m_cancel)
        *m_cancel = true;
    ++m_generation; // a comparison still running is not shown over this
    m_comparing = false;
    m_cancelButton->hide();
    m_inputs.reset();
    m_requests.reset();
    m_responses.reset();
    m_summary->setText(text);
    m_details->clear();
    m_details->hide();
    m_pane->setComparison(nullptr, nullptr, nullptr);
}

void CompareView::clear()
{
    showMessage(tr("Nothing compared yet. Compare with the last successful response of this "
                   "request, or select two sends in History and choose Compare."));
}

const Diff::MessageComparison* CompareView::current() const
{
    const bool responses = m_part->currentIndex() == 1;
    if (responses && m_responses)
        return &*m_responses;
    if (!responses && m_requests)
        return &*m_requests;
    return m_responses ? &*m_responses : (m_requests ? &*m_requests : nullptr);
}

void CompareView::render()
{
    if (m_comparing) // the "Comparing…" line stays until the result arrives
        return;
    const Diff::MessageComparison* comparison = current();
    if (!comparison) {
        clear();
        return;
    }
    const bool responses = comparison == (m_responses ? &*m_responses : nullptr);
    QString summary = u"<b>%1</b> %2 <b>%3</b> (%4): %5"_s.arg(
        m_labelA.toHtmlEscaped(), u"→"_s, m_labelB.toHtmlEscaped(),
        responses ? tr("responses") : tr("requests"), comparison->summary().toHtmlEscaped());
    if (const QString label = comparison->lines.label(); !label.isEmpty())
        summary += u"<br><i>"_s + label.toHtmlEscaped() + u"</i>"_s;
    m_summary->setText(summary);
    QStringList details = comparison->headers;
    for (const Diff::JsonChange& change : comparison->json)
        details.append(Diff::describe(change));
    if (comparison->jsonTotal > comparison->json.size())
        details.append(tr("… and %1 more JSON paths (the diff below shows them all)")
                           .arg(comparison->jsonTotal - comparison->json.size()));
    m_details->setPlainText(details.join(u'\n'));
    m_details->setVisible(!details.isEmpty());
    m_pane->setComparison(&comparison->a, &comparison->b, &comparison->lines);
    if (m_pane->hunkCount() > 0)
        m_pane->nextHunk();
}

QString CompareView::summaryText() const
{
    return m_summary->text();
}

QString CompareView::detailsText() const
{
    return m_details->toPlainText();
}

QString CompareView::unifiedText() const
{
    const Diff::MessageComparison* comparison = current();
    if (!comparison)
        return {};
    return Diff::unifiedDiff(comparison->a, comparison->b, comparison->lines, m_labelA, m_labelB);
}

} // namespace Keyhole::Ui
