#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QList>

namespace Keyhole::Ui {

// An editable table over a list of rows whose last row is always an empty placeholder:
// editing it adds a row. The owner hears of every edit (rowsEdited(), a signal in the
// subclass), turns it into an undoable change and calls setRows() back.
template <typename Row>
class RowListModel : public QAbstractTableModel {
public:
    // Replaces the rows; does nothing when they are the same (keeps the view's state).
    void setRows(const QList<Row>& rows)
    {
        if (rows == m_rows)
            return;
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }
    const QList<Row>& rows() const { return m_rows; }
    void removeRowAt(int row)
    {
        if (row < 0 || row >= m_rows.size())
            return;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        rowsEdited();
    }

    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size()) + 1;
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : m_columns;
    }

protected:
    RowListModel(int columns, QObject* parent)
        : QAbstractTableModel(parent)
        , m_columns(columns)
    {}

    virtual void rowsEdited() = 0;

    bool isPlaceholder(const QModelIndex& index) const { return index.row() >= m_rows.size(); }
    // The placeholder row: `prompt` in `column`, every cell grey.
    static QVariant placeholderData(const QModelIndex& index, int role, int column,
                                    const QString& prompt)
    {
        if (role == Qt::DisplayRole && index.column() == column)
            return prompt;
        if (role == Qt::ForegroundRole)
            return QVariant(QColor(Qt::gray));
        return {};
    }
    // Takes `rows` after an edit of `index`'s row (a new row when it was the placeholder).
    bool commit(const QModelIndex& index, const QList<Row>& rows)
    {
        if (rows == m_rows)
            return true;
        if (index.row() >= m_rows.size()) {
            beginInsertRows({}, index.row() + 1, index.row() + 1);
            m_rows = rows;
            endInsertRows();
        } else {
            m_rows = rows;
        }
        emit dataChanged(this->index(index.row(), 0), this->index(index.row(), m_columns - 1));
        rowsEdited();
        return true;
    }

private:
    QList<Row> m_rows;
    int m_columns;
};

} // namespace Keyhole::Ui
