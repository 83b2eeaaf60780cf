// The API's own spec: the OpenAPI document the request was imported from says which
// credential the operation wants (a Bearer token, an API key in X-API-Key, HTTP Basic…). When
// none of its alternatives went out, that is where the credential belongs.
#include "core/diagnose/Context.h"

#include <QObject>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

struct Wanted {
    QString description; // "an API key in the X-API-Key header"
    QByteArray header;   // the header it goes in, for the fix ("Authorization", "X-API-Key")
    QByteArray scheme;   // for Authorization: "Bearer", "Basic", "Digest"
};

// What a security scheme wants, and whether `request` carries it.
std::optional<Wanted> wanted(const QJsonObject& scheme, const Http::HopRequest& request,
                             bool& satisfied)
{
    const QString type = scheme.value(u"type"_s).toString();
    const QString name = scheme.value(u"name"_s).toString();
    const QString in = scheme.value(u"in"_s).toString();
    auto headerSent = [&request](const QByteArray& header) {
        return !Model::headerValue(request.headers, header).trimmed().isEmpty();
    };
    auto authorizationIs = [&request](const QByteArray& word) {
        const QByteArray value = Model::headerValue(request.headers, "Authorization").trimmed();
        return value.size() > word.size() &&
               value.left(word.size()).compare(word, Qt::CaseInsensitive) == 0 &&
               value.at(word.size()) == ' ';
    };
    if (type == u"apiKey" && in == u"header") {
        satisfied = headerSent(name.toLatin1());
        return Wanted{QObject::tr("an API key in the %1 header").arg(name), name.toLatin1(), {}};
    }
    if (type == u"apiKey" && in == u"query") {
        satisfied = QUrlQuery(request.url).hasQueryItem(name);
        return Wanted{QObject::tr("an API key in the query parameter %1").arg(name), {}, {}};
    }
    if (type == u"apiKey" && in == u"cookie") {
        const QByteArray cookies = Model::headerValue(request.headers, "Cookie");
        satisfied = QString(u"; "_s + QString::fromLatin1(cookies)).contains(u"; "_s + name + u'=');
        return Wanted{QObject::tr("an API key in the cookie %1").arg(name), "Cookie", {}};
    }
    QByteArray word;
    const QString httpScheme = scheme.value(u"scheme"_s).toString().toLower();
    if ((type == u"http" && httpScheme == u"bearer") || type == u"oauth2" ||
        type == u"openIdConnect")
        word = "Bearer";
    else if ((type == u"http" && httpScheme == u"basic") || type == u"basic")
        word = "Basic";
    else if (type == u"http" && httpScheme == u"digest")
        word = "Digest";
    if (word.isEmpty()) {
        satisfied = true; // a scheme the rule cannot check: assume it went out
        return std::nullopt;
    }
    satisfied = authorizationIs(word);
    const QString what = word == "Bearer"  ? QObject::tr("a Bearer token in Authorization")
                         : word == "Basic" ? QObject::tr("HTTP Basic credentials in Authorization")
                                           : QObject::tr("HTTP Digest in Authorization");
    return Wanted{what, "Authorization", word};
}

// The credential-looking headers of a request, as "Authorization: Token …, X-Auth: …".
QString sentCredentials(const Http::HopRequest& request)
{
    static const QRegularExpression credential(
        u"^(authorization|cookie|x-[\\w-]*(key|token|auth)[\\w-]*|api[-_]?key)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    QStringList sent;
    for (const Model::HeaderField& header : request.headers) {
        if (!credential.match(QString::fromLatin1(header.name)).hasMatch())
            continue;
        const QString value = QString::fromLatin1(header.value.trimmed());
        const QString word = header.name.compare("Authorization", Qt::CaseInsensitive) == 0
                                 ? value.section(u' ', 0, 0) + u" …"_s
                                 : u"…"_s;
        sent.append(QString::fromLatin1(header.name) + u": "_s + word);
    }
    return sent.join(u", "_s);
}

} // namespace

void specRules(const Context& context, QList<Finding>& findings)
{
    const SpecSecurity& spec = context.spec;
    if (spec.isEmpty())
        return;
    const int last = context.lastIndex();
    const Http::HopRequest& request = context.lastHop().request;
    std::optional<Wanted> first;
    for (const QJsonValue& alternative : spec.requirements) {
        const QJsonObject requirement = alternative.toObject();
        if (requirement.isEmpty())
            return; // security is optional for this operation
        bool all = true;
        for (auto it = requirement.begin(); it != requirement.end(); ++it) {
            bool satisfied = false;
            std::optional<Wanted> one =
                wanted(spec.schemes.value(it.key()).toObject(), request, satisfied);
            all = all && satisfied;
            if (!first && one && !satisfied)
                first = one;
        }
        if (all)
            return; // one alternative went out: the spec is not the problem
    }
    if (!first)
        return;
    const QString sent = sentCredentials(request);
    const QString operation =
        spec.operation.isEmpty() ? QObject::tr("this operation") : spec.operation;
    Finding finding = context.finding(
        u"credential-in-wrong-header"_s, Confidence::Likely,
        sent.isEmpty() ? QObject::tr("The API's spec wants %1 for %2; this request sends none")
                             .arg(first->description, operation)
                       : QObject::tr("The API's spec wants %1 for %2; this request sends %3")
                             .arg(first->description, operation, sent));
    finding.explanation = QObject::tr("The OpenAPI document this request was imported from "
                                      "lists the security %1 accepts. ")
                              .arg(operation) +
                          finding.explanation;
    if (!Model::headerValue(request.headers, "Authorization").isEmpty())
        finding.evidence.append(
            context.requestHeader(last, "Authorization", QObject::tr("what this request sends")));
    // Only a token under another word (Token, JWT) becomes a Bearer by switching the word;
    // Basic and Digest credentials are built differently.
    const QByteArray sentScheme =
        Context::splitAuthorization(Model::headerValue(request.headers, "Authorization").trimmed())
            .first;
    const bool switchable = first->scheme == "Bearer" && !sentScheme.isEmpty() &&
                            sentScheme.compare("Basic", Qt::CaseInsensitive) != 0 &&
                            sentScheme.compare("Digest", Qt::CaseInsensitive) != 0;
    if (switchable)
        finding.fixes.prepend(
            {FixAction::Kind::SetAuthorizationScheme,
             QObject::tr("Switch the prefix to \"%1\"").arg(QString::fromLatin1(first->scheme)),
             QString::fromLatin1(first->scheme)});
    else
        finding.fixes.prepend(
            {FixAction::Kind::Advice,
             QObject::tr("Set the request's auth to %1 (Auth tab)").arg(first->description),
             {}});
    finding.weight = 45;
    findings.append(finding);
}

} // namespace Keyhole::Diagnose
