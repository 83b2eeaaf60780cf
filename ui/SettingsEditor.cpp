#include "ui/SettingsEditor.h"

#include "core/http/Executor.h"
#include "ui/SendControls.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

// `value` unless it is the default everywhere — this machine's (Preferences) and Keyhole's
// own, which keyhole-cli and other machines use: only then is it left out of the file.
template <typename T>
std::optional<T> unlessDefault(T value, std::optional<T> Model::RequestSettings::*field,
                               const Model::RequestSettings& preferred)
{
    static const Model::RequestSettings builtIn = Http::settingsOf({});
    return value == preferred.*field && value == builtIn.*field ? std::nullopt
                                                                : std::optional<T>(value);
}

} // namespace

SettingsEditor::SettingsEditor(QWidget* parent)
    : QWidget(parent)
    , m_follow(new QCheckBox(tr("&Follow redirects"), this))
    , m_maxRedirects(new QSpinBox(this))
    , m_trust(new QCheckBox(tr("Send &credentials to redirected hosts"), this))
    , m_downgrade(new QCheckBox(tr("Follow redirects from https to plain &http"), this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_verify(new QCheckBox(tr("&Verify TLS certificates"), this))
    , m_insecureNote(new QLabel(this))
    , m_http2(new QCheckBox(tr("Allow HTTP/&2 (negotiated over TLS)"), this))
    , m_proxy(new QLineEdit(this))
    , m_noProxy(new QLineEdit(this))
    , m_reset(new QPushButton(tr("Reset to defaults"), this))
    , m_defaults(Http::settingsOf({}))
{
    m_follow->setObjectName(u"followRedirects"_s);
    m_trust->setObjectName(u"trustRedirects"_s);
    m_downgrade->setObjectName(u"allowDowngrade"_s);
    m_verify->setObjectName(u"verifyTls"_s);
    m_http2->setObjectName(u"http2"_s);
    m_reset->setObjectName(u"resetSettings"_s);
    setUpProxyFields(m_proxy, m_noProxy);

    setUpRedirectLimit(m_maxRedirects);
    m_follow->setToolTip(tr("Follow 3xx answers as curl -L does: 301/302/303 turn a POST into "
                            "a GET, 307/308 keep method and body. Every hop is in the Timeline"));
    m_trust->setToolTip(tr("Off by default: Authorization, Cookie and every credential are "
                           "dropped when a redirect changes scheme, host or port, and the hop "
                           "says so. Turn on only for hosts you trust (curl --location-trusted)"));
    m_downgrade->setToolTip(tr("Off by default: a redirect from https to http would send the "
                               "request in clear text. Always flagged when followed"));
    setUpTimeout(m_timeout);
    m_verify->setToolTip(tr("Off: any certificate is accepted for this request (curl -k). To "
                            "trust one self-signed server, prefer trusting its certificate"));
    m_http2->setToolTip(tr("Off by default so that the Raw view is HTTP/1.1 as sent. With "
                           "HTTP/2 the Raw view shows the header list as sent"));
    m_insecureNote->setObjectName(u"insecureNote"_s);
    m_insecureNote->setText(tr("TLS certificates are not verified: anyone on the path can "
                               "read and change this request, credentials included."));
    m_insecureNote->setWordWrap(true);
    m_insecureNote->setStyleSheet(u"color: #b71c1c;"_s);

    auto* note = new QLabel(tr("Settings left at their default (Keyhole's, or yours from "
                               "Preferences) are not written to the request file. "
                               "keyhole-cli's flags win over them for a run."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(u"color: palette(mid);"_s);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Redirects:"), m_follow);
    form->addRow(tr("At most:"), m_maxRedirects);
    form->addRow(QString(), m_trust);
    form->addRow(QString(), m_downgrade);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("TLS:"), m_verify);
    form->addRow(QString(), m_insecureNote);
    form->addRow(tr("Protocol:"), m_http2);
    form->addRow(tr("&Proxy:"), m_proxy);
    form->addRow(tr("&No proxy for:"), m_noProxy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    auto* resetRow = new QHBoxLayout;
    resetRow->addWidget(m_reset);
    resetRow->addStretch();
    layout->addLayout(resetRow);
    layout->addStretch();

    // Each control sets its own setting only: one stored on purpose stays even when it equals
    // today's default (another machine's Preferences may differ).
    const auto onToggle = [this](QCheckBox* box,
                                 std::optional<bool> Model::RequestSettings::*field) {
        connect(box, &QCheckBox::toggled, this, [this, field](bool checked) {
            change([&](Model::RequestSettings& settings) {
                settings.*field = unlessDefault(checked, field, m_defaults);
            });
        });
    };
    onToggle(m_follow, &Model::RequestSettings::followRedirects);
    onToggle(m_trust, &Model::RequestSettings::trustRedirects);
    onToggle(m_downgrade, &Model::RequestSettings::allowDowngrade);
    onToggle(m_verify, &Model::RequestSettings::verifyTls);
    onToggle(m_http2, &Model::RequestSettings::http2);
    connect(m_maxRedirects, &QSpinBox::valueChanged, this, [this](int most) {
        change([&](Model::RequestSettings& settings) {
            settings.maxRedirects =
                unlessDefault(most, &Model::RequestSettings::maxRedirects, m_defaults);
        });
    });
    connect(m_timeout, &QDoubleSpinBox::valueChanged, this, [this](double seconds) {
        change([&](Model::RequestSettings& settings) {
            settings.timeoutMs = unlessDefault(static_cast<int>(qRound(seconds * 1000)),
                                               &Model::RequestSettings::timeoutMs, m_defaults);
        });
    });
    // (As typed: trimming here would move the cursor while typing; the sender trims.)
    const auto onText = [this](QLineEdit* edit,
                               std::optional<QString> Model::RequestSettings::*field) {
        connect(edit, &QLineEdit::textEdited, this, [this, field](const QString& text) {
            change([&](Model::RequestSettings& settings) {
                settings.*field = text.trimmed().isEmpty() ? std::nullopt
                                                           : unlessDefault(text, field, m_defaults);
            });
        });
    };
    onText(m_proxy, &Model::RequestSettings::proxy);
    onText(m_noProxy, &Model::RequestSettings::noProxy);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        setSettings({});
        emit edited({});
    });
    setSettings({});
}

void SettingsEditor::setDefaults(const Model::RequestSettings& defaults)
{
    m_defaults = defaults;
    m_maxRedirects->setToolTip(tr("Past this many redirects the send stops with an error "
                                  "(default %1)")
                                   .arg(*m_defaults.maxRedirects));
    m_timeout->setToolTip(tr("For the whole exchange, every hop included (default %1 s)")
                              .arg(*m_defaults.timeoutMs / 1000.0));
    m_proxy->setPlaceholderText(*m_defaults.proxy);
    m_noProxy->setPlaceholderText(m_defaults.noProxy->isEmpty() ? tr("localhost, .internal.example")
                                                                : *m_defaults.noProxy);
    setSettings(m_settings);
}

void SettingsEditor::setSettings(const Model::RequestSettings& settings)
{
    m_refreshing = true;
    m_settings = settings;
    Model::RequestSettings shown = m_defaults;
    shown.overlay(settings);
    m_follow->setChecked(*shown.followRedirects);
    m_maxRedirects->setValue(*shown.maxRedirects);
    m_trust->setChecked(*shown.trustRedirects);
    m_downgrade->setChecked(*shown.allowDowngrade);
    m_timeout->setValue(*shown.timeoutMs / 1000.0);
    m_verify->setChecked(*shown.verifyTls);
    m_http2->setChecked(*shown.http2);
    if (m_proxy->text() != settings.proxy.value_or(QString()))
        m_proxy->setText(settings.proxy.value_or(QString()));
    if (m_noProxy->text() != settings.noProxy.value_or(QString()))
        m_noProxy->setText(settings.noProxy.value_or(QString()));
    m_reset->setEnabled(!settings.isEmpty());
    updateEnabled();
    m_refreshing = false;
}

int SettingsEditor::changedCount(const Model::RequestSettings& settings)
{
    return int(settings.followRedirects.has_value()) + int(settings.maxRedirects.has_value()) +
           int(settings.trustRedirects.has_value()) + int(settings.allowDowngrade.has_value()) +
           int(settings.timeoutMs.has_value()) + int(settings.verifyTls.has_value()) +
           int(settings.http2.has_value()) + int(settings.proxy.has_value()) +
           int(settings.noProxy.has_value());
}

void SettingsEditor::updateEnabled()
{
    const bool follow = m_follow->isChecked();
    m_maxRedirects->setEnabled(follow);
    m_trust->setEnabled(follow);
    m_downgrade->setEnabled(follow);
    m_insecureNote->setVisible(!m_verify->isChecked());
}

void SettingsEditor::change(const std::function<void(Model::RequestSettings&)>& edit)
{
    updateEnabled();
    if (m_refreshing)
        return;
    edit(m_settings);
    m_reset->setEnabled(!m_settings.isEmpty());
    emit edited(m_settings);
}

} // namespace Keyhole::Ui
