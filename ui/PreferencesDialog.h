#pragma once

#include "ui/Preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Keyhole::Ui {

// Edit ▸ Preferences: theme and text font, the defaults every send starts from (redirects,
// timeout, TLS verification and trusted CAs, HTTP/2, proxy, largest response) and whether
// unresolved variables are refused. OK refuses a proxy or CA file that cannot work, saying why.
class PreferencesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    explicit PreferencesDialog(const Preferences& preferences, QWidget* parent = nullptr);

    Preferences preferences() const;
    void accept() override;

private:
    void display(const Preferences& preferences);

    QComboBox* m_theme;
    QFontComboBox* m_font;
    QSpinBox* m_fontSize;
    QCheckBox* m_follow;
    QSpinBox* m_maxRedirects;
    QDoubleSpinBox* m_timeout;
    QCheckBox* m_verify;
    QCheckBox* m_http2;
    QSpinBox* m_maxBody;
    QCheckBox* m_block;
    QLineEdit* m_proxy;
    QLineEdit* m_noProxy;
    QLineEdit* m_authorities;
    QLabel* m_problem;
};

} // namespace Keyhole::Ui
