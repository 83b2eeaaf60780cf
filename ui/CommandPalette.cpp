#include "ui/CommandPalette.h"

#include "ui/FuzzyMatch.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

namespace {

constexpr int kEntryRole = Qt::UserRole + 1;
constexpr int kDetailRole = Qt::UserRole + 2;
constexpr int kMostShown = 200; // a 1 000-request workspace lists its best 200

// The entry's text, and its detail (shortcut, file) muted at the right.
class EntryDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const QString detail = index.data(kDetailRole).toString();
        if (detail.isEmpty())
            return;
        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        painter->setPen(
            option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        // Right of the text (which the base painted from the left), never over it.
        const int textEnd = option.fontMetrics.horizontalAdvance(index.data().toString()) + 24;
        const QRect area = option.rect.adjusted(qMin(textEnd, option.rect.width()), 0, -8, 0);
        painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter,
                          option.fontMetrics.elidedText(detail, Qt::ElideLeft, area.width()));
        painter->restore();
    }
};

} // namespace

CommandPalette::CommandPalette(QWidget* parent)
    : QFrame(parent, Qt::Popup)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(u"commandPalette"_s);
    setFrameShape(QFrame::StyledPanel);
    m_search->setObjectName(u"paletteSearch"_s);
    m_search->setAccessibleName(tr("Search actions and requests"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(u"paletteList"_s);
    m_list->setAccessibleName(tr("Matches"));
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setItemDelegate(new EntryDelegate(m_list));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &CommandPalette::filter);
    connect(m_search, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
    connect(m_list, &QListWidget::itemClicked, this, &CommandPalette::runCurrent);
    m_search->installEventFilter(this);
}

CommandPalette::~CommandPalette() = default;

void CommandPalette::open(QList<Entry> entries, const QString& placeholder, const QString& text)
{
    m_entries = std::move(entries);
    m_search->setPlaceholderText(placeholder);
    m_search->setText(text);
    filter(); // (setText does not signal when the text is the same)
    const QWidget* window = parentWidget()->window();
    const int width = qBound(360, window->width() / 2, 720);
    resize(width, sizeHint().height());
    move(window->mapToGlobal(QPoint((window->width() - width) / 2, 48)));
    show();
    m_search->setFocus();
}

QStringList CommandPalette::shownTexts() const
{
    QStringList texts;
    for (int i = 0; i < m_list->count(); ++i)
        texts.append(m_list->item(i)->text() + u'\t' +
                     m_list->item(i)->data(kDetailRole).toString());
    return texts;
}

void CommandPalette::filter()
{
    const QString pattern = m_search->text().trimmed();
    struct Match {
        int score;
        qsizetype entry;
    };
    std::vector<Match> matches;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry& entry = m_entries[i];
        // The text counts; a match in the detail (a file path) only when the text has none.
        std::optional<int> score = fuzzyScore(pattern, entry.text);
        if (!score) {
            score = fuzzyScore(pattern, entry.detail);
            if (score)
                *score -= 1000;
        }
        if (score)
            matches.push_back({*score, i});
    }
    // Best first; the given order among equals (an empty pattern keeps it).
    if (!pattern.isEmpty())
        std::stable_sort(matches.begin(), matches.end(),
                         [](const Match& x, const Match& y) { return x.score > y.score; });
    m_list->clear();
    for (const Match& match : matches) {
        if (m_list->count() == kMostShown)
            break;
        const Entry& entry = m_entries[match.entry];
        auto* item = new QListWidgetItem(entry.text, m_list);
        item->setData(kEntryRole, static_cast<qlonglong>(match.entry));
        item->setData(kDetailRole, entry.detail);
        item->setToolTip(entry.detail);
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
    // As tall as the matches, up to 14 rows.
    const int row = m_list->count() > 0 ? m_list->sizeHintForRow(0) : 0;
    m_list->setFixedHeight(row * qBound(1, static_cast<int>(m_list->count()), 14) +
                           2 * m_list->frameWidth() + 2);
    resize(width(), sizeHint().height());
}

void CommandPalette::runCurrent()
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    const qsizetype index = item->data(kEntryRole).toLongLong();
    const std::function<void()> run = m_entries.value(index).run;
    hide(); // first: what runs may open a dialog
    if (run)
        run();
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event)
{
    // Up, Down, Page Up/Down move in the list while the box keeps the focus.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            QApplication::sendEvent(m_list, event);
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace Keyhole::Ui
