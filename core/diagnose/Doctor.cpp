#include "core/diagnose/Doctor.h"

#include "core/diagnose/Context.h"

#include <QJsonObject>
#include <QObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

bool looksLikeAuthFailure(const Http::Exchange& exchange)
{
    const Http::Hop* hop = exchange.finalHop();
    if (!hop || !hop->response.received)
        return false;
    const int status = hop->response.status;
    if (status == 401 || status == 403 || status == 407 || status == 419 || status == 422)
        return true;
    if (status == 400 &&
        Model::headerValue(hop->response.headers, "WWW-Authenticate").startsWith("Bearer"))
        return true;
    for (const Http::Hop& each : exchange.hops) {
        const QByteArray location = Model::headerValue(each.response.headers, "Location").toLower();
        if (location.contains("login") || location.contains("signin"))
            return true;
    }
    return false;
}

QList<Finding> diagnose(const Http::Exchange& exchange, const QDateTime& clientNow,
                        const Precedent& precedent, const SpecSecurity& spec,
                        const EnvironmentValues& environments)
{
    if (!looksLikeAuthFailure(exchange))
        return {};
    const Context context(exchange, clientNow, precedent, spec, environments);
    QList<Finding> findings;
    for (auto family :
         {&redirectRules, &requestShapeRules, &schemeRules, &jwtRules, &transportRules,
          &fingerprintRules, &csrfRules, &historyRules, &specRules, &environmentRules})
        family(context, findings);

    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        if (a.confidence != b.confidence)
            return a.confidence < b.confidence; // Confirmed first
        return a.weight > b.weight;
    });
    // When something is confirmed, guesses from the body's wording only add noise.
    const bool confirmed =
        !findings.isEmpty() && findings.first().confidence == Confidence::Confirmed;
    QList<Finding> unique;
    for (const Finding& finding : std::as_const(findings)) {
        if ((confirmed && finding.confidence == Confidence::Possible) || unique.size() >= 6)
            continue;
        const bool seen = std::any_of(unique.cbegin(), unique.cend(),
                                      [&](const Finding& f) { return f.id == finding.id; });
        if (!seen)
            unique.append(finding);
    }
    return unique;
}

QString findingsText(const QList<Finding>& findings)
{
    if (findings.isEmpty())
        return QObject::tr("No known cause matched. Checked: redirects and dropped headers, "
                           "unresolved variables, the Authorization scheme against the challenge, "
                           "the credential's bytes, JWT times and type, and %1 server "
                           "fingerprints.\n")
            .arg(Catalog::instance().causes().size());
    QString text;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        const Finding& finding = findings[i];
        text += u"%1. %2 (%3) — %4\n"_s.arg(i + 1).arg(
            finding.id, confidenceName(finding.confidence), finding.title);
        if (!finding.stack.isEmpty())
            text += u"   Server: "_s + finding.stack + u'\n';
        if (!finding.explanation.isEmpty())
            text += u"   Why: "_s + finding.explanation + u'\n';
        for (const Evidence& evidence : finding.evidence)
            text +=
                u"   Evidence: hop %1 %2 bytes %3–%4: %5\n"_s.arg(evidence.hop + 1)
                    .arg(evidence.part == Evidence::Part::Request ? u"request"_s : u"response"_s)
                    .arg(evidence.start)
                    .arg(evidence.end)
                    .arg(evidence.note);
        for (const FixAction& fix : finding.fixes)
            text += u"   Fix: "_s + fix.label + u'\n';
    }
    return text;
}

QJsonArray findingsToJson(const QList<Finding>& findings)
{
    static const char* const kinds[] = {
        "set-authorization-scheme", "set-authorization-value", "use-url",
        "define-variable",          "trust-redirects",         "advice"};
    QJsonArray array;
    for (const Finding& finding : findings) {
        QJsonArray evidence;
        for (const Evidence& each : finding.evidence)
            evidence.append(QJsonObject{
                {u"hop"_s, each.hop},
                {u"part"_s, each.part == Evidence::Part::Request ? u"request"_s : u"response"_s},
                {u"start"_s, each.start},
                {u"end"_s, each.end},
                {u"note"_s, each.note}});
        QJsonArray fixes;
        for (const FixAction& fix : finding.fixes)
            fixes.append(
                QJsonObject{{u"kind"_s, QString::fromLatin1(kinds[static_cast<int>(fix.kind)])},
                            {u"label"_s, fix.label},
                            {u"value"_s, fix.value}});
        array.append(QJsonObject{{u"id"_s, finding.id},
                                 {u"confidence"_s, confidenceName(finding.confidence)},
                                 {u"title"_s, finding.title},
                                 {u"stack"_s, finding.stack},
                                 {u"explanation"_s, finding.explanation},
                                 {u"fixes"_s, fixes},
                                 {u"evidence"_s, evidence}});
    }
    return array;
}

} // namespace Keyhole::Diagnose
