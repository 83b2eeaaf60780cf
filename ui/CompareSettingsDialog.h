#pragma once

#include "core/model/Folder.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace Keyhole::Ui {

// Compare › Ignore rules: the headers, JSON paths and white space a comparison ignores, saved
// with the workspace (keyhole-workspace.json "compare") so the whole team shares them.
class CompareSettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareSettingsDialog)

public:
    explicit CompareSettingsDialog(const Model::CompareSettings& settings,
                                   QWidget* parent = nullptr);
    ~CompareSettingsDialog() override;

    // What the fields say: one header name or JSON path per line, blank lines dropped.
    Model::CompareSettings settings() const;
    // The first JSON path that is not a pattern, named by its line ("line 2: unclosed [ at
    // 8"); empty when all are. OK is refused while there is one.
    QString problem() const;

    void setHeaders(const QString& text);
    void setJsonPaths(const QString& text);

    void accept() override;

private:
    QPlainTextEdit* m_headers;
    QPlainTextEdit* m_paths;
    QCheckBox* m_whitespace;
    QCheckBox* m_arrays;
    QLabel* m_problem;
};

} // namespace Keyhole::Ui
