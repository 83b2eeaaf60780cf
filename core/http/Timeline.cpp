#include "core/http/Timeline.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Keyhole::Http::Timeline", text);
}

QString originOf(const QUrl& url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo)
        .toDisplayString();
}

} // namespace

PhaseDurations phaseDurations(const HopTimings& timings, bool tls)
{
    // The marks are milliseconds from the hop's start; the phases are the gaps between them.
    const double connected =
        tls && timings.encryptedMs >= 0 ? timings.encryptedMs : timings.requestSentMs;
    const bool connectedHere = timings.connectStartedMs >= 0 && !timings.connectionReused;
    const double looked = timings.dnsMs >= 0 ? timings.dnsMs : 0; // Keyhole's host lookup
    const double sendStart = connectedHere && connected >= 0 ? connected : looked;
    const double sent = timings.requestSentMs >= 0 ? timings.requestSentMs : sendStart;
    const double headers = timings.headersMs >= 0 ? timings.headersMs : sent;
    const double total = timings.totalMs >= 0 ? timings.totalMs : headers;
    PhaseDurations phases;
    phases.dns = timings.dnsMs;
    if (connectedHere) {
        phases.blocked = qMax(0.0, timings.connectStartedMs - looked);
        if (connected >= 0)
            phases.connect = connected - timings.connectStartedMs;
        if (tls && timings.encryptedMs >= 0)
            phases.tls = timings.encryptedMs - timings.connectStartedMs;
    }
    phases.send = sent - sendStart;
    phases.wait = headers - sent;
    phases.receive = total - headers;
    return phases;
}

QStringList hopChanges(const Exchange& exchange, qsizetype index)
{
    QStringList lines;
    if (index < 0 || index >= exchange.hops.size())
        return lines;
    const auto names = [](const QByteArrayList& list) {
        return QString::fromUtf8(list.join(", "));
    };
    const Hop& hop = exchange.hops[index];
    QStringList jar;
    if (!hop.jarCookiesSent.isEmpty())
        jar.append(tr("Cookie from the environment's jar: %1").arg(names(hop.jarCookiesSent)));
    if (!hop.jarCookiesStored.isEmpty())
        jar.append(
            tr("Set-Cookie kept in the environment's jar: %1").arg(names(hop.jarCookiesStored)));
    if (index == 0)
        return jar;
    const Hop& before = exchange.hops[index - 1];
    if (hop.cause == "digest") {
        lines.append(tr("Sent again answering the server's Digest challenge (%1)")
                         .arg(before.response.status));
    } else {
        const QByteArray location = Model::headerValue(before.response.headers, "Location");
        lines.append(
            tr("Redirected: %1 %2 → Location: %3")
                .arg(before.response.status)
                .arg(QString::fromUtf8(before.response.reason), QString::fromUtf8(location)));
    }
    if (hop.request.method != before.request.method)
        lines.append(tr("Method changed: %1 → %2")
                         .arg(QString::fromUtf8(before.request.method),
                              QString::fromUtf8(hop.request.method)));
    if (!before.request.body.isEmpty() && hop.request.body.isEmpty())
        lines.append(tr("Body dropped (%1 bytes)").arg(before.request.body.size()));
    const QString from = originOf(before.request.url);
    const QString to = originOf(hop.request.url);
    if (from != to) {
        lines.append(before.request.url.scheme() == u"https"_s &&
                             hop.request.url.scheme() == u"http"_s
                         ? tr("Origin changed: %1 → %2 (down to plain http)").arg(from, to)
                         : tr("Origin changed: %1 → %2").arg(from, to));
    }
    lines += jar;
    for (const auto& [name, reason] : hop.droppedHeaders)
        lines.append(tr("%1 not sent: %2").arg(QString::fromUtf8(name), reason));
    return lines;
}

} // namespace Keyhole::Http
