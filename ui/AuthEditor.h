#pragma once

#include "core/model/AuthConfig.h"
#include "core/vars/Resolver.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Keyhole::Ui {

// The Auth tab: the scheme and its fields (one form; each scheme shows its own rows). Shows
// what Inherit resolves to, and checks a pasted token (spaces, newlines, quotes, a repeated
// prefix), offering the cleaned value — never changing it silently.
class AuthEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthEditor)

public:
    explicit AuthEditor(QWidget* parent = nullptr);

    void setAuth(const Model::AuthConfig& auth, const Model::AuthConfig& effective);
    QString tokenProblems() const;
    // Variables as the next send would resolve them: the token's JWT summary uses them.
    void setResolver(const Vars::Resolver& resolver);
    // What the token decodes to ("JWT HS256 · expires in 4 min ..."), or empty.
    QString jwtSummary() const;

signals:
    void edited(const Keyhole::Model::AuthConfig& auth);

private:
    void emitEdited();
    void checkToken();
    void showRowsFor(Model::AuthKind kind);

    bool m_refreshing = false;
    Model::AuthConfig m_auth;
    QComboBox* m_kind;
    QFormLayout* m_form;
    QLabel* m_about;
    QLineEdit* m_loginUrl;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QComboBox* m_prefix;
    QLineEdit* m_token;
    QLabel* m_tokenProblems;
    QLabel* m_jwt;
    Vars::Resolver m_resolver;
    QPushButton* m_useCleaned;
    QLineEdit* m_keyName;
    QLineEdit* m_keyValue;
    QComboBox* m_keyIn;
    QLineEdit* m_accessKey;
    QLineEdit* m_secretKey;
    QLineEdit* m_sessionToken;
    QLineEdit* m_region;
    QLineEdit* m_service;
    QCheckBox* m_presign;
    QComboBox* m_grant;
    QLineEdit* m_tokenUrl;
    QLineEdit* m_authUrl;
    QLineEdit* m_clientId;
    QLineEdit* m_clientSecret;
    QLineEdit* m_scope;
    QLineEdit* m_redirectUri;
    QComboBox* m_clientAuth;
    QLineEdit* m_certFile;
    QLineEdit* m_keyFile;
    QLineEdit* m_keyPassphrase;
};

} // namespace Keyhole::Ui
