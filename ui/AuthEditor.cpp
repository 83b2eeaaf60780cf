#include "ui/AuthEditor.h"

#include "core/auth/TokenCheck.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

using Kind = Model::AuthKind;

const QList<Kind> kKinds{Kind::Inherit, Kind::None,   Kind::Basic,         Kind::Bearer,
                         Kind::ApiKey,  Kind::Digest, Kind::DjangoSession, Kind::AwsSigV4};

void setText(QLineEdit* edit, const QString& text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

AuthEditor::AuthEditor(QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_form(new QFormLayout)
    , m_about(new QLabel(this))
    , m_loginUrl(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_prefix(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_tokenProblems(new QLabel(this))
    , m_useCleaned(new QPushButton(tr("Use the cleaned value"), this))
    , m_keyName(new QLineEdit(this))
    , m_keyValue(new QLineEdit(this))
    , m_keyIn(new QComboBox(this))
    , m_accessKey(new QLineEdit(this))
    , m_secretKey(new QLineEdit(this))
    , m_sessionToken(new QLineEdit(this))
    , m_region(new QLineEdit(this))
    , m_service(new QLineEdit(this))
    , m_presign(new QCheckBox(tr("Sign the URL (presigned query parameters)"), this))
{
    m_kind->setObjectName(u"authKind"_s);
    m_kind->addItems({tr("Inherit from folder"), tr("No auth"), tr("Basic"), tr("Bearer / Token"),
                      tr("API key"), tr("Digest"), tr("Django session + CSRF"),
                      tr("AWS Signature V4")});
    m_about->setWordWrap(true);
    m_loginUrl->setObjectName(u"loginUrl"_s);
    m_loginUrl->setPlaceholderText(tr("/accounts/login/ — the login form"));
    m_password->setEchoMode(QLineEdit::Password);
    m_prefix->setEditable(true);
    m_prefix->addItems({u"Bearer"_s, u"Token"_s, u"JWT"_s, QString()});
    m_prefix->setToolTip(tr("Sent as \"<prefix> <token>\"; empty sends the token alone"));
    m_token->setObjectName(u"token"_s);
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_token->setPlaceholderText(tr("{{token}} — or paste one"));
    m_tokenProblems->setStyleSheet(u"color: #b71c1c;"_s);
    m_tokenProblems->setWordWrap(true);
    m_keyValue->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_keyIn->addItems({tr("Header"), tr("Query parameter")});
    m_accessKey->setObjectName(u"accessKey"_s);
    m_secretKey->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_secretKey->setPlaceholderText(tr("{{aws_secret_key}}"));
    m_sessionToken->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_sessionToken->setPlaceholderText(tr("optional: temporary credentials (STS)"));
    m_region->setPlaceholderText(u"us-east-1"_s);
    m_service->setPlaceholderText(u"s3, execute-api, …"_s);

    m_form->addRow(m_about);
    m_form->addRow(tr("Login URL"), m_loginUrl);
    m_form->addRow(tr("Username"), m_username);
    m_form->addRow(tr("Password"), m_password);
    m_form->addRow(tr("Prefix"), m_prefix);
    m_form->addRow(tr("Token"), m_token);
    m_form->addRow(m_tokenProblems);
    m_form->addRow(m_useCleaned);
    m_form->addRow(tr("Name"), m_keyName);
    m_form->addRow(tr("Value"), m_keyValue);
    m_form->addRow(tr("Send in"), m_keyIn);
    m_form->addRow(tr("Access key"), m_accessKey);
    m_form->addRow(tr("Secret key"), m_secretKey);
    m_form->addRow(tr("Session token"), m_sessionToken);
    m_form->addRow(tr("Region"), m_region);
    m_form->addRow(tr("Service"), m_service);
    m_form->addRow(m_presign);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_kind);
    layout->addLayout(m_form);
    layout->addStretch(1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    for (QLineEdit* edit : {m_loginUrl, m_username, m_password, m_token, m_keyName, m_keyValue,
                            m_accessKey, m_secretKey, m_sessionToken, m_region, m_service})
        connect(edit, &QLineEdit::textEdited, this, &AuthEditor::emitEdited);
    connect(m_prefix, &QComboBox::currentTextChanged, this, &AuthEditor::emitEdited);
    connect(m_keyIn, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    connect(m_presign, &QCheckBox::toggled, this, &AuthEditor::emitEdited);
    connect(m_useCleaned, &QPushButton::clicked, this, [this] {
        m_token->setText(Auth::checkToken(m_token->text(), m_prefix->currentText()).cleaned);
        emitEdited();
    });
    showRowsFor(Kind::Inherit);
}

void AuthEditor::showRowsFor(Model::AuthKind kind)
{
    const bool credentials =
        kind == Kind::Basic || kind == Kind::Digest || kind == Kind::DjangoSession;
    const bool bearer = kind == Kind::Bearer;
    const bool apiKey = kind == Kind::ApiKey;
    const bool aws = kind == Kind::AwsSigV4;
    const std::pair<QWidget*, bool> rows[] = {
        {m_loginUrl, kind == Kind::DjangoSession},
        {m_username, credentials},
        {m_password, credentials},
        {m_prefix, bearer},
        {m_token, bearer},
        {m_keyName, apiKey},
        {m_keyValue, apiKey},
        {m_keyIn, apiKey},
        {m_accessKey, aws},
        {m_secretKey, aws},
        {m_sessionToken, aws},
        {m_region, aws},
        {m_service, aws},
        {m_presign, aws},
    };
    for (const auto& [widget, visible] : rows)
        m_form->setRowVisible(widget, visible);
    QString about;
    switch (kind) {
    case Kind::None:
        about = tr("No Authorization is sent.");
        break;
    case Kind::Digest:
        about = tr("The first request goes without credentials; the server's 401 challenge "
                   "is answered (MD5 or SHA-256) in a second hop you can see in Raw.");
        break;
    case Kind::DjangoSession:
        about = tr("Keyhole loads the login form, posts the username and password with its "
                   "CSRF token, keeps the session cookie for this window, and sends "
                   "X-CSRFToken on POST, PUT, PATCH and DELETE.");
        break;
    case Kind::AwsSigV4:
        about = tr("Signed at send time with the current clock (X-Amz-Date).");
        break;
    default:
        break;
    }
    if (kind != Kind::Inherit) {
        m_about->setText(about);
        m_form->setRowVisible(m_about, !about.isEmpty());
    } else {
        m_form->setRowVisible(m_about, true);
    }
    checkToken();
}

void AuthEditor::setAuth(const Model::AuthConfig& auth, const Model::AuthConfig& effective)
{
    m_refreshing = true;
    m_auth = auth;
    m_kind->setCurrentIndex(static_cast<int>(kKinds.indexOf(auth.kind)));
    m_about->setText(tr("Uses the folder's or collection's setting: %1")
                         .arg(Model::authKindName(effective.kind)));
    setText(m_loginUrl, auth.loginUrl);
    setText(m_username, auth.username);
    setText(m_password, auth.password);
    if (m_prefix->currentText() != auth.prefix)
        m_prefix->setCurrentText(auth.prefix);
    setText(m_token, auth.token);
    setText(m_keyName, auth.keyName);
    setText(m_keyValue, auth.keyValue);
    m_keyIn->setCurrentIndex(auth.keyInQuery ? 1 : 0);
    setText(m_accessKey, auth.awsAccessKey);
    setText(m_secretKey, auth.awsSecretKey);
    setText(m_sessionToken, auth.awsSessionToken);
    setText(m_region, auth.awsRegion);
    setText(m_service, auth.awsService);
    m_presign->setChecked(auth.awsSignQuery);
    showRowsFor(auth.kind);
    m_refreshing = false;
}

QString AuthEditor::tokenProblems() const
{
    return m_tokenProblems->text();
}

void AuthEditor::checkToken()
{
    // Variables are checked when they resolve; a literal pasted token is checked here.
    const QString token = m_token->text();
    const bool bearer = m_kind->currentIndex() == static_cast<int>(kKinds.indexOf(Kind::Bearer));
    const Auth::TokenCheck check = !bearer || token.contains(u"{{"_s)
                                       ? Auth::TokenCheck{token, {}}
                                       : Auth::checkToken(token, m_prefix->currentText());
    m_tokenProblems->setText(check.problems.isEmpty()
                                 ? QString()
                                 : tr("This token %1.").arg(check.problems.join(tr(", "))));
    m_form->setRowVisible(m_tokenProblems, !check.problems.isEmpty());
    m_form->setRowVisible(m_useCleaned, !check.problems.isEmpty());
}

void AuthEditor::emitEdited()
{
    if (m_refreshing)
        return;
    Model::AuthConfig auth = m_auth;
    const int index = m_kind->currentIndex();
    if (index >= 0 && index < kKinds.size())
        auth.kind = kKinds[index];
    auth.loginUrl = m_loginUrl->text();
    auth.username = m_username->text();
    auth.password = m_password->text();
    auth.prefix = m_prefix->currentText();
    auth.token = m_token->text();
    auth.keyName = m_keyName->text();
    auth.keyValue = m_keyValue->text();
    auth.keyInQuery = m_keyIn->currentIndex() == 1;
    auth.awsAccessKey = m_accessKey->text();
    auth.awsSecretKey = m_secretKey->text();
    auth.awsSessionToken = m_sessionToken->text();
    auth.awsRegion = m_region->text();
    auth.awsService = m_service->text();
    auth.awsSignQuery = m_presign->isChecked();
    showRowsFor(auth.kind);
    emit edited(auth);
}

} // namespace Keyhole::Ui
