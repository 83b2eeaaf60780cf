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

} // namespace

QJsonObject exchangeToJson(const Exchange& exchange)
{
    QJsonArray hops;
    for (const Hop& hop : exchange.hops) {
        QJsonArray dropped;
        for (const auto& [name, reason] : hop.droppedHeaders)
            dropped.append(
                QJsonObject{{u"name"_s, QString::fromUtf8(name)}, {u"reason"_s, reason}});
        hops.append(QJsonObject{{u"request"_s, requestJson(hop.request)},
                                {u"response"_s, responseJson(hop.response)},
                                {u"timings"_s, timingsJson(hop.timings)},
                                {u"tls"_s, tlsJson(hop.tls)},
                                {u"cause"_s, QString::fromLatin1(hop.cause)},
                                {u"dropped_headers"_s, dropped},
                                {u"error"_s, errorJson(hop.error)}});
    }
    return {{u"hops"_s, hops},
            {u"final_status"_s, exchange.finalStatus()},
            {u"error"_s, errorJson(exchange.error())},
            {u"unresolved_variables"_s, QJsonArray::fromStringList(exchange.unresolvedVariables)},
            {u"warnings"_s, QJsonArray::fromStringList(exchange.warnings)}};
}

} // namespace Keyhole::Http
