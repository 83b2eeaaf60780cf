#pragma once

#include "core/history/HistoryStore.h"

#include <QAbstractListModel>

namespace Keyhole::Ui {

// The History list: every send of the workspace, newest first, filterable by status class and
// by text.
class HistoryModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Role { IdRole = Qt::UserRole + 1, RequestPathRole, StatusRole };
    enum class Filter { All, Success, Redirect, ClientError, ServerError, TransportError };

    explicit HistoryModel(QObject* parent = nullptr);
    ~HistoryModel() override;

    void setEntries(QList<History::Entry> entries); // newest first
    void setFilter(Filter filter);
    // Only sends whose id, method, URL, request file, environment or status contain `text`
    // (any case); empty shows all.
    void setSearch(const QString& text);
    const History::Entry* entryAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    void applyFilter();

    QList<History::Entry> m_all;
    QList<History::Entry> m_shown;
    Filter m_filter = Filter::All;
    QString m_search;
};

} // namespace Keyhole::Ui
