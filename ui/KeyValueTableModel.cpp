#include "ui/KeyValueTableModel.h"

namespace Keyhole::Ui {

KeyValueTableModel::KeyValueTableModel(QObject* parent)
    : RowListModel(ColumnCount, parent)
{}

QVariant KeyValueTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (isPlaceholder(index))
        return placeholderData(index, role, NameColumn, tr("Add…"));
    const Model::KeyValue& row = rows()[index.row()];
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
    Model::KeyValueList changed = rows();
    if (isPlaceholder(index)) {
        if (index.column() == EnabledColumn || value.toString().isEmpty())
            return false;
        changed.append(Model::KeyValue{});
    }
    Model::KeyValue& row = changed[index.row()];
    if (index.column() == EnabledColumn && role == Qt::CheckStateRole)
        row.enabled = value.value<Qt::CheckState>() == Qt::Checked;
    else if (index.column() == NameColumn && role == Qt::EditRole)
        row.name = value.toString();
    else if (index.column() == ValueColumn && role == Qt::EditRole)
        row.value = value.toString();
    else
        return false;
    return commit(index, changed);
}

Qt::ItemFlags KeyValueTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == EnabledColumn)
        return isPlaceholder(index) ? flags : flags | Qt::ItemIsUserCheckable;
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
