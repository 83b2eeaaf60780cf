// Scheme and prefix: the word before the credential against the word the server asks for.
#include "core/diagnose/Context.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

void schemeRules(const Context& context, QList<Finding>& findings)
{
    const int last = context.lastIndex();
    const int status = context.status();
    if (status != 401 && status != 403)
        return;
    // A CSRF refusal is about the request's origin, not its credentials (csrfRules).
    if (status == 403 && context.bodySays("CSRF"))
        return;
    const bool notProvided = context.bodySays("credentials were not provided") ||
                             context.bodySays("Not authenticated") ||
                             context.bodySays("Unauthenticated");
    const QByteArray authorization = context.authorization(last);
    const QList<Challenge>& challenges = context.challenges();

    if (authorization.isNull()) {
        const bool everSent = !context.authorization(0).isNull();
        if (everSent)
            return; // a redirect dropped it: redirectRules explains
        if (status == 403 && challenges.isEmpty() && notProvided) {
            Finding finding = context.finding(
                u"drf-not-provided-403-session-first"_s, Confidence::Likely,
                QObject::tr("No credentials were sent, and the server's first authentication "
                            "class has no challenge (403, not 401)"));
            finding.evidence.append(context.responseBody(last, QObject::tr("\"not provided\"")));
            finding.weight = 50;
            findings.append(finding);
            return;
        }
        Finding finding = context.finding(u"drf-not-provided-401"_s,
                                          notProvided ? Confidence::Confirmed : Confidence::Likely,
                                          QObject::tr("No Authorization header was sent"));
        if (!challenges.isEmpty()) {
            finding.title =
                QObject::tr("No Authorization header was sent; the server asks for \"%1\"")
                    .arg(QString::fromUtf8(challenges.first().scheme));
            finding.evidence.append(context.responseHeader(
                last, "WWW-Authenticate", QObject::tr("the scheme the server wants")));
        }
        finding.weight = 40;
        findings.append(finding);
        return;
    }
    if (challenges.isEmpty())
        return;

    const QByteArray sent = Context::splitAuthorization(authorization).first;
    bool exact = false;
    const Challenge* sameIgnoringCase = nullptr;
    for (const Challenge& challenge : challenges) {
        exact = exact || challenge.scheme == sent;
        if (!sameIgnoringCase && challenge.scheme.compare(sent, Qt::CaseInsensitive) == 0)
            sameIgnoringCase = &challenge;
    }
    if (exact)
        return;
    const QByteArray wanted =
        sameIgnoringCase ? sameIgnoringCase->scheme : challenges.first().scheme;
    const QList<Evidence> evidence{
        context.requestHeader(last, "Authorization", QObject::tr("the scheme you sent")),
        context.responseHeader(last, "WWW-Authenticate",
                               QObject::tr("the scheme the server wants"))};
    const FixAction fix{FixAction::Kind::SetAuthorizationScheme,
                        QObject::tr("Switch the prefix to \"%1\"").arg(QString::fromUtf8(wanted)),
                        QString::fromUtf8(wanted)};

    if (sameIgnoringCase) {
        // Same word, other case: SimpleJWT compares bytes exactly.
        const bool simpleJwt = sameIgnoringCase->param("realm") == "api";
        Finding finding = context.finding(
            simpleJwt ? u"sjwt-lowercase-scheme"_s : u"scheme-case-matrix"_s,
            notProvided ? Confidence::Confirmed : Confidence::Likely,
            QObject::tr("You sent \"%1\"; the server wants exactly \"%2\" (case matters here)")
                .arg(QString::fromUtf8(sent), QString::fromUtf8(wanted)));
        finding.evidence = evidence;
        finding.fixes.prepend(fix);
        finding.weight = 85;
        findings.append(finding);
        return;
    }
    Finding finding = context.finding(
        u"drf-scheme-mismatch"_s, notProvided ? Confidence::Confirmed : Confidence::Likely,
        QObject::tr("You sent \"%1 …\"; the server only accepts \"%2\", so it ignored the header")
            .arg(QString::fromUtf8(sent), QString::fromUtf8(wanted)));
    finding.explanation =
        QObject::tr("The server challenged with \"%1\" and answered as if no credentials were "
                    "sent: a header whose first word is not the scheme it expects is skipped, "
                    "not rejected. ")
            .arg(QString::fromUtf8(wanted)) +
        finding.explanation;
    finding.evidence = evidence;
    finding.fixes.prepend(fix);
    // Without DRF's "not provided" the mismatch is still real, but a stack's own words
    // (Rails' "HTTP Token: Access denied.") explain the answer better.
    finding.weight = notProvided ? 80 : 30;
    findings.append(finding);
}

} // namespace Keyhole::Diagnose
