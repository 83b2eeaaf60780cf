// CSRF and session: the server refused an unsafe request for its CSRF check — the session
// was there; the token, cookie, Origin or Referer that proves the request came from the site
// was not.
#include "core/diagnose/Context.h"

#include <QCoreApplication>
#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

void csrfRules(const Context& context, QList<Finding>& findings)
{
    const int last = context.lastIndex();
    const int status = context.status();
    if (status != 403 && status != 419 && status != 422)
        return;
    struct Known {
        const char16_t* id;
        const char* title;
    };
    static const Known kKnown[] = {
        {u"csrf-cookie-not-set",
         QT_TRANSLATE_NOOP("Diagnose", "The CSRF check failed: no csrftoken cookie was sent")},
        {u"csrf-token-incorrect",
         QT_TRANSLATE_NOOP("Diagnose",
                           "The CSRF check failed: the token does not match the csrftoken cookie")},
        {u"csrf-origin-or-referer",
         QT_TRANSLATE_NOOP("Diagnose",
                           "The CSRF check failed on Origin or Referer, not on the credentials")},
        {u"csrf-token-missing",
         QT_TRANSLATE_NOOP("Diagnose", "The CSRF check failed: no X-CSRFToken header was sent")},
        {u"laravel-csrf-419",
         QT_TRANSLATE_NOOP("Diagnose", "Laravel's CSRF check failed (419 Page Expired)")},
        {u"rails-csrf-422",
         QT_TRANSLATE_NOOP("Diagnose", "Rails could not verify the CSRF token (422)")},
    };
    for (const Known& known : kKnown) {
        const QString id = QString::fromUtf16(known.id);
        if (!context.bodyMatches(id))
            continue;
        Finding finding = context.finding(id, Confidence::Confirmed,
                                          QCoreApplication::translate("Diagnose", known.title));
        // Django before 4.0 says "missing or incorrect" for both: the request tells which.
        if (id == u"csrf-token-missing" &&
            !Model::headerValue(context.lastHop().request.headers, "X-CSRFToken").isEmpty())
            finding.title = QObject::tr("The CSRF check failed: the X-CSRFToken header does not "
                                        "match the csrftoken cookie");
        finding.evidence.append(context.responseBody(last, QObject::tr("the CSRF refusal")));
        const Evidence cookie = context.requestHeader(last, "Cookie", QObject::tr("the session"));
        if (cookie.end > cookie.start)
            finding.evidence.append(cookie);
        for (const QByteArray& name :
             {QByteArray("X-CSRFToken"), QByteArray("Origin"), QByteArray("Referer")}) {
            const Evidence header = context.requestHeader(last, name, QString::fromLatin1(name));
            if (header.end > header.start)
                finding.evidence.append(header);
        }
        if (id.startsWith(u"csrf-"_s))
            finding.fixes.prepend(
                {FixAction::Kind::Advice,
                 QObject::tr("Use Auth › Django session + CSRF: Keyhole logs in through the "
                             "form and sends X-CSRFToken, Origin and Referer on unsafe methods"),
                 {}});
        finding.weight = 95;
        findings.append(finding);
        return; // one CSRF cause explains the refusal
    }
}

} // namespace Keyhole::Diagnose
