#pragma once

#include "core/http/Cookies.h"

#include <QAbstractTableModel>

namespace Keyhole::Ui {

// The response's Cookies tab: every cookie sent and set in the send, hop by hop.
class CookiesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookiesModel)

public:
    enum Column {
        HopColumn,
        DirectionColumn,
        NameColumn,
        ValueColumn,
        DomainColumn,
        PathColumn,
        ExpiresColumn,
        FlagsColumn,
        ColumnCount
    };

    explicit CookiesModel(QObject* parent = nullptr);
    ~CookiesModel() override;

    void setCookies(QList<Http::CookieRow> cookies);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Http::CookieRow> m_cookies;
};

} // namespace Keyhole::Ui
