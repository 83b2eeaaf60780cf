#include "ui/KeyValueTableModel.h"

#include <QColor>

namespace Keyhole::Ui {

KeyValueTableModel::KeyValueTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void KeyValueTableModel::setRows(const Model::KeyValueList& rows)
{
    if (rows == m_rows)
        return;
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void KeyValueTableModel::removeRowAt(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    emit edited(m_rows);
}

int KeyValueTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size()) + 1;
}

int KeyValueTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyValueTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const bool placeholder = index.row() >= m_rows.size();
    if (placeholder) {
        if (role == Qt::DisplayRole && index.column() == NameColumn)
            return tr("Add…");
        if (role == Qt::ForegroundRole)
            return QVariant(QColor(Qt::gray));
        return {};
    }
    const Model::KeyValue& row = m_rows[index.row()];
    switch (index.column()) {
    case EnabledColumn:
        return role == Qt::CheckStateRole ? QVariant(row.enabled ? Qt::Checked : Qt::Unchecked)
                                          : QVariant();
    case NameColumn:
        return role == Qt::DisplayRole || role == Qt::EditRole ? QVariant(row.name) : QVariant();
    case ValueColumn:
        return role == Qt::DisplayRole || role == Qt::EditRole ? QVariant(row.value) : QVariant();
    default:
        return {};
    }
}

bool KeyValueTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid())
        return false;
    Model::KeyValueList rows = m_rows;
    const bool adding = index.row() >= rows.size();
    if (adding) {
        if (index.column() == EnabledColumn || value.toString().isEmpty())
            return false;
        rows.append(Model::KeyValue{});
    }
    Model::KeyValue& row = rows[index.row()];
    if (index.column() == EnabledColumn && role == Qt::CheckStateRole)
        row.enabled = value.value<Qt::CheckState>() == Qt::Checked;
    else if (index.column() == NameColumn && role == Qt::EditRole)
        row.name = value.toString();
    else if (index.column() == ValueColumn && role == Qt::EditRole)
        row.value = value.toString();
    else
        return false;
    if (rows == m_rows)
        return true;
    if (adding) {
        beginInsertRows({}, index.row() + 1, index.row() + 1);
        m_rows = rows;
        endInsertRows();
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    } else {
        m_rows = rows;
        emit dataChanged(index, index);
    }
    emit edited(m_rows);
    return true;
}

Qt::ItemFlags KeyValueTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == EnabledColumn)
        return index.row() < m_rows.size() ? flags | Qt::ItemIsUserCheckable : flags;
    return flags | Qt::ItemIsEditable;
}

QVariant KeyValueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnabledColumn:
        return QString();
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace Keyhole::Ui
