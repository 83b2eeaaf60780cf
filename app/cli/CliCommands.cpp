#include "app/cli/CliCommands.h"

#include "app/cli/CliSupport.h"
#include "app/cli/CookieJarUse.h"
#include "app/cli/DiffCommand.h"
#include "app/cli/EnvCommands.h"
#include "app/cli/HistoryCommand.h"
#include "app/cli/InterchangeCommands.h"
#include "app/cli/JwtCommand.h"
#include "app/cli/RequestLoading.h"
#include "app/cli/SendOptions.h"
#include "core/assertions/Assertions.h"
#include "core/auth/EffectiveAuth.h"
#include "core/auth/Extractor.h"
#include "core/auth/Sender.h"
#include "core/auth/TokenKeeper.h"
#include "core/demo/DemoApi.h"
#include "core/demo/LoopbackServer.h"
#include "core/diagnose/Doctor.h"
#include "core/diagnose/Fixes.h"
#include "core/diagnose/Probes.h"
#include "core/http/ExchangeJson.h"
#include "core/http/Executor.h"
#include "core/interchange/import/CurlImport.h"
#include "core/raw/RawText.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/WorkspaceScopes.h"
#include "core/workspace/WorkspaceStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

const char kUsage[] = R"(Usage: keyhole-cli COMMAND [OPTIONS]

Keyhole's command line: send requests and see exactly what the server answered.

Commands:
  send METHOD URL [-H 'Name: value']... [--data BODY]
                          Send one request. BODY may be @FILE. {{variables}} are
                          resolved from --workspace/--env and --var.
  send URL                Same, GET (POST when --data is given).
  send REQUEST_FILE       Send a saved request (*.request.json) of a workspace.
  send --curl 'curl …'    Send what a curl command would (also --curl-file FILE;
                          bash, cmd or PowerShell quoting, "Copy as cURL" included).
  init DIR [--name NAME]  Create an empty workspace.
  env list --workspace DIR
  env show --workspace DIR --env NAME
  env set --workspace DIR --env NAME VAR [VALUE] [--secret]
                          Set a variable (creating the environment if needed). A
                          --secret value is read from standard input, never argv,
                          and kept in the OS keychain (or the encrypted vault).
  env unset --workspace DIR --env NAME VAR
  env cookies --workspace DIR --env NAME [--clear]
                          The environment's cookie jar (values masked), or empty it.
  history [--workspace DIR] [--status 2xx|4xx|401|error] [--request PATH] [--json]
                          The sends of a workspace, newest first: id, time,
                          status, method, URL, request, environment.
  history show ID [--workspace DIR] [--raw | --json]
                          One send again (ID: h12, 12, last, last~1).
  history delete ID... [--workspace DIR]
                          Delete sends (h3 h5, or h3,h5; last): all or none.
  history clear --yes [--workspace DIR]
                          Delete every send of the workspace's history.
  diff A B [--curl 'curl …'] [--workspace DIR] [--env NAME] [--env-b NAME] [--ignore-header NAME]
         [--ignore-json-path PATH] [--ignore-whitespace] [--arrays-as-lists]
                          Compare two raw HTTP files, request files or curl commands
                          (the request each would send): a summary, the headers and
                          JSON paths that differ, then a unified diff. The
                          workspace's saved ignore rules apply. Exit 0 equal,
                          1 different, 2 error.
  import curl|postman|har FILE|- --into WORKSPACE [--folder NAME] [--env NAME]
                          Add requests to a workspace, all or nothing; prints what
                          was imported and every warning. Literal credentials become
                          secret variables of --env (default: the collection's name,
                          or "Imported"). A Postman environment file is imported too.
  export postman|curl|http --workspace DIR [--request PATH | --folder PATH]
         [--env NAME] -o FILE|- [--include-secrets]
                          Write the workspace, a folder or one request. postman with
                          --env also writes FILE's .postman_environment.json; curl
                          resolves {{variables}} with --env, secrets as $VARIABLES.
  export har --workspace DIR [--history h3,h5 | --request PATH] -o FILE|-
                          Write sends from the workspace's history (all, those of
                          --request, or the ids given) as a HAR 1.2 file, one entry
                          per hop, credentials as fingerprints (as history keeps them).
  jwt TOKEN|- [--secret S|@- | --key FILE | --jwks FILE|URL] [--server-date DATE] [--json]
                          Decode a JWT: claims, exp/nbf/iat as local times and
                          "expired 3 min ago" (by the server's clock too with
                          --server-date), and the signature checked with the key
                          (HS*, RS*, PS*, ES*). Exit 1 when expired or invalid.
  demo-server [--port N]  Run the demo API on 127.0.0.1 (default port 8765).

Options for send:
  -H, --header 'Name: value'   Add a header (repeatable).
  -d, --data BODY | @FILE      Request body; --data-raw BODY takes it literally.
  --workspace DIR              Workspace for variables (default: found above the file).
  --env NAME                   Environment whose variables are used.
  --var NAME=VALUE             A value for this send only (repeatable, wins over all).
  The request's own settings (redirects, timeout, TLS, HTTP/2; a curl command's
  -L, -k, -m...) apply unless these flags say otherwise:
  --timeout SECONDS            Give up after this long (default 30).
  --no-follow, --follow        Do not / do follow redirects (default: follow).
  --max-redirects N            Follow at most N redirects (default 20).
  --trust-redirects            Send credentials to redirected hosts too.
  --allow-downgrade            Follow redirects from https to plain http (flagged).
  --http2                      Allow HTTP/2 (over TLS).
  --proxy system|none|URL      http://[user:password@]host:port or socks5://host:port
                               (default system: http_proxy, https_proxy, no_proxy).
  --noproxy 'HOST, .DOMAIN'    Hosts sent directly, not through the proxy.
  --cacert FILE                Also trust the certificate authorities in this PEM file.
  -k, --insecure               Accept any TLS certificate (this run only).
  --raw                        Print every hop's raw request and response, as sent
                               and received (bodies not decoded).
  --json                       Print the whole exchange as one JSON document.
  --no-history                 Do not record this send in the workspace's history
                               (recorded by default, secrets masked; stderr says
                               "history: h12").
  --no-cookies                 Neither send nor keep the cookies of --env's cookie
                               jar (by default its cookies go to their hosts and
                               every Set-Cookie is kept, values in the secret store).
  --diagnose                   Explain an auth failure (401/403...): the likely
                               causes, the evidence, the fixes.
  --probe                      --diagnose, then confirm: re-send once per safe fix
                               (the prefix the server asks for, the redirect target
                               on the same origin), each kept in history as a probe;
                               a finding whose probe gets through is "confirmed".
  --assert 'SOURCE [PATH] OP [EXPECTED]'
                               Check the answer (repeatable, after the request's own
                               assertions): status equals 2xx, json access exists,
                               header Content-Type contains json, time lessThan 500.
                               One ✓/✗ line each on stderr; exit 1 when one fails.
  --auth basic --user USER:PASSWORD
  --auth bearer --token TOKEN [--prefix WORD]   (Bearer by default; Token, JWT, "" ...)
  --auth apikey --key NAME --value VALUE [--in header|query]
  --auth digest --user USER:PASSWORD       (answers the server's 401 challenge)
  --auth django-session --login-url URL --user USER:PASSWORD
                               Logs in through the Django login form, then sends
                               the session cookie (+ X-CSRFToken on unsafe methods).
  --auth oauth2 --grant client_credentials|password|authorization_code
         --token-url URL --client-id ID [--client-secret S] [--scope S]
         [--user USER:PASSWORD] [--auth-url URL] [--redirect-uri URL]
         [--client-auth basic|body] [--prefix WORD] [--in header|query]
                               OAuth 2: gets (and refreshes) the token, then sends it;
                               the code flow uses PKCE and a 127.0.0.1 redirect.
  --auth client-certificate --cert FILE [--key-file FILE] [--key-passphrase P]
                               Mutual TLS with a PEM certificate (and key).
  --auth aws-sigv4 --access-key KEY --secret-key SECRET [--session-token T]
         --region REGION --service SERVICE [--in header|query]
                               AWS Signature V4 (query: a presigned URL).
  --auth none                  Authentication (overrides the request file's). A secret may
                               be given as @- to read it from standard input.
  --reveal-secrets             Show secret values in the output (masked by default).
  --repeat N                   Send N times in a row (keep-alive); print the last
                               answer and a requests/s summary on stderr.

Secrets (send, env):
  --secret-store auto|keychain|vault|memory
                               Where secret values live (default auto: the OS
                               keychain, else the vault with a notice).
  --vault FILE                 Vault file (default $KEYHOLE_VAULT or
                               ~/.local/share/Keyhole/secrets.vault); its passphrase
                               comes from KEYHOLE_VAULT_PASSPHRASE or a prompt.

General:
  -h, --help                   Show this help.
  --version                    Show the version.

Output: status line, response headers, an empty line, the body. Warnings go to stderr.
Exit codes: 0 any HTTP answer (401 included), 1 an answer, but an assertion failed,
2 bad arguments or input, 3 no HTTP answer (DNS, refused, timeout, TLS, reset, too large).
)";

// One line per exchange an auth scheme ran before the request (a session login), on stderr.
void printLogins(const QList<Http::Exchange>& logins, const SendOptions& options)
{
    for (const Http::Exchange& login : logins) {
        const Http::Exchange shown = options.revealSecrets ? login : Http::redactSecrets(login);
        const Http::Hop* hop = shown.finalHop();
        if (!hop)
            continue;
        printErr(u"auth: %1 %2 → %3"_s.arg(
            QString::fromUtf8(hop->request.method), hop->request.url.toString(),
            hop->response.received ? QString::fromUtf8(Raw::statusLine(hop->response))
                                   : hop->error.message));
        if (options.raw)
            printErr(Raw::readableExchange(shown).text.trimmed());
    }
}

// Prints the final response to stdout and everything else to stderr; returns the exit code.
// The values of every environment of the workspace (secrets read from the store), for the
// Doctor to recognise a credential that belongs to another environment than `current`.
Diagnose::EnvironmentValues environmentValues(const Model::Workspace& workspace,
                                              const QString& current,
                                              const Secrets::StoreOptions& storeOptions)
{
    Diagnose::EnvironmentValues values;
    values.current = current;
    for (const Model::Environment& environment : workspace.environments)
        values.add(withSecrets(workspace, environment, storeOptions));
    return values;
}

// Warnings in `alreadyPrinted` came from preparing the request and were shown then.
// Assertion results are printed on stderr (✓/✗ lines) or in --json; one failure exits 1.
int printExchange(const Http::Exchange& received, const QStringList& alreadyPrinted,
                  const SendOptions& options, const Diagnose::Precedent& precedent = {},
                  const Diagnose::SpecSecurity& spec = {},
                  const Diagnose::EnvironmentValues& environments = {},
                  const QList<Assertions::AssertionResult>& assertions = {},
                  const QList<Diagnose::ProbeResult>& probes = {})
{
    // Secret values are masked in everything printed unless the user asks to see them.
    const Http::Exchange exchange =
        options.revealSecrets ? received : Http::redactSecrets(received);
    for (qsizetype i = 0; i + 1 < exchange.hops.size(); ++i) {
        const Http::Hop& next = exchange.hops[i + 1];
        printErr((next.cause == "digest" ? u"digest: "_s : u"redirect: "_s) +
                 QString::fromUtf8(Raw::statusLine(exchange.hops[i].response)) +
                 (next.cause == "digest" ? u" → answered the Digest challenge"_s
                                         : u" → "_s + next.request.url.toString()));
        for (const auto& [name, reason] : next.droppedHeaders)
            printErr(u"warning: %1 %2"_s.arg(QString::fromUtf8(name), reason));
    }
    for (const QString& warning : exchange.warnings) {
        if (alreadyPrinted.contains(warning))
            continue;
        printErr(u"warning: "_s + warning);
    }
    const Http::Hop* hop = exchange.finalHop();
    QList<Diagnose::Finding> findings =
        options.diagnose ? Diagnose::diagnose(received, QDateTime::currentDateTimeUtc(), precedent,
                                              spec, environments)
                         : QList<Diagnose::Finding>();
    Diagnose::applyProbeResults(findings, probes);
    // Findings quote request bytes (a fix may hold the cleaned credential): mask them too.
    QList<QByteArray> secrets = options.revealSecrets ? QList<QByteArray>() : received.secretValues;
    // An assertion's expected value may hold a secret variable's value too.
    for (const Assertions::AssertionResult& result : assertions)
        if (!options.revealSecrets)
            secrets += result.secretValues;
    if (options.json) {
        QJsonObject root = Http::exchangeToJson(exchange);
        if (options.diagnose)
            root.insert(u"findings"_s, Diagnose::findingsToJson(findings));
        if (options.probe) {
            QJsonArray array;
            for (const Diagnose::ProbeResult& probe : probes)
                array.append(QJsonObject{{u"finding"_s, probe.findingId},
                                         {u"label"_s, probe.label},
                                         {u"confirmed"_s, probe.confirmed},
                                         {u"outcome"_s, probe.outcome},
                                         {u"history"_s, probe.historyId}});
            root.insert(u"probes"_s, array);
        }
        if (!assertions.isEmpty())
            root.insert(u"assertions"_s, Assertions::resultsToJson(assertions));
        printOut(Http::redactSecrets(QJsonDocument(root).toJson(QJsonDocument::Indented), secrets));
    } else if (options.raw) {
        for (qsizetype i = 0; i < exchange.hops.size(); ++i) {
            const Http::Hop& each = exchange.hops[i];
            const QByteArray number = QByteArray::number(i + 1);
            printOut("* hop " + number + " request\n" + Raw::requestBytes(each.request));
            if (each.response.received)
                printOut("\n* hop " + number + " response\n" + Raw::responseBytes(each.response));
            printOut("\n");
        }
    } else if (hop && hop->response.received) {
        printOut(Raw::responseHead(hop->response, "\n") + hop->response.decodedBody);
    }
    if (options.diagnose && !options.json)
        printOut(Http::redactSecrets(
            "\n\n--- Diagnosis ---\n" +
                (findings.isEmpty() && !Diagnose::looksLikeAuthFailure(received)
                     ? QByteArray("Not an authentication failure: nothing to diagnose.\n")
                     : Diagnose::findingsText(findings).toUtf8()),
            secrets));
    std::fflush(stdout);
    for (const Assertions::AssertionResult& result : assertions)
        printErr(QString::fromUtf8(Http::redactSecrets(
            (u"assert: "_s + Assertions::resultLine(result)).toUtf8(), secrets)));
    const Http::TransportError error = exchange.error();
    if (!error.isError()) {
        if (const qsizetype failed = Assertions::failures(assertions); failed > 0) {
            printErr(
                u"keyhole-cli: %1 of %2 assertions failed"_s.arg(failed).arg(assertions.size()));
            return ExitAssertion;
        }
        return ExitOk;
    }
    printErr(u"keyhole-cli: %1 error: %2"_s.arg(Http::transportErrorKindName(error.kind),
                                                error.message));
    return ExitTransport;
}

// `values` a renewal took, over the earlier ones of the same variables.
void keepRenewed(QList<Auth::ExtractedValue>& renewed, const QList<Auth::ExtractedValue>& values)
{
    for (const Auth::ExtractedValue& value : values) {
        renewed.removeIf(
            [&](const Auth::ExtractedValue& v) { return v.variable == value.variable; });
        renewed.append(value);
    }
}

// --probe: every probe the findings of `exchange` offer, sent one after the other (the request
// of `input` with the fix applied), each recorded by `record` (its history id back) and said on
// stderr; tokens the probes renewed go into `renewed`.
QList<Diagnose::ProbeResult>
runProbes(Auth::Sender& sender, const Auth::KeptSendInput& input,
          const QList<Diagnose::Finding>& findings, const Http::Exchange& exchange,
          const std::function<QString(const Http::Exchange&, const QString&)>& record,
          QList<Auth::ExtractedValue>& renewed)
{
    QList<Diagnose::ProbeResult> results;
    for (const Diagnose::Probe& probe : Diagnose::probesFor(findings, exchange)) {
        const std::optional<Model::RequestTemplate> changed =
            Diagnose::applyFix(probe.fix, input.request);
        if (!changed)
            continue;
        Auth::KeptSendInput variant = input;
        variant.request = *changed;
        const Auth::KeptSend answer = await<Auth::KeptSend>([&](auto done) {
            auto* probing = new Auth::PendingKeptSend(
                &sender, variant, [] { return QDateTime::currentDateTimeUtc(); }, &sender);
            QObject::connect(probing, &Auth::PendingKeptSend::finished, probing, done);
        });
        keepRenewed(renewed, answer.renewed);
        const Diagnose::ProbeResult found =
            answer.error
                ? Diagnose::ProbeResult{probe.findingId,          probe.label, false,
                                        answer.error->toString(), {},          probe.fix.label}
                : Diagnose::probeResult(probe, answer.result.exchange,
                                        record(answer.result.exchange, probe.label));
        printErr(u"%1: %2 → %3"_s.arg(
            probe.label, found.confirmed ? u"confirmed"_s : u"not confirmed"_s, found.outcome));
        results.append(found);
    }
    return results;
}

// After a successful login-like request: takes the values its `extract` rules name from the
// response and stores them in the environment (secrets in the secret store).
void storeExtractedValues(const Auth::Extracted& extracted, Model::Workspace workspace,
                          const QString& environment, const Secrets::StoreOptions& storeOptions)
{
    for (const QString& problem : extracted.problems)
        printErr(u"warning: "_s + problem);
    if (extracted.values.isEmpty())
        return;
    if (environment.isEmpty()) {
        printErr(u"warning: extracted values not stored: no --env given"_s);
        return;
    }
    std::shared_ptr<Secrets::SecretStore> store;
    const bool anySecret = std::any_of(extracted.values.cbegin(), extracted.values.cend(),
                                       [](const Auth::ExtractedValue& v) { return v.secret; });
    if (anySecret) {
        Result<std::shared_ptr<Secrets::SecretStore>> opened = openStore(storeOptions);
        if (!opened) {
            printErr(u"warning: extracted secrets not stored: "_s + opened.error().toString());
            return;
        }
        store = opened.value();
    }
    const QStringList problems = await<QStringList>([&](auto done) {
        Auth::storeExtracted(store, workspace, environment, extracted.values, done);
    });
    for (const QString& problem : problems)
        printErr(u"warning: "_s + problem);
    for (const Auth::ExtractedValue& value : extracted.values)
        printErr(u"stored {{%1}} in environment %2%3"_s.arg(
            value.variable, environment,
            value.secret ? u" (secret, "_s + store->backendName() + u')' : QString()));
}

int send(QStringList arguments)
{
    Result<Secrets::StoreOptions> storeOptions = takeStoreOptions(arguments);
    if (!storeOptions)
        return usageError(storeOptions.error());
    Result<SendOptions> parsed = parseSendOptions(arguments);
    if (!parsed)
        return usageError(parsed.error());
    SendOptions& options = parsed.value();

    Result<Loaded> loaded = loadRequest(options);
    if (!loaded)
        return inputError(loaded.error());
    const Model::Workspace& workspace = loaded.value().workspace;
    std::optional<Model::Environment> environment;
    if (!options.environment.isEmpty()) {
        const Model::Environment* found = Model::findEnvironment(workspace, options.environment);
        if (!found) {
            QStringList names;
            for (const Model::Environment& e : workspace.environments)
                names.append(e.name);
            return inputError({u"env.missing"_s,
                               u"no such environment (available: %1)"_s.arg(
                                   names.isEmpty() ? u"none"_s : names.join(u", "_s)),
                               u"--env "_s + options.environment});
        }
        environment = *found;
    }

    auto prepare = [&] {
        return prepareLoaded(loaded.value(), environment ? &*environment : nullptr,
                             options.runtimeVariables);
    };
    Result<Model::PreparedRequest> prepared = prepare();
    // The secret store is opened only when the request needs one of its secrets.
    // (A token lifecycle may need the refresh token even when the request's own are given.)
    if (environment && prepared &&
        (Secrets::needsSecrets(*environment, prepared.value().unresolvedVariables) ||
         Auth::lifecycleFor(workspace, loaded.value().requestPath))) {
        environment = withSecrets(workspace, *environment, storeOptions.value());
        prepared = prepare();
    }
    if (!prepared)
        return inputError(prepared.error());
    if (options.failOnUnresolved) {
        const Model::TokenLifecycle* lifecycle =
            Auth::lifecycleFor(workspace, loaded.value().requestPath);
        if (Status resolved = Vars::refuseUnresolved(
                prepared.value(),
                lifecycle ? QStringList{lifecycle->tokenVariable} : QStringList{});
            !resolved)
            return inputError(resolved.error());
    }
    for (const QString& warning : std::as_const(prepared.value().warnings))
        printErr(u"warning: "_s + warning);

    QNetworkAccessManager manager;
    Http::Executor executor(&manager);
    Auth::SessionJar sessions;
    Auth::Sender sender(&executor, &sessions);
    // The OAuth 2 code flow: the person opens the authorization page; Keyhole listens for the
    // redirect on 127.0.0.1.
    sender.setBrowserOpener([](const QUrl& url) {
        printErr(u"oauth2: open this URL in a browser to authorize Keyhole:\n  "_s +
                 url.toString(QUrl::FullyEncoded));
        if (!qEnvironmentVariableIsEmpty("DISPLAY") ||
            !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            QProcess::startDetached(u"xdg-open"_s, {url.toString(QUrl::FullyEncoded)});
    });
    // Keyhole's defaults; the request's settings (with this command line's flags over them)
    // win, in the executor.
    // The flags hold for every exchange of the run, logins and token renewals included.
    Http::ExecuteOptions executeOptions = Http::withSettings({}, options.settings);
    executeOptions.caCertificates = options.caCertificates;
    if (options.settings.verifyTls == false)
        printErr(u"warning: --insecure: TLS certificates are NOT verified for this run"_s);
    CookieJarUse cookies(workspace, environment ? &*environment : nullptr, options.cookies,
                         storeOptions.value());
    executeOptions.cookieJar = cookies.jar();

    // --repeat N sends the same request N times, one after the other, over the same
    // connection pool; only the last exchange is printed, with a summary on stderr.
    int exitCode = ExitOk;
    int remaining = options.repeat;
    int transportErrors = 0;
    Auth::KeptSend last;
    QElapsedTimer clock;
    clock.start();
    QList<Auth::ExtractedValue> renewed;
    // The send keeps the collection's token alive when it has a lifecycle (refresh or log in
    // first, once more after a 401 that says the token expired).
    Auth::KeptSendInput input{workspace,   loaded.value().requestPath, loaded.value().request,
                              environment, options.runtimeVariables,   executeOptions};
    // {{variables}} in the assertions' expected values, as the request saw them.
    Vars::Resolver assertionResolver;
    std::function<void()> sendOnce = [&] {
        auto* pending = new Auth::PendingKeptSend(
            &sender, input, [] { return QDateTime::currentDateTimeUtc(); }, &sender);
        QObject::connect(
            pending, &Auth::PendingKeptSend::finished, pending, [&](const Auth::KeptSend& outcome) {
                if (outcome.error) {
                    exitCode = inputError(*outcome.error);
                    QCoreApplication::exit(exitCode);
                    return;
                }
                for (const QString& note : outcome.notes)
                    printErr(u"token: "_s + note);
                for (const Auth::ExtractedValue& value : outcome.renewed) {
                    input.runtime.removeIf(
                        [&](const Model::Variable& v) { return v.name == value.variable; });
                    input.runtime.append(
                        Model::Variable{value.variable, value.value, value.secret, true});
                }
                keepRenewed(renewed, outcome.renewed);
                const Auth::SendResult& result = outcome.result;
                const Http::Exchange& exchange = result.exchange;
                printLogins(result.logins, options);
                transportErrors += exchange.error().isError() ? 1 : 0;
                if (--remaining > 0) {
                    sendOnce();
                    return;
                }
                last = outcome;
                assertionResolver =
                    Vars::resolverFor(workspace, loaded.value().requestPath,
                                      environment ? &*environment : nullptr, input.runtime);
                // The Doctor sets a failure against the last success in history.
                const std::optional<PastSend> success =
                    options.diagnose ? lastSuccess(loaded.value()) : std::optional<PastSend>();
                const Diagnose::Precedent precedent =
                    success ? Diagnose::Precedent{&success->exchange, success->entry.id,
                                                  success->entry.time}
                            : Diagnose::Precedent{};
                const Diagnose::SpecSecurity spec =
                    Diagnose::SpecSecurity::fromPreserved(loaded.value().request.preserved);
                const Diagnose::EnvironmentValues environments =
                    options.diagnose && Diagnose::looksLikeAuthFailure(exchange)
                        ? environmentValues(workspace, options.environment, storeOptions.value())
                        : Diagnose::EnvironmentValues{};
                // With probes, the send itself is recorded before them (ids in the order sent).
                if (options.probe)
                    recordHistory(exchange, loaded.value(), environment ? &*environment : nullptr,
                                  options);
                // --probe: each safe fix tried once, recorded with its label.
                const QList<Diagnose::ProbeResult> probes =
                    options.probe && Diagnose::looksLikeAuthFailure(exchange)
                        ? runProbes(
                              sender, input,
                              Diagnose::diagnose(exchange, QDateTime::currentDateTimeUtc(),
                                                 precedent, spec, environments),
                              exchange,
                              [&](const Http::Exchange& answer, const QString& label) {
                                  return recordHistory(answer, loaded.value(),
                                                       environment ? &*environment : nullptr,
                                                       options, label);
                              },
                              renewed)
                        : QList<Diagnose::ProbeResult>();
                exitCode = printExchange(exchange, prepared.value().warnings, options, precedent,
                                         spec, environments,
                                         Assertions::check(loaded.value().request.assertions,
                                                           exchange, &assertionResolver),
                                         probes);
                if (!options.probe)
                    recordHistory(exchange, loaded.value(), environment ? &*environment : nullptr,
                                  options);
                if (transportErrors > 0)
                    exitCode = ExitTransport;
                QCoreApplication::exit(exitCode);
            });
    };
    sendOnce();
    QCoreApplication::exec();
    if (options.repeat > 1) {
        const double seconds = clock.nsecsElapsed() / 1e9;
        printErr(u"repeat: %1 requests in %2 ms, %3 requests/s, %4 transport errors"_s
                     .arg(options.repeat)
                     .arg(seconds * 1000, 0, 'f', 1)
                     .arg(options.repeat / seconds, 0, 'f', 0)
                     .arg(transportErrors));
    }
    cookies.keep();
    last.renewed = renewed;
    storeExtractedValues(Auth::valuesToStore(last, loaded.value().request.extractions),
                         loaded.value().workspace, environment ? environment->name : QString(),
                         storeOptions.value());
    return exitCode;
}

int demoServer(const QStringList& arguments)
{
    quint16 port = 8765;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == u"--port" && i + 1 < arguments.size()) {
            bool ok = false;
            const uint value = arguments[++i].toUInt(&ok);
            if (!ok || value > 65535)
                return usageError({u"usage"_s, u"expected a port number"_s, u"--port"_s});
            port = static_cast<quint16>(value);
        } else {
            return usageError({u"usage"_s, u"unknown argument for demo-server"_s, arguments[i]});
        }
    }
    const Demo::DemoApi api;
    Demo::LoopbackServer server([&api](const Raw::ParsedRequest& r) { return api.handle(r); });
    if (!server.listen(port)) {
        printErr(u"keyhole-cli: cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(
            server.errorString()));
        return ExitTransport;
    }
    printOut("Keyhole demo API listening on " + server.baseUrl().toUtf8() +
             "\nLog in: POST /api/token/ {\"username\": \"demo\", \"password\": \"demo\"}\n");
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace

int run(const QStringList& arguments)
{
    if (arguments.isEmpty() || arguments.first() == u"-h" || arguments.first() == u"--help" ||
        arguments.first() == u"help") {
        printOut(kUsage);
        return arguments.isEmpty() ? ExitUsage : ExitOk;
    }
    const QString command = arguments.first();
    if (command == u"--version") {
        printOut("keyhole-cli " KEYHOLE_VERSION "\n");
        return ExitOk;
    }
    if (command == u"send")
        return send(arguments.mid(1));
    if (command == u"init")
        return initWorkspace(arguments.mid(1));
    if (command == u"env")
        return environmentCommand(arguments.mid(1));
    if (command == u"diff")
        return diffCommand(arguments.mid(1));
    if (command == u"import" || command == u"export")
        return interchangeCommand(command, arguments.mid(1));
    if (command == u"jwt")
        return jwtCommand(arguments.mid(1));
    if (command == u"demo-server")
        return demoServer(arguments.mid(1));
    if (command == u"history")
        return historyCommand(arguments.mid(1));
    return usageError({u"usage"_s, u"unknown command"_s, command});
}

} // namespace Keyhole::Cli
