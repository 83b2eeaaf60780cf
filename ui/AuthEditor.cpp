#include "ui/AuthEditor.h"

#include "core/auth/TokenCheck.h"
#include "core/jwt/Jwt.h"

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

const QList<Kind> kKinds{
    Kind::Inherit, Kind::None,   Kind::Basic,         Kind::Bearer,   Kind::ApiKey,
    Kind::Digest,  Kind::OAuth2, Kind::DjangoSession, Kind::AwsSigV4, Kind::ClientCertificate};
const QStringList kGrants{QStringLiteral("client_credentials"), QStringLiteral("password"),
                          QStringLiteral("authorization_code")};

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
    , m_jwt(new QLabel(this))
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
    , m_grant(new QComboBox(this))
    , m_tokenUrl(new QLineEdit(this))
    , m_authUrl(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_clientSecret(new QLineEdit(this))
    , m_scope(new QLineEdit(this))
    , m_redirectUri(new QLineEdit(this))
    , m_clientAuth(new QComboBox(this))
    , m_certFile(new QLineEdit(this))
    , m_keyFile(new QLineEdit(this))
    , m_keyPassphrase(new QLineEdit(this))
{
    m_kind->setObjectName(u"authKind"_s);
    m_kind->addItems({tr("Inherit from folder"), tr("No auth"), tr("Basic"), tr("Bearer / Token"),
                      tr("API key"), tr("Digest"), tr("OAuth 2.0"), tr("Django session + CSRF"),
                      tr("AWS Signature V4"), tr("Client certificate (mutual TLS)")});
    m_certFile->setObjectName(u"certFile"_s);
    m_certFile->setPlaceholderText(tr("client.pem — relative to the workspace"));
    m_keyFile->setPlaceholderText(tr("client.key — empty when the certificate file holds it"));
    m_keyPassphrase->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_keyPassphrase->setPlaceholderText(tr("{{key_passphrase}} — empty for an unencrypted key"));
    m_grant->setObjectName(u"oauthGrant"_s);
    m_grant->addItems(
        {tr("Client credentials"), tr("Password"), tr("Authorization code + PKCE (browser)")});
    m_tokenUrl->setObjectName(u"tokenUrl"_s);
    m_tokenUrl->setPlaceholderText(tr("/o/token/ — the token endpoint"));
    m_authUrl->setPlaceholderText(tr("/o/authorize/ — opened in your browser"));
    m_clientSecret->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_clientSecret->setPlaceholderText(tr("{{client_secret}} — empty for a public client"));
    m_redirectUri->setPlaceholderText(tr("http://127.0.0.1/callback (any free port)"));
    m_clientAuth->addItems({tr("HTTP Basic"), tr("In the body")});
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
    m_jwt->setObjectName(u"jwtSummary"_s);
    m_jwt->setWordWrap(true);
    m_jwt->setTextInteractionFlags(Qt::TextSelectableByMouse);
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
    m_form->addRow(tr("Grant"), m_grant);
    m_form->addRow(tr("Token URL"), m_tokenUrl);
    m_form->addRow(tr("Authorization URL"), m_authUrl);
    m_form->addRow(tr("Client ID"), m_clientId);
    m_form->addRow(tr("Client secret"), m_clientSecret);
    m_form->addRow(tr("Client authentication"), m_clientAuth);
    m_form->addRow(tr("Scope"), m_scope);
    m_form->addRow(tr("Redirect URI"), m_redirectUri);
    m_form->addRow(tr("Certificate (PEM)"), m_certFile);
    m_form->addRow(tr("Private key (PEM)"), m_keyFile);
    m_form->addRow(tr("Key passphrase"), m_keyPassphrase);
    m_form->addRow(tr("Login URL"), m_loginUrl);
    m_form->addRow(tr("Username"), m_username);
    m_form->addRow(tr("Password"), m_password);
    m_form->addRow(tr("Prefix"), m_prefix);
    m_form->addRow(tr("Token"), m_token);
    m_form->addRow(m_jwt);
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
    for (QLineEdit* edit :
         {m_loginUrl, m_username,    m_password,  m_token,        m_keyName,
          m_keyValue, m_accessKey,   m_secretKey, m_sessionToken, m_region,
          m_service,  m_tokenUrl,    m_authUrl,   m_clientId,     m_clientSecret,
          m_scope,    m_redirectUri, m_certFile,  m_keyFile,      m_keyPassphrase})
        connect(edit, &QLineEdit::textEdited, this, &AuthEditor::emitEdited);
    connect(m_prefix, &QComboBox::currentTextChanged, this, &AuthEditor::emitEdited);
    connect(m_keyIn, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    connect(m_presign, &QCheckBox::toggled, this, &AuthEditor::emitEdited);
    connect(m_grant, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    connect(m_clientAuth, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    connect(m_useCleaned, &QPushButton::clicked, this, [this] {
        m_token->setText(Auth::checkToken(m_token->text(), m_prefix->currentText()).cleaned);
        emitEdited();
    });
    showRowsFor(Kind::Inherit);
}

void AuthEditor::showRowsFor(Model::AuthKind kind)
{
    const bool oauth = kind == Kind::OAuth2;
    const QString grant = kGrants.value(m_grant->currentIndex());
    const bool credentials = kind == Kind::Basic || kind == Kind::Digest ||
                             kind == Kind::DjangoSession || (oauth && grant == u"password");
    const bool bearer = kind == Kind::Bearer;
    const bool apiKey = kind == Kind::ApiKey;
    const bool aws = kind == Kind::AwsSigV4;
    const std::pair<QWidget*, bool> rows[] = {
        {m_loginUrl, kind == Kind::DjangoSession},
        {m_username, credentials},
        {m_password, credentials},
        {m_prefix, bearer || oauth},
        {m_token, bearer},
        {m_keyName, apiKey},
        {m_keyValue, apiKey},
        {m_keyIn, apiKey || oauth},
        {m_grant, oauth},
        {m_tokenUrl, oauth},
        {m_authUrl, oauth && grant == u"authorization_code"},
        {m_redirectUri, oauth && grant == u"authorization_code"},
        {m_certFile, kind == Kind::ClientCertificate},
        {m_keyFile, kind == Kind::ClientCertificate},
        {m_keyPassphrase, kind == Kind::ClientCertificate},
        {m_clientId, oauth},
        {m_clientSecret, oauth},
        {m_clientAuth, oauth},
        {m_scope, oauth},
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
    case Kind::ClientCertificate:
        about = tr("Presented in the TLS handshake of every https hop.");
        break;
    case Kind::OAuth2:
        about = tr("Keyhole gets the token from the token URL (the code flow opens your "
                   "browser and listens on 127.0.0.1 for the redirect), keeps it for this "
                   "window, refreshes it when it expires and renews it once after a 401.");
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
    m_grant->setCurrentIndex(std::max<qsizetype>(0, kGrants.indexOf(auth.oauthGrant)));
    setText(m_tokenUrl, auth.oauthTokenUrl);
    setText(m_authUrl, auth.oauthAuthUrl);
    setText(m_clientId, auth.oauthClientId);
    setText(m_clientSecret, auth.oauthClientSecret);
    setText(m_scope, auth.oauthScope);
    setText(m_redirectUri, auth.oauthRedirectUri);
    m_clientAuth->setCurrentIndex(auth.oauthClientSecretInBody ? 1 : 0);
    setText(m_certFile, auth.certFile);
    setText(m_keyFile, auth.keyFile);
    setText(m_keyPassphrase, auth.keyPassphrase);
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

    // The token as it will go (variables resolved), decoded when it is a JWT.
    const QByteArray resolved = m_resolver.resolve(token).text.trimmed().toUtf8();
    const Result<Jwt::Decoded> jwt = bearer && Jwt::looksLikeJwt(resolved)
                                         ? Jwt::decode(resolved)
                                         : Result<Jwt::Decoded>(Error{});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_jwt->setText(jwt ? Jwt::summary(jwt.value(), now) : QString());
    m_jwt->setStyleSheet(jwt && Jwt::checkTimes(jwt.value(), now).expired ? u"color: #b71c1c;"_s
                                                                          : QString());
    m_form->setRowVisible(m_jwt, jwt.ok());
}

void AuthEditor::setResolver(const Vars::Resolver& resolver)
{
    m_resolver = resolver;
    checkToken();
}

QString AuthEditor::jwtSummary() const
{
    return m_jwt->text();
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
    auth.oauthGrant = kGrants.value(m_grant->currentIndex(), kGrants.first());
    auth.oauthTokenUrl = m_tokenUrl->text();
    auth.oauthAuthUrl = m_authUrl->text();
    auth.oauthClientId = m_clientId->text();
    auth.oauthClientSecret = m_clientSecret->text();
    auth.oauthScope = m_scope->text();
    auth.oauthRedirectUri = m_redirectUri->text();
    auth.oauthClientSecretInBody = m_clientAuth->currentIndex() == 1;
    auth.certFile = m_certFile->text();
    auth.keyFile = m_keyFile->text();
    auth.keyPassphrase = m_keyPassphrase->text();
    showRowsFor(auth.kind);
    emit edited(auth);
}

} // namespace Keyhole::Ui
