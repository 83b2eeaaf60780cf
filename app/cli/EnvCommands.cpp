#include "app/cli/EnvCommands.h"

#include "app/cli/CliSupport.h"
#include "app/cli/CookieJarUse.h"
#include "core/http/Exchange.h"
#include "core/vars/EnvironmentCompare.h"
#include "core/workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Cli {
namespace {

struct EnvArguments {
    QString action;
    QString workspace;
    QString environment;
    QString other; // env compare: the second --env
    QStringList positional;
    bool secret = false;
    bool clear = false;
    Secrets::StoreOptions store;
};

Result<EnvArguments> parse(QStringList arguments)
{
    Result<Secrets::StoreOptions> store = takeStoreOptions(arguments);
    if (!store)
        return store.error();
    EnvArguments parsed;
    parsed.store = store.value();
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        if (argument == u"--workspace" || argument == u"--env") {
            if (i + 1 >= arguments.size())
                return Error{u"usage"_s, u"missing value"_s, argument};
            QString& target = argument == u"--workspace"     ? parsed.workspace
                              : parsed.environment.isEmpty() ? parsed.environment
                                                             : parsed.other;
            target = arguments[++i];
        } else if (argument == u"--secret") {
            parsed.secret = true;
        } else if (argument == u"--clear") {
            parsed.clear = true;
        } else if (argument.startsWith(u"--"_s)) {
            return Error{u"usage"_s, u"unknown option for env"_s, argument};
        } else if (parsed.action.isEmpty()) {
            parsed.action = argument;
        } else {
            parsed.positional.append(argument);
        }
    }
    if (!QStringList{u"list"_s, u"show"_s, u"set"_s, u"unset"_s, u"cookies"_s, u"compare"_s}
             .contains(parsed.action))
        return Error{u"usage"_s, u"expected list, show, set, unset, cookies or compare"_s,
                     u"env "_s + parsed.action};
    if (parsed.action == u"compare" && parsed.other.isEmpty())
        return Error{u"usage"_s, u"give two environments: --env A --env B"_s, u"env compare"_s};
    if (parsed.action != u"compare" && !parsed.other.isEmpty())
        return Error{u"usage"_s, u"one --env only"_s, u"--env "_s + parsed.other};
    if (parsed.clear && parsed.action != u"cookies")
        return Error{u"usage"_s, u"--clear is for env cookies"_s, u"--clear"_s};
    if (parsed.workspace.isEmpty())
        return Error{u"usage"_s, u"missing --workspace DIR"_s, u"env "_s + parsed.action};
    if (parsed.action != u"list" && parsed.environment.isEmpty())
        return Error{u"usage"_s, u"missing --env NAME"_s, u"env "_s + parsed.action};
    return parsed;
}

QString fileNameFor(const QString& environment)
{
    QString name = environment;
    name.replace(QRegularExpression(u"[^A-Za-z0-9._-]"_s), u"-"_s);
    return name + u".json"_s;
}

// Standard input, without one trailing line end. The buffer is wiped by the caller.
QByteArray readStandardInput()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray value = in.readAll();
    if (value.endsWith('\n'))
        value.chop(1);
    if (value.endsWith('\r'))
        value.chop(1);
    return value;
}

int list(const Model::Workspace& workspace)
{
    for (const Model::Environment& environment : workspace.environments) {
        qsizetype secrets = 0;
        for (const Model::Variable& variable : environment.variables)
            secrets += variable.secret ? 1 : 0;
        printOut(u"%1\t%2 variables, %3 secret\n"_s.arg(environment.name)
                     .arg(environment.variables.size())
                     .arg(secrets)
                     .toUtf8());
    }
    return 0;
}

int show(const Model::Workspace& workspace, const Model::Environment& environment,
         const Secrets::StoreOptions& storeOptions)
{
    std::shared_ptr<Secrets::SecretStore> store;
    for (const Model::Variable& variable : environment.variables) {
        QString line = variable.name + u" = "_s;
        const auto current = environment.currentValues.constFind(variable.name);
        if (!variable.secret && current != environment.currentValues.cend()) {
            line +=
                *current + u"  (current value on this machine; shared: "_s + variable.value + u')';
        } else if (!variable.secret) {
            line += variable.value;
        } else {
            if (!store) {
                Result<std::shared_ptr<Secrets::SecretStore>> opened = openStore(storeOptions);
                if (!opened)
                    return inputError(opened.error());
                store = opened.value();
            }
            const QString key = Secrets::secretKey(workspace.id, environment.name, variable.name);
            Secrets::ReadResult value =
                await<Secrets::ReadResult>([&](auto done) { store->read(key, done); });
            if (!value)
                line += u"(secret, unreadable: %1)"_s.arg(value.error().message);
            else if (value.value())
                line += QString::fromUtf8(Http::kSecretMask) +
                        u" (secret, in the %1)"_s.arg(store->backendName());
            else
                line += u"(secret, not set in the %1)"_s.arg(store->backendName());
            if (value && value.value())
                OPENSSL_cleanse(value.value()->data(), static_cast<size_t>(value.value()->size()));
        }
        if (!variable.enabled)
            line = u"# "_s + line + u" (disabled)"_s;
        printOut(line.toUtf8() + '\n');
    }
    return 0;
}

int set(Model::Workspace& workspace, const EnvArguments& arguments)
{
    if (arguments.positional.isEmpty() || arguments.positional.size() > 2)
        return usageError({u"usage"_s, u"expected NAME [VALUE]"_s, u"env set"_s});
    const QString name = arguments.positional.first();
    Model::Environment* environment = Model::findEnvironment(workspace, arguments.environment);
    if (!environment) {
        workspace.environments.push_back(
            {arguments.environment, fileNameFor(arguments.environment), {}, {}});
        environment = &workspace.environments.back();
    }
    auto existing = std::find_if(environment->variables.begin(), environment->variables.end(),
                                 [&](const Model::Variable& v) { return v.name == name; });
    // A secret stays secret: unset it first to make it a plain variable again.
    const bool secret =
        arguments.secret || (existing != environment->variables.end() && existing->secret);
    if (secret && arguments.positional.size() == 2)
        return usageError({u"usage"_s,
                           u"secret values are read from standard input, never from the "
                           "command line (it would land in your shell history)"_s,
                           u"env set "_s + name});
    QByteArray value =
        arguments.positional.size() == 2 ? arguments.positional[1].toUtf8() : readStandardInput();
    if (secret) {
        if (value.isEmpty())
            return inputError({u"usage"_s, u"no value on standard input"_s, u"env set "_s + name});
        Result<std::shared_ptr<Secrets::SecretStore>> store = openStore(arguments.store);
        if (!store)
            return inputError(store.error());
        const QString key = Secrets::secretKey(workspace.id, environment->name, name);
        const Status written =
            await<Status>([&](auto done) { store.value()->write(key, value, done); });
        OPENSSL_cleanse(value.data(), static_cast<size_t>(value.size()));
        if (!written)
            return inputError(written.error());
        value.clear();
    }
    Model::Variable variable{name, secret ? QString() : QString::fromUtf8(value), secret, true};
    // What was set is what counts (and a secret never keeps a plain current value).
    environment->currentValues.remove(name);
    if (existing != environment->variables.end())
        *existing = variable;
    else
        environment->variables.append(variable);
    if (Status saved = Workspace::saveEnvironment(workspace.rootPath, *environment); !saved)
        return inputError(saved.error());
    return 0;
}

int unset(Model::Workspace& workspace, const EnvArguments& arguments)
{
    if (arguments.positional.size() != 1)
        return usageError({u"usage"_s, u"expected NAME"_s, u"env unset"_s});
    const QString name = arguments.positional.first();
    Model::Environment* environment = Model::findEnvironment(workspace, arguments.environment);
    if (!environment)
        return inputError(
            {u"env.missing"_s, u"no such environment"_s, u"--env "_s + arguments.environment});
    auto existing = std::find_if(environment->variables.begin(), environment->variables.end(),
                                 [&](const Model::Variable& v) { return v.name == name; });
    if (existing == environment->variables.end())
        return inputError({u"env.variable"_s, u"no such variable"_s, name});
    if (existing->secret) {
        Result<std::shared_ptr<Secrets::SecretStore>> store = openStore(arguments.store);
        if (!store)
            return inputError(store.error());
        const QString key = Secrets::secretKey(workspace.id, environment->name, name);
        const Status removed = await<Status>([&](auto done) { store.value()->remove(key, done); });
        if (!removed)
            return inputError(removed.error());
    }
    environment->variables.erase(existing);
    environment->currentValues.remove(name);
    if (Status saved = Workspace::saveEnvironment(workspace.rootPath, *environment); !saved)
        return inputError(saved.error());
    return 0;
}

} // namespace

int initWorkspace(const QStringList& arguments)
{
    QString directory;
    QString name;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == u"--name" && i + 1 < arguments.size())
            name = arguments[++i];
        else if (directory.isEmpty() && !arguments[i].startsWith(u"--"_s))
            directory = arguments[i];
        else
            return usageError({u"usage"_s, u"unexpected argument"_s, arguments[i]});
    }
    if (directory.isEmpty())
        return usageError({u"usage"_s, u"missing DIR"_s, u"init"_s});
    const QString root = QDir(directory).absolutePath();
    if (QFileInfo::exists(root + u'/' + QString::fromUtf16(Workspace::kManifestFile)))
        return inputError({u"workspace.exists"_s, u"already a Keyhole workspace"_s, root});
    Model::Workspace workspace;
    workspace.rootPath = root;
    workspace.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    workspace.name = name.isEmpty() ? QDir(root).dirName() : name;
    if (Status saved = Workspace::saveWorkspace(workspace); !saved)
        return inputError(saved.error());
    QDir(root).mkpath(QString::fromUtf16(Workspace::kEnvironmentsDir));
    printOut("Created workspace \"" + workspace.name.toUtf8() + "\" in " + root.toUtf8() + '\n');
    return 0;
}

// Two environments side by side, one variable per line: STATE<TAB>NAME<TAB>A<TAB>B, secrets
// compared by fingerprint and never printed. Exit 0 when they agree, 1 when they differ.
int compare(const Model::Workspace& workspace, const Model::Environment& left,
            const Model::Environment& right, const Secrets::StoreOptions& storeOptions)
{
    const Model::Environment a = withSecrets(workspace, left, storeOptions);
    const Model::Environment b = withSecrets(workspace, right, storeOptions);
    QByteArray key(32, '\0');
    for (char& byte : key)
        byte = static_cast<char>(QRandomGenerator::system()->bounded(256));
    const QList<Vars::VariableComparison> rows = Vars::compareEnvironments(a, b, key);
    printOut(u"STATE\tNAME\t%1\t%2\n"_s.arg(left.name, right.name).toUtf8());
    int differences = 0;
    for (const Vars::VariableComparison& row : rows) {
        QString state;
        switch (row.state) {
        case Vars::VariableComparison::State::Same:
            state = u"same"_s;
            break;
        case Vars::VariableComparison::State::Different:
            state = u"differs"_s;
            break;
        case Vars::VariableComparison::State::OnlyLeft:
            state = u"only-"_s + left.name;
            break;
        case Vars::VariableComparison::State::OnlyRight:
            state = u"only-"_s + right.name;
            break;
        }
        differences += row.state == Vars::VariableComparison::State::Same ? 0 : 1;
        printOut(u"%1\t%2\t%3\t%4\n"_s
                     .arg(state, row.name, Model::oneLine(row.left), Model::oneLine(row.right))
                     .toUtf8());
    }
    printErr(differences == 0
                 ? u"environments %1 and %2 agree (%3 variables)"_s.arg(left.name, right.name)
                       .arg(rows.size())
                 : u"%1 of %2 variables differ between %3 and %4"_s.arg(differences)
                       .arg(rows.size())
                       .arg(left.name, right.name));
    return differences == 0 ? 0 : 1;
}

int environmentCommand(const QStringList& arguments)
{
    Result<EnvArguments> parsed = parse(arguments);
    if (!parsed)
        return usageError(parsed.error());
    Result<Workspace::LoadReport> report = Workspace::loadWorkspace(parsed.value().workspace);
    if (!report)
        return inputError(report.error());
    for (const Error& problem : std::as_const(report.value().problems))
        printErr(u"warning: "_s + problem.toString());
    Model::Workspace& workspace = report.value().workspace;
    const EnvArguments& env = parsed.value();
    if (env.action == u"list")
        return list(workspace);
    if (env.action == u"set")
        return set(workspace, env);
    if (env.action == u"unset")
        return unset(workspace, env);
    const Model::Environment* environment = Model::findEnvironment(workspace, env.environment);
    if (!environment)
        return inputError(
            {u"env.missing"_s, u"no such environment"_s, u"--env "_s + env.environment});
    if (env.action == u"cookies")
        return showCookies(workspace, *environment, env.clear, env.store);
    if (env.action == u"compare") {
        const Model::Environment* other = Model::findEnvironment(workspace, env.other);
        if (!other)
            return inputError(
                {u"env.missing"_s, u"no such environment"_s, u"--env "_s + env.other});
        return compare(workspace, *environment, *other, env.store);
    }
    return show(workspace, *environment, env.store);
}

} // namespace Keyhole::Cli
