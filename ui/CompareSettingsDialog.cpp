#include "ui/CompareSettingsDialog.h"

#include "core/diff/JsonDiff.h"
#include "ui/Appearance.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

QStringList linesOf(const QPlainTextEdit* edit)
{
    QStringList lines;
    for (const QString& line : edit->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

} // namespace

CompareSettingsDialog::CompareSettingsDialog(const Model::CompareSettings& settings,
                                             QWidget* parent)
    : QDialog(parent)
    , m_headers(new QPlainTextEdit(this))
    , m_paths(new QPlainTextEdit(this))
    , m_whitespace(new QCheckBox(tr("Ignore white space inside lines"), this))
    , m_arrays(new QCheckBox(tr("Compare JSON arrays as lists (an inserted element is one "
                                "change, not a change at every index after it)"),
                             this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Compare — ignore rules"));
    m_headers->setObjectName(u"ignoreHeaders"_s);
    useTextFont(m_headers);
    m_headers->setPlaceholderText(u"X-Request-Id\nETag"_s);
    m_headers->setPlainText(settings.ignoreHeaders.join(u'\n'));
    m_paths->setObjectName(u"ignoreJsonPaths"_s);
    useTextFont(m_paths);
    m_paths->setPlaceholderText(u"$.meta.generated_at\n$.items[*].updated_at\n$..timestamp"_s);
    m_paths->setPlainText(settings.ignoreJsonPaths.join(u'\n'));
    m_whitespace->setChecked(settings.ignoreWhitespace);
    m_arrays->setChecked(settings.arraysAsSequences);
    m_problem->setObjectName(u"ignoreProblem"_s);
    m_problem->setStyleSheet(u"color: #c62828"_s);
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Headers (one per line)"), m_headers);
    form->addRow(tr("JSON paths (one per line)"), m_paths);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CompareSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("What every comparison in this workspace leaves out. Saved in "
                                "keyhole-workspace.json, so the rules travel with the "
                                "collection. Noise headers such as Date are never counted."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_whitespace);
    layout->addWidget(m_arrays);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(560, 420);
}

CompareSettingsDialog::~CompareSettingsDialog() = default;

Model::CompareSettings CompareSettingsDialog::settings() const
{
    Model::CompareSettings settings;
    settings.ignoreHeaders = linesOf(m_headers);
    settings.ignoreJsonPaths = linesOf(m_paths);
    settings.ignoreWhitespace = m_whitespace->isChecked();
    settings.arraysAsSequences = m_arrays->isChecked();
    return settings;
}

QString CompareSettingsDialog::problem() const
{
    const QStringList lines = m_paths->toPlainText().split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString pattern = lines[i].trimmed();
        if (pattern.isEmpty())
            continue;
        if (const QString problem = Diff::jsonPathProblem(pattern); !problem.isEmpty())
            return tr("JSON paths, line %1 (%2): %3").arg(i + 1).arg(pattern, problem);
    }
    for (const QString& name : linesOf(m_headers)) {
        if (name.contains(u':') || name.contains(u' '))
            return tr("Headers: \"%1\" is not a header name (give the name only)").arg(name);
    }
    return {};
}

void CompareSettingsDialog::setHeaders(const QString& text)
{
    m_headers->setPlainText(text);
}

void CompareSettingsDialog::setJsonPaths(const QString& text)
{
    m_paths->setPlainText(text);
}

void CompareSettingsDialog::accept()
{
    const QString problem = this->problem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        QDialog::accept();
}

} // namespace Keyhole::Ui
