#include "ui/PreferencesDialog.h"

#include "ui/SendControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

constexpr qint64 kMegabyte = 1024 * 1024;

} // namespace

PreferencesDialog::PreferencesDialog(const Preferences& preferences, QWidget* parent)
    : QDialog(parent)
    , m_theme(new QComboBox(this))
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QSpinBox(this))
    , m_follow(new QCheckBox(tr("&Follow redirects"), this))
    , m_maxRedirects(new QSpinBox(this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_verify(new QCheckBox(tr("&Verify TLS certificates"), this))
    , m_http2(new QCheckBox(tr("Allow HTTP/&2 (negotiated over TLS)"), this))
    , m_maxBody(new QSpinBox(this))
    , m_block(new QCheckBox(tr("Refuse to send &unresolved {{variables}}"), this))
    , m_proxy(new QLineEdit(this))
    , m_noProxy(new QLineEdit(this))
    , m_authorities(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(u"preferencesDialog"_s);
    m_theme->setObjectName(u"theme"_s);
    m_font->setObjectName(u"textFont"_s);
    m_fontSize->setObjectName(u"textFontSize"_s);
    m_follow->setObjectName(u"followRedirects"_s);
    m_verify->setObjectName(u"verifyTls"_s);
    m_http2->setObjectName(u"http2"_s);
    m_maxBody->setObjectName(u"maxBody"_s);
    m_block->setObjectName(u"blockUnresolved"_s);
    m_authorities->setObjectName(u"caCertificates"_s);
    m_problem->setObjectName(u"problem"_s);

    m_theme->addItem(tr("Follow the system"), int(Theme::System));
    m_theme->addItem(tr("Light"), int(Theme::Light));
    m_theme->addItem(tr("Dark"), int(Theme::Dark));
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setToolTip(tr("For bodies, raw messages, diffs and the body editor"));
    m_fontSize->setRange(6, 48);
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setAccessibleName(tr("Text font size"));
    setUpRedirectLimit(m_maxRedirects);
    setUpTimeout(m_timeout);
    setUpProxyFields(m_proxy, m_noProxy);
    m_verify->setToolTip(tr("Off: any certificate is accepted for every send. To trust a "
                            "private CA or one self-signed server, add it below instead"));
    m_maxBody->setRange(1, 1024);
    m_maxBody->setSuffix(tr(" MB"));
    m_maxBody->setAccessibleName(tr("Largest response body"));
    m_maxBody->setToolTip(tr("A bigger answer stops with a \"too large\" error, its first "
                             "bytes kept"));
    m_block->setToolTip(tr("Off: a {{variable}} without a value is sent literally with a "
                           "warning. On: the send is refused and the variable named"));
    m_authorities->setPlaceholderText(tr("none: the system's certificate authorities only"));
    m_authorities->setToolTip(tr("A PEM file of certificate authorities trusted on top of the "
                                 "system's (curl --cacert): a company CA, a self-signed server"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b71c1c;"_s);
    m_problem->hide();

    auto* fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_fontSize);
    auto* appearance = new QGroupBox(tr("Appearance"), this);
    auto* appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("&Theme:"), m_theme);
    auto* fontLabel = new QLabel(tr("Text &font:"), appearance);
    fontLabel->setBuddy(m_font);
    appearanceForm->addRow(fontLabel, fontRow);

    auto* sending = new QGroupBox(tr("Sending (a request's Settings tab wins over these)"), this);
    auto* sendingForm = new QFormLayout(sending);
    sendingForm->addRow(tr("Redirects:"), m_follow);
    sendingForm->addRow(tr("At most:"), m_maxRedirects);
    sendingForm->addRow(tr("T&imeout:"), m_timeout);
    sendingForm->addRow(tr("TLS:"), m_verify);
    sendingForm->addRow(tr("Protocol:"), m_http2);
    sendingForm->addRow(tr("Largest &response:"), m_maxBody);
    sendingForm->addRow(tr("Variables:"), m_block);

    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(u"browseCaCertificates"_s);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Certificate Authorities (PEM)"), m_authorities->text(),
            tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_authorities->setText(file);
    });
    auto* authoritiesRow = new QHBoxLayout;
    authoritiesRow->addWidget(m_authorities, 1);
    authoritiesRow->addWidget(browse);
    auto* network = new QGroupBox(tr("Network"), this);
    auto* networkForm = new QFormLayout(network);
    networkForm->addRow(tr("&Proxy:"), m_proxy);
    networkForm->addRow(tr("&No proxy for:"), m_noProxy);
    auto* authoritiesLabel = new QLabel(tr("Trusted &CAs:"), network);
    authoritiesLabel->setBuddy(m_authorities);
    networkForm->addRow(authoritiesLabel, authoritiesRow);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { display(Preferences()); });
    connect(m_follow, &QCheckBox::toggled, m_maxRedirects, &QWidget::setEnabled);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(appearance);
    layout->addWidget(sending);
    layout->addWidget(network);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    display(preferences);
}

void PreferencesDialog::display(const Preferences& preferences)
{
    m_theme->setCurrentIndex(m_theme->findData(int(preferences.theme)));
    m_font->setCurrentFont(preferences.textFont);
    m_fontSize->setValue(preferences.textFont.pointSize() > 0 ? preferences.textFont.pointSize()
                                                              : 10);
    const Http::ExecuteOptions& send = preferences.send;
    m_follow->setChecked(send.followRedirects);
    m_maxRedirects->setValue(send.maxRedirects);
    m_maxRedirects->setEnabled(send.followRedirects);
    m_timeout->setValue(send.timeoutMs / 1000.0);
    m_verify->setChecked(!send.insecure);
    m_http2->setChecked(send.http2);
    m_maxBody->setValue(
        static_cast<int>(qBound(qint64(1), send.maxBodyBytes / kMegabyte, qint64(1024))));
    m_block->setChecked(preferences.blockUnresolved);
    m_proxy->setText(send.proxy == u"system" ? QString() : send.proxy);
    m_noProxy->setText(send.noProxy);
    m_authorities->setText(send.caCertificates);
    m_problem->hide();
}

Preferences PreferencesDialog::preferences() const
{
    Preferences preferences;
    preferences.theme = static_cast<Theme>(m_theme->currentData().toInt());
    preferences.textFont = m_font->currentFont();
    preferences.textFont.setPointSize(m_fontSize->value());
    Http::ExecuteOptions& send = preferences.send;
    send.followRedirects = m_follow->isChecked();
    send.maxRedirects = m_maxRedirects->value();
    send.timeoutMs = static_cast<int>(qRound(m_timeout->value() * 1000));
    send.insecure = !m_verify->isChecked();
    send.http2 = m_http2->isChecked();
    send.maxBodyBytes = m_maxBody->value() * kMegabyte;
    preferences.blockUnresolved = m_block->isChecked();
    const QString proxy = m_proxy->text().trimmed();
    send.proxy = proxy.isEmpty() ? u"system"_s : proxy;
    send.noProxy = m_noProxy->text().trimmed();
    send.caCertificates = m_authorities->text().trimmed();
    return preferences;
}

void PreferencesDialog::accept()
{
    const QString problem = preferencesProblem(preferences());
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

} // namespace Keyhole::Ui
