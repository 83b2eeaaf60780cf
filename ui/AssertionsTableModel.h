#pragma once

#include "core/model/Assertion.h"
#include "ui/RowListModel.h"

#include <QStyledItemDelegate>

namespace Keyhole::Ui {

// The request's Assertions tab: enabled, source, path, operator, expected value. The last row
// is always empty: choosing its source adds an assertion. Every edit is reported with
// edited(); the owner turns it into an undoable change and calls setRows() back.
class AssertionsTableModel final : public RowListModel<Model::Assertion> {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssertionsTableModel)

public:
    enum Column { EnabledColumn, SourceColumn, PathColumn, OpColumn, ExpectedColumn, ColumnCount };

    explicit AssertionsTableModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void edited(const QList<Keyhole::Model::Assertion>& rows);

private:
    void rowsEdited() override { emit edited(rows()); }
};

// Source and operator cells are edited with a list of the names (a combo box).
class AssertionsDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssertionsDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;
};

} // namespace Keyhole::Ui
