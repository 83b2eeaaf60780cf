#include "core/http/ExchangeJson.h"

#include "core/raw/RawText.h"

#include <QJsonArray>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace Keyhole::Http {
namespace {

QJsonValue errorJson(const TransportError& error)
{
    if (!error.isError())
        return QJsonValue::Null;
    return QJsonObject{{u"kind"_s, transportErrorKindName(error.kind)},
                       {u"message"_s, error.message}};
}

QString originName(HeaderOrigin origin)
{
    switch (origin) {
    case HeaderOrigin::Request:
        return u"request"_s;
    case HeaderOrigin::Keyhole:
        return u"keyhole"_s;
    case HeaderOrigin::Network:
        return u"network"_s;
    }
    return {};
}

QJsonValue ms(double value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(qRound(value * 1000) / 1000.0);
}

// Sets `key` to the text, or `key_base64` when the bytes are not valid UTF-8.
void putBytes(QJsonObject& object, const QString& key, const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        object.insert(key + u"_base64"_s, QString::fromLatin1(bytes.toBase64()));
    else
        object.insert(key, text);
}

QJsonObject requestJson(const HopRequest& request)
{
    QJsonObject object{{u"method"_s, QString::fromUtf8(request.method)},
                       {u"url"_s, QString::fromUtf8(request.url.toEncoded())}};
    putBytes(object, u"raw"_s, Raw::requestBytes(request));
    QJsonArray headers;
    for (const WireHeader& header : request.wireHeaders)
        headers.append(QJsonArray{QString::fromUtf8(header.name), QString::fromUtf8(header.value),
                                  originName(header.origin)});
    object.insert(u"headers"_s, headers);
    return object;
}

QJsonValue responseJson(const HopResponse& response)
{
    if (!response.received)
        return QJsonValue::Null;
    QJsonArray headers;
    for (const Model::HeaderField& field : response.headers)
        headers.append(QJsonArray{QString::fromUtf8(field.name), QString::fromUtf8(field.value)});
    QJsonObject object{
        {u"status"_s, response.status},
        {u"reason"_s, QString::fromUtf8(response.reason)},
        {u"http_version"_s, QString::fromUtf8(response.httpVersion)},
        {u"headers"_s, headers},
        {u"body_base64"_s, QString::fromLatin1(response.body.toBase64())},
        {u"body_size"_s, response.body.size()},
        {u"decoded_body_base64"_s, QString::fromLatin1(response.decodedBody.toBase64())}};
    if (!response.decodeError.isEmpty())
        object.insert(u"decode_error"_s, response.decodeError);
    return object;
}

QJsonObject timingsJson(const HopTimings& timings)
{
    return {{u"started"_s, timings.started.toString(Qt::ISODateWithMs)},
            {u"dns_ms"_s, ms(timings.dnsMs)},
            {u"connect_started_ms"_s, ms(timings.connectStartedMs)},
            {u"tls_done_ms"_s, ms(timings.encryptedMs)},
            {u"request_sent_ms"_s, ms(timings.requestSentMs)},
            {u"first_byte_ms"_s, ms(timings.headersMs)},
            {u"total_ms"_s, ms(timings.totalMs)},
            {u"connection_reused"_s, timings.connectionReused}};
}

QJsonValue tlsJson(const TlsInfo& tls)
{
    if (!tls.used)
        return QJsonValue::Null;
    QJsonArray chain;
    for (const CertificateInfo& certificate : tls.peerChain)
        chain.append(QJsonObject{{u"subject"_s, certificate.subject},
                                 {u"issuer"_s, certificate.issuer},
                                 {u"not_before"_s, certificate.notBefore.toString(Qt::ISODate)},
                                 {u"not_after"_s, certificate.notAfter.toString(Qt::ISODate)},
                                 {u"subject_alt_names"_s,
                                  QJsonArray::fromStringList(certificate.subjectAlternativeNames)},
                                 {u"sha256"_s, QString::fromLatin1(certificate.sha256)}});
    return QJsonObject{{u"protocol"_s, tls.protocol},
                       {u"cipher"_s, tls.cipher},
                       {u"peer_chain"_s, chain},
                       {u"errors"_s, QJsonArray::fromStringList(tls.errors)}};
}

QByteArray takeBytes(const QJsonObject& object, const QString& key)
{
    if (object.contains(key + u"_base64"_s))
        return QByteArray::fromBase64(object.value(key + u"_base64"_s).toString().toLatin1());
    return object.value(key).toString().toUtf8();
}

TransportError errorFromJson(const QJsonValue& value)
{
    if (!value.isObject())
        return {};
    const QString name = value.toObject().value(u"kind"_s).toString();
    TransportError error{TransportErrorKind::Other,
                         value.toObject().value(u"message"_s).toString()};
    for (TransportErrorKind kind :
         {TransportErrorKind::Dns, TransportErrorKind::Refused, TransportErrorKind::Timeout,
          TransportErrorKind::Tls, TransportErrorKind::Reset, TransportErrorKind::Cancelled,
          TransportErrorKind::TooLarge, TransportErrorKind::Redirects}) {
        if (transportErrorKindName(kind) == name)
            error.kind = kind;
    }
    return error;
}

double msFromJson(const QJsonValue& value)
{
    return value.isDouble() ? value.toDouble() : -1;
}

} // namespace

Exchange exchangeFromJson(const QJsonObject& object)
{
    Exchange exchange;
    for (const QJsonValue& hopValue : object.value(u"hops"_s).toArray()) {
        const QJsonObject hopObject = hopValue.toObject();
        Hop hop;
        const QJsonObject request = hopObject.value(u"request"_s).toObject();
        hop.request.method = request.value(u"method"_s).toString().toUtf8();
        hop.request.url = QUrl::fromEncoded(request.value(u"url"_s).toString().toUtf8());
        const QByteArray raw = takeBytes(request, u"raw"_s);
        const qsizetype headEnd = raw.indexOf("\r\n\r\n");
        hop.request.body = headEnd < 0 ? QByteArray() : raw.mid(headEnd + 4);
        hop.request.target = raw.left(raw.indexOf("\r\n")).split(' ').value(1);
        for (const QJsonValue& header : request.value(u"headers"_s).toArray()) {
            const QJsonArray parts = header.toArray();
            const QString origin = parts.at(2).toString();
            WireHeader wire{parts.at(0).toString().toUtf8(), parts.at(1).toString().toUtf8(),
                            origin == u"keyhole"_s   ? HeaderOrigin::Keyhole
                            : origin == u"network"_s ? HeaderOrigin::Network
                                                     : HeaderOrigin::Request};
            if (wire.origin == HeaderOrigin::Request)
                hop.request.headers.append({wire.name, wire.value});
            hop.request.wireHeaders.append(wire);
        }
        if (const QJsonValue responseValue = hopObject.value(u"response"_s);
            responseValue.isObject()) {
            const QJsonObject response = responseValue.toObject();
            hop.response.received = true;
            hop.response.status = response.value(u"status"_s).toInt();
            hop.response.reason = response.value(u"reason"_s).toString().toUtf8();
            hop.response.httpVersion = response.value(u"http_version"_s).toString().toUtf8();
            for (const QJsonValue& header : response.value(u"headers"_s).toArray())
                hop.response.headers.append({header.toArray().at(0).toString().toUtf8(),
                                             header.toArray().at(1).toString().toUtf8()});
            hop.response.body = takeBytes(response, u"body"_s);
            hop.response.decodedBody = takeBytes(response, u"decoded_body"_s);
            hop.response.decodeError = response.value(u"decode_error"_s).toString();
        }
        const QJsonObject timings = hopObject.value(u"timings"_s).toObject();
        hop.timings.started =
            QDateTime::fromString(timings.value(u"started"_s).toString(), Qt::ISODateWithMs);
        hop.timings.dnsMs = msFromJson(timings.value(u"dns_ms"_s));
        hop.timings.connectStartedMs = msFromJson(timings.value(u"connect_started_ms"_s));
        hop.timings.encryptedMs = msFromJson(timings.value(u"tls_done_ms"_s));
        hop.timings.requestSentMs = msFromJson(timings.value(u"request_sent_ms"_s));
        hop.timings.headersMs = msFromJson(timings.value(u"first_byte_ms"_s));
        hop.timings.totalMs = msFromJson(timings.value(u"total_ms"_s));
        hop.timings.connectionReused = timings.value(u"connection_reused"_s).toBool();
        if (const QJsonValue tlsValue = hopObject.value(u"tls"_s); tlsValue.isObject()) {
            const QJsonObject tls = tlsValue.toObject();
            hop.tls.used = true;
            hop.tls.protocol = tls.value(u"protocol"_s).toString();
            hop.tls.cipher = tls.value(u"cipher"_s).toString();
            for (const QJsonValue& errorValue : tls.value(u"errors"_s).toArray())
                hop.tls.errors.append(errorValue.toString());
            for (const QJsonValue& value : tls.value(u"peer_chain"_s).toArray()) {
                const QJsonObject certificate = value.toObject();
                CertificateInfo info;
                info.subject = certificate.value(u"subject"_s).toString();
                info.issuer = certificate.value(u"issuer"_s).toString();
                info.notBefore = QDateTime::fromString(
                    certificate.value(u"not_before"_s).toString(), Qt::ISODate);
                info.notAfter = QDateTime::fromString(certificate.value(u"not_after"_s).toString(),
                                                      Qt::ISODate);
                for (const QJsonValue& name : certificate.value(u"subject_alt_names"_s).toArray())
                    info.subjectAlternativeNames.append(name.toString());
                info.sha256 = certificate.value(u"sha256"_s).toString().toLatin1();
                hop.tls.peerChain.append(info);
            }
        }
        hop.cause = hopObject.value(u"cause"_s).toString().toLatin1();
        for (const QJsonValue& value : hopObject.value(u"dropped_headers"_s).toArray())
            hop.droppedHeaders.append({value.toObject().value(u"name"_s).toString().toUtf8(),
                                       value.toObject().value(u"reason"_s).toString()});
        for (const QJsonValue& value : hopObject.value(u"jar_cookies_sent"_s).toArray())
            hop.jarCookiesSent.append(value.toString().toUtf8());
        for (const QJsonValue& value : hopObject.value(u"jar_cookies_stored"_s).toArray())
            hop.jarCookiesStored.append(value.toString().toUtf8());
        hop.error = errorFromJson(hopObject.value(u"error"_s));
        exchange.hops.append(hop);
    }
    for (const QJsonValue& value : object.value(u"unresolved_variables"_s).toArray())
        exchange.unresolvedVariables.append(value.toString());
    for (const QJsonValue& value : object.value(u"warnings"_s).toArray())
        exchange.warnings.append(value.toString());
    return exchange;
}

QJsonObject exchangeToJson(const Exchange& exchange)
{
    QJsonArray hops;
    for (const Hop& hop : exchange.hops) {
        QJsonArray dropped;
        for (const auto& [name, reason] : hop.droppedHeaders)
            dropped.append(
                QJsonObject{{u"name"_s, QString::fromUtf8(name)}, {u"reason"_s, reason}});
        QJsonObject object{{u"request"_s, requestJson(hop.request)},
                           {u"response"_s, responseJson(hop.response)},
                           {u"timings"_s, timingsJson(hop.timings)},
                           {u"tls"_s, tlsJson(hop.tls)},
                           {u"cause"_s, QString::fromLatin1(hop.cause)},
                           {u"dropped_headers"_s, dropped},
                           {u"error"_s, errorJson(hop.error)}};
        const auto names = [](const QByteArrayList& list) {
            QJsonArray array;
            for (const QByteArray& name : list)
                array.append(QString::fromUtf8(name));
            return array;
        };
        if (!hop.jarCookiesSent.isEmpty())
            object.insert(u"jar_cookies_sent"_s, names(hop.jarCookiesSent));
        if (!hop.jarCookiesStored.isEmpty())
            object.insert(u"jar_cookies_stored"_s, names(hop.jarCookiesStored));
        hops.append(object);
    }
    return {{u"hops"_s, hops},
            {u"final_status"_s, exchange.finalStatus()},
            {u"error"_s, errorJson(exchange.error())},
            {u"unresolved_variables"_s, QJsonArray::fromStringList(exchange.unresolvedVariables)},
            {u"warnings"_s, QJsonArray::fromStringList(exchange.warnings)}};
}

} // namespace Keyhole::Http
