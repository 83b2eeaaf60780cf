#include "app/cli/CliSupport.h"

#include <QFile>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

// Reads a passphrase from the controlling terminal without echo; empty when there is none.
QByteArray promptPassphrase()
{
    QFile tty(u"/dev/tty"_s);
    if (!tty.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return {};
    termios old{};
    const bool terminal = tcgetattr(tty.handle(), &old) == 0;
    if (terminal) {
        termios silent = old;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(tty.handle(), TCSAFLUSH, &silent);
    }
    tty.write("Vault passphrase: ");
    QByteArray line = tty.readLine(4096);
    if (terminal)
        tcsetattr(tty.handle(), TCSAFLUSH, &old);
    tty.write("\n");
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

void printErr(const QString& text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fputc('\n', stderr);
}

void printOut(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
}

int usageError(const Error& error)
{
    printErr(u"keyhole-cli: "_s + error.toString());
    printErr(u"Try 'keyhole-cli --help'."_s);
    return 2;
}

int inputError(const Error& error)
{
    printErr(u"keyhole-cli: error: "_s + error.toString());
    return 2;
}

Result<Secrets::StoreOptions> takeStoreOptions(QStringList& arguments)
{
    Secrets::StoreOptions options;
    for (qsizetype i = 0; i < arguments.size();) {
        const QString argument = arguments[i];
        if (argument != u"--secret-store" && argument != u"--vault") {
            ++i;
            continue;
        }
        if (i + 1 >= arguments.size())
            return Error{u"usage"_s, u"missing value"_s, argument};
        const QString value = arguments[i + 1];
        arguments.remove(i, 2);
        if (argument == u"--vault") {
            options.vaultPath = value;
            continue;
        }
        const std::optional<Secrets::Backend> backend = Secrets::backendFromName(value);
        if (!backend)
            return Error{u"usage"_s, u"expected auto, keychain, vault or memory"_s,
                         argument + u' ' + value};
        options.backend = *backend;
    }
    options.vaultPassphrase = qgetenv("KEYHOLE_VAULT_PASSPHRASE");
    return options;
}

Result<std::shared_ptr<Secrets::SecretStore>> openStore(const Secrets::StoreOptions& options)
{
    Result<Secrets::Choice> choice = await<Result<Secrets::Choice>>(
        [&](auto done) { Secrets::chooseSecretStore(options, done); });
    if (!choice && choice.error().code == u"secrets.unavailable" &&
        options.vaultPassphrase.isEmpty() && isatty(STDERR_FILENO)) {
        Secrets::StoreOptions prompted = options;
        prompted.vaultPassphrase = promptPassphrase();
        if (!prompted.vaultPassphrase.isEmpty()) {
            if (prompted.backend == Secrets::Backend::Auto)
                prompted.backend = Secrets::Backend::Vault;
            choice = await<Result<Secrets::Choice>>(
                [&](auto done) { Secrets::chooseSecretStore(prompted, done); });
        }
    }
    if (!choice)
        return choice.error();
    if (!choice.value().notice.isEmpty())
        printErr(u"notice: "_s + choice.value().notice);
    return choice.value().store;
}

// The environment with its secret values filled in from the secret store (only opened when
// the environment has secrets). Secrets that cannot be read stay unset and are reported.
Model::Environment withSecrets(const Model::Workspace& workspace,
                               const Model::Environment& environment,
                               const Secrets::StoreOptions& storeOptions)
{
    const bool hasSecrets =
        std::any_of(environment.variables.cbegin(), environment.variables.cend(),
                    [](const Model::Variable& v) { return v.secret; });
    if (!hasSecrets)
        return environment;
    Result<std::shared_ptr<Secrets::SecretStore>> store = openStore(storeOptions);
    if (!store) {
        printErr(u"warning: secret variables not available: "_s + store.error().toString());
        return environment;
    }
    auto [loaded, errors] = await<std::pair<Model::Environment, QList<Error>>>([&](auto done) {
        Secrets::loadSecretValues(*store.value(), workspace.id, environment,
                                  [done](Model::Environment e, QList<Error> problems) {
                                      done({std::move(e), std::move(problems)});
                                  });
    });
    for (const Error& error : std::as_const(errors))
        printErr(u"warning: secret not available: "_s + error.toString());
    return loaded;
}

QString readSecretFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray value = in.readAll();
    while (value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    return QString::fromUtf8(value);
}

} // namespace Keyhole::Cli
