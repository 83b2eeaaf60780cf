#include "app/cli/SendOptions.h"

#include "app/cli/CliSupport.h"
#include "core/assertions/Assertions.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

Error usage(const QString& where, const QString& message)
{
    return Error{u"usage"_s, message, where};
}

bool looksLikeMethod(const QString& text)
{
    static const QRegularExpression method(u"^[A-Z][A-Z-]*$"_s);
    return method.match(text).hasMatch();
}

} // namespace

Result<SendOptions> parseSendOptions(const QStringList& arguments)
{
    SendOptions options;
    Model::AuthConfig& auth = options.inlineRequest.auth;
    QStringList positional;
    bool hasData = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= arguments.size())
                return std::nullopt;
            return arguments[++i];
        };
        const bool takesValue = QStringList{u"-H"_s,
                                            u"--header"_s,
                                            u"-d"_s,
                                            u"--data"_s,
                                            u"--data-raw"_s,
                                            u"--workspace"_s,
                                            u"--env"_s,
                                            u"--var"_s,
                                            u"--assert"_s,
                                            u"--proxy"_s,
                                            u"--noproxy"_s,
                                            u"--cacert"_s,
                                            u"--timeout"_s,
                                            u"--max-redirects"_s,
                                            u"--repeat"_s,
                                            u"--auth"_s,
                                            u"--user"_s,
                                            u"--token"_s,
                                            u"--prefix"_s,
                                            u"--key"_s,
                                            u"--value"_s,
                                            u"--in"_s,
                                            u"--curl"_s,
                                            u"--curl-file"_s,
                                            u"--login-url"_s,
                                            u"--access-key"_s,
                                            u"--secret-key"_s,
                                            u"--session-token"_s,
                                            u"--region"_s,
                                            u"--service"_s,
                                            u"--grant"_s,
                                            u"--token-url"_s,
                                            u"--auth-url"_s,
                                            u"--client-id"_s,
                                            u"--client-secret"_s,
                                            u"--scope"_s,
                                            u"--redirect-uri"_s,
                                            u"--client-auth"_s,
                                            u"--cert"_s,
                                            u"--key-file"_s,
                                            u"--key-passphrase"_s}
                                    .contains(argument);
        std::optional<QString> v;
        if (takesValue && !(v = value()))
            return usage(argument, u"missing value"_s);

        if (argument == u"-H" || argument == u"--header") {
            const qsizetype colon = v->indexOf(u':');
            if (colon <= 0)
                return usage(argument + u' ' + *v, u"expected 'Name: value'"_s);
            options.inlineRequest.headers.append(
                {v->left(colon).trimmed(), v->mid(colon + 1).trimmed(), true});
        } else if (argument == u"-d" || argument == u"--data" || argument == u"--data-raw") {
            QString body = *v;
            if (argument != u"--data-raw" && body.startsWith(u'@')) {
                QFile file(body.mid(1));
                if (!file.open(QIODevice::ReadOnly))
                    return usage(argument + u' ' + body, file.errorString());
                body = QString::fromUtf8(file.readAll());
            }
            options.inlineRequest.body.kind = Model::BodyKind::Raw;
            options.inlineRequest.body.text += body;
            hasData = true;
        } else if (argument == u"--workspace") {
            options.workspaceDir = *v;
        } else if (argument == u"--env") {
            options.environment = *v;
        } else if (argument == u"--proxy") {
            options.settings.proxy = *v;
        } else if (argument == u"--noproxy") {
            options.settings.noProxy = *v;
        } else if (argument == u"--cacert") {
            options.caCertificates = *v;
        } else if (argument == u"--assert") {
            Result<Model::Assertion> assertion = Assertions::parseAssertion(*v);
            if (!assertion)
                return usage(argument + u" '"_s + *v + u'\'', assertion.error().message);
            options.assertions.append(assertion.value());
        } else if (argument == u"--var") {
            const qsizetype equals = v->indexOf(u'=');
            if (equals <= 0)
                return usage(argument + u' ' + *v, u"expected NAME=VALUE"_s);
            options.runtimeVariables.append(Model::Variable{v->left(equals), v->mid(equals + 1)});
        } else if (argument == u"--timeout") {
            bool ok = false;
            const double seconds = v->toDouble(&ok);
            if (!ok || seconds <= 0 || seconds > 86400)
                return usage(argument + u' ' + *v, u"expected a number of seconds"_s);
            options.settings.timeoutMs = qMax(1, static_cast<int>(seconds * 1000));
        } else if (argument == u"--max-redirects") {
            bool ok = false;
            const int most = v->toInt(&ok);
            if (!ok || most < 0 || most > 1000)
                return usage(argument + u' ' + *v, u"expected a number from 0 to 1000"_s);
            options.settings.maxRedirects = most;
        } else if (argument == u"--auth") {
            const std::optional<Model::AuthKind> kind = Model::authKindFromName(*v);
            if (!kind || *kind == Model::AuthKind::Inherit)
                return usage(argument + u' ' + *v,
                             u"expected basic, bearer, apikey, digest, django-session, "
                             "aws-sigv4, oauth2, client-certificate or none"_s);
            auth.kind = *kind;
        } else if (argument == u"--user") {
            const QString credentials = *v == u"@-" ? readSecretFromStdin() : *v;
            auth.username = credentials.section(u':', 0, 0);
            auth.password = credentials.section(u':', 1);
        } else if (argument == u"--token") {
            auth.token = *v == u"@-" ? readSecretFromStdin() : *v;
        } else if (argument == u"--prefix") {
            auth.prefix = *v;
        } else if (argument == u"--key") {
            auth.keyName = *v;
        } else if (argument == u"--value") {
            auth.keyValue = *v == u"@-" ? readSecretFromStdin() : *v;
        } else if (argument == u"--in") {
            if (*v != u"header" && *v != u"query")
                return usage(argument + u' ' + *v, u"expected header or query"_s);
            auth.keyInQuery = *v == u"query";
            auth.awsSignQuery = *v == u"query";
        } else if (argument == u"--cert") {
            auth.certFile = QFileInfo(*v).absoluteFilePath();
        } else if (argument == u"--key-file") {
            auth.keyFile = QFileInfo(*v).absoluteFilePath();
        } else if (argument == u"--key-passphrase") {
            auth.keyPassphrase = *v == u"@-" ? readSecretFromStdin() : *v;
        } else if (argument == u"--grant") {
            if (*v != u"client_credentials" && *v != u"password" && *v != u"authorization_code")
                return usage(argument + u' ' + *v,
                             u"expected client_credentials, password or authorization_code"_s);
            auth.oauthGrant = *v;
        } else if (argument == u"--token-url") {
            auth.oauthTokenUrl = *v;
        } else if (argument == u"--auth-url") {
            auth.oauthAuthUrl = *v;
        } else if (argument == u"--client-id") {
            auth.oauthClientId = *v;
        } else if (argument == u"--client-secret") {
            auth.oauthClientSecret = *v == u"@-" ? readSecretFromStdin() : *v;
        } else if (argument == u"--scope") {
            auth.oauthScope = *v;
        } else if (argument == u"--redirect-uri") {
            auth.oauthRedirectUri = *v;
        } else if (argument == u"--client-auth") {
            if (*v != u"basic" && *v != u"body")
                return usage(argument + u' ' + *v, u"expected basic or body"_s);
            auth.oauthClientSecretInBody = *v == u"body";
        } else if (argument == u"--login-url") {
            auth.loginUrl = *v;
        } else if (argument == u"--access-key") {
            auth.awsAccessKey = *v;
        } else if (argument == u"--secret-key") {
            auth.awsSecretKey = *v == u"@-" ? readSecretFromStdin() : *v;
        } else if (argument == u"--session-token") {
            auth.awsSessionToken = *v == u"@-" ? readSecretFromStdin() : *v;
        } else if (argument == u"--region") {
            auth.awsRegion = *v;
        } else if (argument == u"--service") {
            auth.awsService = *v;
        } else if (argument == u"--curl") {
            options.curl = *v;
        } else if (argument == u"--curl-file") {
            QFile file(*v);
            if (!file.open(QIODevice::ReadOnly))
                return usage(argument + u' ' + *v, file.errorString());
            options.curl = QString::fromUtf8(file.readAll());
        } else if (argument == u"--repeat") {
            bool ok = false;
            options.repeat = v->toInt(&ok);
            if (!ok || options.repeat < 1 || options.repeat > 10'000'000)
                return usage(argument + u' ' + *v, u"expected a number of requests"_s);
        } else if (argument == u"--no-follow") {
            options.settings.followRedirects = false;
        } else if (argument == u"--follow") {
            options.settings.followRedirects = true;
        } else if (argument == u"--raw") {
            options.raw = true;
        } else if (argument == u"--diagnose") {
            options.diagnose = true;
        } else if (argument == u"--probe") {
            options.diagnose = true;
            options.probe = true;
        } else if (argument == u"--reveal-secrets") {
            options.revealSecrets = true;
        } else if (argument == u"--json") {
            options.json = true;
        } else if (argument == u"--no-history") {
            options.history = false;
        } else if (argument == u"--no-cookies") {
            options.cookies = false;
        } else if (argument == u"--trust-redirects") {
            options.settings.trustRedirects = true;
        } else if (argument == u"--allow-downgrade") {
            options.settings.allowDowngrade = true;
        } else if (argument == u"--http2") {
            options.settings.http2 = true;
        } else if (argument == u"--fail-on-unresolved") {
            options.failOnUnresolved = true;
        } else if (argument == u"--insecure" || argument == u"-k") {
            options.settings.verifyTls = false;
        } else if (argument.startsWith(u'-') && argument.size() > 1) {
            return usage(argument, u"unknown option for send (see keyhole-cli --help)"_s);
        } else {
            positional.append(argument);
        }
    }

    if (!options.curl.isEmpty()) {
        if (!positional.isEmpty())
            return usage(positional.first(), u"--curl already gives the request"_s);
        return options;
    }
    if (positional.isEmpty())
        return usage(u"send"_s, u"missing METHOD URL or a request file"_s);
    if (positional.size() > 2)
        return usage(positional[2], u"unexpected argument"_s);
    if (positional.size() == 2) {
        if (!looksLikeMethod(positional[0]))
            return usage(positional[0], u"expected an HTTP method such as GET or POST"_s);
        options.inlineRequest.method = positional[0];
        options.inlineRequest.url = positional[1];
    } else if (positional[0].endsWith(u".json"_s) || QFileInfo(positional[0]).isFile()) {
        options.requestFile = positional[0];
        if (hasData || !options.inlineRequest.headers.isEmpty())
            return usage(u"send"_s, u"-H and --data apply to METHOD URL, not to a request file"_s);
    } else {
        options.inlineRequest.method = hasData ? u"POST"_s : u"GET"_s;
        options.inlineRequest.url = positional[0];
    }
    if ((auth.kind == Model::AuthKind::Basic || auth.kind == Model::AuthKind::Digest ||
         auth.kind == Model::AuthKind::DjangoSession) &&
        auth.username.isEmpty())
        return usage(u"--auth "_s + Model::authKindName(auth.kind),
                     u"needs --user USER:PASSWORD (or --user @- to read it from stdin)"_s);
    if (auth.kind == Model::AuthKind::DjangoSession && auth.loginUrl.isEmpty())
        return usage(u"--auth django-session"_s, u"needs --login-url URL (the login form)"_s);
    if (auth.kind == Model::AuthKind::AwsSigV4 &&
        (auth.awsAccessKey.isEmpty() || auth.awsSecretKey.isEmpty() || auth.awsRegion.isEmpty() ||
         auth.awsService.isEmpty()))
        return usage(u"--auth aws-sigv4"_s,
                     u"needs --access-key KEY --secret-key SECRET --region REGION "
                     "--service SERVICE"_s);
    if (auth.kind == Model::AuthKind::Bearer && auth.token.isEmpty())
        return usage(u"--auth bearer"_s, u"needs --token TOKEN (or --token @-)"_s);
    if (auth.kind == Model::AuthKind::ApiKey && (auth.keyName.isEmpty() || auth.keyValue.isEmpty()))
        return usage(u"--auth apikey"_s, u"needs --key NAME and --value VALUE"_s);
    if (auth.kind == Model::AuthKind::ClientCertificate && auth.certFile.isEmpty())
        return usage(u"--auth client-certificate"_s, u"needs --cert FILE (PEM)"_s);
    if (auth.kind == Model::AuthKind::OAuth2 &&
        (auth.oauthTokenUrl.isEmpty() || auth.oauthClientId.isEmpty()))
        return usage(u"--auth oauth2"_s, u"needs --token-url URL and --client-id ID"_s);
    if (auth.kind == Model::AuthKind::OAuth2 && auth.oauthGrant == u"password" &&
        auth.username.isEmpty())
        return usage(u"--grant password"_s, u"needs --user USER:PASSWORD"_s);
    if (auth.kind == Model::AuthKind::OAuth2 && auth.oauthGrant == u"authorization_code" &&
        auth.oauthAuthUrl.isEmpty())
        return usage(u"--grant authorization_code"_s, u"needs --auth-url URL"_s);
    if (options.raw && options.json)
        return usage(u"--raw"_s, u"choose one of --raw and --json"_s);
    if (!options.environment.isEmpty() && options.workspaceDir.isEmpty() &&
        options.requestFile.isEmpty())
        return usage(u"--env"_s, u"needs --workspace DIR (or a request file in a workspace)"_s);
    return options;
}

} // namespace Keyhole::Cli
