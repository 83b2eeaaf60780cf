#include "ui/AssertionsTableModel.h"

#include <QColor>
#include <QComboBox>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

using Source = Model::Assertion::Source;
using Op = Model::Assertion::Op;

const QList<Source> kSources{Source::Status, Source::Header, Source::Json,
                             Source::Body,   Source::Time,   Source::Size};
const QList<Op> kOps{Op::Equals, Op::NotEquals, Op::Contains, Op::NotContains, Op::Matches,
                     Op::Exists, Op::NotExists, Op::LessThan, Op::GreaterThan};

QStringList sourceNames()
{
    QStringList names;
    for (Source source : kSources)
        names.append(Model::assertionSourceName(source));
    return names;
}

QStringList opNames()
{
    QStringList names;
    for (Op op : kOps)
        names.append(Model::assertionOpName(op));
    return names;
}

// What a new assertion of `source` checks first: the usual question for each.
Model::Assertion newAssertion(Source source)
{
    Model::Assertion assertion;
    assertion.source = source;
    switch (source) {
    case Source::Status:
        assertion.expected = u"2xx"_s;
        break;
    case Source::Header:
    case Source::Json:
        assertion.op = Op::Exists;
        break;
    case Source::Body:
        assertion.op = Op::Contains;
        break;
    case Source::Time:
        assertion.op = Op::LessThan;
        assertion.expected = u"1000"_s;
        break;
    case Source::Size:
        assertion.op = Op::GreaterThan;
        assertion.expected = u"0"_s;
        break;
    }
    return assertion;
}

} // namespace

AssertionsTableModel::AssertionsTableModel(QObject* parent)
    : RowListModel(ColumnCount, parent)
{}

QVariant AssertionsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (isPlaceholder(index)) {
        if (role == Qt::ToolTipRole)
            return tr("Choose what to check: status, a header, a JSON value, the body, the time "
                      "or the size of the answer");
        return placeholderData(index, role, SourceColumn, tr("Add…"));
    }
    const Model::Assertion& row = rows()[index.row()];
    const bool text = role == Qt::DisplayRole || role == Qt::EditRole;
    const bool notApplicable =
        (index.column() == PathColumn && !Model::assertionSourceTakesPath(row.source)) ||
        (index.column() == ExpectedColumn && !Model::assertionOpTakesValue(row.op));
    if (role == Qt::ForegroundRole)
        return notApplicable ? QVariant(QColor(Qt::gray)) : QVariant();
    switch (index.column()) {
    case EnabledColumn:
        return role == Qt::CheckStateRole ? QVariant(row.enabled ? Qt::Checked : Qt::Unchecked)
                                          : QVariant();
    case SourceColumn:
        return text ? QVariant(Model::assertionSourceName(row.source)) : QVariant();
    case PathColumn:
        if (!Model::assertionSourceTakesPath(row.source))
            return role == Qt::DisplayRole ? QVariant(u"—"_s) : QVariant();
        if (role == Qt::ToolTipRole)
            return row.source == Source::Header
                       ? tr("The header's name (any case)")
                       : tr("A JSON path: access, data.token, items[0].id, $.items[0].id or "
                            "/items/0/id");
        return text ? QVariant(row.path) : QVariant();
    case OpColumn:
        return text ? QVariant(Model::assertionOpName(row.op)) : QVariant();
    case ExpectedColumn:
        if (!Model::assertionOpTakesValue(row.op))
            return role == Qt::DisplayRole ? QVariant(u"—"_s) : QVariant();
        if (role == Qt::ToolTipRole)
            return tr("{{variables}} welcome. A status may be a class (2xx); time is in ms, "
                      "size in bytes; matches takes a regular expression");
        return text ? QVariant(row.expected) : QVariant();
    default:
        return {};
    }
}

bool AssertionsTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid())
        return false;
    QList<Model::Assertion> changed = rows();
    if (isPlaceholder(index)) {
        // The placeholder row becomes an assertion when its source is chosen.
        const std::optional<Source> source = Model::assertionSourceFromName(value.toString());
        if (index.column() != SourceColumn || role != Qt::EditRole || !source)
            return false;
        changed.append(newAssertion(*source));
    } else {
        Model::Assertion& row = changed[index.row()];
        if (index.column() == EnabledColumn && role == Qt::CheckStateRole) {
            row.enabled = value.value<Qt::CheckState>() == Qt::Checked;
        } else if (index.column() == SourceColumn && role == Qt::EditRole) {
            const std::optional<Source> source = Model::assertionSourceFromName(value.toString());
            if (!source)
                return false;
            row.source = *source;
            if (!Model::assertionSourceTakesPath(row.source))
                row.path.clear();
        } else if (index.column() == PathColumn && role == Qt::EditRole &&
                   Model::assertionSourceTakesPath(row.source)) {
            row.path = value.toString().trimmed();
        } else if (index.column() == OpColumn && role == Qt::EditRole) {
            const std::optional<Op> op = Model::assertionOpFromName(value.toString());
            if (!op)
                return false;
            row.op = *op;
            if (!Model::assertionOpTakesValue(row.op))
                row.expected.clear();
        } else if (index.column() == ExpectedColumn && role == Qt::EditRole &&
                   Model::assertionOpTakesValue(row.op)) {
            row.expected = value.toString();
        } else {
            return false;
        }
    }
    return commit(index, changed);
}

Qt::ItemFlags AssertionsTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (isPlaceholder(index))
        return index.column() == SourceColumn ? flags | Qt::ItemIsEditable : flags;
    const Model::Assertion& row = rows()[index.row()];
    switch (index.column()) {
    case EnabledColumn:
        return flags | Qt::ItemIsUserCheckable;
    case PathColumn:
        return Model::assertionSourceTakesPath(row.source) ? flags | Qt::ItemIsEditable : flags;
    case ExpectedColumn:
        return Model::assertionOpTakesValue(row.op) ? flags | Qt::ItemIsEditable : flags;
    default:
        return flags | Qt::ItemIsEditable;
    }
}

QVariant AssertionsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SourceColumn:
        return tr("Check");
    case PathColumn:
        return tr("Header / JSON path");
    case OpColumn:
        return tr("Operator");
    case ExpectedColumn:
        return tr("Expected");
    default:
        return QString();
    }
}

QWidget* AssertionsDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                          const QModelIndex& index) const
{
    const int column = index.column();
    if (column != AssertionsTableModel::SourceColumn && column != AssertionsTableModel::OpColumn)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* box = new QComboBox(parent);
    box->addItems(column == AssertionsTableModel::SourceColumn ? sourceNames() : opNames());
    box->setAccessibleName(column == AssertionsTableModel::SourceColumn ? tr("What to check")
                                                                        : tr("Operator"));
    // A choice is committed at once (no Enter needed).
    connect(box, &QComboBox::activated, this, [this, box] {
        auto* self = const_cast<AssertionsDelegate*>(this);
        emit self->commitData(box);
        emit self->closeEditor(box);
    });
    return box;
}

void AssertionsDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* box = qobject_cast<QComboBox*>(editor)) {
        const int at = box->findText(index.data(Qt::EditRole).toString());
        box->setCurrentIndex(at < 0 ? 0 : at);
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void AssertionsDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                      const QModelIndex& index) const
{
    if (auto* box = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, box->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace Keyhole::Ui
