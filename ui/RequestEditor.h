#pragma once

#include "core/model/RequestTemplate.h"
#include "core/vars/Resolver.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTabWidget;

namespace Keyhole::Ui {

class AssertionsTableModel;
class AuthEditor;
class SettingsEditor;
class KeyValueTableModel;
class RequestDocument;
class VariableHighlighter;

// Edits one RequestDocument: method, URL, params, headers, body. Every change goes through
// the document as an undoable edit; the editor only displays and forwards.
class RequestEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestEditor)

public:
    explicit RequestEditor(QWidget* parent = nullptr);

    void setDocument(RequestDocument* document); // null shows an empty, disabled editor
    // The variables in scope for this request (environment, folders...): {{names}} are
    // highlighted, and what is not set is listed under the URL.
    void setResolver(const Vars::Resolver& resolver);
    // What Inherit resolves to for this request (shown in the Auth tab).
    void setEffectiveAuth(const Model::AuthConfig& effective);
    // What the Settings tab shows for a setting the request leaves unset.
    void setSettingsDefaults(const Model::RequestSettings& defaults);
    AuthEditor* authEditor() const { return m_auth; }
    QString variableProblemsText() const;
    RequestDocument* document() const { return m_document; }
    // Switches the Send button between "Send" and "Cancel".
    void setSending(bool sending);
    void focusUrl();

    QLineEdit* urlEdit() const { return m_url; }
    QComboBox* methodBox() const { return m_method; }
    QPlainTextEdit* bodyEdit() const { return m_bodyText; }
    KeyValueTableModel* headersModel() const { return m_headers; }

signals:
    void sendRequested();
    void cancelRequested();

private:
    void refresh();
    void refreshVariables();
    void updateAuthTabText();
    QTableView* makeTable(KeyValueTableModel* model);
    // A table whose first column is a checkbox; `widths` of the next columns; Delete removes.
    QTableView* makeTable(QAbstractItemModel* model, const QList<int>& widths,
                          const std::function<void(int)>& removeRow);
    // Applies `change` to a copy of the request and records it as one undoable edit.
    void edit(const QString& description,
              const std::function<void(Model::RequestTemplate&)>& change, int merge = -1);
    void editMethod(const QString& method);
    void editUrl(const QString& url);
    void editBodyKind(int index);
    void editContentType(const QString& type);
    void editBodyText();
    void editFilePath(const QString& path);

    QPointer<RequestDocument> m_document;
    bool m_refreshing = false;
    bool m_sending = false;
    QComboBox* m_method;
    QLineEdit* m_url;
    QPushButton* m_send;
    QTabWidget* m_tabs;
    KeyValueTableModel* m_params;
    KeyValueTableModel* m_headers;
    KeyValueTableModel* m_requestVariables; // the request scope
    QTableView* m_variablesTable = nullptr;
    KeyValueTableModel* m_form;
    QComboBox* m_bodyKind;
    QComboBox* m_contentType;
    QStackedWidget* m_bodyStack;
    QPlainTextEdit* m_bodyText;
    QLineEdit* m_filePath;
    QLabel* m_multipart;
    QLabel* m_description;
    QLabel* m_variables;
    AuthEditor* m_auth;
    SettingsEditor* m_settings;
    AssertionsTableModel* m_assertions;
    QTableView* m_assertionsTable = nullptr;
    Model::AuthConfig m_effectiveAuth;
    VariableHighlighter* m_highlighter;
    Vars::Resolver m_resolver;
};

} // namespace Keyhole::Ui
