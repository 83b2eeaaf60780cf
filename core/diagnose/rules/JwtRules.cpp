// JWT contents: expiry and not-before against the server's clock, token type.
#include "core/diagnose/Context.h"
#include "core/jwt/Jwt.h"

#include <QJsonObject>
#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

std::optional<QJsonObject> jwtPayload(const QByteArray& token)
{
    const Result<Jwt::Decoded> decoded = Jwt::decode(token);
    if (!decoded)
        return std::nullopt;
    return decoded.value().payload;
}

} // namespace

void jwtRules(const Context& context, QList<Finding>& findings)
{
    const int last = context.lastIndex();
    const int status = context.status();
    if (status != 401 && status != 403)
        return;
    const QByteArray credential =
        Context::splitAuthorization(context.authorization(last)).second.trimmed();
    const std::optional<QJsonObject> payload = jwtPayload(credential);
    if (!payload)
        return;
    const QDateTime server = context.serverNow();
    const Evidence header = context.requestHeader(last, "Authorization", QObject::tr("the JWT"));

    if (payload->contains(u"exp"_s)) {
        const QDateTime expiry =
            QDateTime::fromSecsSinceEpoch(payload->value(u"exp"_s).toInteger(), Qt::UTC);
        if (expiry <= server) {
            const bool simpleJwt = context.bodyMatches(u"sjwt-token-expired"_s);
            Finding finding = context.finding(
                simpleJwt ? u"sjwt-token-expired"_s : u"jwt-expired"_s,
                simpleJwt || context.bodySays("xpired") ? Confidence::Confirmed
                                                        : Confidence::Likely,
                QObject::tr("The token expired %1 s before the server's clock (exp %2)")
                    .arg(expiry.secsTo(server))
                    .arg(expiry.toString(Qt::ISODate)));
            finding.evidence.append(header);
            finding.evidence.append(
                context.responseHeader(last, "Date", QObject::tr("the server's clock")));
            finding.weight = 90;
            findings.append(finding);
        }
    }
    if (payload->contains(u"nbf"_s)) {
        const QDateTime notBefore =
            QDateTime::fromSecsSinceEpoch(payload->value(u"nbf"_s).toInteger(), Qt::UTC);
        if (notBefore > server) {
            Finding finding = context.finding(
                u"jwt-not-yet-valid-clock-skew"_s, Confidence::Likely,
                QObject::tr("The token is not valid until %1 s after the server's clock (nbf)")
                    .arg(server.secsTo(notBefore)));
            finding.evidence.append(header);
            finding.weight = 80;
            findings.append(finding);
        }
    }
    if (payload->value(u"token_type"_s).toString() == u"refresh") {
        Finding finding = context.finding(
            u"sjwt-wrong-token-type"_s,
            context.bodySays("wrong type") ? Confidence::Confirmed : Confidence::Likely,
            QObject::tr("A refresh token was sent where an access token is expected"));
        finding.evidence.append(header);
        finding.weight = 88;
        findings.append(finding);
    }
}

} // namespace Keyhole::Diagnose
