// History: the same request succeeded before. Its credentials, set against this request's
// (by fingerprint: history keeps no credential in plain), tell whether the client changed
// what it sends or the server changed what it accepts.
#include "core/diagnose/Context.h"

#include <QLocale>
#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

// The fingerprinted value of header `name` of a request as it went out (empty: not sent).
QByteArray credentialOf(const Http::HopRequest& request, const QByteArray& name)
{
    for (const Http::WireHeader& header : request.wireHeaders) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return Http::fingerprintCredential(header.name, header.value.trimmed());
    }
    return {};
}

QByteArray schemeOf(const QByteArray& authorization)
{
    return authorization.left(authorization.indexOf(' '));
}

} // namespace

void historyRules(const Context& context, QList<Finding>& findings)
{
    const Precedent& precedent = context.precedent;
    if (!precedent.exchange || precedent.exchange->hops.isEmpty())
        return;
    const Http::HopRequest& then = precedent.exchange->hops.first().request;
    const Http::HopRequest& now = context.firstHop().request;
    const QString when = QLocale::c().toString(precedent.time.toLocalTime(), u"yyyy-MM-dd HH:mm"_s);
    const QString worked =
        QObject::tr("%1 (sent %2) succeeded with %3")
            .arg(precedent.id, when, QString::number(precedent.exchange->finalStatus()));
    bool anyChanged = false;
    bool anySame = false;
    for (const QByteArray& name : {QByteArray("Authorization"), QByteArray("Cookie"),
                                   QByteArray("X-API-Key"), QByteArray("Proxy-Authorization")}) {
        const QByteArray before = credentialOf(then, name);
        if (before.isEmpty())
            continue;
        const QByteArray current = credentialOf(now, name);
        const QString header = QString::fromLatin1(name);
        if (current.isEmpty()) {
            Finding finding =
                context.finding(u"credential-missing-since-success"_s, Confidence::Likely,
                                QObject::tr("No %1 header this time: %2 sent one and succeeded")
                                    .arg(header, precedent.id));
            finding.explanation = worked +
                                  QObject::tr(", sending %1: %2. This request sends "
                                              "no %1. ")
                                      .arg(header, QString::fromUtf8(before)) +
                                  finding.explanation;
            finding.weight = 40;
            findings.append(finding);
            anyChanged = true;
        } else if (current != before) {
            const bool schemeChanged =
                name.endsWith("Authorization") && schemeOf(current) != schemeOf(before);
            Finding finding = context.finding(
                u"credential-changed-since-success"_s, Confidence::Likely,
                schemeChanged
                    ? QObject::tr("The %1 scheme changed since it last worked: %2 sent %3, "
                                  "this request sends %4")
                          .arg(header, precedent.id, QString::fromUtf8(schemeOf(before)),
                               QString::fromUtf8(schemeOf(current)))
                    : QObject::tr("Another %1 than the one that worked in %2")
                          .arg(header, precedent.id));
            finding.explanation =
                worked +
                QObject::tr(" sending %1: %2; now: %3. ")
                    .arg(header, QString::fromUtf8(before), QString::fromUtf8(current)) +
                finding.explanation;
            finding.evidence.append(
                context.requestHeader(0, name, QObject::tr("differs from %1's").arg(precedent.id)));
            finding.weight = schemeChanged ? 45 : 35;
            findings.append(finding);
            anyChanged = true;
        } else {
            anySame = true;
        }
    }
    if (anySame && !anyChanged) {
        Finding finding = context.finding(
            u"same-credential-now-rejected"_s, Confidence::Likely,
            QObject::tr("The same credential worked in %1 (%2): the server now refuses it")
                .arg(precedent.id, when));
        finding.explanation = worked +
                              QObject::tr(" with the very same credentials "
                                          "(equal fingerprints). ") +
                              finding.explanation;
        const QByteArray name =
            credentialOf(now, "Authorization").isEmpty() ? "Cookie" : "Authorization";
        finding.evidence.append(
            context.requestHeader(0, name, QObject::tr("the same as in %1").arg(precedent.id)));
        finding.weight = 20;
        findings.append(finding);
    }
}

} // namespace Keyhole::Diagnose
