#include "ui/RequestTabs.h"

#include <QEvent>
#include <QMouseEvent>
#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

RequestTabs::RequestTabs(QWidget* parent)
    : QTabBar(parent)
{
    setObjectName(u"requestTabs"_s);
    setAccessibleName(tr("Open requests"));
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    setExpanding(false);
    setElideMode(Qt::ElideRight);
    setUsesScrollButtons(true);
    setSelectionBehaviorOnRemove(QTabBar::SelectLeftTab);
    connect(this, &QTabBar::currentChanged, this, [this](int index) {
        if (!m_quiet && index >= 0)
            emit activated(pathAt(index));
    });
    connect(this, &QTabBar::tabCloseRequested, this,
            [this](int index) { emit closeRequested(pathAt(index)); });
    connect(this, &QTabBar::tabBarDoubleClicked, this, [this](int index) {
        if (index >= 0)
            emit keepRequested(pathAt(index));
    });
}

RequestTabs::~RequestTabs() = default;

int RequestTabs::indexOf(const QString& path) const
{
    for (int i = 0; i < count(); ++i) {
        if (pathAt(i) == path)
            return i;
    }
    return -1;
}

QString RequestTabs::pathAt(int index) const
{
    return index < 0 || index >= count() ? QString() : tabData(index).toString();
}

QStringList RequestTabs::paths() const
{
    QStringList all;
    for (int i = 0; i < count(); ++i)
        all.append(pathAt(i));
    return all;
}

void RequestTabs::showTab(const QString& path, const QString& method, const QString& name,
                          bool preview)
{
    const QScopedValueRollback quiet(m_quiet, true);
    int index = indexOf(path);
    if (index < 0) {
        // A new preview takes the old one's place.
        const int old = preview ? indexOf(m_preview) : -1;
        if (old >= 0) {
            m_titles.remove(m_preview);
            m_dirty.remove(m_preview);
        }
        index = old >= 0 ? old : insertTab(currentIndex() + 1, QString());
        setTabData(index, path);
        m_preview = preview ? path : m_preview;
    }
    setCurrentIndex(index);
    setTitle(path, method, name);
    // (QTabBar skips this while hidden, and its layout would keep the empty bar's height.)
    updateGeometry();
}

void RequestTabs::remove(const QString& path)
{
    const QScopedValueRollback quiet(m_quiet, true);
    m_titles.remove(path);
    m_dirty.remove(path);
    if (m_preview == path)
        m_preview.clear();
    if (const int index = indexOf(path); index >= 0)
        removeTab(index);
    updateGeometry();
}

void RequestTabs::setDirty(const QString& path, bool dirty)
{
    if (dirty) {
        m_dirty.insert(path);
        if (m_preview == path)
            m_preview.clear(); // an edited preview is kept
    } else {
        m_dirty.remove(path);
    }
    refresh(indexOf(path));
}

void RequestTabs::setPreview(const QString& path, bool preview)
{
    if (preview)
        m_preview = path;
    else if (m_preview == path)
        m_preview.clear();
    refresh(indexOf(path));
}

void RequestTabs::setTitle(const QString& path, const QString& method, const QString& name)
{
    m_titles.insert(path, method + u' ' + name);
    refresh(indexOf(path));
}

void RequestTabs::repath(const QString& from, const QString& to)
{
    const int index = indexOf(from);
    if (index < 0)
        return;
    setTabData(index, to);
    m_titles.insert(to, m_titles.take(from));
    if (m_dirty.remove(from))
        m_dirty.insert(to);
    if (m_preview == from)
        m_preview = to;
    refresh(index);
}

void RequestTabs::changeEvent(QEvent* event)
{
    QTabBar::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // (the preview tab's muted colour)
        for (int index = 0; index < count(); ++index)
            refresh(index);
}

void RequestTabs::refresh(int index)
{
    if (index < 0)
        return;
    const QString path = pathAt(index);
    const bool preview = path == m_preview;
    setTabText(index, m_titles.value(path) + (m_dirty.contains(path) ? u" ●"_s : QString()));
    // A preview tab is muted, as in editors that have them.
    setTabTextColor(index, preview ? palette().color(QPalette::PlaceholderText) : QColor());
    setTabToolTip(index, path + (preview ? tr("\nPreview: the next request opened from the tree "
                                              "takes its place; edit it or double-click to keep it")
                                         : QString()));
}

void RequestTabs::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton) {
        if (const int index = tabAt(event->position().toPoint()); index >= 0) {
            emit closeRequested(pathAt(index));
            event->accept();
            return;
        }
    }
    QTabBar::mouseReleaseEvent(event);
}

} // namespace Keyhole::Ui
