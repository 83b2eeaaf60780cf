#pragma once

#include "core/model/RequestSettings.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Keyhole::Ui {

// The Settings tab: how this request is sent — redirects, timeout, TLS verification, HTTP/2.
// Each control shows the value a send will use; a value equal to Keyhole's default is not
// stored (the request file keeps only what differs), so "Reset to defaults" empties it.
class SettingsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsEditor)

public:
    explicit SettingsEditor(QWidget* parent = nullptr);

    void setSettings(const Model::RequestSettings& settings);
    // What an unset setting means (every field set): Keyhole's defaults under the user's
    // Preferences. A control set back to its default leaves the file.
    void setDefaults(const Model::RequestSettings& defaults);
    // How many settings differ from Keyhole's defaults (the tab says "Settings (2)").
    static int changedCount(const Model::RequestSettings& settings);

signals:
    void edited(const Keyhole::Model::RequestSettings& settings);

private:
    void change(const std::function<void(Model::RequestSettings&)>& edit);
    void updateEnabled();

    bool m_refreshing = false;
    QCheckBox* m_follow;
    QSpinBox* m_maxRedirects;
    QCheckBox* m_trust;
    QCheckBox* m_downgrade;
    QDoubleSpinBox* m_timeout;
    QCheckBox* m_verify;
    QLabel* m_insecureNote;
    QCheckBox* m_http2;
    QLineEdit* m_proxy;
    QLineEdit* m_noProxy;
    QPushButton* m_reset;
    Model::RequestSettings m_settings; // as the request has them
    Model::RequestSettings m_defaults;
};

} // namespace Keyhole::Ui
