#pragma once

#include "core/model/Variable.h"

#include <QAbstractTableModel>

#include <functional>

namespace Keyhole::Ui {

// The variables of one environment in the environment manager, edited on a working copy until
// Save: name (checked when enabled), the shared value (the workspace file, which git shares),
// the current value (this machine's: a plain variable's override in .keyhole, or a secret's
// value in the secret store) and whether it is secret. Secret values are masked unless revealed.
class EnvironmentVariablesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentVariablesModel)

public:
    enum Column { Name, Shared, Current, Secret, ColumnCount };

    explicit EnvironmentVariablesModel(QObject* parent = nullptr);

    // The environment as saved, its secret values loaded (a null value is "not set").
    void setEnvironment(const Model::Environment& environment);
    const Model::Environment& saved() const { return m_saved; }
    const Model::Environment& edited() const { return m_edited; }
    bool isDirty() const { return m_edited != m_saved; }
    // After a save: what is edited is what is saved.
    void markSaved();
    void revert();

    void setRevealed(bool revealed);
    bool isRevealed() const { return m_revealed; }
    // Asked before a secret is made plain (its value then goes into the shared file).
    void setConfirmPlain(std::function<bool(const QString& name)> confirm);

    // Appends a variable ("variable", "variable 2"…); returns its row.
    int addVariable();
    // Why the working copy cannot be saved (an empty or repeated name), or empty.
    QString problem() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

signals:
    void dirtyChanged(bool dirty);

private:
    void changed(); // emits dirtyChanged when that changed
    bool isRepeated(int row) const;

    Model::Environment m_saved;
    Model::Environment m_edited;
    bool m_revealed = false;
    bool m_wasDirty = false;
    std::function<bool(const QString&)> m_confirmPlain;
};

} // namespace Keyhole::Ui
