#include "ui/LargeTextView.h"

#include "ui/Appearance.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

constexpr qsizetype kFirstLines = 400;    // indexed at once: the first screens
constexpr qsizetype kPaintedBytes = 4000; // of one line; a 5 MB single-line body is cut

// What is painted for a line's bytes: tabs as 4 spaces (the match position uses the same).
QString shown(QByteArrayView bytes)
{
    QString text = QString::fromUtf8(bytes.first(std::min(bytes.size(), kPaintedBytes)));
    if (bytes.size() > kPaintedBytes)
        text += u'…';
    return text.replace(u'\t', u"    "_s);
}

// Leading blanks of a line.
qsizetype indentOf(QByteArrayView line)
{
    qsizetype at = 0;
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t'))
        ++at;
    return at;
}

// Whether a line of pretty-printed JSON opens a block: it ends with { or [.
bool opensBlock(QByteArrayView line)
{
    qsizetype end = line.size();
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
        --end;
    return end > 0 && (line[end - 1] == '{' || line[end - 1] == '[');
}

// The blocks one level inside the outermost one of pretty-printed JSON, as [opening line,
// closing line] in order: one pass over the text.
std::vector<std::pair<qsizetype, qsizetype>> topLevelBlocks(QByteArrayView text)
{
    std::vector<std::pair<qsizetype, qsizetype>> blocks;
    qsizetype outer = -1; // indent of the outermost block's opening line
    qsizetype inner = -1; // indent of its members
    qsizetype open = -1;  // the member block being closed, and its line
    qsizetype line = 0;
    for (qsizetype at = 0; at <= text.size(); ++line) {
        qsizetype end = text.indexOf('\n', at);
        if (end < 0)
            end = text.size();
        QByteArrayView each = text.sliced(at, end - at);
        if (each.endsWith('\r'))
            each.chop(1);
        at = end + 1;
        const qsizetype indent = indentOf(each);
        if (indent == each.size())
            continue;
        if (outer < 0) {
            if (!opensBlock(each))
                break;
            outer = indent;
            continue;
        }
        if (inner < 0)
            inner = indent;
        if (indent <= outer)
            break; // the outermost block closed
        if (open >= 0) {
            if (indent <= inner) {
                if (each[indent] == '}' || each[indent] == ']')
                    blocks.emplace_back(open, line);
                open = -1;
            }
            continue;
        }
        if (indent == inner && opensBlock(each))
            open = line;
    }
    return blocks;
}

} // namespace

LargeTextView::LargeTextView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_findBar(new QWidget(this))
    , m_findEdit(new QLineEdit(m_findBar))
    , m_findStatus(new QLabel(m_findBar))
{
    useTextFont(this);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    m_pool.setMaxThreadCount(2);

    m_findBar->setObjectName(u"findBar"_s);
    m_findBar->setAutoFillBackground(true);
    m_findEdit->setObjectName(u"findEdit"_s);
    m_findEdit->setPlaceholderText(tr("Find (exact text)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setAccessibleName(tr("Find in the body"));
    auto* layout = new QHBoxLayout(m_findBar);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_findEdit);
    layout->addWidget(m_findStatus);
    m_findBar->hide();
    // As you type: the first match from where the view is.
    connect(m_findEdit, &QLineEdit::textEdited, this, [this](const QString& needle) {
        m_matchOffset = -1;
        find(needle);
    });
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] {
        find(m_findEdit->text(), QApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    m_findEdit->installEventFilter(this);
}

LargeTextView::~LargeTextView()
{
    if (m_stop)
        *m_stop = true;
    m_pool.waitForDone();
}

int LargeTextView::lineHeight() const
{
    return fontMetrics().height() + 1;
}

void LargeTextView::setText(QByteArray utf8)
{
    if (m_stop)
        *m_stop = true; // the index of the previous text is no longer wanted
    const quint64 generation = ++m_generation;
    m_text = std::move(utf8);
    if (m_text.size() > std::numeric_limits<quint32>::max())
        m_text.truncate(std::numeric_limits<quint32>::max()); // never held in memory anyway
    m_starts.clear();
    m_folds.clear();
    m_matchOffset = -1;
    m_matchLine = -1;
    m_matchPending = false;
    m_longestLine = 0;
    m_findStatus->clear();

    // The first screens at once, so the view paints before the whole text is indexed.
    const qsizetype size = m_text.size();
    qsizetype at = 0;
    if (size > 0)
        m_starts.push_back(0);
    while (true) {
        const qsizetype end = m_text.indexOf('\n', at);
        if (end < 0 || end + 1 >= size) {
            at = -1;
            break;
        }
        at = end + 1;
        if (static_cast<qsizetype>(m_starts.size()) >= kFirstLines)
            break;
        m_starts.push_back(static_cast<quint32>(at));
    }
    m_indexed = at < 0;
    if (!m_indexed) {
        auto stop = std::make_shared<std::atomic_bool>(false);
        m_stop = stop;
        m_pool.start([this, text = m_text, stop, generation] {
            auto starts = std::make_shared<std::vector<quint32>>();
            const char* begin = text.constData();
            const char* end = begin + text.size();
            starts->reserve(static_cast<size_t>(QByteArrayView(text).count('\n')) + 1);
            starts->push_back(0);
            for (const char* p = begin; p < end;) {
                const void* found = std::memchr(p, '\n', static_cast<size_t>(end - p));
                if (!found)
                    break;
                p = static_cast<const char*>(found) + 1;
                if (p == end)
                    break;
                starts->push_back(static_cast<quint32>(p - begin));
                if ((starts->size() & 0xFFFF) == 0 && *stop)
                    return;
            }
            QMetaObject::invokeMethod(
                this,
                [this, starts, generation] {
                    if (generation != m_generation)
                        return;
                    m_starts = std::move(*starts); // a move: the window's thread waits for nothing
                    m_indexed = true;
                    updateScrollBars();
                    if (m_matchPending) // found before every line was known: now its line
                        showMatch(false);
                    viewport()->update();
                    emit indexed();
                },
                Qt::QueuedConnection);
        });
    }
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
    if (m_indexed)
        emit indexed();
}

QByteArrayView LargeTextView::lineBytes(qsizetype index) const
{
    const size_t i = static_cast<size_t>(index);
    const qsizetype start = m_starts[i];
    qsizetype end = i + 1 < m_starts.size() ? qsizetype(m_starts[i + 1]) - 1 : -1;
    if (end < 0) { // the last known line: up to its line end, or the end of the text
        end = m_text.indexOf('\n', start);
        if (end < 0)
            end = m_text.size();
    }
    if (end > start && m_text[end - 1] == '\r')
        --end;
    return QByteArrayView(m_text).sliced(start, end - start);
}

QString LargeTextView::line(qsizetype index) const
{
    if (index < 0 || index >= lineCount())
        return {};
    return QString::fromUtf8(lineBytes(index));
}

qsizetype LargeTextView::lineOf(qsizetype offset) const
{
    const auto next =
        std::upper_bound(m_starts.cbegin(), m_starts.cend(), static_cast<quint32>(offset));
    return std::max<qsizetype>(0, (next - m_starts.cbegin()) - 1);
}

qsizetype LargeTextView::firstVisibleLine() const
{
    return lineAtRow(verticalScrollBar()->value());
}

void LargeTextView::scrollToLine(qsizetype line)
{
    // A line inside a folded block is shown by unfolding it.
    const auto hiding = std::find_if(m_folds.cbegin(), m_folds.cend(), [line](const auto& fold) {
        return fold.first < line && line <= fold.second;
    });
    if (hiding != m_folds.cend()) {
        m_folds.erase(hiding);
        updateScrollBars();
    }
    const int visible = std::max(1, viewport()->height() / lineHeight());
    // The line a third of the way down, as editors show a match.
    verticalScrollBar()->setValue(
        static_cast<int>(std::max<qsizetype>(0, rowOfLine(line) - visible / 3)));
    viewport()->update();
}

qsizetype LargeTextView::lineAtRow(qsizetype row) const
{
    qsizetype line = row;
    for (const auto& [open, close] : m_folds) {
        if (open >= line)
            break;
        line += close - open;
    }
    return line;
}

qsizetype LargeTextView::rowOfLine(qsizetype line) const
{
    qsizetype row = line;
    for (const auto& [open, close] : m_folds) {
        if (open >= line)
            break;
        if (line <= close) // hidden: the row of its block's first line
            return row - (line - open);
        row -= close - open;
    }
    return row;
}

qsizetype LargeTextView::visibleRowCount() const
{
    qsizetype hidden = 0;
    for (const auto& [open, close] : m_folds)
        hidden += close - open;
    return lineCount() - hidden;
}

qsizetype LargeTextView::foldEnd(qsizetype line) const
{
    if (!m_json || line < 0 || line >= lineCount() || !opensBlock(lineBytes(line)))
        return -1;
    // Pretty-printed: the block closes on the first line indented no deeper than it opens.
    const qsizetype indent = indentOf(lineBytes(line));
    for (qsizetype i = line + 1; i < lineCount(); ++i) {
        const QByteArrayView each = lineBytes(i);
        const qsizetype at = indentOf(each);
        if (at == each.size())
            continue;
        if (at <= indent)
            return each[at] == '}' || each[at] == ']' ? i : -1;
    }
    return -1;
}

bool LargeTextView::isFolded(qsizetype line) const
{
    return std::any_of(m_folds.cbegin(), m_folds.cend(),
                       [line](const auto& fold) { return fold.first == line; });
}

bool LargeTextView::toggleFold(qsizetype line)
{
    const qsizetype top = firstVisibleLine();
    const auto folded = std::find_if(m_folds.begin(), m_folds.end(),
                                     [line](const auto& fold) { return fold.first == line; });
    if (folded != m_folds.end()) {
        m_folds.erase(folded);
    } else {
        const qsizetype end = foldEnd(line);
        const bool hidden = std::any_of(m_folds.cbegin(), m_folds.cend(), [line](const auto& fold) {
            return fold.first < line && line <= fold.second;
        });
        if (end <= line || hidden)
            return false;
        // Blocks folded inside it are part of it now.
        std::erase_if(m_folds,
                      [&](const auto& fold) { return fold.first > line && fold.second <= end; });
        m_folds.insert(std::upper_bound(m_folds.begin(), m_folds.end(), std::pair(line, end)),
                       {line, end});
    }
    foldsChanged();
    verticalScrollBar()->setValue(static_cast<int>(rowOfLine(top)));
    return true;
}

void LargeTextView::foldAll()
{
    if (!m_json || !m_indexed || lineCount() == 0)
        return;
    const auto apply = [this](std::vector<std::pair<qsizetype, qsizetype>> folds) {
        m_folds = std::move(folds);
        foldsChanged();
        verticalScrollBar()->setValue(0);
        emit foldedAll();
    };
    // A long text is scanned on a worker (millions of lines would stall the window).
    if (m_text.size() <= 4 * 1024 * 1024) {
        apply(topLevelBlocks(m_text));
        return;
    }
    const quint64 generation = m_generation;
    m_pool.start([this, text = m_text, generation, apply] {
        auto folds =
            std::make_shared<std::vector<std::pair<qsizetype, qsizetype>>>(topLevelBlocks(text));
        QMetaObject::invokeMethod(
            this,
            [this, folds, generation, apply] {
                if (generation == m_generation && m_json)
                    apply(std::move(*folds));
            },
            Qt::QueuedConnection);
    });
}

void LargeTextView::unfoldAll()
{
    const qsizetype top = firstVisibleLine();
    m_folds.clear();
    foldsChanged();
    verticalScrollBar()->setValue(static_cast<int>(top));
}

void LargeTextView::foldsChanged()
{
    updateScrollBars();
    viewport()->update();
}

int LargeTextView::gutterWidth() const
{
    const int digits =
        static_cast<int>(QString::number(std::max<qsizetype>(1, lineCount())).size());
    // (Room for the fold marker with JSON.)
    return fontMetrics().horizontalAdvance(u'x') * (digits + (m_json ? 4 : 2));
}

void LargeTextView::mousePressEvent(QMouseEvent* event)
{
    if (m_json && event->button() == Qt::LeftButton && event->position().x() < gutterWidth()) {
        const qsizetype row = verticalScrollBar()->value() +
                              static_cast<qsizetype>(event->position().y()) / lineHeight();
        if (row < visibleRowCount() && toggleFold(lineAtRow(row)))
            return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void LargeTextView::updateScrollBars()
{
    const int visible = std::max(1, viewport()->height() / lineHeight());
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    verticalScrollBar()->setRange(0, static_cast<int>(std::min<qsizetype>(
                                         std::numeric_limits<int>::max(),
                                         std::max<qsizetype>(0, visibleRowCount() - visible + 1))));
    const int charWidth = fontMetrics().horizontalAdvance(u'x');
    horizontalScrollBar()->setRange(
        0, std::max(0, (m_longestLine + 8) * charWidth - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(charWidth * 4);
}

void LargeTextView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    const int width = std::min(360, viewport()->width());
    m_findBar->setGeometry(viewport()->width() - width, 0, width, m_findBar->sizeHint().height());
    updateScrollBars();
}

void LargeTextView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    const int height = lineHeight();
    const int ascent = fontMetrics().ascent();
    const int charWidth = fontMetrics().horizontalAdvance(u'x');
    const int rows = viewport()->height() / height + 2;
    const int gutter = gutterWidth();
    const int shift = horizontalScrollBar()->value();
    const int longestBefore = m_longestLine;
    const QColor muted = palette().color(QPalette::PlaceholderText);
    painter.fillRect(0, 0, gutter, viewport()->height(), palette().color(QPalette::AlternateBase));
    // Row by row from the first on screen; a folded block's lines are stepped over.
    qsizetype index = firstVisibleLine();
    auto fold = std::lower_bound(m_folds.cbegin(), m_folds.cend(), std::pair(index, qsizetype(0)));
    for (int row = 0; row < rows && index < lineCount(); ++row) {
        const int y = row * height;
        const bool folded = fold != m_folds.cend() && fold->first == index;
        painter.setPen(muted);
        painter.drawText(QRect(0, y, gutter - charWidth * (m_json ? 3 : 1), height),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(index + 1));
        const QByteArrayView bytes = lineBytes(index);
        if (m_json && (folded || opensBlock(bytes)))
            painter.drawText(QRect(gutter - charWidth * 5 / 2, y, charWidth * 2, height),
                             Qt::AlignCenter, folded ? u"▸"_s : u"▾"_s);
        const QString text = shown(bytes);
        m_longestLine = std::max(m_longestLine, static_cast<int>(text.size()));
        painter.save();
        painter.setClipRect(gutter, y, viewport()->width() - gutter, height);
        const int x = gutter + charWidth / 2 - shift;
        if (m_matchLine == index && m_matchOffset >= 0) {
            const qsizetype column = m_matchOffset - m_starts[static_cast<size_t>(index)];
            const QString before = shown(bytes.first(std::min(bytes.size(), column)));
            const QString match = shown(
                bytes.sliced(std::min(bytes.size(), column))
                    .first(std::min(m_matchLength, std::max<qsizetype>(0, bytes.size() - column))));
            painter.fillRect(x + fontMetrics().horizontalAdvance(before), y,
                             std::max(2, fontMetrics().horizontalAdvance(match)), height,
                             palette().color(QPalette::Base).lightness() < 128
                                 ? QColor(0x7a, 0x5c, 0x00)
                                 : QColor(0xff, 0xe0, 0x82));
        }
        drawLine(painter, x, y + ascent, text);
        if (folded) { // "{ … }," : what the block ends with
            painter.setPen(muted);
            painter.drawText(x + fontMetrics().horizontalAdvance(text), y + ascent,
                             u" … "_s + shown(lineBytes(fold->second)).trimmed());
            index = fold->second + 1;
            ++fold;
        } else {
            ++index;
        }
        painter.restore();
    }
    if (m_longestLine != longestBefore)
        updateScrollBars();
    if (!m_indexed) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(0, 0, -8, -4),
                         Qt::AlignRight | Qt::AlignBottom, tr("indexing lines…"));
    }
}

void LargeTextView::setJsonHighlighting(bool on)
{
    if (m_json == on)
        return;
    m_json = on;
    m_folds.clear();
    foldsChanged();
}

void LargeTextView::drawLine(QPainter& painter, int x, int baseline, const QString& text) const
{
    const QColor plain = palette().color(QPalette::Text);
    if (!m_json) {
        painter.setPen(plain);
        painter.drawText(x, baseline, text);
        return;
    }
    // Darker colours on a light background, lighter ones on a dark one.
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor key = dark ? QColor(0x82, 0xb1, 0xff) : QColor(0x0b, 0x4f, 0x9c);
    const QColor string = dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x2e, 0x7d, 0x32);
    const QColor number = dark ? QColor(0xff, 0xab, 0x91) : QColor(0xc6, 0x28, 0x28);
    const QColor literal = dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2);
    const QFontMetrics metrics = fontMetrics();
    int at = x;
    auto run = [&](qsizetype from, qsizetype to, const QColor& color) {
        const QString piece = text.mid(from, to - from);
        painter.setPen(color);
        painter.drawText(at, baseline, piece);
        at += metrics.horizontalAdvance(piece);
    };
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text[i];
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < n && text[end] != u'"')
                end += text[end] == u'\\' ? 2 : 1;
            end = std::min(n, end + 1);
            qsizetype after = end;
            while (after < n && text[after].isSpace())
                ++after;
            run(i, end, after < n && text[after] == u':' ? key : string);
            i = end;
        } else if (c == u'-' || c.isDigit()) {
            qsizetype end = i + 1;
            while (end < n && (text[end].isDigit() || u".eE+-"_s.contains(text[end])))
                ++end;
            run(i, end, number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text[end].isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            run(i, end, word == u"true" || word == u"false" || word == u"null" ? literal : plain);
            i = end;
        } else {
            qsizetype end = i + 1;
            while (end < n && text[end] != u'"' && text[end] != u'-' && !text[end].isDigit() &&
                   !text[end].isLetter())
                ++end;
            run(i, end, plain);
            i = end;
        }
    }
}

void LargeTextView::find(const QString& needle, bool backwards)
{
    const QByteArray pattern = needle.toUtf8();
    if (pattern.isEmpty()) {
        m_matchOffset = -1;
        m_matchLine = -1;
        m_findStatus->clear();
        viewport()->update();
        return;
    }
    const qsizetype visibleStart =
        lineCount() > 0
            ? m_starts[static_cast<size_t>(std::min(firstVisibleLine(), lineCount() - 1))]
            : 0;
    const qsizetype from = m_matchOffset < 0 ? visibleStart
                           : backwards       ? m_matchOffset - 1
                                             : m_matchOffset + 1;
    const quint64 generation = m_generation;
    const quint64 search = ++m_searches;
    m_findStatus->setText(tr("searching…"));
    m_pool.start([this, text = m_text, pattern, from, backwards, generation, search] {
        const QByteArrayView haystack(text);
        qsizetype at = backwards ? (from < 0 ? -1 : haystack.lastIndexOf(pattern, from))
                                 : haystack.indexOf(pattern, from);
        const bool wrapped = at < 0;
        if (wrapped) // from the other end
            at = backwards ? haystack.lastIndexOf(pattern) : haystack.indexOf(pattern);
        QMetaObject::invokeMethod(
            this,
            [this, at, wrapped, size = pattern.size(), generation, search] {
                if (generation != m_generation || search != m_searches)
                    return; // another text, or a newer search
                m_matchOffset = at;
                m_matchLength = size;
                m_matchLine = -1;
                m_matchPending = at >= 0 && !m_indexed;
                if (m_matchPending)
                    m_findStatus->setText(tr("found; counting lines…"));
                else
                    showMatch(wrapped);
            },
            Qt::QueuedConnection);
    });
}

void LargeTextView::showMatch(bool wrapped)
{
    m_matchPending = false;
    m_matchLine = m_matchOffset < 0 ? -1 : lineOf(m_matchOffset);
    m_findStatus->setText(m_matchLine < 0 ? tr("not found")
                          : wrapped       ? tr("line %1 (wrapped)").arg(m_matchLine + 1)
                                          : tr("line %1").arg(m_matchLine + 1));
    if (m_matchLine >= 0)
        scrollToLine(m_matchLine);
    viewport()->update();
    emit found(m_matchLine);
}

void LargeTextView::showFindBar()
{
    m_findBar->show();
    m_findBar->raise();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
}

void LargeTextView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Find)) {
        showFindBar();
        return;
    }
    if (event->key() == Qt::Key_F3) {
        find(m_findEdit->text(), event->modifiers() & Qt::ShiftModifier);
        return;
    }
    if (event->key() == Qt::Key_Escape && m_findBar->isVisible()) {
        m_findBar->hide();
        setFocus();
        return;
    }
    if (event->matches(QKeySequence::MoveToStartOfDocument)) {
        verticalScrollBar()->setValue(0);
        return;
    }
    if (event->matches(QKeySequence::MoveToEndOfDocument)) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void LargeTextView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    const qsizetype clicked =
        lineAtRow(verticalScrollBar()->value() + event->pos().y() / lineHeight());
    menu.addAction(tr("Copy Line"), this,
                   [this, clicked] { QApplication::clipboard()->setText(line(clicked)); })
        ->setEnabled(clicked < lineCount());
    menu.addAction(tr("Copy All"), this, [this] { QApplication::clipboard()->setText(text()); });
    menu.addSeparator();
    menu.addAction(tr("Find…"), this, &LargeTextView::showFindBar);
    if (m_json) {
        menu.addSeparator();
        menu.addAction(tr("Fold All"), this, &LargeTextView::foldAll)->setEnabled(m_indexed);
        menu.addAction(tr("Unfold All"), this, &LargeTextView::unfoldAll)
            ->setEnabled(!m_folds.empty());
    }
    menu.exec(event->globalPos());
}

bool LargeTextView::eventFilter(QObject* watched, QEvent* event)
{
    // Escape in the find field closes the bar; F3 goes on searching.
    if (watched == m_findEdit && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_F3) {
            keyPressEvent(key);
            return true;
        }
    }
    return QAbstractScrollArea::eventFilter(watched, event);
}

} // namespace Keyhole::Ui
