#include "ui/AuthEditor.h"

#include "core/auth/TokenCheck.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

const QList<Model::AuthKind> kKinds{Model::AuthKind::Inherit, Model::AuthKind::None,
                                    Model::AuthKind::Basic, Model::AuthKind::Bearer,
                                    Model::AuthKind::ApiKey};

void setText(QLineEdit* edit, const QString& text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

AuthEditor::AuthEditor(QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_inherited(new QLabel(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_prefix(new QComboBox(this))
    , m_token(new QLineEdit(this))
    , m_tokenProblems(new QLabel(this))
    , m_useCleaned(new QPushButton(tr("Use the cleaned value"), this))
    , m_keyName(new QLineEdit(this))
    , m_keyValue(new QLineEdit(this))
    , m_keyIn(new QComboBox(this))
{
    m_kind->setObjectName(u"authKind"_s);
    m_kind->addItems({tr("Inherit from folder"), tr("No auth"), tr("Basic"), tr("Bearer / Token"),
                      tr("API key")});
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

    auto page = [this](auto build) {
        auto* widget = new QWidget(this);
        auto* form = new QFormLayout(widget);
        build(form);
        m_pages->addWidget(widget);
    };
    page([this](QFormLayout* form) { form->addRow(m_inherited); });
    page([this](QFormLayout* form) {
        form->addRow(new QLabel(tr("No Authorization is sent."), this));
    });
    page([this](QFormLayout* form) {
        form->addRow(tr("Username"), m_username);
        form->addRow(tr("Password"), m_password);
    });
    page([this](QFormLayout* form) {
        form->addRow(tr("Prefix"), m_prefix);
        form->addRow(tr("Token"), m_token);
        form->addRow(m_tokenProblems);
        form->addRow(m_useCleaned);
    });
    page([this](QFormLayout* form) {
        form->addRow(tr("Name"), m_keyName);
        form->addRow(tr("Value"), m_keyValue);
        form->addRow(tr("Send in"), m_keyIn);
    });
    m_inherited->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_kind);
    layout->addWidget(m_pages, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    for (QLineEdit* edit : {m_username, m_password, m_token, m_keyName, m_keyValue})
        connect(edit, &QLineEdit::textEdited, this, &AuthEditor::emitEdited);
    connect(m_prefix, &QComboBox::currentTextChanged, this, &AuthEditor::emitEdited);
    connect(m_keyIn, &QComboBox::currentIndexChanged, this, &AuthEditor::emitEdited);
    connect(m_useCleaned, &QPushButton::clicked, this, [this] {
        m_token->setText(Auth::checkToken(m_token->text(), m_prefix->currentText()).cleaned);
        emitEdited();
    });
}

void AuthEditor::setAuth(const Model::AuthConfig& auth, const Model::AuthConfig& effective)
{
    m_refreshing = true;
    m_auth = auth;
    const int index = static_cast<int>(kKinds.indexOf(auth.kind));
    m_kind->setCurrentIndex(index);
    m_pages->setCurrentIndex(index);
    m_inherited->setText(tr("Uses the folder's or collection's setting: %1")
                             .arg(Model::authKindName(effective.kind)));
    setText(m_username, auth.username);
    setText(m_password, auth.password);
    if (m_prefix->currentText() != auth.prefix)
        m_prefix->setCurrentText(auth.prefix);
    setText(m_token, auth.token);
    setText(m_keyName, auth.keyName);
    setText(m_keyValue, auth.keyValue);
    m_keyIn->setCurrentIndex(auth.keyInQuery ? 1 : 0);
    checkToken();
    m_refreshing = false;
}

QString AuthEditor::tokenProblems() const
{
    return m_tokenProblems->isHidden() ? QString() : m_tokenProblems->text();
}

void AuthEditor::checkToken()
{
    // Variables are checked when they resolve; a literal pasted token is checked here.
    const QString token = m_token->text();
    const Auth::TokenCheck check = token.contains(u"{{"_s)
                                       ? Auth::TokenCheck{token, {}}
                                       : Auth::checkToken(token, m_prefix->currentText());
    m_tokenProblems->setText(check.problems.isEmpty()
                                 ? QString()
                                 : tr("This token %1.").arg(check.problems.join(tr(", "))));
    m_tokenProblems->setVisible(!check.problems.isEmpty());
    m_useCleaned->setVisible(!check.problems.isEmpty());
}

void AuthEditor::emitEdited()
{
    if (m_refreshing)
        return;
    Model::AuthConfig auth = m_auth;
    const int index = m_kind->currentIndex();
    if (index >= 0 && index < kKinds.size())
        auth.kind = kKinds[index];
    m_pages->setCurrentIndex(index);
    auth.username = m_username->text();
    auth.password = m_password->text();
    auth.prefix = m_prefix->currentText();
    auth.token = m_token->text();
    auth.keyName = m_keyName->text();
    auth.keyValue = m_keyValue->text();
    auth.keyInQuery = m_keyIn->currentIndex() == 1;
    checkToken();
    emit edited(auth);
}

} // namespace Keyhole::Ui
