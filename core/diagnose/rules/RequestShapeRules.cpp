// Request shape: what was wrong with the credential bytes before they left.
#include "core/diagnose/Context.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

void requestShapeRules(const Context& context, QList<Finding>& findings)
{
    const int last = context.lastIndex();
    const Http::HopRequest& request = context.lastHop().request;

    // {{name}} that went out literally.
    for (const QString& name : context.exchange.unresolvedVariables) {
        const QByteArray literal = "{{" + name.toUtf8() + "}}";
        QByteArray where;
        for (const Model::HeaderField& field : request.headers) {
            if (field.value.contains(literal) && where.isEmpty())
                where = field.name;
        }
        const bool inCredential = where.compare("Authorization", Qt::CaseInsensitive) == 0 ||
                                  where.compare("Cookie", Qt::CaseInsensitive) == 0;
        const bool inUrl = request.url.toEncoded().contains(literal) ||
                           request.url.toString().contains(QString::fromUtf8(literal));
        if (where.isEmpty() && !inUrl)
            continue;
        Finding finding = context.finding(
            u"unresolved-variable"_s, inCredential ? Confidence::Confirmed : Confidence::Likely,
            QObject::tr("{{%1}} is not set in this environment and went out literally").arg(name));
        finding.explanation =
            QObject::tr("The request was sent with the placeholder {{%1}} instead of a value, so "
                        "the server saw the text \"{{%1}}\" as the credential. ")
                .arg(name) +
            finding.explanation;
        if (!where.isEmpty())
            finding.evidence.append(context.requestHeader(
                last, where,
                QObject::tr("%1 carries the literal {{%2}}").arg(QString::fromUtf8(where), name)));
        finding.fixes.prepend({FixAction::Kind::DefineVariable,
                               QObject::tr("Define {{%1}} in this environment").arg(name), name});
        finding.weight = 100;
        findings.append(finding);
    }

    const QByteArray authorization = context.authorization(last);
    if (authorization.isNull())
        return;
    const auto [scheme, credential] = Context::splitAuthorization(authorization);

    // Repeated Authorization headers (the network layer joined them into one line).
    qsizetype count = 0;
    for (const Model::HeaderField& field : request.headers)
        count += field.name.compare("Authorization", Qt::CaseInsensitive) == 0 ? 1 : 0;
    if (count > 1) {
        Finding finding =
            context.finding(u"duplicate-authorization-headers"_s, Confidence::Likely,
                            QObject::tr("%1 Authorization headers were sent").arg(count));
        finding.evidence.append(
            context.requestHeader(last, "Authorization", QObject::tr("joined into one line")));
        finding.weight = 60;
        findings.append(finding);
    }

    // "Bearer Bearer x": the value already held the prefix.
    const QByteArray firstWord = Context::splitAuthorization(credential.trimmed()).first;
    const QList<QByteArray> prefixes{"bearer", "token", "jwt", "basic"};
    if (!scheme.isEmpty() && prefixes.contains(firstWord.toLower()) &&
        credential.trimmed().contains(' ')) {
        const QByteArray cleaned =
            scheme + ' ' + Context::splitAuthorization(credential.trimmed()).second;
        Finding finding =
            context.finding(u"double-bearer-prefix"_s,
                            context.bodyMatches(u"double-bearer-prefix"_s) ? Confidence::Confirmed
                                                                           : Confidence::Likely,
                            QObject::tr("The prefix is there twice: \"%1 %2 …\"")
                                .arg(QString::fromUtf8(scheme), QString::fromUtf8(firstWord)));
        finding.evidence.append(
            context.requestHeader(last, "Authorization", QObject::tr("two scheme words")));
        finding.fixes.prepend(
            {FixAction::Kind::SetAuthorizationValue,
             QObject::tr("Send \"%1 <token>\" once").arg(QString::fromUtf8(scheme)),
             QString::fromUtf8(cleaned)});
        finding.weight = 90;
        findings.append(finding);
        return;
    }

    // Quotes, stray whitespace, a second space, non-ASCII in the credential.
    const QByteArray trimmed = credential.trimmed();
    QByteArray cleaned = trimmed;
    for (char c : {'"', '\'', '\t'})
        cleaned.replace(c, "");
    const bool nonAscii = std::any_of(credential.cbegin(), credential.cend(),
                                      [](char c) { return static_cast<unsigned char>(c) > 0x7e; });
    if (cleaned != credential || nonAscii || authorization.contains("  ")) {
        Finding finding = context.finding(
            u"token-whitespace-quotes-newline"_s, Confidence::Likely,
            QObject::tr("The credential has quotes, extra spaces or odd characters around it"));
        finding.evidence.append(context.requestHeader(
            last, "Authorization", QObject::tr("look at the bytes after the scheme")));
        finding.fixes.prepend({FixAction::Kind::SetAuthorizationValue,
                               QObject::tr("Send the cleaned value"),
                               QString::fromUtf8(scheme + ' ' + cleaned)});
        finding.weight = 70;
        findings.append(finding);
    }
}

} // namespace Keyhole::Diagnose
