#include "ui/ResponseView.h"

#include "core/diagnose/Doctor.h"
#include "core/http/BodyPreview.h"
#include "core/http/Exchange.h"
#include "core/raw/RawText.h"
#include "ui/Appearance.h"
#include "ui/CompareView.h"
#include "ui/CookiesModel.h"
#include "ui/HeaderFieldsModel.h"
#include "ui/LargeTextView.h"
#include "ui/TimelineView.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

QString colorForStatus(int status)
{
    if (status >= 200 && status < 300)
        return u"#2e7d32"_s;
    if (status >= 300 && status < 400)
        return u"#1565c0"_s;
    if (status >= 400 && status < 500)
        return u"#e65100"_s;
    return u"#c62828"_s;
}

} // namespace

ResponseView::ResponseView(QWidget* parent)
    : QWidget(parent)
    , m_reveal(new QCheckBox(tr("Reveal secrets"), this))
    , m_status(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_warnings(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new LargeTextView(this))
    , m_raw(new QPlainTextEdit(this))
    , m_timeline(new TimelineView(this))
    , m_diagnosis(new QWidget(this))
    , m_diagnosisText(new QPlainTextEdit(m_diagnosis))
    , m_fixButtons(new QWidget(m_diagnosis))
    , m_headers(new HeaderFieldsModel(this))
    , m_headerTable(new QTableView(this))
    , m_cookies(new CookiesModel(this))
    , m_cookieTable(new QTableView(this))
    , m_compare(new CompareView(this))
    , m_assertions(new QListWidget(this))
{
    m_status->setObjectName(u"status"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings->setWordWrap(true);
    m_warnings->setObjectName(u"warnings"_s);
    m_warnings->setStyleSheet(
        u"background: #fff3e0; color: #6d4c00; border: 1px solid #ffb74d; padding: 4px;"_s);
    m_body->setObjectName(u"responseBody"_s);
    m_body->setAccessibleName(tr("Response body"));
    m_workers.setMaxThreadCount(1);
    m_raw->setReadOnly(true);
    useTextFont(m_raw);
    m_raw->setObjectName(u"raw"_s);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setToolTip(tr("Every hop exactly as it crossed the wire. Greyed header lines were "
                         "inserted by the network layer."));
    m_headerTable->setModel(m_headers);
    m_headerTable->verticalHeader()->hide();
    m_headerTable->horizontalHeader()->setStretchLastSection(true);
    m_headerTable->horizontalHeader()->resizeSection(HeaderFieldsModel::NameColumn, 220);
    m_headerTable->setAlternatingRowColors(true);
    m_headerTable->setWordWrap(false);
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_headerTable, tr("Headers"));
    m_cookieTable->setObjectName(u"cookies"_s);
    m_cookieTable->setAccessibleName(tr("Cookies sent and set"));
    m_cookieTable->setModel(m_cookies);
    m_cookieTable->verticalHeader()->hide();
    m_cookieTable->horizontalHeader()->setStretchLastSection(true);
    m_cookieTable->setAlternatingRowColors(true);
    m_cookieTable->setWordWrap(false);
    m_cookieTable->setToolTip(tr("Every cookie of this send: sent in a Cookie header, or set by a "
                                 "Set-Cookie, hop by hop"));
    m_tabs->addTab(m_cookieTable, tr("Cookies"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_diagnosisText->setReadOnly(true);
    m_diagnosisText->setObjectName(u"diagnosis"_s);
    auto* diagnosisLayout = new QVBoxLayout(m_diagnosis);
    diagnosisLayout->setContentsMargins(0, 0, 0, 0);
    auto* fixLayout = new QHBoxLayout(m_fixButtons);
    fixLayout->setContentsMargins(0, 0, 0, 0);
    fixLayout->addStretch();
    diagnosisLayout->addWidget(m_fixButtons);
    diagnosisLayout->addWidget(m_diagnosisText, 1);
    m_tabs->addTab(m_diagnosis, tr("Diagnosis"));
    m_assertions->setObjectName(u"assertionResults"_s);
    m_assertions->setAccessibleName(tr("Assertion results"));
    m_assertions->setToolTip(tr("The request's assertions (its Assertions tab) checked against "
                                "this answer"));
    m_tabs->addTab(m_assertions, tr("Assertions"));
    m_compare->setObjectName(u"compare"_s);
    m_tabs->addTab(m_compare, tr("Compare"));

    auto* statusLine = new QHBoxLayout;
    statusLine->addWidget(m_status);
    statusLine->addWidget(m_meta, 1);
    statusLine->addWidget(m_reveal);
    m_reveal->setObjectName(u"revealSecrets"_s);
    m_reveal->setToolTip(tr("Secret variable values are masked in every view; show them here"));
    m_reveal->hide();
    connect(m_reveal, &QCheckBox::toggled, this, [this] { render(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(statusLine);
    layout->addWidget(m_warnings);
    layout->addWidget(m_tabs, 1);
    clear();
}

void ResponseView::showBody(const QByteArray& body, const QByteArray& type, QStringList& warnings)
{
    const quint64 generation = ++m_bodyGeneration;
    if (m_stopPretty)
        *m_stopPretty = true; // a body still being pretty-printed is not shown any more
    // Up to here the body is checked strictly (QJsonDocument) and shown whole; beyond, it is
    // sniffed from its start and never copied: the view shares the received bytes.
    constexpr qsizetype kCheckedWhole = 2 * 1024 * 1024;
    const Http::BodyKind kind = Http::sniffBody(body, type);
    if (body.size() <= kCheckedWhole || kind == Http::BodyKind::Binary) {
        const Http::BodyPreview preview = Http::previewBody(body, type, kCheckedWhole);
        m_body->setJsonHighlighting(preview.kind == Http::BodyPreview::Kind::Json);
        m_body->setText(preview.text.toUtf8());
        if (preview.truncated)
            warnings.append(tr("Showing only the start of a %1 binary body (as hex).")
                                .arg(Http::formatSize(body.size())));
        return;
    }
    m_body->setJsonHighlighting(kind == Http::BodyKind::Json);
    m_body->setText(body);
    // A JSON body is shown as received at once, then pretty-printed on a worker (streaming, no
    // parse tree) unless its lines are already short.
    constexpr qsizetype kShortLines = 400;
    const QByteArrayView start = QByteArrayView(body).first(64 * 1024);
    if (kind != Http::BodyKind::Json || start.size() / (start.count('\n') + 1) < kShortLines)
        return;
    auto stop = std::make_shared<std::atomic_bool>(false);
    m_stopPretty = stop;
    m_workers.start([this, body, generation, stop] {
        auto pretty = std::make_shared<QByteArray>(Http::indentJson(body, stop.get()));
        if (pretty->isEmpty()) // not one JSON document after all, or no longer wanted
            return;
        QMetaObject::invokeMethod(
            this,
            [this, pretty, generation] {
                if (generation == m_bodyGeneration)
                    m_body->setText(std::move(*pretty));
            },
            Qt::QueuedConnection);
    });
}

ResponseView::~ResponseView()
{
    if (m_stopPretty)
        *m_stopPretty = true; // the pool's destructor waits for its task: make it short
}

void ResponseView::setRevealSecrets(bool reveal)
{
    m_reveal->setChecked(reveal);
}

void ResponseView::setStatus(const QString& text, const QString& color)
{
    m_status->setText(text);
    m_status->setStyleSheet(
        color.isEmpty() ? QString()
                        : u"background: %1; color: white; font-weight: bold; padding: 2px 8px; "
                          "border-radius: 3px;"_s.arg(color));
}

void ResponseView::clear()
{
    m_exchange.reset();
    m_precedent.reset();
    m_environments = {};
    m_probeResults.clear();
    m_probing.clear();
    m_reveal->hide();
    setStatus(tr("No response yet — press Send (Ctrl+Enter)"), {});
    m_meta->clear();
    m_warnings->hide();
    ++m_bodyGeneration; // a body still being pretty-printed is not shown
    if (m_stopPretty)
        *m_stopPretty = true;
    m_body->clear();
    m_raw->clear();
    m_timeline->clear();
    m_headers->setHeaders({});
    m_cookies->setCookies({});
    m_tabs->setTabText(m_tabs->indexOf(m_headerTable), tr("Headers"));
    m_tabs->setTabText(m_tabs->indexOf(m_cookieTable), tr("Cookies"));
    m_diagnosisText->clear();
    clearFixButtons();
    m_tabs->setTabText(m_tabs->indexOf(m_diagnosis), tr("Diagnosis"));
    m_assertionResults.clear();
    m_assertions->clear();
    m_readable = {};
    m_evidenceLines.clear();
    m_tabs->setTabText(m_tabs->indexOf(m_assertions), tr("Assertions"));
}

void ResponseView::showAssertions(const QList<Assertions::AssertionResult>& results)
{
    m_assertionResults = results;
    renderAssertions(!m_reveal->isHidden() && m_reveal->isChecked());
}

void ResponseView::renderAssertions(bool revealed)
{
    m_assertions->clear();
    const int index = m_tabs->indexOf(m_assertions);
    if (m_assertionResults.isEmpty()) {
        m_assertions->addItem(tr("No assertions for this request: add them in its Assertions "
                                 "tab (status equals 2xx, json access exists...)."));
        m_assertions->item(0)->setForeground(QColor(u"#757575"_s));
        m_tabs->setTabText(index, tr("Assertions"));
        return;
    }
    const QList<QByteArray> secrets =
        revealed || !m_exchange ? QList<QByteArray>() : m_exchange->secretValues;
    for (const Assertions::AssertionResult& result : std::as_const(m_assertionResults)) {
        auto* item = new QListWidgetItem(QString::fromUtf8(
            Http::redactSecrets(Assertions::resultLine(result).toUtf8(),
                                revealed ? secrets : secrets + result.secretValues)));
        item->setForeground(QColor(result.passed ? u"#2e7d32"_s : u"#c62828"_s));
        m_assertions->addItem(item);
    }
    const qsizetype failed = Assertions::failures(m_assertionResults);
    const qsizetype total = m_assertionResults.size();
    m_tabs->setTabText(index, failed == 0
                                  ? tr("Assertions ✓ %1/%1").arg(total)
                                  : tr("Assertions ✗ %1/%2").arg(total - failed).arg(total));
}

QString ResponseView::assertionsText() const
{
    QStringList lines;
    for (int i = 0; i < m_assertions->count(); ++i)
        lines.append(m_assertions->item(i)->text());
    return lines.join(u'\n');
}

void ResponseView::showSending(const QString& what)
{
    clear();
    setStatus(tr("Sending %1…").arg(what), u"#757575"_s);
}

void ResponseView::showError(const QString& message)
{
    clear();
    setStatus(tr("Not sent"), u"#c62828"_s);
    m_warnings->setText(message);
    m_warnings->show();
}

void ResponseView::showExchange(const Http::Exchange& exchange,
                                const Diagnose::Precedent& precedent,
                                const Diagnose::SpecSecurity& spec)
{
    clear();
    m_exchange = std::make_unique<Http::Exchange>(exchange);
    m_spec = spec;
    if (precedent.exchange) {
        m_precedent = std::make_unique<Http::Exchange>(*precedent.exchange);
        m_precedentId = precedent.id;
        m_precedentTime = precedent.time;
    }
    m_reveal->setVisible(!exchange.secretValues.isEmpty());
    render(true);
}

void ResponseView::render(bool select)
{
    if (!m_exchange)
        return;
    const bool revealed = !m_reveal->isHidden() && m_reveal->isChecked();
    const Http::Exchange exchange = revealed ? *m_exchange : Http::redactSecrets(*m_exchange);
    m_meta->clear();
    m_warnings->hide();
    m_body->clear();
    m_raw->clear();
    m_headers->setHeaders({});
    const Http::Hop* hop = exchange.finalHop();
    QStringList warnings = exchange.warnings;
    const Http::TransportError error = exchange.error();
    if (hop && hop->response.received) {
        const Http::HopResponse& response = hop->response;
        setStatus(QString::fromUtf8(QByteArray::number(response.status) + ' ' + response.reason),
                  colorForStatus(response.status));
        const QByteArray type = Model::headerValue(response.headers, "Content-Type");
        showBody(response.decodedBody, type, warnings);
        m_headers->setHeaders(response.headers);
        m_tabs->setTabText(m_tabs->indexOf(m_headerTable),
                           tr("Headers (%1)").arg(response.headers.size()));
        QString size = Http::formatSize(response.body.size());
        if (response.decodedBody.size() != response.body.size())
            size = tr("%1 (%2 decoded)").arg(size, Http::formatSize(response.decodedBody.size()));
        m_meta->setText(tr("%1 · %2 ms · %3 · %4 hop(s)")
                            .arg(QString::fromUtf8(response.httpVersion))
                            .arg(exchange.totalMs(), 0, 'f', 0)
                            .arg(size)
                            .arg(exchange.hops.size()));
    }
    if (error.isError()) {
        if (!hop || !hop->response.received)
            setStatus(tr("No response: %1").arg(Http::transportErrorKindName(error.kind)),
                      u"#c62828"_s);
        warnings.prepend(error.message);
    }
    const Raw::ReadableExchange raw = Raw::readableExchange(exchange);
    m_readable = raw;
    m_evidenceLines.clear();
    m_raw->setPlainText(raw.text);
    markRawLines();
    m_timeline->setExchange(exchange);
    QList<Http::CookieRow> cookies = Http::exchangeCookies(exchange);
    m_tabs->setTabText(m_tabs->indexOf(m_cookieTable),
                       cookies.isEmpty() ? tr("Cookies") : tr("Cookies (%1)").arg(cookies.size()));
    m_cookies->setCookies(std::move(cookies));
    m_cookieTable->resizeColumnsToContents();
    // A JWT in a cookie is long: the rest of the columns stay in sight (hover shows it all).
    m_cookieTable->setColumnWidth(CookiesModel::ValueColumn,
                                  qMin(m_cookieTable->columnWidth(CookiesModel::ValueColumn), 320));
    renderDiagnosis(select);
    renderAssertions(revealed);
    for (const Http::Hop& each : exchange.hops) {
        for (const auto& [name, reason] : each.droppedHeaders)
            warnings.append(tr("%1 %2").arg(QString::fromUtf8(name), reason));
    }
    if (!warnings.isEmpty()) {
        m_warnings->setText(u"⚠ "_s + warnings.join(u"\n⚠ "_s));
        m_warnings->show();
    }
}

void ResponseView::showCompareTab()
{
    m_tabs->setCurrentWidget(m_compare);
}

QString ResponseView::statusText() const
{
    return m_status->text();
}

QString ResponseView::bodyText() const
{
    return m_body->text();
}

void ResponseView::setEnvironmentValues(const Diagnose::EnvironmentValues& values)
{
    m_environments = values;
    if (m_exchange)
        renderDiagnosis(false);
}

void ResponseView::renderDiagnosis(bool select)
{
    clearFixButtons();
    if (!Diagnose::looksLikeAuthFailure(*m_exchange)) {
        m_diagnosisText->setPlainText(tr("Not an authentication failure: nothing to diagnose."));
        return;
    }
    // Rules read the exchange as received; what is shown is masked like every other view.
    QList<Diagnose::Finding> findings = Diagnose::diagnose(
        *m_exchange, QDateTime::currentDateTimeUtc(),
        {m_precedent.get(), m_precedentId, m_precedentTime}, m_spec, m_environments);
    Diagnose::applyProbeResults(findings, m_probeResults);
    const bool revealed = !m_reveal->isHidden() && m_reveal->isChecked();
    const QList<QByteArray> secrets = revealed ? QList<QByteArray>() : m_exchange->secretValues;
    m_diagnosisText->setPlainText(
        QString::fromUtf8(Http::redactSecrets(Diagnose::findingsText(findings).toUtf8(), secrets)));
    m_tabs->setTabText(m_tabs->indexOf(m_diagnosis), tr("Diagnosis (%1)").arg(findings.size()));
    showEvidence(findings);
    QStringList offered;
    for (const Diagnose::Finding& finding : findings) {
        for (const Diagnose::FixAction& fix : finding.fixes) {
            if ((fix.kind != Diagnose::FixAction::Kind::SetAuthorizationScheme &&
                 fix.kind != Diagnose::FixAction::Kind::UseUrl) ||
                offered.contains(fix.label))
                continue;
            offered.append(fix.label);
            auto* button = new QPushButton(fix.label, m_fixButtons);
            button->setObjectName(u"fix"_s);
            auto* layout = static_cast<QHBoxLayout*>(m_fixButtons->layout());
            layout->insertWidget(layout->count() - 1, button);
            connect(button, &QPushButton::clicked, this, [this, fix] { emit fixRequested(fix); });
        }
    }
    // Probes: confirm before changing anything (each once per answer).
    for (const Diagnose::Probe& probe : Diagnose::probesFor(findings, *m_exchange)) {
        const bool done = std::any_of(
            m_probeResults.cbegin(), m_probeResults.cend(),
            [&](const Diagnose::ProbeResult& result) { return result.label == probe.label; });
        auto* button = new QPushButton(m_fixButtons);
        button->setObjectName(u"probe"_s);
        button->setText(m_probing == probe.label ? tr("Probing…")
                                                 : tr("Probe: %1").arg(probe.fix.label));
        button->setEnabled(!done && m_probing.isEmpty());
        button->setToolTip(tr("Re-send once with this change to confirm the cause; the request "
                              "stays as it is and the probe is kept in History"));
        auto* layout = static_cast<QHBoxLayout*>(m_fixButtons->layout());
        layout->insertWidget(layout->count() - 1, button);
        connect(button, &QPushButton::clicked, this, [this, probe] {
            setProbing(probe.label);
            emit probeRequested(probe);
        });
    }
    if (select)
        m_tabs->setCurrentWidget(m_diagnosis); // an auth failure opens the diagnosis by itself
}

void ResponseView::clearFixButtons()
{
    // (Later: the click that re-renders may come from one of them.)
    for (QPushButton* button :
         m_fixButtons->findChildren<QPushButton*>(Qt::FindDirectChildrenOnly)) {
        button->hide();
        button->setObjectName(QString());
        button->setParent(nullptr);
        button->deleteLater();
    }
}

void ResponseView::addProbeResult(const Diagnose::ProbeResult& result)
{
    m_probing.clear();
    m_probeResults.append(result);
    if (m_exchange)
        renderDiagnosis(false);
}

void ResponseView::setProbing(const QString& label)
{
    m_probing = label;
    if (m_exchange)
        renderDiagnosis(false);
}

void ResponseView::showEvidence(const QList<Diagnose::Finding>& findings)
{
    // The findings' evidence — byte ranges of the raw messages — highlighted in the Raw tab,
    // line by line; the first finding's first range is where "Show in Raw" goes.
    m_evidenceLines.clear();
    for (const Diagnose::Finding& finding : findings) {
        for (const Diagnose::Evidence& evidence : finding.evidence) {
            const auto lines = Raw::linesOf(m_readable, *m_exchange, evidence.hop,
                                            evidence.part == Diagnose::Evidence::Part::Response,
                                            evidence.start, evidence.end);
            if (!lines || evidence.end <= evidence.start)
                continue;
            for (int line = lines->first; line <= lines->second; ++line)
                if (!m_evidenceLines.contains(line))
                    m_evidenceLines.append(line);
        }
    }
    markRawLines();
    if (m_evidenceLines.isEmpty())
        return;
    auto* show = new QPushButton(tr("Show evidence in Raw"), m_fixButtons);
    show->setObjectName(u"showEvidence"_s);
    show->setToolTip(tr("The bytes the findings point at are highlighted in the Raw tab"));
    auto* layout = static_cast<QHBoxLayout*>(m_fixButtons->layout());
    layout->insertWidget(0, show);
    const int first = m_evidenceLines.first();
    connect(show, &QPushButton::clicked, this, [this, first] {
        m_tabs->setCurrentWidget(m_raw);
        m_raw->setTextCursor(QTextCursor(m_raw->document()->findBlockByNumber(first)));
        m_raw->centerCursor();
    });
}

void ResponseView::markRawLines()
{
    QList<QTextEdit::ExtraSelection> selections;
    for (int line : std::as_const(m_readable.mutedLines)) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_raw->document()->findBlockByNumber(line));
        selection.cursor.select(QTextCursor::LineUnderCursor);
        selection.format.setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        selections.append(selection);
    }
    const QColor mark(255, 193, 7, 110); // amber, readable on light and dark
    for (int line : std::as_const(m_evidenceLines)) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_raw->document()->findBlockByNumber(line));
        selection.format.setBackground(mark);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(selection);
    }
    m_raw->setExtraSelections(selections);
}

QList<int> ResponseView::evidenceLines() const
{
    return m_evidenceLines;
}

QString ResponseView::diagnosisText() const
{
    return m_diagnosisText->toPlainText();
}

bool ResponseView::diagnosisShown() const
{
    return m_tabs->currentWidget() == m_diagnosis;
}

QString ResponseView::rawText() const
{
    return m_raw->toPlainText();
}

QString ResponseView::warningText() const
{
    return m_warnings->isHidden() ? QString() : m_warnings->text();
}

} // namespace Keyhole::Ui
