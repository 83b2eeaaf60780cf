#include "core/interchange/export/HarExport.h"

#include "core/history/HistoryStore.h"
#include "core/http/Executor.h"
#include "core/http/Timeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

QJsonArray pairs(const QList<QPair<QByteArray, QByteArray>>& items)
{
    QJsonArray array;
    for (const auto& [name, value] : items)
        array.append(QJsonObject{{u"name"_s, QString::fromUtf8(name)},
                                 {u"value"_s, QString::fromUtf8(value)}});
    return array;
}

// Cookies of a Cookie header ("a=1; b=2") or of one Set-Cookie value ("a=1; Path=/").
QList<QPair<QByteArray, QByteArray>> cookiesOf(const QByteArray& value, bool setCookie)
{
    QList<QPair<QByteArray, QByteArray>> cookies;
    const QList<QByteArray> parts = value.split(';');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (setCookie && i > 0)
            break;
        const qsizetype equals = parts[i].indexOf('=');
        if (equals > 0)
            cookies.append({parts[i].left(equals).trimmed(), parts[i].mid(equals + 1).trimmed()});
    }
    return cookies;
}

// {text} when the bytes are UTF-8, {text, encoding: base64} otherwise.
void putText(QJsonObject& object, const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        object.insert(u"text"_s, QString::fromLatin1(bytes.toBase64()));
        object.insert(u"encoding"_s, u"base64"_s);
    } else {
        object.insert(u"text"_s, text);
    }
}

double nonNegative(double value)
{
    return value < 0 ? 0 : qRound(value * 1000) / 1000.0;
}

QJsonObject timingsOf(const Http::HopTimings& timings, bool tls)
{
    const Http::PhaseDurations phases = Http::phaseDurations(timings, tls);
    const auto orAbsent = [](double value) {
        return value < 0 ? -1 : nonNegative(value);
    };
    return {{u"blocked"_s, orAbsent(phases.blocked)},   {u"dns"_s, orAbsent(phases.dns)},
            {u"connect"_s, orAbsent(phases.connect)},   {u"ssl"_s, orAbsent(phases.tls)},
            {u"send"_s, nonNegative(phases.send)},      {u"wait"_s, nonNegative(phases.wait)},
            {u"receive"_s, nonNegative(phases.receive)}};
}

QJsonObject entryOf(const Http::Hop& hop, const QString& comment)
{
    const Http::HopRequest& request = hop.request;
    QList<QPair<QByteArray, QByteArray>> requestHeaders;
    QList<QPair<QByteArray, QByteArray>> requestCookies;
    QByteArray contentType;
    for (const Http::WireHeader& header : request.wireHeaders) {
        requestHeaders.append({header.name, header.value});
        if (header.name.compare("Cookie", Qt::CaseInsensitive) == 0)
            requestCookies += cookiesOf(header.value, false);
        if (header.name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            contentType = header.value;
    }
    QList<QPair<QByteArray, QByteArray>> query;
    for (const auto& [name, value] : QUrlQuery(request.url).queryItems(QUrl::FullyDecoded))
        query.append({name.toUtf8(), value.toUtf8()});
    QJsonObject requestObject{{u"method"_s, QString::fromUtf8(request.method)},
                              {u"url"_s, QString::fromUtf8(request.url.toEncoded())},
                              {u"httpVersion"_s, u"HTTP/1.1"_s},
                              {u"cookies"_s, pairs(requestCookies)},
                              {u"headers"_s, pairs(requestHeaders)},
                              {u"queryString"_s, pairs(query)},
                              {u"headersSize"_s, -1},
                              {u"bodySize"_s, request.body.size()}};
    if (!request.body.isEmpty()) {
        QJsonObject postData{{u"mimeType"_s, QString::fromUtf8(contentType)}};
        putText(postData, request.body);
        requestObject.insert(u"postData"_s, postData);
    }

    const Http::HopResponse& response = hop.response;
    QList<QPair<QByteArray, QByteArray>> responseHeaders;
    QList<QPair<QByteArray, QByteArray>> responseCookies;
    QByteArray mimeType = "x-unknown";
    QByteArray location;
    for (const Model::HeaderField& field : response.headers) {
        responseHeaders.append({field.name, field.value});
        if (field.name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
            responseCookies += cookiesOf(field.value, true);
        else if (field.name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            mimeType = field.value;
        else if (field.name.compare("Location", Qt::CaseInsensitive) == 0)
            location = field.value;
    }
    QJsonObject content{{u"size"_s, response.decodedBody.size()},
                        {u"mimeType"_s, QString::fromUtf8(mimeType)}};
    if (!response.decodedBody.isEmpty())
        putText(content, response.decodedBody);
    QJsonObject responseObject{{u"status"_s, response.received ? response.status : 0},
                               {u"statusText"_s, QString::fromUtf8(response.reason)},
                               {u"httpVersion"_s, QString::fromUtf8(response.httpVersion)},
                               {u"cookies"_s, pairs(responseCookies)},
                               {u"headers"_s, pairs(responseHeaders)},
                               {u"content"_s, content},
                               {u"redirectURL"_s, QString::fromUtf8(location)},
                               {u"headersSize"_s, -1},
                               {u"bodySize"_s, response.received ? response.body.size() : -1}};
    if (hop.error.isError())
        responseObject.insert(u"_error"_s,
                              QJsonObject{{u"kind"_s, Http::transportErrorKindName(hop.error.kind)},
                                          {u"message"_s, hop.error.message}});

    QDateTime started = hop.timings.started.isValid() ? hop.timings.started.toUTC()
                                                      : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    QJsonObject entry{{u"startedDateTime"_s, started.toString(Qt::ISODateWithMs)},
                      {u"time"_s, nonNegative(hop.timings.totalMs)},
                      {u"request"_s, requestObject},
                      {u"response"_s, responseObject},
                      {u"cache"_s, QJsonObject()},
                      {u"timings"_s, timingsOf(hop.timings, hop.tls.used)}};
    if (!comment.isEmpty())
        entry.insert(u"comment"_s, comment);
    return entry;
}

} // namespace

QByteArray exportHar(const QList<HarSend>& sends)
{
    QJsonArray entries;
    for (const HarSend& send : sends) {
        const QList<Http::Hop>& hops = send.exchange.hops;
        for (qsizetype i = 0; i < hops.size(); ++i) {
            QString comment = send.comment;
            if (hops.size() > 1)
                comment +=
                    (comment.isEmpty() ? u""_s : u" · "_s) +
                    u"hop %1 of %2"_s.arg(i + 1).arg(hops.size()) +
                    (hops[i].cause.isEmpty() ? QString()
                                             : u" ("_s + QString::fromLatin1(hops[i].cause) + u')');
            entries.append(entryOf(hops[i], comment));
        }
    }
    const QJsonObject log{
        {u"version"_s, u"1.2"_s},
        {u"creator"_s, QJsonObject{{u"name"_s, u"Keyhole"_s},
                                   {u"version"_s, QString::fromLatin1(
                                                      Http::Executor::defaultUserAgent().mid(8))}}},
        {u"entries"_s, entries}};
    return QJsonDocument(QJsonObject{{u"log"_s, log}}).toJson(QJsonDocument::Indented);
}

Result<QList<HarSend>> historySends(const History::Store& store,
                                    const QList<History::Entry>& entries)
{
    QList<HarSend> sends;
    for (const History::Entry& entry : entries) {
        Result<Http::Exchange> exchange = store.exchange(entry);
        if (!exchange)
            return exchange.error();
        QStringList comment{entry.id};
        if (!entry.requestPath.isEmpty())
            comment.append(entry.requestPath);
        if (!entry.environment.isEmpty())
            comment.append(entry.environment);
        sends.append({std::move(exchange.value()), comment.join(u" · "_s)});
    }
    return sends;
}

} // namespace Keyhole::Interchange
