#pragma once

#include <QHash>
#include <QSet>
#include <QTabBar>

namespace Keyhole::Ui {

// The tabs of open requests above the editor, one per request file. A preview tab (opened by a
// single click in the tree) is replaced by the next preview; editing it or double-clicking it
// keeps it. Knows paths and titles only: MainWindow owns the documents.
class RequestTabs final : public QTabBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestTabs)

public:
    explicit RequestTabs(QWidget* parent = nullptr);
    ~RequestTabs() override;

    int indexOf(const QString& path) const;
    QString pathAt(int index) const;
    QString currentPath() const { return pathAt(currentIndex()); }
    QStringList paths() const;
    QString previewPath() const { return m_preview; }

    // Shows `path` as the current tab. A new tab goes after the current one, or takes the
    // place of the old preview when `preview`; an open tab stays as it is. Emits nothing.
    void showTab(const QString& path, const QString& method, const QString& name, bool preview);
    // Removes the tab of `path` (nothing when there is none). Emits nothing; the tab selected
    // instead is currentPath().
    void remove(const QString& path);
    void setDirty(const QString& path, bool dirty);
    void setPreview(const QString& path, bool preview);
    void setTitle(const QString& path, const QString& method, const QString& name);
    // The request at `from` now lives at `to` (moved in the tree): its tab follows.
    void repath(const QString& from, const QString& to);

signals:
    void activated(const QString& path);      // the user picked another tab
    void closeRequested(const QString& path); // close button or middle click
    void keepRequested(const QString& path);  // double click on a preview tab

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refresh(int index);

    QHash<QString, QString> m_titles; // path → "GET list-items"
    QSet<QString> m_dirty;
    QString m_preview;    // at most one
    bool m_quiet = false; // programmatic changes emit nothing
};

} // namespace Keyhole::Ui
