#pragma once

#include "core/model/Folder.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace Keyhole::Ui {

// File ▸ Export: the whole workspace, the current collection, its folder or the request, as a
// Postman collection (with the environment beside it), curl commands, an .http file or code
// (HTTPie, Python, fetch) — previewed before anything is written. Secret values stay out
// unless "Include secret values" is ticked (the preview then shows them, in red warning).
class ExportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    // Reads an environment's secret values (asynchronously) for an export that includes them.
    using SecretLoader =
        std::function<void(const Model::Environment&, std::function<void(Model::Environment)>)>;

    ExportDialog(const Model::Workspace& workspace, const QString& currentRequest,
                 const QString& environment, SecretLoader loadSecrets, QWidget* parent = nullptr);

    QString previewText() const;
    QStringList warnings() const { return m_warnings; }
    // Writes the export to `file` (a Postman environment beside it); false with a message box
    // when it could not be written.
    bool saveTo(const QString& file);

private:
    void refresh();
    void display(const QByteArray& content, const QByteArray& environment,
                 const QStringList& warnings);

    const Model::Workspace& m_workspace;
    SecretLoader m_loadSecrets;
    QComboBox* m_scope;
    QComboBox* m_format;
    QComboBox* m_environment;
    QCheckBox* m_includeSecrets;
    QLabel* m_secretsNote;
    QPlainTextEdit* m_preview;
    QLabel* m_warningsLabel;
    QPushButton* m_save;
    QByteArray m_content;
    QByteArray m_environmentContent;
    QStringList m_warnings;
    quint64 m_generation = 0; // a secret read still pending is current only if equal
};

} // namespace Keyhole::Ui
