#pragma once

#include "core/interchange/Imported.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTreeWidget;
class QDialogButtonBox;
class QPushButton;

namespace Keyhole::Ui {

// File › Import: a curl command, a Postman collection or environment, an Insomnia export, an
// OpenAPI/Swagger spec, an .http file or a HAR — from a file,
// the clipboard, a drop or typed in. Shows what would be imported (folders, requests with
// their methods) and every warning before anything is written; Import stays disabled while the
// input does not parse, and the error names the place.
class ImportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    explicit ImportDialog(QWidget* parent = nullptr);

    // Replaces the input (as if pasted) and re-reads it; `label` names it in errors.
    void setInput(const QByteArray& bytes, const QString& label, const QString& baseDir = {});
    bool loadFile(const QString& path);

    // The parsed import, when the input is valid.
    const std::optional<Interchange::ImportResult>& result() const { return m_result; }
    // Where it goes: a collection or folder ("" = a new collection, or "Imported").
    QString targetFolder() const;
    QString previewText() const; // for tests: the preview tree as indented lines

private:
    void reread();

    QPlainTextEdit* m_input;
    QLineEdit* m_target;
    QLabel* m_status;
    QTreeWidget* m_preview;
    QDialogButtonBox* m_buttons;
    QPushButton* m_import = nullptr;
    QString m_label = QStringLiteral("(pasted)");
    QString m_baseDir;
    std::optional<Interchange::ImportResult> m_result;
};

} // namespace Keyhole::Ui
