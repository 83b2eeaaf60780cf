#pragma once

#include "core/diff/MessageDiff.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Keyhole::Ui {

// Paints a line diff: side by side (A left, B right, replaced lines paired, intra-line changes
// marked) or unified (one column, - and + lines). Only the visible rows are laid out and
// painted: a paint costs the visible rows whatever the size of the sides (not yet measured on
// 50 MB sides). One scroll bar moves both sides.
class DiffPane final : public QAbstractScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffPane)

public:
    enum class Mode { SideBySide, Unified };

    explicit DiffPane(QWidget* parent = nullptr);
    ~DiffPane() override;

    void setComparison(const Diff::Lines* a, const Diff::Lines* b,
                       const Diff::LineDiffResult* diff);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    qsizetype rowCount() const { return static_cast<qsizetype>(m_rows.size()); }
    qsizetype hunkCount() const { return static_cast<qsizetype>(m_hunks.size()); }
    // The hunk at the top of the view (0-based), or -1 before the first.
    qsizetype currentHunk() const { return m_currentHunk; }
    void nextHunk();
    void previousHunk();
    // Row text as painted, for tests: "  12 | text" style, A and B joined by " ‖ ".
    QString rowText(qsizetype row) const;
    qsizetype firstVisibleRow() const;

signals:
    void currentHunkChanged(qsizetype hunk);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Row {
        qsizetype a = -1; // line of A shown, or -1
        qsizetype b = -1; // line of B shown, or -1
        enum class Kind : quint8 { Equal, Changed, Deleted, Inserted } kind = Kind::Equal;
    };
    void rebuildRows();
    void updateScrollBars();
    void goToHunk(qsizetype hunk);
    int lineHeight() const;

    const Diff::Lines* m_a = nullptr;
    const Diff::Lines* m_b = nullptr;
    const Diff::LineDiffResult* m_diff = nullptr;
    Mode m_mode = Mode::SideBySide;
    std::vector<Row> m_rows;
    std::vector<qsizetype> m_hunks; // first row of each run of changes
    qsizetype m_currentHunk = -1;
    // Intra-line changes of paired rows, computed when a row is first painted (scrolling
    // repaints the same rows many times).
    mutable QHash<qsizetype, Diff::LineChanges> m_refined;
};

// The Compare view: which part (request or response), a summary line ("3 headers differ ·
// 2 JSON paths differ"), the header and JSON-path differences, then the DiffPane, with
// side-by-side/unified, previous/next hunk (Alt+Up/Alt+Down, or p/n in the pane) and "Copy as
// unified diff".
class CompareView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareView)

public:
    // Two sides to compare: their requests and/or their responses, as raw bytes (a side's
    // message left out is not compared: a curl command has no response).
    struct Inputs {
        QString labelA;
        QString labelB;
        std::optional<std::pair<QByteArray, QByteArray>> requests;
        std::optional<std::pair<QByteArray, QByteArray>> responses;
    };

    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override; // cancels a comparison under way and waits for its thread

    // Compares and shows. Small sides are compared at once; big ones on a worker thread
    // (the window stays responsive; Cancel stops it), `compared()` says when it is shown.
    // A new comparison cancels one still running.
    void compare(Inputs inputs);
    bool isComparing() const { return m_comparing; }
    void cancel();
    // The ignore rules; the shown comparison is made again with them.
    void setSettings(const Model::CompareSettings& settings);
    const Model::CompareSettings& settings() const { return m_settings; }
    void showMessage(const QString& text); // nothing to compare, and why
    void clear();

    QString summaryText() const;
    QString detailsText() const;
    QString unifiedText() const; // what "Copy as unified diff" copies
    DiffPane* pane() const { return m_pane; }
    void showPart(bool responses);

signals:
    // The user asked for "compare with the last successful response of this request".
    void compareWithLastSuccessRequested();
    // … "compare this request with a curl command" (the "works in curl, fails here" view).
    void compareWithCurlRequested();
    // … "compare this request under another environment".
    void compareEnvironmentsRequested();
    // … "compare the shown send's last two hops" (before and after a redirect).
    void compareHopsRequested();
    // The user changed the ignore rules (Ignore… dialog): the owner saves them.
    void settingsEdited(const Model::CompareSettings& settings);
    // A comparison is shown (or was cancelled, or failed).
    void compared();

private:
    struct Results {
        std::optional<Diff::MessageComparison> requests;
        std::optional<Diff::MessageComparison> responses;
    };
    void run();
    void show(Results results);
    void render();
    void editSettings();
    const Diff::MessageComparison* current() const;

    QString m_labelA;
    QString m_labelB;
    std::optional<Inputs> m_inputs; // what is compared, for a change of the ignore rules
    Model::CompareSettings m_settings;
    std::optional<Diff::MessageComparison> m_requests;
    std::optional<Diff::MessageComparison> m_responses;
    bool m_comparing = false;
    int m_wantedPart = -1;    // showPart() during a comparison: 0 requests, 1 responses
    quint64 m_generation = 0; // a result is shown only if its comparison is still the latest
    std::shared_ptr<std::atomic_bool> m_cancel;
    QThreadPool m_pool;
    QPushButton* m_lastSuccess;
    QPushButton* m_cancelButton;
    QComboBox* m_part;
    QComboBox* m_mode;
    QLabel* m_summary;
    QPlainTextEdit* m_details;
    DiffPane* m_pane;
};

} // namespace Keyhole::Ui
