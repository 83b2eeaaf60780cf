// Redirects: credentials that did not reach the final hop, methods that changed on the way.
#include "core/diagnose/Context.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

void redirectRules(const Context& context, QList<Finding>& findings)
{
    const Http::Exchange& exchange = context.exchange;
    const int last = context.lastIndex();
    const QString finalUrl = exchange.hops.last().request.url.toString();
    for (int i = 1; i < exchange.hops.size(); ++i) {
        const Http::Hop& hop = exchange.hops[i];
        const Http::Hop& previous = exchange.hops[i - 1];
        for (const auto& [name, reason] : hop.droppedHeaders) {
            if (name.compare("Authorization", Qt::CaseInsensitive) != 0 &&
                name.compare("Cookie", Qt::CaseInsensitive) != 0)
                continue;
            Finding finding =
                context.finding(u"redirect-cross-origin-auth-dropped"_s, Confidence::Confirmed,
                                QObject::tr("%1 was not sent after the redirect to another origin")
                                    .arg(QString::fromUtf8(name)));
            finding.explanation = QObject::tr("Hop %1 answered %2 with a Location on another "
                                              "origin (%3). Credentials are not carried across "
                                              "origins, so the final request had none. ")
                                      .arg(i)
                                      .arg(previous.response.status)
                                      .arg(reason) +
                                  finding.explanation;
            finding.evidence.append(
                context.responseHeader(i - 1, "Location", QObject::tr("the redirect")));
            finding.evidence.append(
                context.requestHeader(0, name, QObject::tr("sent on the first hop")));
            finding.fixes.prepend({FixAction::Kind::TrustRedirects,
                                   QObject::tr("Trust this redirect (send credentials on)"),
                                   {}});
            finding.fixes.prepend({FixAction::Kind::UseUrl,
                                   QObject::tr("Send to %1 directly").arg(finalUrl), finalUrl});
            finding.weight = 95;
            findings.append(finding);
            break;
        }
        const int status = previous.response.status;
        const QByteArray location = Model::headerValue(previous.response.headers, "Location");
        if (previous.request.method != hop.request.method && hop.request.method == "GET") {
            const bool appendSlash = status == 301 && !location.isEmpty() &&
                                     hop.request.url.path() == previous.request.url.path() + u'/';
            Finding finding = context.finding(
                appendSlash ? u"django-append-slash-redirect"_s : u"redirect-post-becomes-get"_s,
                Confidence::Likely,
                appendSlash
                    ? QObject::tr("The URL lacks its trailing slash: the %1 redirect turned "
                                  "%2 into GET without a body")
                          .arg(status)
                          .arg(QString::fromUtf8(previous.request.method))
                    : QObject::tr("The %1 redirect turned %2 into GET without a body")
                          .arg(status)
                          .arg(QString::fromUtf8(previous.request.method)));
            finding.evidence.append(
                context.responseHeader(i - 1, "Location", QObject::tr("the redirect")));
            finding.fixes.prepend(
                {FixAction::Kind::UseUrl,
                 QObject::tr("Send to %1 directly").arg(hop.request.url.toString()),
                 hop.request.url.toString()});
            finding.weight = 75;
            findings.append(finding);
        }
        const QByteArray path = location.toLower();
        if ((status == 301 || status == 302 || status == 303) &&
            (path.contains("/login") || path.contains("signin") || path.contains("returnurl=") ||
             path.contains("?next="))) {
            Finding finding = context.finding(
                u"login-page-redirect"_s, Confidence::Likely,
                QObject::tr("The server sent you to a login page instead of answering 401"));
            finding.evidence.append(
                context.responseHeader(i - 1, "Location", QObject::tr("the login page")));
            finding.weight = 70;
            findings.append(finding);
        }
    }
    Q_UNUSED(last);
}

} // namespace Keyhole::Diagnose
