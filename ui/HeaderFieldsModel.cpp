#include "ui/HeaderFieldsModel.h"

namespace Keyhole::Ui {

HeaderFieldsModel::HeaderFieldsModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void HeaderFieldsModel::setHeaders(const Model::HeaderFields& headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

int HeaderFieldsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

int HeaderFieldsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderFieldsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Model::HeaderField& field = m_headers[index.row()];
    return QString::fromUtf8(index.column() == NameColumn ? field.name : field.value);
}

QVariant HeaderFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Value");
}

} // namespace Keyhole::Ui
