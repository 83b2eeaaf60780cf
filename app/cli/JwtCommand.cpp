#include "app/cli/JwtCommand.h"

#include "app/cli/CliCommands.h"
#include "app/cli/CliSupport.h"
#include "core/http/Executor.h"
#include "core/jwt/JwtVerify.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

Error usage(const QString& where, const QString& message)
{
    return Error{u"usage"_s, message, where};
}

// A JWKS fetched over http(s), through the same engine as every send.
Result<QByteArray> fetch(const QString& url)
{
    QNetworkAccessManager manager;
    Http::Executor executor(&manager);
    Model::PreparedRequest request;
    request.method = "GET";
    request.url = QUrl(url, QUrl::StrictMode);
    request.headers = {{"Accept", "application/json"}};
    const Http::Exchange exchange =
        await<Http::Exchange>([&](std::function<void(Http::Exchange)> done) {
            QObject::connect(executor.execute(request), &Http::PendingExchange::finished, &executor,
                             [done](const Http::Exchange& e) { done(e); });
        });
    if (exchange.error().isError())
        return Error{u"jwt.jwks"_s, exchange.error().message, url};
    if (exchange.finalStatus() != 200)
        return Error{u"jwt.jwks"_s, u"the server answered %1"_s.arg(exchange.finalStatus()), url};
    return exchange.finalHop()->response.decodedBody;
}

QString verdictName(Jwt::Verdict verdict)
{
    switch (verdict) {
    case Jwt::Verdict::Valid:
        return u"valid"_s;
    case Jwt::Verdict::Invalid:
        return u"invalid"_s;
    case Jwt::Verdict::NotChecked:
        return u"not_checked"_s;
    case Jwt::Verdict::Unusable:
        return u"unusable"_s;
    }
    return {};
}

} // namespace

int jwtCommand(const QStringList& arguments)
{
    QByteArray token;
    QByteArray key;
    std::optional<QDateTime> serverDate;
    bool json = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool takesValue = argument == u"--secret" || argument == u"--key" ||
                                argument == u"--jwks" || argument == u"--server-date";
        if (takesValue && i + 1 >= arguments.size())
            return usageError(usage(argument, u"missing value"_s));
        if (argument == u"--secret") {
            const QString value = arguments[++i];
            key = (value == u"@-" ? readSecretFromStdin() : value).toUtf8();
        } else if (argument == u"--key" || argument == u"--jwks") {
            const QString value = arguments[++i];
            if (value.startsWith(u"http://"_s) || value.startsWith(u"https://"_s)) {
                Result<QByteArray> fetched = fetch(value);
                if (!fetched)
                    return inputError(fetched.error());
                key = fetched.value();
            } else {
                QFile file(value);
                if (!file.open(QIODevice::ReadOnly))
                    return inputError(usage(argument + u' ' + value, file.errorString()));
                key = file.readAll();
            }
        } else if (argument == u"--server-date") {
            const QString value = arguments[++i];
            const QDateTime date = Http::parseHttpDate(value.toLatin1())
                                       .value_or(QDateTime::fromString(value, Qt::ISODate));
            if (!date.isValid())
                return usageError(usage(argument + u' ' + value,
                                        u"expected an HTTP date (\"Sun, 22 Nov 2026 18:00:00 "
                                        "GMT\") or ISO 8601"_s));
            serverDate = date.toUTC();
        } else if (argument == u"--json") {
            json = true;
        } else if (argument == u"-") {
            token = readSecretFromStdin().toUtf8();
        } else if (argument.startsWith(u'-')) {
            return usageError(usage(argument, u"unknown option for jwt"_s));
        } else if (token.isEmpty()) {
            token = argument.toUtf8();
        } else {
            return usageError(usage(argument, u"unexpected argument"_s));
        }
    }
    if (token.isEmpty())
        return usageError(usage(u"jwt"_s, u"missing TOKEN (or - to read it from stdin)"_s));

    const Result<Jwt::Decoded> decoded = Jwt::decode(token);
    if (!decoded)
        return inputError(decoded.error());
    const Jwt::Decoded& jwt = decoded.value();
    const Jwt::TimeCheck times = Jwt::checkTimes(jwt, QDateTime::currentDateTimeUtc(), serverDate);
    const Jwt::Verification verification = Jwt::verify(jwt, key);
    QStringList warnings = Jwt::problems(jwt) + times.warnings;
    const bool bad = times.expired || times.notYetValid ||
                     verification.verdict == Jwt::Verdict::Invalid ||
                     verification.verdict == Jwt::Verdict::Unusable;

    if (json) {
        QJsonArray claims;
        for (const Jwt::TimeClaim& claim : times.claims)
            claims.append(QJsonObject{{u"claim"_s, QString::fromLatin1(claim.name)},
                                      {u"utc"_s, claim.at.toString(Qt::ISODate)},
                                      {u"from_now_seconds"_s, claim.fromNow},
                                      {u"description"_s, claim.description}});
        QJsonObject out{
            {u"algorithm"_s, QString::fromLatin1(jwt.algorithm)},
            {u"header"_s, jwt.header},
            {u"payload"_s, jwt.payload},
            {u"times"_s, claims},
            {u"expired"_s, times.expired},
            {u"not_yet_valid"_s, times.notYetValid},
            {u"signature"_s, QJsonObject{{u"verdict"_s, verdictName(verification.verdict)},
                                         {u"message"_s, verification.message}}},
            {u"warnings"_s, QJsonArray::fromStringList(warnings)}};
        if (times.skew)
            out.insert(u"server_clock_skew_seconds"_s, *times.skew);
        printOut(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return bad ? 1 : ExitOk;
    }

    QByteArray text = "JWT " + jwt.algorithm + "\nheader  " +
                      QJsonDocument(jwt.header).toJson(QJsonDocument::Compact) + "\npayload " +
                      QJsonDocument(jwt.payload).toJson(QJsonDocument::Indented);
    for (const Jwt::TimeClaim& claim : times.claims)
        text += claim.name + "  " +
                claim.at.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss t"_s).toUtf8() + "  " +
                claim.description.toUtf8() + '\n';
    text += verification.message.toUtf8() + '\n';
    printOut(text);
    for (const QString& warning : std::as_const(warnings))
        printErr(u"warning: "_s + warning);
    return bad ? 1 : ExitOk;
}

} // namespace Keyhole::Cli
