// Transport stripping: the credential was sent with the right scheme, yet the application
// says nothing was provided — something between the client and the application removed it.
#include "core/diagnose/Context.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

void transportRules(const Context& context, QList<Finding>& findings)
{
    const int last = context.lastIndex();
    const int status = context.status();
    if (status != 401 && status != 403)
        return;
    const QByteArray authorization = context.authorization(last);
    const bool notProvided = context.bodySays("credentials were not provided") ||
                             context.bodySays("Not authenticated") ||
                             context.bodySays("Unauthenticated");
    const Http::HopRequest& request = context.lastHop().request;
    const Model::HeaderFields& response = context.lastHop().response.headers;

    // A credential header with an underscore in its name: proxies and WSGI servers drop those.
    for (const Model::HeaderField& field : request.headers) {
        if (!field.name.contains('_') || !notProvided)
            continue;
        Finding finding = context.finding(
            u"header-name-with-underscore-dropped"_s, Confidence::Likely,
            QObject::tr(
                "\"%1\" has an underscore in its name; servers and proxies drop such headers")
                .arg(QString::fromUtf8(field.name)));
        finding.evidence.append(
            context.requestHeader(last, field.name, QObject::tr("the underscore")));
        finding.weight = 85;
        findings.append(finding);
        return;
    }

    if (authorization.isNull() || !notProvided)
        return;
    const QByteArray sent = Context::splitAuthorization(authorization).first;
    for (const Challenge& challenge : context.challenges()) {
        if (challenge.scheme != sent)
            return; // the scheme differs: schemeRules explains
    }
    const QByteArray server = Model::headerValue(response, "Server");
    const bool cloudFront = !Model::headerValue(response, "X-Amz-Cf-Id").isNull() ||
                            Model::headerValue(response, "Via").contains("CloudFront");
    // Only a server that can be named is blamed: without it, "not authenticated" after the
    // right scheme is just as likely a refused token (Laravel, FastAPI word it so).
    QString id;
    QString title;
    if (server.startsWith("Apache")) {
        id = u"apache-modwsgi-authorization-stripped"_s;
        title =
            QObject::tr("Apache (%1) did not pass the Authorization header on to the application")
                .arg(QString::fromUtf8(server));
    } else if (cloudFront) {
        id = u"cloudfront-authorization-not-forwarded"_s;
        title = QObject::tr("CloudFront did not forward the Authorization header to the origin");
    } else {
        return;
    }
    Finding finding = context.finding(id, Confidence::Likely, title);
    finding.explanation = QObject::tr("You sent \"%1 …\", the scheme the server asks for, yet it "
                                      "answers that no credentials were provided: the header was "
                                      "removed on the way. ")
                              .arg(QString::fromUtf8(sent)) +
                          finding.explanation;
    finding.evidence.append(context.requestHeader(last, "Authorization", QObject::tr("sent")));
    if (!server.isEmpty())
        finding.evidence.append(
            context.responseHeader(last, "Server", QObject::tr("the server in between")));
    finding.evidence.append(context.responseBody(last, QObject::tr("\"not provided\"")));
    finding.weight = 92;
    findings.append(finding);
}

} // namespace Keyhole::Diagnose
