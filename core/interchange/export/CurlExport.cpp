#include "core/interchange/export/CurlExport.h"

#include "core/auth/EffectiveAuth.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/WorkspaceScopes.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

QString shellVariableFor(const QString& name)
{
    static const QRegularExpression invalid(u"[^A-Za-z0-9_]"_s);
    QString variable = name.toUpper();
    variable.replace(invalid, u"_"_s);
    if (variable.isEmpty() || variable.front().isDigit())
        variable.prepend(u'_');
    return variable;
}

namespace {

// One shell word of literal bytes: '…' when printable, $'…' with escapes otherwise.
QString quoteLiteral(const QByteArray& bytes)
{
    bool plain = true;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n') || u == 0x7f) {
            plain = false;
            break;
        }
    }
    if (plain && QString::fromUtf8(bytes).toUtf8() == bytes) {
        QString text = QString::fromUtf8(bytes);
        text.replace(u"'"_s, u"'\\''"_s);
        return u'\'' + text + u'\'';
    }
    // $'…': control bytes escaped; valid UTF-8 text stays readable; other bytes as \xHH.
    const QString text = QString::fromUtf8(bytes);
    const bool utf8 = text.toUtf8() == bytes;
    QString out = u"$'"_s;
    auto escapeByte = [&](uint u) {
        out += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
    };
    if (utf8) {
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            if (u == u'\\')
                out += u"\\\\"_s;
            else if (u == u'\'')
                out += u"\\'"_s;
            else if (u == u'\n')
                out += u"\\n"_s;
            else if (u == u'\r')
                out += u"\\r"_s;
            else if (u == u'\t')
                out += u"\\t"_s;
            else if (u < 0x20 || u == 0x7f)
                escapeByte(u);
            else
                out += c;
        }
        return out + u'\'';
    }
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\')
            out += u"\\\\"_s;
        else if (c == '\'')
            out += u"\\'"_s;
        else if (u < 0x20 || u >= 0x7f)
            escapeByte(u);
        else
            out += QLatin1Char(c);
    }
    return out + u'\'';
}

// A stand-in for a secret's value while exporting: letters and digits only, so that no
// encoding changes it and it can be found again in the prepared bytes.
QByteArray secretSentinel(qsizetype index)
{
    return "zzKeyholeSecret" + QByteArray::number(index) + "zz";
}

// A shell word whose secret parts become "$VARIABLE" references: 'Bearer '"$TOKEN".
QString quoteWord(const QByteArray& bytes, const QList<NamedSecret>& secrets)
{
    // Longest secrets first, so one secret that contains another is replaced whole.
    QList<NamedSecret> ordered = secrets;
    std::sort(ordered.begin(), ordered.end(), [](const NamedSecret& a, const NamedSecret& b) {
        return a.value.size() > b.value.size();
    });
    QString out;
    QByteArray pending;
    qsizetype i = 0;
    while (i < bytes.size()) {
        const NamedSecret* hit = nullptr;
        for (const NamedSecret& secret : std::as_const(ordered)) {
            if (!secret.value.isEmpty() && bytes.mid(i, secret.value.size()) == secret.value) {
                hit = &secret;
                break;
            }
        }
        if (!hit) {
            pending += bytes[i++];
            continue;
        }
        if (!pending.isEmpty())
            out += quoteLiteral(pending);
        pending.clear();
        out += u"\"${"_s + shellVariableFor(hit->name) + u"}\""_s;
        i += hit->value.size();
    }
    if (!pending.isEmpty() || out.isEmpty())
        out += quoteLiteral(pending);
    return out;
}

} // namespace

// curl commands for every request of `selection`, resolved with `environment`. Unless the user
// asked for secrets, each secret variable becomes a "$NAME" shell variable.
Result<QString> exportCurl(const Model::Workspace& workspace, const Model::Folder& selection,
                           const Model::Environment* environment, bool includeSecrets,
                           QStringList& warnings)
{
    Model::Environment resolved = environment ? *environment : Model::Environment{};
    QList<NamedSecret> secrets;
    if (!includeSecrets) {
        for (Model::Variable& variable : resolved.variables) {
            if (variable.secret) {
                const QByteArray sentinel = secretSentinel(secrets.size());
                variable.value = QString::fromLatin1(sentinel);
                secrets.append({variable.name, sentinel});
            }
        }
    }
    QStringList commands;
    std::function<Status(const Model::Folder&)> walk = [&](const Model::Folder& folder) -> Status {
        for (const Model::FolderEntry& entry : Model::childrenInOrder(folder)) {
            if (entry.folder) {
                if (Status status = walk(*entry.folder); !status)
                    return status;
                continue;
            }
            const Model::RequestItem& item = *entry.request;
            const Vars::Resolver resolver =
                Vars::resolverFor(workspace, item.path, environment ? &resolved : nullptr);
            const Model::AuthConfig auth =
                Auth::effectiveAuth(workspace, item.path, item.request.auth);
            Result<Model::PreparedRequest> prepared =
                Vars::prepareRequest(item.request, resolver, workspace.rootPath, &auth);
            if (!prepared)
                return Error{prepared.error().code, prepared.error().message,
                             item.path + u": "_s + prepared.error().where};
            for (const QString& name : std::as_const(prepared.value().unresolvedVariables))
                warnings.append(u"%1: {{%2}} is not set in this environment and goes out "
                                "literally"_s.arg(item.path, name));
            CurlExportOptions options;
            options.secrets = secrets;
            commands.append(u"# "_s + Model::oneLine(item.request.name) + u'\n' +
                            curlCommand(prepared.value(), options));
        }
        return Success{};
    };
    if (Status status = walk(selection); !status)
        return status.error();
    QStringList shellVariables;
    for (const NamedSecret& secret : std::as_const(secrets))
        shellVariables.append(u'$' + shellVariableFor(secret.name));
    QString header;
    if (!shellVariables.isEmpty())
        header = u"# Secrets are not included: export %1 before running.\n"_s.arg(
            shellVariables.join(u", "_s));
    return QString(header + commands.join(u"\n\n"_s) + u'\n');
}

QString curlCommand(const Model::PreparedRequest& request, const CurlExportOptions& options)
{
    QStringList lines{u"curl"_s};
    const QByteArray method = request.method.toUpper();
    const QString url = request.url.toString(QUrl::FullyEncoded);
    if (method == "HEAD")
        lines.append(u"--head"_s);
    else if (!(method == "GET" && request.body.isEmpty()) &&
             !(method == "POST" && !request.body.isEmpty()))
        lines.append(u"-X "_s + quoteLiteral(method));
    static const QRegularExpression globbing(u"[\\[\\]{}]"_s);
    if (globbing.match(url).hasMatch())
        lines.append(u"--globoff"_s);
    if (url.contains(u"/./"_s) || url.contains(u"/../"_s) || url.endsWith(u"/."_s) ||
        url.endsWith(u"/.."_s))
        lines.append(u"--path-as-is"_s);
    lines.append(quoteWord(url.toUtf8(), options.secrets));
    for (const Model::HeaderField& header : request.headers) {
        const QByteArray lower = header.name.toLower();
        if (lower == "host" || lower == "content-length")
            continue;
        if (lower == "authorization" && header.value.startsWith("Basic ") &&
            !options.secrets.isEmpty()) {
            // A Basic header built from a secret shows it only base64-encoded: give curl the
            // credentials instead, with the secret as a variable.
            const QByteArray credentials = QByteArray::fromBase64(header.value.mid(6).trimmed());
            bool hasSecret = false;
            for (const NamedSecret& secret : options.secrets)
                hasSecret =
                    hasSecret || (!secret.value.isEmpty() && credentials.contains(secret.value));
            if (hasSecret && credentials.contains(':')) {
                lines.append(u"-u "_s + quoteWord(credentials, options.secrets));
                continue;
            }
        }
        // "Name;" is curl's spelling of a header with an empty value.
        const QByteArray line = header.value.isEmpty()
                                    ? QByteArray(header.name + ';')
                                    : QByteArray(header.name + ": " + header.value);
        lines.append(u"-H "_s + quoteWord(line, options.secrets));
    }
    if (request.digest) {
        // curl answers the server's challenge itself.
        lines.append(u"--digest"_s);
        lines.append(u"-u "_s + quoteWord(request.digest->username + ':' + request.digest->password,
                                          options.secrets));
    }
    QString input;
    if (request.body.contains('\0')) {
        // A shell word cannot hold a NUL byte: printf writes the body, curl reads it from stdin.
        QString escaped;
        for (const char c : request.body) {
            const auto u = static_cast<unsigned char>(c);
            if (u >= 0x20 && u < 0x7f && c != '\'' && c != '\\' && c != '%')
                escaped += QLatin1Char(c);
            else
                escaped += u'\\' + QString::number(u, 8).rightJustified(3, u'0');
        }
        input = u"printf '"_s + escaped + u"' | "_s;
        lines.append(u"--data-binary @-"_s);
    } else if (!request.body.isEmpty()) {
        lines.append(u"--data-raw "_s + quoteWord(request.body, options.secrets));
    }
    if (options.followRedirects)
        lines.append(u"-L"_s);
    if (options.insecure)
        lines.append(u"-k"_s);
    if (options.http2)
        lines.append(u"--http2"_s);
    return input + lines.join(u" \\\n  "_s);
}

} // namespace Keyhole::Interchange
