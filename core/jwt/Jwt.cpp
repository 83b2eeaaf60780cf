#include "core/jwt/Jwt.h"

#include <QJsonDocument>
#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Jwt {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors;

bool isBase64Url(const QByteArray& part)
{
    return std::all_of(part.begin(), part.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

Result<QByteArray> decodePart(const QByteArray& part, const QString& name)
{
    if (!isBase64Url(part) || part.size() % 4 == 1)
        return Error{
            u"jwt.base64"_s,
            QObject::tr("the %1 is not base64url (A–Z, a–z, 0–9, '-', '_', no padding)").arg(name),
            name};
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(part, kBase64Url);
    if (!decoded)
        return Error{u"jwt.base64"_s, QObject::tr("the %1 is not valid base64url").arg(name), name};
    return decoded.decoded;
}

Result<QJsonObject> jsonPart(const QByteArray& part, const QString& name)
{
    const Result<QByteArray> bytes = decodePart(part, name);
    if (!bytes)
        return bytes.error();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes.value(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error{u"jwt.json"_s,
                     QObject::tr("the %1 is not JSON (%2 at byte %3)")
                         .arg(name, error.errorString())
                         .arg(error.offset),
                     name};
    if (!document.isObject())
        return Error{u"jwt.json"_s, QObject::tr("the %1 is JSON but not an object").arg(name),
                     name};
    return document.object();
}

} // namespace

bool looksLikeJwt(const QByteArray& text)
{
    const QByteArray trimmed = text.trimmed();
    const QList<QByteArray> parts = trimmed.split('.');
    return parts.size() == 3 && trimmed.startsWith("eyJ") &&
           std::all_of(parts.begin(), parts.end(), isBase64Url);
}

Result<Decoded> decode(const QByteArray& token)
{
    QByteArray text = token.trimmed();
    for (const QByteArray& prefix : {QByteArray("Bearer "), QByteArray("JWT ")}) {
        if (text.startsWith(prefix))
            text = text.mid(prefix.size()).trimmed();
    }
    const QList<QByteArray> parts = text.split('.');
    if (parts.size() != 3)
        return Error{
            u"jwt.parts"_s,
            parts.size() == 5
                ? QObject::tr("this is an encrypted JWT (JWE, 5 parts); only signed "
                              "tokens (3 parts) can be read")
                : QObject::tr("a JWT has 3 dot-separated parts; this has %1").arg(parts.size()),
            {}};
    const Result<QJsonObject> header = jsonPart(parts[0], QObject::tr("header (part 1)"));
    if (!header)
        return header.error();
    const Result<QJsonObject> payload = jsonPart(parts[1], QObject::tr("payload (part 2)"));
    if (!payload)
        return payload.error();
    const Result<QByteArray> signature =
        parts[2].isEmpty() ? Result<QByteArray>(QByteArray())
                           : decodePart(parts[2], QObject::tr("signature (part 3)"));
    if (!signature)
        return signature.error();
    const QJsonValue alg = header.value().value(u"alg"_s);
    if (!alg.isString())
        return Error{u"jwt.alg"_s, QObject::tr("the header has no \"alg\""),
                     QObject::tr("header (part 1)")};
    return Decoded{header.value(), payload.value(), alg.toString().toUtf8(),
                   parts[0] + '.' + parts[1], signature.value()};
}

QStringList problems(const Decoded& token)
{
    QStringList out;
    if (token.algorithm.compare("none", Qt::CaseInsensitive) == 0)
        out.append(QObject::tr("\"alg\": \"none\" — an unsigned token; servers must refuse it"));
    else if (token.signature.isEmpty())
        out.append(QObject::tr("the signature (part 3) is empty"));
    return out;
}

QString relativeTime(qint64 seconds)
{
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    if (magnitude < 5)
        return QObject::tr("just now");
    QString amount;
    if (magnitude < 60)
        amount = QObject::tr("%1 s").arg(magnitude);
    else if (magnitude < 3600)
        amount = QObject::tr("%1 min").arg(magnitude / 60);
    else if (magnitude < 86400)
        amount = magnitude % 3600 >= 60
                     ? QObject::tr("%1 h %2 min").arg(magnitude / 3600).arg(magnitude % 3600 / 60)
                     : QObject::tr("%1 h").arg(magnitude / 3600);
    else
        amount = QObject::tr("%1 d").arg(magnitude / 86400);
    return seconds < 0 ? QObject::tr("%1 ago").arg(amount) : QObject::tr("in %1").arg(amount);
}

TimeCheck checkTimes(const Decoded& token, const QDateTime& localNow,
                     const std::optional<QDateTime>& serverNow, qint64 skewSeconds)
{
    TimeCheck out;
    bool expiredLocally = false;
    const QDateTime deciding = serverNow ? *serverNow : localNow;
    if (serverNow) {
        out.skew = localNow.secsTo(*serverNow);
        if (*out.skew > skewSeconds || *out.skew < -skewSeconds)
            out.warnings.append(
                QObject::tr("The server's clock is %1 s %2 this computer's: the server's decides "
                            "whether the token is still valid")
                    .arg(*out.skew < 0 ? -*out.skew : *out.skew)
                    .arg(*out.skew < 0 ? QObject::tr("behind") : QObject::tr("ahead of")));
    }
    for (const char* name : {"exp", "nbf", "iat"}) {
        const QJsonValue value = token.payload.value(QString::fromLatin1(name));
        if (value.isUndefined())
            continue;
        if (!value.isDouble()) {
            out.warnings.append(QObject::tr("\"%1\" is not a number of seconds (NumericDate)")
                                    .arg(QString::fromLatin1(name)));
            continue;
        }
        TimeClaim claim;
        claim.name = name;
        claim.at = QDateTime::fromSecsSinceEpoch(static_cast<qint64>(value.toDouble()), Qt::UTC);
        claim.fromNow = localNow.secsTo(claim.at);
        const QString when = relativeTime(claim.fromNow);
        if (claim.name == "exp") {
            out.expired = claim.at <= deciding;
            expiredLocally = claim.at <= localNow;
            claim.description = claim.at <= localNow ? QObject::tr("expired %1").arg(when)
                                                     : QObject::tr("expires %1").arg(when);
        } else if (claim.name == "nbf") {
            out.notYetValid = claim.at > deciding;
            claim.description = QObject::tr("valid from %1").arg(when);
        } else {
            claim.description = QObject::tr("issued %1").arg(when);
            if (claim.at > localNow.addSecs(skewSeconds))
                out.warnings.append(
                    QObject::tr("Issued in the future by this computer's clock (%1)").arg(when));
        }
        out.claims.append(claim);
    }
    if (serverNow && out.expired != expiredLocally)
        out.warnings.append(out.expired
                                ? QObject::tr("Still valid by this computer's clock, but expired "
                                              "by the server's")
                                : QObject::tr("Expired by this computer's clock, but still valid "
                                              "by the server's"));
    return out;
}

QString summary(const Decoded& token, const QDateTime& now)
{
    QStringList parts{u"JWT "_s + QString::fromLatin1(token.algorithm)};
    for (const QString& claim :
         {u"token_type"_s, u"sub"_s, u"user_id"_s, u"username"_s, u"scope"_s, u"aud"_s, u"iss"_s}) {
        const QJsonValue value = token.payload.value(claim);
        if (value.isString() || value.isDouble())
            parts.append(claim + u' ' + value.toVariant().toString());
    }
    const TimeCheck times = checkTimes(token, now);
    for (const TimeClaim& claim : times.claims)
        parts.append(claim.name == "exp" ? claim.description + u" ("_s +
                                               claim.at.toLocalTime().toString(u"HH:mm:ss"_s) + u')'
                                         : claim.description);
    return (parts + problems(token)).join(u" · "_s);
}

} // namespace Keyhole::Jwt
