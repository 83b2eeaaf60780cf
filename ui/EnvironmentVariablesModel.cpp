#include "ui/EnvironmentVariablesModel.h"

#include "core/http/Exchange.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

EnvironmentVariablesModel::EnvironmentVariablesModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void EnvironmentVariablesModel::setEnvironment(const Model::Environment& environment)
{
    beginResetModel();
    m_saved = environment;
    m_edited = environment;
    endResetModel();
    changed();
}

void EnvironmentVariablesModel::markSaved()
{
    m_saved = m_edited;
    changed();
}

void EnvironmentVariablesModel::revert()
{
    setEnvironment(m_saved);
}

void EnvironmentVariablesModel::setRevealed(bool revealed)
{
    m_revealed = revealed;
    if (rowCount() > 0)
        emit dataChanged(index(0, Current), index(rowCount() - 1, Current));
}

void EnvironmentVariablesModel::setConfirmPlain(std::function<bool(const QString&)> confirm)
{
    m_confirmPlain = std::move(confirm);
}

int EnvironmentVariablesModel::addVariable()
{
    QString name = u"variable"_s;
    auto taken = [this](const QString& candidate) {
        return std::any_of(m_edited.variables.cbegin(), m_edited.variables.cend(),
                           [&](const Model::Variable& v) { return v.name == candidate; });
    };
    for (int n = 2; taken(name); ++n)
        name = u"variable "_s + QString::number(n);
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_edited.variables.append({name, QString(), false, true});
    endInsertRows();
    changed();
    return row;
}

QString EnvironmentVariablesModel::problem() const
{
    for (int row = 0; row < rowCount(); ++row) {
        const QString& name = m_edited.variables[row].name;
        if (name.trimmed().isEmpty())
            return tr("Row %1 has no name.").arg(row + 1);
        if (name.contains(u"{{"_s) || name.contains(u"}}"_s))
            return tr("“%1” cannot be used as {{%1}}: a name has no braces.").arg(name);
        if (isRepeated(row))
            return tr("“%1” is there twice; only one would count.").arg(name);
    }
    return {};
}

bool EnvironmentVariablesModel::isRepeated(int row) const
{
    const QString& name = m_edited.variables[row].name;
    for (int other = 0; other < rowCount(); ++other) {
        if (other != row && m_edited.variables[other].name == name)
            return true;
    }
    return false;
}

int EnvironmentVariablesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_edited.variables.size());
}

int EnvironmentVariablesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvironmentVariablesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Model::Variable& variable = m_edited.variables[index.row()];
    const auto current = m_edited.currentValues.constFind(variable.name);
    const bool overridden = !variable.secret && current != m_edited.currentValues.cend();
    switch (index.column()) {
    case Name:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return variable.name;
        if (role == Qt::CheckStateRole)
            return variable.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return isRepeated(index.row())
                       ? tr("This name is there twice; only the last would count")
                       : tr("{{%1}} — uncheck to leave it out without deleting it")
                             .arg(variable.name);
        if (role == Qt::ForegroundRole && isRepeated(index.row()))
            return QBrush(Qt::red);
        break;
    case Shared:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return variable.secret ? (role == Qt::EditRole ? QString() : tr("not shared (secret)"))
                                   : variable.value;
        if (role == Qt::FontRole && variable.secret) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        if (role == Qt::ForegroundRole && variable.secret)
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (role == Qt::ToolTipRole)
            return variable.secret
                       ? tr("A secret's value never goes into the workspace files")
                       : tr("In the workspace file: what everyone who clones the workspace gets");
        break;
    case Current:
        if (role == Qt::EditRole)
            return variable.secret ? variable.value : (overridden ? *current : variable.value);
        if (role == Qt::DisplayRole) {
            if (!variable.secret)
                return overridden ? *current : variable.value;
            if (variable.value.isNull())
                return tr("not set");
            return m_revealed ? variable.value : QString::fromUtf8(Http::kSecretMask);
        }
        if (role == Qt::ForegroundRole &&
            ((!variable.secret && !overridden) || (variable.secret && variable.value.isNull())))
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (role == Qt::ToolTipRole)
            return variable.secret ? tr("The secret's value, in the secret store of this machine")
                   : overridden
                       ? tr("This machine's value (kept out of git); empty it to use the shared "
                            "value again")
                       : tr("Same as the shared value; type to give this machine its own");
        break;
    case Secret:
        if (role == Qt::CheckStateRole)
            return variable.secret ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Secret: the value is kept in the secret store, never in a file, and "
                      "masked on screen");
        break;
    default:
        break;
    }
    if (role == Qt::AccessibleTextRole && index.column() == Current && variable.secret &&
        !m_revealed)
        return tr("masked secret");
    return {};
}

bool EnvironmentVariablesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    Model::Variable& variable = m_edited.variables[index.row()];
    const QString text = value.toString();
    if (index.column() == Name && role == Qt::CheckStateRole) {
        variable.enabled = value.value<Qt::CheckState>() == Qt::Checked;
    } else if (index.column() == Name && role == Qt::EditRole) {
        if (text.trimmed() == variable.name)
            return false;
        // The current value goes with the name, unless another row has that name too.
        const auto current = m_edited.currentValues.constFind(variable.name);
        if (current != m_edited.currentValues.cend() && !isRepeated(index.row())) {
            const QString kept = *current;
            m_edited.currentValues.remove(variable.name);
            m_edited.currentValues.insert(text.trimmed(), kept);
        }
        variable.name = text.trimmed();
        emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
        changed();
        return true;
    } else if (index.column() == Shared && role == Qt::EditRole && !variable.secret) {
        variable.value = text;
    } else if (index.column() == Current && role == Qt::EditRole) {
        if (variable.secret)
            variable.value = text.isEmpty() ? QString() : text;
        else if (text.isEmpty() || text == variable.value)
            m_edited.currentValues.remove(variable.name);
        else
            m_edited.currentValues.insert(variable.name, text);
    } else if (index.column() == Secret && role == Qt::CheckStateRole) {
        const bool secret = value.value<Qt::CheckState>() == Qt::Checked;
        if (secret == variable.secret)
            return false;
        if (secret) {
            // The value this machine uses becomes the secret's; the file keeps a reference.
            variable.value = m_edited.currentValues.value(variable.name, variable.value);
            if (variable.value.isEmpty())
                variable.value = QString();
            m_edited.currentValues.remove(variable.name);
        } else {
            if (m_confirmPlain && !m_confirmPlain(variable.name))
                return false;
            variable.value = variable.value.isNull() ? u""_s : variable.value;
        }
        variable.secret = secret;
        emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
        changed();
        return true;
    } else {
        return false;
    }
    emit dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
    changed();
    return true;
}

Qt::ItemFlags EnvironmentVariablesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Model::Variable& variable = m_edited.variables[index.row()];
    switch (index.column()) {
    case Name:
        return flags | Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    case Shared:
        return variable.secret ? flags : flags | Qt::ItemIsEditable;
    case Current:
        return flags | Qt::ItemIsEditable;
    case Secret:
        return flags | Qt::ItemIsUserCheckable;
    default:
        return flags;
    }
}

QVariant EnvironmentVariablesModel::headerData(int section, Qt::Orientation orientation,
                                               int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Variable");
        case Shared:
            return tr("Shared value");
        case Current:
            return tr("Current value");
        case Secret:
            return tr("Secret");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Shared:
            return tr("The value in the workspace file, shared through git (Postman's “initial "
                      "value”)");
        case Current:
            return tr("The value this machine sends: its own when set, else the shared one");
        default:
            return {};
        }
    }
    return {};
}

bool EnvironmentVariablesModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    for (int i = 0; i < count; ++i) {
        if (!isRepeated(row)) // (another row of the same name keeps it)
            m_edited.currentValues.remove(m_edited.variables[row].name);
        m_edited.variables.removeAt(row);
    }
    endRemoveRows();
    changed();
    return true;
}

void EnvironmentVariablesModel::changed()
{
    const bool dirty = isDirty();
    if (dirty != std::exchange(m_wasDirty, dirty))
        emit dirtyChanged(dirty);
}

} // namespace Keyhole::Ui
