#pragma once

#include <QFrame>

#include <functional>

class QLineEdit;
class QListWidget;

namespace Keyhole::Ui {

// The command palette (Ctrl+P, Ctrl+Shift+P): a search box over a list of things to run —
// the window's actions, the workspace's requests, its environments. Typing narrows the list
// by fuzzy match (best first); Enter or a click runs the chosen one; Escape closes.
class CommandPalette final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)

public:
    struct Entry {
        QString text;   // what is matched and shown: "Request › Send"
        QString detail; // shown muted on the right: a shortcut, a file
        std::function<void()> run;
    };

    explicit CommandPalette(QWidget* parent);
    ~CommandPalette() override;

    // Opens over the top of the parent window with `entries`, the box holding `text`.
    void open(QList<Entry> entries, const QString& placeholder, const QString& text = {});
    QLineEdit* searchBox() const { return m_search; }
    // The entries shown now, best first ("text\tdetail").
    QStringList shownTexts() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void filter();
    void runCurrent();

    QLineEdit* m_search;
    QListWidget* m_list;
    QList<Entry> m_entries;
};

} // namespace Keyhole::Ui
