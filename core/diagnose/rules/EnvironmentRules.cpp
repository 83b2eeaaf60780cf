// The workspace's environments: the credential sent is the value of another environment's
// variable (its token pasted here, or the request sent under the wrong environment). Another
// deployment never issued it, so it is refused.
#include "core/diagnose/Context.h"

#include <QObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

void environmentRules(const Context& context, QList<Finding>& findings)
{
    const EnvironmentValues& environments = context.environments;
    if (environments.isEmpty())
        return;
    static const QRegularExpression credentialHeader(
        u"^(x-[\\w-]*(key|token|auth)[\\w-]*|api[-_]?key)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const int last = context.lastIndex();
    const Http::HopRequest& request = context.lastHop().request;
    for (const Model::HeaderField& header : request.headers) {
        const bool authorization = header.name.compare("Authorization", Qt::CaseInsensitive) == 0;
        if (!authorization && !credentialHeader.match(QString::fromLatin1(header.name)).hasMatch())
            continue;
        QByteArray credential = header.value.trimmed();
        if (authorization && credential.contains(' '))
            credential = Context::splitAuthorization(credential).second.trimmed();
        if (credential.size() < 8)
            continue;
        bool inCurrent = false;
        const EnvironmentValues::Value* other = nullptr;
        for (const EnvironmentValues::Value& value : environments.values) {
            if (value.value != credential)
                continue;
            if (value.environment == environments.current)
                inCurrent = true;
            else if (!other)
                other = &value;
        }
        if (!other)
            continue;
        const QString what =
            authorization ? QObject::tr("token") : QString::fromLatin1(header.name);
        const QString current = environments.current.isEmpty()
                                    ? QObject::tr("no environment")
                                    : QObject::tr("environment \"%1\"").arg(environments.current);
        Finding finding = context.finding(
            u"credential-of-another-environment"_s,
            inCurrent ? Confidence::Possible : Confidence::Likely,
            inCurrent ? QObject::tr("The %1 sent is also {{%2}} of environment \"%3\": pasted "
                                    "from there?")
                            .arg(what, other->variable, other->environment)
                      : QObject::tr("The %1 sent is {{%2}} of environment \"%3\", but the request "
                                    "went out under %4")
                            .arg(what, other->variable, other->environment, current));
        finding.evidence.append(
            context.requestHeader(last, header.name, QObject::tr("the credential sent")));
        finding.fixes.prepend(
            {FixAction::Kind::Advice,
             QObject::tr("Send under environment \"%1\", or log in again under %2 so its own "
                         "credential is stored")
                 .arg(other->environment, current),
             {}});
        finding.weight = 35;
        findings.append(finding);
        return; // one credential is enough to say it
    }
}

} // namespace Keyhole::Diagnose
