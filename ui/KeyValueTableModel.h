#pragma once

#include "core/model/RequestTemplate.h"
#include "ui/RowListModel.h"

namespace Keyhole::Ui {

// An editable table of name/value rows with an "enabled" checkbox (headers, params, form
// fields). The last row is always empty: typing into it adds a row. Every edit is reported
// with edited(); the owner turns it into an undoable change and calls setRows() back.
class KeyValueTableModel final : public RowListModel<Model::KeyValue> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyValueTableModel)

public:
    enum Column { EnabledColumn, NameColumn, ValueColumn, ColumnCount };

    explicit KeyValueTableModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void edited(const Keyhole::Model::KeyValueList& rows);

private:
    void rowsEdited() override { emit edited(rows()); }
};

} // namespace Keyhole::Ui
