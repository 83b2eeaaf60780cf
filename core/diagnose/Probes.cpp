#include "core/diagnose/Probes.h"

#include "core/diagnose/Doctor.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

int portOf(const QUrl& url)
{
    return url.port(url.scheme() == u"https" ? 443 : 80);
}

// Whether credentials meant for `from` may go to `to`: the same origin, or the same host and
// port-by-scheme with http upgraded to https.
bool sameCredentialOrigin(const QUrl& from, const QUrl& to)
{
    if (from.host().compare(to.host(), Qt::CaseInsensitive) != 0)
        return false;
    if (from.scheme() == to.scheme())
        return portOf(from) == portOf(to);
    return from.scheme() == u"http" && to.scheme() == u"https";
}

QString tr(const char* text)
{
    return QCoreApplication::translate("Probes", text);
}

} // namespace

bool probeAllowed(const Http::Exchange& exchange, const QUrl& target)
{
    return !exchange.hops.isEmpty() &&
           sameCredentialOrigin(exchange.hops.first().request.url, target);
}

QList<Probe> probesFor(const QList<Finding>& findings, const Http::Exchange& exchange)
{
    QList<Probe> probes;
    if (exchange.hops.isEmpty())
        return probes;
    const QUrl first = exchange.hops.first().request.url;
    for (const Finding& finding : findings) {
        for (const FixAction& fix : finding.fixes) {
            bool safe = false;
            if (fix.kind == FixAction::Kind::SetAuthorizationScheme)
                safe = !fix.value.isEmpty();
            else if (fix.kind == FixAction::Kind::UseUrl)
                safe = sameCredentialOrigin(first, QUrl(fix.value));
            const bool offered = std::any_of(probes.cbegin(), probes.cend(), [&](const Probe& p) {
                return p.fix.kind == fix.kind && p.fix.value == fix.value;
            });
            // (The label goes into history: a URL in it is masked as history masks URLs.)
            if (safe && !offered)
                probes.append(
                    {finding.id, fix,
                     fix.kind == FixAction::Kind::UseUrl
                         ? tr("probe: send to %1")
                               .arg(Http::maskedUrl(QUrl(fix.value)).toString(QUrl::RemoveUserInfo))
                         : tr("probe: %1").arg(fix.label)});
        }
    }
    return probes;
}

ProbeResult probeResult(const Probe& probe, const Http::Exchange& answer, const QString& historyId)
{
    ProbeResult result{probe.findingId, probe.label, false, {}, historyId, probe.fix.label};
    const Http::Hop* hop = answer.finalHop();
    if (answer.error().isError() || !hop || !hop->response.received) {
        result.outcome = answer.error().isError() ? answer.error().message : tr("no answer");
        return result;
    }
    result.outcome =
        QString::number(hop->response.status) + u' ' + QString::fromUtf8(hop->response.reason);
    result.confirmed = hop->response.status < 400 && !looksLikeAuthFailure(answer);
    return result;
}

void applyProbeResults(QList<Finding>& findings, const QList<ProbeResult>& results)
{
    for (const ProbeResult& result : results) {
        for (Finding& finding : findings) {
            if (finding.id != result.findingId)
                continue;
            const QString where =
                result.historyId.isEmpty() ? QString() : u" ("_s + result.historyId + u')';
            const QString change = result.change.isEmpty() ? result.label : result.change;
            if (result.confirmed) {
                finding.confidence = Confidence::Confirmed;
                finding.explanation += u"\n"_s + tr("Confirmed by a probe — %1: it answered %2%3.")
                                                     .arg(change, result.outcome, where);
            } else {
                finding.confidence = Confidence::Possible;
                finding.explanation +=
                    u"\n"_s + tr("Not confirmed by a probe — %1: it still answered %2%3, so "
                                 "this is not the whole story.")
                                  .arg(change, result.outcome, where);
            }
        }
    }
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return a.confidence == Confidence::Confirmed && b.confidence != Confidence::Confirmed;
    });
}

} // namespace Keyhole::Diagnose
