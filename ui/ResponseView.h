#pragma once

#include "core/assertions/Assertions.h"
#include "core/diagnose/EnvironmentValues.h"
#include "core/diagnose/Precedent.h"
#include "core/diagnose/Probes.h"
#include "core/diagnose/SpecSecurity.h"
#include "core/raw/RawText.h"

#include <QDateTime>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTableView;

namespace Keyhole::Diagnose {
struct Finding;
struct FixAction;
} // namespace Keyhole::Diagnose

namespace Keyhole::Ui {

class CompareView;
class CookiesModel;
class HeaderFieldsModel;
class LargeTextView;
class TimelineView;

// The answer to a send: a status line (status chip coloured by class, time, size, hops),
// warnings, and tabs for the body and the response headers.
class ResponseView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseView)

public:
    explicit ResponseView(QWidget* parent = nullptr);
    ~ResponseView() override;

    void showSending(const QString& what);
    // `precedent`: the last success of the same request from history, for the Diagnosis (its
    // exchange is copied).
    // `spec`: what the API's OpenAPI document wants for the request (Diagnosis too).
    void showExchange(const Http::Exchange& exchange, const Diagnose::Precedent& precedent = {},
                      const Diagnose::SpecSecurity& spec = {});
    // Every environment's values (secrets included), read after an authentication failure:
    // the Diagnosis then also says when the credential sent is another environment's.
    void setEnvironmentValues(const Diagnose::EnvironmentValues& values);
    // The request's assertions checked against the exchange shown (call after showExchange).
    void showAssertions(const QList<Assertions::AssertionResult>& results);
    // "✓ status equals 2xx" lines, one per assertion (secrets masked unless revealed).
    QString assertionsText() const;
    // The exchange shown, as received (secrets in clear: mask before showing); null if none.
    const Http::Exchange* exchange() const { return m_exchange.get(); }
    // A request that could not even be prepared (bad URL, unreadable body file...).
    void showError(const QString& message);
    void clear();
    // Shows secret values instead of the mask (they are masked by default).
    void setRevealSecrets(bool reveal);

    QString statusText() const;
    QString bodyText() const;
    // The Body tab's view (any size: lines indexed and big JSON pretty-printed off this thread).
    LargeTextView* bodyView() const { return m_body; }
    QString warningText() const;
    QString rawText() const;
    QString diagnosisText() const;
    // The Raw tab's lines (0-based) highlighted as the findings' evidence.
    QList<int> evidenceLines() const;
    bool diagnosisShown() const;
    // The Compare tab (filled by the window: history comparisons).
    CompareView* compare() const { return m_compare; }
    TimelineView* timeline() const { return m_timeline; }
    CookiesModel* cookies() const { return m_cookies; }
    void showCompareTab();
    // What a probe of the shown exchange found: the Diagnosis says it and ranks again.
    void addProbeResult(const Diagnose::ProbeResult& result);
    // A probe of the shown exchange is under way (its button says so and waits).
    void setProbing(const QString& label);

signals:
    // The user asked to apply a fix of the diagnosis to the request.
    void fixRequested(const Keyhole::Diagnose::FixAction& fix);
    // The user asked to confirm a finding by re-sending with its fix (the request unchanged).
    void probeRequested(const Keyhole::Diagnose::Probe& probe);

private:
    void setStatus(const QString& text, const QString& color);
    // `select`: a new answer (the Diagnosis tab opens by itself on an auth failure).
    void render(bool select = false);
    // `select`: show the Diagnosis tab (a new answer), not when only re-rendering.
    void renderDiagnosis(bool select);
    void renderAssertions(bool revealed);
    void showEvidence(const QList<Diagnose::Finding>& findings);
    void clearFixButtons();
    // The Raw tab's line marks: the network layer's headers muted, evidence highlighted.
    void markRawLines();
    // The Body tab for a body of any size (warnings: what is not shown).
    void showBody(const QByteArray& body, const QByteArray& type, QStringList& warnings);

    std::unique_ptr<Http::Exchange> m_exchange;  // as received; rendered masked unless revealed
    std::unique_ptr<Http::Exchange> m_precedent; // the last success, from history
    QString m_precedentId;
    Diagnose::SpecSecurity m_spec;
    Diagnose::EnvironmentValues m_environments;
    QList<Diagnose::ProbeResult> m_probeResults; // of the shown exchange
    QString m_probing;                           // the label of the probe under way
    QDateTime m_precedentTime;
    QCheckBox* m_reveal;
    QLabel* m_status;
    QLabel* m_meta;
    QLabel* m_warnings;
    QTabWidget* m_tabs;
    LargeTextView* m_body;
    QPlainTextEdit* m_raw;
    TimelineView* m_timeline;
    // Pretty-printing a big JSON body runs here; a result counts only for the body it was for.
    QThreadPool m_workers;
    quint64 m_bodyGeneration = 0;
    std::shared_ptr<std::atomic_bool> m_stopPretty; // set when that body is no longer shown
    QWidget* m_diagnosis;
    QPlainTextEdit* m_diagnosisText;
    QWidget* m_fixButtons;
    HeaderFieldsModel* m_headers;
    QTableView* m_headerTable;
    CookiesModel* m_cookies;
    QTableView* m_cookieTable;
    CompareView* m_compare;
    QList<Assertions::AssertionResult> m_assertionResults;
    Raw::ReadableExchange m_readable; // the Raw tab's text and where each message is in it
    QList<int> m_evidenceLines;
    QListWidget* m_assertions;
};

} // namespace Keyhole::Ui
