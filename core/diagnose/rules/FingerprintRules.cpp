// Per-stack fingerprints, straight from the catalog: a cause whose status and body pattern
// match is at least possible; a matching challenge scheme makes it likely. Adding a cause to
// the catalog adds it here — no code.
#include "core/diagnose/Context.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

// Causes that a rule family decides from the request and the hops: their body pattern alone
// proves nothing (a "not provided" body does not mean a redirect dropped anything).
const QStringList kDecidedByRules{
    u"unresolved-variable"_s,
    u"token-whitespace-quotes-newline"_s,
    u"double-bearer-prefix"_s,
    u"duplicate-authorization-headers"_s,
    u"drf-scheme-mismatch"_s,
    u"sjwt-lowercase-scheme"_s,
    u"scheme-case-matrix"_s,
    u"drf-not-provided-401"_s,
    u"drf-not-provided-403-session-first"_s,
    u"redirect-cross-origin-auth-dropped"_s,
    u"redirect-post-becomes-get"_s,
    u"django-append-slash-redirect"_s,
    u"login-page-redirect"_s,
    u"jwt-expired"_s,
    u"sjwt-token-expired"_s,
    u"sjwt-wrong-token-type"_s,
    u"jwt-not-yet-valid-clock-skew"_s,
    u"apache-modwsgi-authorization-stripped"_s,
    u"apache-cgi-fastcgi-authorization-stripped"_s,
    u"cloudfront-authorization-not-forwarded"_s,
    u"header-name-with-underscore-dropped"_s,
};

} // namespace

void fingerprintRules(const Context& context, QList<Finding>& findings)
{
    const int last = context.lastIndex();
    const QString body = QString::fromUtf8(context.body());
    for (const Cause& cause : Catalog::instance().causes()) {
        if (kDecidedByRules.contains(cause.id) || !cause.statuses.contains(context.status()) ||
            !cause.bodyPattern.isValid() || cause.bodyPattern.pattern().isEmpty())
            continue;
        const QRegularExpressionMatch match = cause.bodyPattern.match(body);
        if (!match.hasMatch())
            continue;
        bool challengeAgrees = false;
        for (const Challenge& challenge : context.challenges())
            challengeAgrees = challengeAgrees ||
                              cause.wwwAuthenticate.startsWith(QString::fromUtf8(challenge.scheme));
        Finding finding =
            context.finding(cause.id, challengeAgrees ? Confidence::Likely : Confidence::Possible,
                            QObject::tr("The server's words match %1: %2")
                                .arg(cause.stack, match.captured(0).left(120)));
        finding.evidence.append(context.responseBody(last, QObject::tr("the server's words")));
        // Specific beats generic: a pattern that matches the whole body, of one named stack,
        // outranks a phrase that many stacks or "Any" client could produce.
        const qsizetype covered =
            match.capturedLength(0) * 100 / qMax<qsizetype>(1, body.trimmed().size());
        // "Any", or several technologies listed ("nginx, Apache 2.4, ..."; commas inside
        // parentheses only qualify one stack).
        static const QRegularExpression parenthesised(u"\\([^)]*\\)"_s);
        const bool generic = cause.stack.startsWith(u"Any"_s) ||
                             QString(cause.stack).remove(parenthesised).contains(u',');
        // At most 60: what the rule families see in the request itself ranks above the
        // server's wording (a quoted token explains "token invalid", not the reverse).
        finding.weight = static_cast<int>(qMin<qsizetype>(covered, 100) / 2) +
                         (cause.bodyPattern.pattern().startsWith(u'^') ? 10 : 0) -
                         (generic ? 40 : 0);
        findings.append(finding);
    }
}

} // namespace Keyhole::Diagnose
