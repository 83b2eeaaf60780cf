#include "ui/HistoryModel.h"

#include <QColor>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractListModel(parent)
{}

HistoryModel::~HistoryModel() = default;

void HistoryModel::setEntries(QList<History::Entry> entries)
{
    m_all = std::move(entries);
    applyFilter();
}

void HistoryModel::setFilter(Filter filter)
{
    m_filter = filter;
    applyFilter();
}

void HistoryModel::setSearch(const QString& text)
{
    m_search = text.trimmed();
    applyFilter();
}

void HistoryModel::applyFilter()
{
    beginResetModel();
    m_shown.clear();
    // The same filters as `keyhole-cli history --status`, in Filter's order.
    static const QStringList kFilters{QString(), u"2xx"_s, u"3xx"_s,
                                      u"4xx"_s,  u"5xx"_s, u"error"_s};
    const QString filter = kFilters.value(static_cast<int>(m_filter));
    for (const History::Entry& entry : std::as_const(m_all)) {
        if (!entry.matchesStatus(filter))
            continue;
        if (!m_search.isEmpty()) {
            const QStringList fields{entry.id,          entry.method,
                                     entry.url,         entry.requestPath,
                                     entry.environment, QString::number(entry.status)};
            if (std::none_of(fields.cbegin(), fields.cend(), [&](const QString& field) {
                    return field.contains(m_search, Qt::CaseInsensitive);
                }))
                continue;
        }
        m_shown.append(entry);
    }
    endResetModel();
}

const History::Entry* HistoryModel::entryAt(int row) const
{
    return row >= 0 && row < m_shown.size() ? &m_shown[row] : nullptr;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    const History::Entry* entry = entryAt(index.row());
    if (!entry)
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        const QString outcome =
            entry->error.isEmpty() ? QString::number(entry->status) : entry->error;
        const QUrl url(entry->url);
        return u"%1  %2  %3 %4%5"_s.arg(
            entry->time.toLocalTime().toString(u"HH:mm:ss"_s), outcome, entry->method,
            url.path().isEmpty() ? entry->url : url.path(),
            entry->label.isEmpty() ? QString() : u"  · "_s + entry->label);
    }
    case Qt::ToolTipRole:
        return u"%1 · %2\n%3 %4\n%5%6\n%7 ms, %8 hop(s)"_s.arg(
            entry->id, entry->time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), entry->method,
            entry->url,
            entry->requestPath.isEmpty() ? tr("(not a saved request)") : entry->requestPath,
            entry->environment.isEmpty() ? QString() : u" ["_s + entry->environment + u']',
            QString::number(entry->totalMs, 'f', 1), QString::number(entry->hops));
    case Qt::ForegroundRole:
        if (!entry->error.isEmpty() || entry->status >= 500)
            return QColor(0xc6, 0x28, 0x28);
        if (entry->status >= 400)
            return QColor(0xe6, 0x51, 0x00);
        if (entry->status >= 300)
            return QColor(0x15, 0x65, 0xc0);
        return QColor(0x2e, 0x7d, 0x32);
    case IdRole:
        return entry->id;
    case RequestPathRole:
        return entry->requestPath;
    case StatusRole:
        return entry->status;
    default:
        return {};
    }
}

} // namespace Keyhole::Ui
