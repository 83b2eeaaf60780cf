#pragma once

#include "core/model/PreparedRequest.h"

#include <QAbstractTableModel>

namespace Keyhole::Ui {

// Read-only table of header lines as they crossed the wire (names and values as bytes,
// shown as UTF-8, repeats and order kept).
class HeaderFieldsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderFieldsModel)

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit HeaderFieldsModel(QObject* parent = nullptr);
    void setHeaders(const Model::HeaderFields& headers);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Model::HeaderFields m_headers;
};

} // namespace Keyhole::Ui
