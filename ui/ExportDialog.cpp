#include "ui/ExportDialog.h"

#include "core/interchange/export/Export.h"
#include "core/interchange/export/Selection.h"
#include "core/workspace/AtomicFile.h"
#include "ui/Appearance.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

// Never more than this into the preview (QPlainTextEdit slows down past it).
constexpr qsizetype kPreviewBytes = 256 * 1024;

} // namespace

ExportDialog::ExportDialog(const Model::Workspace& workspace, const QString& currentRequest,
                           const QString& environment, SecretLoader loadSecrets, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_loadSecrets(std::move(loadSecrets))
    , m_scope(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_environment(new QComboBox(this))
    , m_includeSecrets(new QCheckBox(tr("Include secret &values"), this))
    , m_secretsNote(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
    , m_warningsLabel(new QLabel(this))
    , m_save(new QPushButton(tr("&Save…"), this))
{
    setWindowTitle(tr("Export"));
    setObjectName(u"exportDialog"_s);
    m_scope->setObjectName(u"scope"_s);
    m_format->setObjectName(u"format"_s);
    m_environment->setObjectName(u"environment"_s);
    m_includeSecrets->setObjectName(u"includeSecrets"_s);
    m_preview->setObjectName(u"preview"_s);
    m_warningsLabel->setObjectName(u"warnings"_s);
    m_save->setObjectName(u"saveExport"_s);

    m_scope->addItem(tr("The whole workspace"), QStringList{QString(), QString()});
    if (const Model::RequestItem* item = Model::findRequest(workspace, currentRequest)) {
        const QString collection = currentRequest.section(u'/', 0, 0);
        const QString folder = currentRequest.section(u'/', 0, -2);
        if (const Model::Folder* found = Interchange::findFolder(workspace, collection))
            m_scope->addItem(tr("Collection \"%1\"").arg(found->name),
                             QStringList{collection, QString()});
        if (folder != collection) {
            if (const Model::Folder* found = Interchange::findFolder(workspace, folder))
                m_scope->addItem(tr("Folder \"%1\"").arg(found->name),
                                 QStringList{folder, QString()});
        }
        m_scope->addItem(tr("Request \"%1\"").arg(Model::oneLine(item->request.name)),
                         QStringList{QString(), currentRequest});
        m_scope->setCurrentIndex(1);
    }
    for (const QString& format : Interchange::requestExportFormats())
        m_format->addItem(Interchange::requestExportTitle(format), format);
    m_environment->addItem(tr("No environment"), QString());
    for (const Model::Environment& known : workspace.environments)
        m_environment->addItem(known.name, known.name);
    m_environment->setCurrentIndex(qMax(0, m_environment->findData(environment)));
    m_environment->setToolTip(tr("curl and code: {{variables}} resolved with its values. "
                                 "Postman: written as an environment file beside the collection"));
    m_includeSecrets->setToolTip(tr("Off: secret variables are written as $NAME (curl, code) or "
                                    "without their values (Postman)"));
    m_secretsNote->setText(tr("The export will hold secret values in plain text: keep the file "
                              "out of version control and chat."));
    m_secretsNote->setWordWrap(true);
    m_secretsNote->setStyleSheet(u"color: #b71c1c;"_s);
    m_secretsNote->hide();
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setAccessibleName(tr("Preview of the export"));
    useTextFont(m_preview);
    m_warningsLabel->setWordWrap(true);
    m_warningsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("&What:"), m_scope);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Environment:"), m_environment);
    form->addRow(QString(), m_includeSecrets);
    form->addRow(QString(), m_secretsNote);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = new QPushButton(tr("&Copy"), this);
    copy->setObjectName(u"copyExport"_s);
    buttons->addButton(copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromUtf8(m_content)); });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString format = m_format->currentData().toString();
        QString name = m_scope->currentText().section(u'"', 1, 1);
        if (name.isEmpty())
            name = m_workspace.name;
        const QString suggested =
            QDir(m_workspace.rootPath)
                .filePath(name.replace(u'/', u'-') + Interchange::requestExportSuffix(format));
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Export as %1").arg(m_format->currentText()), suggested);
        if (!file.isEmpty() && saveTo(file))
            accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_warningsLabel);
    layout->addWidget(buttons);
    resize(760, 560);

    for (QComboBox* box : {m_scope, m_format, m_environment})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportDialog::refresh);
    connect(m_includeSecrets, &QCheckBox::toggled, this, &ExportDialog::refresh);
    refresh();
}

void ExportDialog::refresh()
{
    const quint64 generation = ++m_generation;
    const QStringList scope = m_scope->currentData().toStringList();
    const QString format = m_format->currentData().toString();
    const bool includeSecrets = m_includeSecrets->isChecked();
    m_secretsNote->setVisible(includeSecrets);
    Result<Model::Folder> selection =
        Interchange::exportSelection(m_workspace, scope.value(0), scope.value(1));
    if (!selection) {
        display({}, {}, {selection.error().toString()});
        return;
    }
    const auto generate = [this, generation, format, includeSecrets,
                           folder = selection.value()](const Model::Environment* environment) {
        if (generation != m_generation)
            return;
        Result<Interchange::ExportedRequests> exported =
            Interchange::exportRequests(m_workspace, folder, format, environment, includeSecrets);
        if (!exported) {
            display({}, {}, {exported.error().toString()});
            return;
        }
        display(exported.value().content, exported.value().environment, exported.value().warnings);
    };
    const Model::Environment* environment =
        Model::findEnvironment(m_workspace, m_environment->currentData().toString());
    if (!environment || !includeSecrets || !m_loadSecrets) {
        generate(environment);
        return;
    }
    m_preview->setPlainText(tr("Reading the secret values…"));
    m_save->setEnabled(false);
    m_loadSecrets(*environment, [self = QPointer<ExportDialog>(this),
                                 generate](const Model::Environment& loaded) {
        if (self)
            generate(&loaded);
    });
}

void ExportDialog::display(const QByteArray& content, const QByteArray& environment,
                           const QStringList& warnings)
{
    m_content = content;
    m_environmentContent = environment;
    m_warnings = warnings;
    QString text = QString::fromUtf8(content.left(kPreviewBytes));
    if (content.size() > kPreviewBytes)
        text += tr("\n… (%1 more bytes in the file)").arg(content.size() - kPreviewBytes);
    m_preview->setPlainText(text);
    QStringList lines;
    if (!environment.isEmpty())
        lines.append(tr("The environment is written beside the collection "
                        "(.postman_environment.json)."));
    for (const QString& warning : warnings)
        lines.append(u"⚠ "_s + warning);
    m_warningsLabel->setText(lines.join(u'\n'));
    m_warningsLabel->setVisible(!lines.isEmpty());
    m_save->setEnabled(!content.isEmpty());
}

QString ExportDialog::previewText() const
{
    return m_preview->toPlainText();
}

bool ExportDialog::saveTo(const QString& file)
{
    Status written = Workspace::writeFileAtomic(file, m_content);
    if (written && !m_environmentContent.isEmpty())
        written = Workspace::writeFileAtomic(Interchange::environmentFileBeside(file),
                                             m_environmentContent);
    if (!written) {
        QMessageBox::warning(this, tr("Export failed"), written.error().toString());
        return false;
    }
    return true;
}

} // namespace Keyhole::Ui
