#pragma once

#include <QAbstractScrollArea>
#include <QByteArray>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <vector>

class QLineEdit;
class QLabel;

namespace Keyhole::Ui {

// A read-only view of a text of any size (UTF-8 bytes, shared, never copied): the lines are
// indexed on a worker thread — the first screen at once — and only the visible lines are
// decoded and painted, so a 200 MB body shows in milliseconds and scrolls like a small one
// (tests/bench/bench-body.sh). Find (Ctrl+F, F3/Enter for the next match, Shift for the
// previous) searches on a worker as you type. QPlainTextEdit needs seconds and several times
// the text in memory from a few MB on.
class LargeTextView final : public QAbstractScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LargeTextView)

public:
    explicit LargeTextView(QWidget* parent = nullptr);
    ~LargeTextView() override; // stops the workers and waits for them

    void setText(QByteArray utf8);
    // Colours JSON's keys, strings, numbers and literals in the lines on screen (never more:
    // the view stays as fast on 200 MB), and lets the blocks of pretty-printed JSON fold: a
    // click on the ▾ in the gutter hides the block up to its closing bracket ("{ … }"). Off by
    // default; a new text keeps the setting (and unfolds everything).
    void setJsonHighlighting(bool on);
    bool jsonHighlighting() const { return m_json; }
    void clear() { setText({}); }
    const QByteArray& bytes() const { return m_text; }
    QString text() const { return QString::fromUtf8(m_text); }

    // Lines known so far (all of them once `indexed()` was emitted).
    qsizetype lineCount() const { return static_cast<qsizetype>(m_starts.size()); }
    bool isIndexed() const { return m_indexed; }
    QString line(qsizetype index) const;
    qsizetype firstVisibleLine() const;
    // Scrolls `line` into view (a third of the way down), unfolding the block that hides it.
    void scrollToLine(qsizetype line);

    // Folding (JSON only): the line of a block's opening bracket at the end of the line.
    // Returns false when `line` opens no block (or its end is not indexed yet).
    bool toggleFold(qsizetype line);
    // Folds every block one level inside the outermost one (the members of the top object,
    // the elements of the top array) — on a worker for a long text, then foldedAll();
    // unfoldAll shows every line again.
    void foldAll();
    void unfoldAll();
    bool isFolded(qsizetype line) const;
    // Lines on screen for the whole text, folded blocks counting one.
    qsizetype visibleRowCount() const;

    // Finds `needle` after (or before) the current match, wrapping around; asynchronous:
    // `found()` says on which line (-1 when nowhere), once the lines are indexed.
    void find(const QString& needle, bool backwards = false);
    qsizetype matchLine() const { return m_matchLine; }
    void showFindBar();

signals:
    void indexed();
    void found(qsizetype line);
    void foldedAll(); // foldAll() is done (at once for a small text, on a worker for a long one)

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateScrollBars();
    int lineHeight() const;
    QByteArrayView lineBytes(qsizetype index) const;
    qsizetype lineOf(qsizetype offset) const;
    // The current match: its line, the status, scrolled to; `found()` emitted.
    void showMatch(bool wrapped);
    // Folding: rows are what is on screen, lines what is in the text.
    qsizetype lineAtRow(qsizetype row) const;
    qsizetype rowOfLine(qsizetype line) const;
    // The closing line of the block `line` opens, or -1.
    qsizetype foldEnd(qsizetype line) const;
    void foldsChanged();
    int gutterWidth() const;

    // Folded blocks as [opening line, closing line], sorted and disjoint: the lines after the
    // opening one through the closing one are hidden.
    std::vector<std::pair<qsizetype, qsizetype>> m_folds;

    QByteArray m_text;
    std::vector<quint32> m_starts; // where each line starts (texts up to 4 GB)
    bool m_indexed = true;
    bool m_json = false;
    // Draws one line at (x, baseline), coloured when it is JSON.
    void drawLine(QPainter& painter, int x, int baseline, const QString& text) const;
    quint64 m_generation = 0; // a worker's result counts only for the text it was given
    std::shared_ptr<std::atomic_bool> m_stop;
    QThreadPool m_pool;
    int m_longestLine = 0; // in characters, of the lines seen so far (horizontal range)

    quint64 m_searches = 0;       // a search's result counts only if no newer search started
    qsizetype m_matchOffset = -1; // byte offset of the current match, or -1
    qsizetype m_matchLength = 0;
    qsizetype m_matchLine = -1;
    bool m_matchPending = false; // found before the lines were indexed: shown once they are
    QWidget* m_findBar;
    QLineEdit* m_findEdit;
    QLabel* m_findStatus;
};

} // namespace Keyhole::Ui
