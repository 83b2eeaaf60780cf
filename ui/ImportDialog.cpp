#include "ui/ImportDialog.h"

#include "core/interchange/ImportAny.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

// Above this, the input box shows a note instead of the text (it is still imported whole).
constexpr qsizetype kMaxShownBytes = 256 * 1024;

void addFolder(QTreeWidgetItem* parent, const Model::Folder& folder)
{
    for (const Model::Folder& sub : folder.folders) {
        auto* item = new QTreeWidgetItem(parent, {sub.name, QString()});
        addFolder(item, sub);
    }
    for (const Model::RequestItem& request : folder.requests)
        new QTreeWidgetItem(parent, {request.request.name, request.request.method});
}

void describe(const QTreeWidgetItem* item, int depth, QStringList& lines)
{
    for (int i = 0; i < item->childCount(); ++i) {
        const QTreeWidgetItem* child = item->child(i);
        lines.append(QString(depth * 2, u' ') + child->text(1) +
                     (child->text(1).isEmpty() ? QString() : u" "_s) + child->text(0));
        describe(child, depth + 1, lines);
    }
}

} // namespace

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent)
    , m_input(new QPlainTextEdit(this))
    , m_target(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_preview(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import"));
    resize(760, 620);
    m_input->setPlaceholderText(
        tr("Paste a curl command (\"Copy as cURL\" from a browser works), a Postman collection "
           "or environment, an Insomnia export, an OpenAPI or Swagger spec (JSON or YAML), an "
           ".http file or a HAR file — or choose a file."));
    m_input->setAccessibleName(tr("Data to import"));
    m_input->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_target->setPlaceholderText(tr("a new collection (curl and HAR: \"Imported\")"));
    m_target->setAccessibleName(tr("Import into folder"));
    m_target->setToolTip(tr("A collection or folder of this workspace, \"Collection/Sub\" for "
                            "nesting. Created when it does not exist."));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setHeaderLabels({tr("Name"), tr("Method")});
    m_preview->setAccessibleName(tr("What will be imported"));
    m_preview->setColumnWidth(0, 520);

    auto* chooseFile = new QPushButton(tr("Choose &File…"), this);
    connect(chooseFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import"), QString(),
            tr("Collections, specs, HAR, .http and curl (*.json *.yaml "
               "*.yml *.har *.http *.rest *.txt *.sh);;All files "
               "(*)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    auto* paste = new QPushButton(tr("&Paste from Clipboard"), this);
    connect(paste, &QPushButton::clicked, this,
            [this] { setInput(QApplication::clipboard()->text().toUtf8(), tr("(clipboard)")); });
    auto* sources = new QHBoxLayout;
    sources->addWidget(chooseFile);
    sources->addWidget(paste);
    sources->addStretch();

    m_import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        if (m_input->isReadOnly())
            return;
        m_label = tr("(pasted)");
        reread();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Into folder:"), m_target);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sources);
    layout->addWidget(m_input, 2);
    layout->addWidget(m_status);
    layout->addWidget(m_preview, 3);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    reread();
}

void ImportDialog::setInput(const QByteArray& bytes, const QString& label, const QString& baseDir)
{
    m_input->blockSignals(true);
    if (bytes.size() > kMaxShownBytes) {
        m_input->setPlainText(tr("%1: %2 MB, imported whole (too large to show here)")
                                  .arg(label)
                                  .arg(double(bytes.size()) / (1024 * 1024), 0, 'f', 1));
        m_input->setReadOnly(true);
        m_input->setProperty("data", bytes);
    } else {
        m_input->setReadOnly(false);
        m_input->setPlainText(QString::fromUtf8(bytes));
        m_input->setProperty("data", QVariant());
    }
    m_input->blockSignals(false);
    m_label = label;
    m_baseDir = baseDir;
    reread();
}

bool ImportDialog::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    setInput(file.readAll(), QFileInfo(path).fileName(), QFileInfo(path).absolutePath());
    return true;
}

QString ImportDialog::targetFolder() const
{
    return m_target->text().trimmed();
}

QString ImportDialog::previewText() const
{
    QStringList lines;
    describe(m_preview->invisibleRootItem(), 0, lines);
    return lines.join(u'\n');
}

void ImportDialog::reread()
{
    m_result.reset();
    m_preview->clear();
    const QVariant big = m_input->property("data");
    const QByteArray bytes = big.isValid() ? big.toByteArray() : m_input->toPlainText().toUtf8();
    QPushButton* import = m_import;
    import->setEnabled(false);
    if (bytes.trimmed().isEmpty()) {
        m_status->setText(tr("Nothing to import yet."));
        return;
    }
    const QString format = Interchange::detectFormat(bytes);
    if (format.isEmpty()) {
        m_status->setText(tr("<b>Not recognised.</b> Keyhole imports curl commands, Postman "
                             "collections and environments (v2.0, v2.1), Insomnia exports (v4, "
                             "v5), OpenAPI 3 and Swagger 2 specs, .http files and HAR files."));
        return;
    }
    Result<Interchange::ImportResult> result =
        Interchange::importData(format, bytes, m_label, m_baseDir);
    if (!result) {
        m_status->setText(
            tr("<b>Cannot import:</b> %1").arg(result.error().toString().toHtmlEscaped()));
        return;
    }
    m_result = std::move(result.value());
    const qsizetype requests =
        m_result->collection ? Interchange::requestCount(*m_result->collection) : 0;
    QString text = tr("<b>%1</b>: %n request(s)", nullptr, int(requests)).arg(m_result->format);
    if (!m_result->environments.empty())
        text += tr(", %n environment(s)", nullptr, int(m_result->environments.size()));
    // Say now what importing will do with literal credentials (the files never hold them).
    Interchange::ImportResult lifted = *m_result;
    Interchange::liftSecretsInto(lifted, Model::Workspace{});
    if (!lifted.warnings.isEmpty()) {
        text += u"<ul>"_s;
        for (const QString& warning : std::as_const(lifted.warnings))
            text += u"<li>"_s + warning.toHtmlEscaped() + u"</li>"_s;
        text += u"</ul>"_s;
    }
    m_status->setText(text);
    if (m_result->collection) {
        QTreeWidgetItem* root = m_preview->invisibleRootItem();
        if (!m_result->looseRequests) {
            root = new QTreeWidgetItem(m_preview, {m_result->collection->name, QString()});
        }
        addFolder(root, *m_result->collection);
    }
    for (const Model::Environment& environment : m_result->environments)
        new QTreeWidgetItem(m_preview, {tr("Environment: %1 (%n variable(s))", nullptr,
                                           int(environment.variables.size()))
                                            .arg(environment.name),
                                        QString()});
    m_preview->expandAll();
    import->setEnabled(true);
}

} // namespace Keyhole::Ui
