#pragma once

#include "core/model/Variable.h"

#include <QDialog>

namespace Keyhole::Ui {

class KeyValueTableModel;

// The variables of the workspace (globals) or of a collection or folder: name, value, enabled,
// in a table whose last row adds one. Plain values only — a secret belongs in an environment;
// secret variables written by hand in the file are kept as they are and listed.
class VariablesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariablesDialog)

public:
    VariablesDialog(const QString& title, const QString& scope, Model::VariableList variables,
                    QWidget* parent = nullptr);

    // The rows as edited (empty names dropped), the secret ones after them, unchanged.
    Model::VariableList variables() const;
    KeyValueTableModel* model() const { return m_model; }

private:
    KeyValueTableModel* m_model;
    Model::VariableList m_secrets;
};

} // namespace Keyhole::Ui
