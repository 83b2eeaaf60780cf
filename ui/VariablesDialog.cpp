#include "ui/VariablesDialog.h"

#include "ui/KeyValueTableModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

VariablesDialog::VariablesDialog(const QString& title, const QString& scope,
                                 Model::VariableList variables, QWidget* parent)
    : QDialog(parent)
    , m_model(new KeyValueTableModel(this))
{
    setWindowTitle(title);
    setObjectName(u"variablesDialog"_s);
    Model::KeyValueList rows;
    QStringList secretNames;
    for (const Model::Variable& variable : variables) {
        if (variable.secret) {
            m_secrets.append(variable);
            secretNames.append(variable.name);
        } else {
            rows.append({variable.name, variable.value, variable.enabled});
        }
    }
    m_model->setRows(rows);
    connect(m_model, &KeyValueTableModel::edited, m_model,
            [this](const Model::KeyValueList& edited) { m_model->setRows(edited); });

    auto* note = new QLabel(scope, this);
    note->setWordWrap(true);
    auto* table = new QTableView(this);
    table->setObjectName(u"variablesTable"_s);
    table->setModel(m_model);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setColumnWidth(KeyValueTableModel::EnabledColumn, 28);
    table->setColumnWidth(KeyValueTableModel::NameColumn, 200);
    table->setAccessibleName(title);
    auto* remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(u"removeVariable"_s);
    remove->setToolTip(tr("Remove the selected variable (Delete)"));
    remove->setShortcut(QKeySequence::Delete);
    connect(remove, &QPushButton::clicked, this, [this, table] {
        if (table->currentIndex().isValid() && !table->indexWidget(table->currentIndex()))
            m_model->removeRowAt(table->currentIndex().row());
    });
    auto* secretsNote = new QLabel(this);
    secretsNote->setWordWrap(true);
    secretsNote->setText(
        secretNames.isEmpty()
            ? tr("Values here are plain text in the workspace's files. A token, password or key "
                 "belongs in an environment, as a secret (Request › Manage Environments).")
            : tr("Kept as they are (secret, edited in the file): %1").arg(secretNames.join(u", ")));
    secretsNote->setStyleSheet(u"color: palette(mid);"_s);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->addButton(remove, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(table, 1);
    layout->addWidget(secretsNote);
    layout->addWidget(buttons);
    resize(620, 420);
}

Model::VariableList VariablesDialog::variables() const
{
    Model::VariableList result;
    for (const Model::KeyValue& row : m_model->rows())
        if (!row.name.trimmed().isEmpty())
            result.append({row.name.trimmed(), row.value, false, row.enabled});
    return result + m_secrets;
}

} // namespace Keyhole::Ui
