#include "ui/RequestEditor.h"

#include "core/interchange/import/CurlImport.h"
#include "ui/Appearance.h"
#include "ui/AssertionsTableModel.h"
#include "ui/AuthEditor.h"
#include "ui/KeyValueTableModel.h"
#include "ui/RequestDocument.h"
#include "ui/SettingsEditor.h"
#include "ui/VariableHighlighter.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

enum BodyPage { NonePage, TextPage, FormPage, MultipartPage, FilePage };

const QList<Model::BodyKind> kBodyKinds{Model::BodyKind::None, Model::BodyKind::Raw,
                                        Model::BodyKind::FormUrlEncoded, Model::BodyKind::Multipart,
                                        Model::BodyKind::BinaryFile};

// Sets a widget's text only when it differs, so the cursor survives the user's own edits.
void setTextKeepingCursor(QLineEdit* edit, const QString& text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

RequestEditor::RequestEditor(QWidget* parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_tabs(new QTabWidget(this))
    , m_params(new KeyValueTableModel(this))
    , m_headers(new KeyValueTableModel(this))
    , m_requestVariables(new KeyValueTableModel(this))
    , m_form(new KeyValueTableModel(this))
    , m_bodyKind(new QComboBox(this))
    , m_contentType(new QComboBox(this))
    , m_bodyStack(new QStackedWidget(this))
    , m_bodyText(new QPlainTextEdit(this))
    , m_filePath(new QLineEdit(this))
    , m_multipart(new QLabel(this))
    , m_description(new QLabel(this))
    , m_variables(new QLabel(this))
    , m_auth(new AuthEditor(this))
    , m_settings(new SettingsEditor(this))
    , m_assertions(new AssertionsTableModel(this))
    , m_highlighter(new VariableHighlighter(m_bodyText->document()))
{
    m_variables->setObjectName(u"variableProblems"_s);
    m_variables->setWordWrap(true);
    m_variables->setStyleSheet(u"color: #b71c1c;"_s);
    m_variables->hide();
    m_method->setEditable(true);
    m_method->addItems(
        {u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s});
    m_method->setMinimumWidth(100);
    m_method->setObjectName(u"method"_s);
    m_url->setPlaceholderText(tr("https://api.example.com/items  — {{variables}} welcome"));
    m_url->setObjectName(u"url"_s);
    m_url->setClearButtonEnabled(true);
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    m_send->setObjectName(u"send"_s);

    auto* line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    line->addWidget(m_send);

    m_description->setWordWrap(true);
    m_description->setStyleSheet(u"color: palette(mid);"_s);

    m_tabs->setObjectName(u"requestTabs"_s);
    m_tabs->addTab(makeTable(m_params), tr("Params"));
    m_tabs->addTab(makeTable(m_headers), tr("Headers"));

    useTextFont(m_bodyText);
    m_bodyText->setObjectName(u"bodyText"_s);
    m_bodyText->setUndoRedoEnabled(false); // Edit > Undo (the document) is the one undo
    m_bodyText->setPlaceholderText(tr("Request body; {{variables}} are resolved when sending"));
    m_bodyKind->addItems(
        {tr("None"), tr("Raw"), tr("Form URL-encoded"), tr("Multipart"), tr("Binary file")});
    m_contentType->setEditable(true);
    m_contentType->addItems({u"application/json"_s, u"text/plain"_s, u"application/xml"_s,
                             u"text/html"_s, u"application/octet-stream"_s});
    m_contentType->setToolTip(tr("Content-Type sent unless a header sets one"));

    auto* noBody = new QLabel(tr("This request has no body."), this);
    noBody->setAlignment(Qt::AlignCenter);
    auto* filePage = new QWidget(this);
    auto* fileLayout = new QHBoxLayout(filePage);
    auto* browse = new QToolButton(filePage);
    browse->setText(tr("Choose…"));
    fileLayout->addWidget(new QLabel(tr("File:"), filePage));
    fileLayout->addWidget(m_filePath, 1);
    fileLayout->addWidget(browse);
    fileLayout->setAlignment(Qt::AlignTop);
    m_multipart->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_multipart->setWordWrap(true);
    m_bodyStack->insertWidget(NonePage, noBody);
    m_bodyStack->insertWidget(TextPage, m_bodyText);
    m_bodyStack->insertWidget(FormPage, makeTable(m_form));
    m_bodyStack->insertWidget(MultipartPage, m_multipart);
    m_bodyStack->insertWidget(FilePage, filePage);

    auto* bodyPage = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(bodyPage);
    auto* bodyBar = new QHBoxLayout;
    bodyBar->addWidget(m_bodyKind);
    bodyBar->addWidget(m_contentType);
    bodyBar->addStretch();
    bodyLayout->addLayout(bodyBar);
    bodyLayout->addWidget(m_bodyStack, 1);
    m_tabs->addTab(bodyPage, tr("Body"));
    m_tabs->addTab(m_auth, tr("Auth"));
    connect(m_auth, &AuthEditor::edited, this, [this](const Model::AuthConfig& auth) {
        edit(
            tr("Edit auth"), [&](Model::RequestTemplate& r) { r.auth = auth; },
            RequestDocument::MergeAuth);
    });
    m_variablesTable = makeTable(m_requestVariables);
    m_variablesTable->setObjectName(u"variablesTable"_s);
    m_variablesTable->setToolTip(
        tr("Values for this request only: they win over the folder's, the collection's and the "
           "environment's (not over a login's fresh token). Secrets belong in an environment"));
    m_tabs->addTab(m_variablesTable, tr("Vars"));
    QTableView* assertions = makeTable(m_assertions, {90, 220, 110},
                                       [this](int row) { m_assertions->removeRowAt(row); });
    assertions->setObjectName(u"assertionsTable"_s);
    m_assertionsTable = assertions;
    assertions->setItemDelegate(new AssertionsDelegate(assertions));
    m_tabs->addTab(assertions, tr("Assertions"));
    connect(m_assertions, &AssertionsTableModel::edited, this,
            [this](const QList<Model::Assertion>& rows) {
                edit(tr("Edit assertions"),
                     [&](Model::RequestTemplate& r) { r.assertions = rows; });
            });
    m_tabs->addTab(m_settings, tr("Settings"));
    connect(m_settings, &SettingsEditor::edited, this,
            [this](const Model::RequestSettings& settings) {
                edit(
                    tr("Edit settings"), [&](Model::RequestTemplate& r) { r.settings = settings; },
                    RequestDocument::MergeSettings);
            });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(line);
    layout->addWidget(m_variables);
    layout->addWidget(m_description);
    layout->addWidget(m_tabs, 1);

    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_sending)
            emit cancelRequested();
        else
            emit sendRequested();
    });
    connect(m_url, &QLineEdit::returnPressed, this, &RequestEditor::sendRequested);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestEditor::editMethod);
    connect(m_url, &QLineEdit::textEdited, this, &RequestEditor::editUrl);
    connect(m_bodyKind, &QComboBox::currentIndexChanged, this, &RequestEditor::editBodyKind);
    connect(m_contentType, &QComboBox::currentTextChanged, this, &RequestEditor::editContentType);
    connect(m_bodyText, &QPlainTextEdit::textChanged, this, &RequestEditor::editBodyText);
    connect(m_filePath, &QLineEdit::textEdited, this, &RequestEditor::editFilePath);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Body file"));
        if (!path.isEmpty()) {
            m_filePath->setText(path);
            editFilePath(path);
        }
    });
    auto tableEdit = [this](KeyValueTableModel* model, auto member, const QString& what) {
        connect(model, &KeyValueTableModel::edited, this,
                [this, member, what](const Model::KeyValueList& rows) {
                    edit(what, [&](Model::RequestTemplate& r) { member(r) = rows; });
                });
    };
    tableEdit(
        m_params, [](Model::RequestTemplate& r) -> Model::KeyValueList& { return r.params; },
        tr("Edit params"));
    tableEdit(
        m_headers, [](Model::RequestTemplate& r) -> Model::KeyValueList& { return r.headers; },
        tr("Edit headers"));
    tableEdit(
        m_form, [](Model::RequestTemplate& r) -> Model::KeyValueList& { return r.body.form; },
        tr("Edit form"));
    tableEdit(
        m_requestVariables,
        [](Model::RequestTemplate& r) -> Model::KeyValueList& { return r.variables; },
        tr("Edit request variables"));
    setDocument(nullptr);
}

QTableView* RequestEditor::makeTable(KeyValueTableModel* model)
{
    return makeTable(model, {200}, [model](int row) { model->removeRowAt(row); });
}

QTableView* RequestEditor::makeTable(QAbstractItemModel* model, const QList<int>& widths,
                                     const std::function<void(int)>& removeRow)
{
    auto* table = new QTableView(this);
    table->setModel(model);
    table->verticalHeader()->hide();
    // The first column is the "enabled" checkbox; the last one stretches.
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    for (int i = 0; i < widths.size(); ++i) {
        table->horizontalHeader()->setSectionResizeMode(i + 1, QHeaderView::Interactive);
        table->horizontalHeader()->resizeSection(i + 1, widths[i]);
    }
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    table->setAlternatingRowColors(true);
    auto* remove = new QAction(tr("Delete row"), table);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, table, [table, removeRow] {
        if (table->currentIndex().isValid())
            removeRow(table->currentIndex().row());
    });
    table->addAction(remove);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    return table;
}

void RequestEditor::setDocument(RequestDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document)
        connect(m_document, &RequestDocument::changed, this, &RequestEditor::refresh);
    setEnabled(m_document != nullptr);
    refresh();
}

void RequestEditor::setSettingsDefaults(const Model::RequestSettings& defaults)
{
    m_settings->setDefaults(defaults);
}

void RequestEditor::setEffectiveAuth(const Model::AuthConfig& effective)
{
    m_effectiveAuth = effective;
    if (m_document) {
        m_auth->setAuth(m_document->request().auth, m_effectiveAuth);
        updateAuthTabText();
    }
}

void RequestEditor::updateAuthTabText()
{
    // "Auth: bearer" for a request inheriting its collection's Bearer: what will be sent.
    const Model::AuthKind own =
        m_document ? m_document->request().auth.kind : Model::AuthKind::Inherit;
    m_tabs->setTabText(m_tabs->indexOf(m_auth),
                       tr("Auth: %1")
                           .arg(Model::authKindName(
                               own == Model::AuthKind::Inherit ? m_effectiveAuth.kind : own)));
}

void RequestEditor::setResolver(const Vars::Resolver& resolver)
{
    m_resolver = resolver;
    m_highlighter->setResolver(resolver);
    m_auth->setResolver(resolver);
    refreshVariables();
}

QString RequestEditor::variableProblemsText() const
{
    return m_variables->isHidden() ? QString() : m_variables->text();
}

void RequestEditor::refreshVariables()
{
    if (!m_document) {
        m_variables->hide();
        return;
    }
    const Model::RequestTemplate& request = m_document->request();
    QString all = request.url;
    for (const Model::KeyValueList* list :
         {&request.params, &request.headers, &request.body.form}) {
        for (const Model::KeyValue& row : *list) {
            if (row.enabled)
                all += u'\n' + row.name + u'\n' + row.value;
        }
    }
    if (request.body.kind == Model::BodyKind::Raw)
        all += u'\n' + request.body.text;
    const QList<Vars::Resolver::Use> uses = m_resolver.uses(all);
    const QString problems = variableProblems(uses);
    m_variables->setText(problems);
    m_variables->setVisible(!problems.isEmpty());
    m_url->setToolTip(variableTooltip(m_resolver.uses(request.url)));
}

void RequestEditor::setSending(bool sending)
{
    m_sending = sending;
    m_send->setText(sending ? tr("Cancel") : tr("Send"));
}

void RequestEditor::focusUrl()
{
    m_url->setFocus();
    m_url->selectAll();
}

void RequestEditor::refresh()
{
    m_refreshing = true;
    const Model::RequestTemplate request =
        m_document ? m_document->request() : Model::RequestTemplate{};
    if (m_method->currentText() != request.method)
        m_method->setCurrentText(request.method);
    setTextKeepingCursor(m_url, request.url);
    m_description->setText(request.description);
    m_description->setVisible(!request.description.isEmpty());
    m_params->setRows(request.params);
    m_headers->setRows(request.headers);
    m_requestVariables->setRows(request.variables);
    m_tabs->setTabText(m_tabs->indexOf(m_variablesTable),
                       request.variables.isEmpty() ? tr("Vars")
                                                   : tr("Vars (%1)").arg(request.variables.size()));
    m_form->setRows(request.body.form);
    m_tabs->setTabText(0, request.params.isEmpty() ? tr("Params")
                                                   : tr("Params (%1)").arg(request.params.size()));
    m_tabs->setTabText(1, request.headers.isEmpty()
                              ? tr("Headers")
                              : tr("Headers (%1)").arg(request.headers.size()));

    const int kind = static_cast<int>(kBodyKinds.indexOf(request.body.kind));
    m_bodyKind->setCurrentIndex(kind);
    const BodyPage pages[] = {NonePage, TextPage, FormPage, MultipartPage, FilePage};
    m_bodyStack->setCurrentIndex(pages[qBound(0, kind, 4)]);
    m_contentType->setVisible(request.body.kind == Model::BodyKind::Raw ||
                              request.body.kind == Model::BodyKind::BinaryFile);
    if (m_contentType->currentText() != request.body.contentType)
        m_contentType->setCurrentText(request.body.contentType);
    if (m_bodyText->toPlainText() != request.body.text)
        m_bodyText->setPlainText(request.body.text);
    setTextKeepingCursor(m_filePath, request.body.filePath);
    QStringList parts;
    for (const Model::MultipartField& field : request.body.multipart)
        parts.append(field.isFile ? tr("%1 = file %2").arg(field.name, field.value)
                                  : tr("%1 = %2").arg(field.name, field.value));
    m_multipart->setText(tr("Multipart fields (editing comes with the full body editor):\n") +
                         parts.join(u'\n'));
    m_auth->setAuth(request.auth, m_effectiveAuth);
    updateAuthTabText();
    m_settings->setSettings(request.settings);
    m_assertions->setRows(request.assertions);
    m_tabs->setTabText(m_tabs->indexOf(m_assertionsTable),
                       request.assertions.isEmpty()
                           ? tr("Assertions")
                           : tr("Assertions (%1)").arg(request.assertions.size()));
    const int changed = SettingsEditor::changedCount(request.settings);
    m_tabs->setTabText(m_tabs->indexOf(m_settings),
                       changed == 0 ? tr("Settings") : tr("Settings (%1)").arg(changed));
    m_refreshing = false;
    refreshVariables();
}

void RequestEditor::edit(const QString& description,
                         const std::function<void(Model::RequestTemplate&)>& change, int merge)
{
    if (m_refreshing || !m_document)
        return;
    Model::RequestTemplate request = m_document->request();
    change(request);
    m_document->edit(request, description, static_cast<RequestDocument::MergeField>(merge));
}

void RequestEditor::editMethod(const QString& method)
{
    edit(tr("Change method"), [&](auto& r) { r.method = method.trimmed().toUpper(); });
}

void RequestEditor::editUrl(const QString& url)
{
    // A curl command pasted into the URL field becomes the request (one undo step). Only a
    // whole command arriving at once imports: typing "curl …" by hand stays text.
    const QString trimmed = url.trimmed();
    const QString previous = m_document ? m_document->request().url.trimmed() : QString();
    const bool pasted =
        m_document && !previous.startsWith(u"curl"_s) && !previous.startsWith(u"$ curl"_s);
    if (pasted && (trimmed.startsWith(u"curl "_s) || trimmed.startsWith(u"curl.exe "_s) ||
                   trimmed.startsWith(u"$ curl "_s))) {
        Result<Interchange::CurlRequest> imported = Interchange::importCurl(trimmed);
        if (imported) {
            Model::RequestTemplate request = imported.value().request;
            request.name = m_document->request().name;
            request.description = m_document->request().description;
            request.assertions = m_document->request().assertions; // checks of the answer
            request.extractions = m_document->request().extractions;
            request.variables = m_document->request().variables;
            m_document->edit(request, tr("Import curl command"));
            m_variables->setText(
                imported.value().warnings.isEmpty()
                    ? tr("Imported from curl.")
                    : tr("Imported from curl: %1").arg(imported.value().warnings.join(u"; "_s)));
            m_variables->show();
            return;
        }
        m_variables->setText(tr("Not imported: %1").arg(imported.error().toString()));
        m_variables->show();
        return;
    }
    edit(
        tr("Edit URL"), [&](auto& r) { r.url = url; }, RequestDocument::MergeUrl);
}

void RequestEditor::editBodyKind(int index)
{
    if (index >= 0 && index < kBodyKinds.size())
        edit(tr("Change body type"), [&](auto& r) { r.body.kind = kBodyKinds[index]; });
}

void RequestEditor::editContentType(const QString& type)
{
    edit(tr("Change content type"), [&](auto& r) { r.body.contentType = type; });
}

void RequestEditor::editBodyText()
{
    edit(
        tr("Edit body"), [this](auto& r) { r.body.text = m_bodyText->toPlainText(); },
        RequestDocument::MergeBodyText);
}

void RequestEditor::editFilePath(const QString& path)
{
    edit(tr("Choose body file"), [&](auto& r) { r.body.filePath = path; });
}

} // namespace Keyhole::Ui
