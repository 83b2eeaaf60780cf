#include "core/interchange/export/CodeSnippets.h"

#include "core/auth/EffectiveAuth.h"
#include "core/vars/RequestPreparer.h"
#include "core/vars/WorkspaceScopes.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

// A "…" literal valid in both JavaScript and Python: JSON's string escapes.
QString quotedText(const QString& text)
{
    const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

bool isText(const QByteArray& bytes)
{
    return !bytes.contains('\0') && QString::fromUtf8(bytes).toUtf8() == bytes;
}

// Python b"…" with every byte outside printable ASCII escaped.
QString pythonBytes(const QByteArray& bytes)
{
    QString out = u"b\""_s;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '"')
            out += u'\\' + QLatin1Char(c);
        else if (u >= 0x20 && u < 0x7f)
            out += QLatin1Char(c);
        else
            out += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
    }
    return out + u'"';
}

// A value as an expression of the language: literal parts quoted, secret parts read from the
// process environment, joined with " + ".
QString expression(const QByteArray& bytes, const QList<NamedSecret>& secrets,
                   const std::function<QString(const QString& variable)>& secretRead)
{
    QStringList parts;
    for (const SecretPart& part : splitSecrets(bytes, secrets))
        parts.append(part.secret ? secretRead(shellVariableFor(part.secret->name))
                                 : quotedText(QString::fromUtf8(part.literal)));
    return parts.isEmpty() ? u"\"\""_s : parts.join(u" + "_s);
}

// Headers the tool computes itself.
bool computedHeader(const QByteArray& name)
{
    const QByteArray lower = name.toLower();
    return lower == "host" || lower == "content-length";
}

// Header name → value, repeated names joined with ", " (a map holds one value per name).
QList<QPair<QByteArray, QByteArray>> headerMap(const Model::HeaderFields& headers)
{
    QList<QPair<QByteArray, QByteArray>> map;
    for (const Model::HeaderField& header : headers) {
        if (computedHeader(header.name))
            continue;
        auto same = std::find_if(map.begin(), map.end(), [&](const auto& entry) {
            return entry.first.compare(header.name, Qt::CaseInsensitive) == 0;
        });
        if (same == map.end())
            map.append({header.name, header.value});
        else
            same->second += ", " + header.value;
    }
    return map;
}

// "2.5" for 2500 ms: a number of seconds as the tools write it.
QString seconds(int milliseconds)
{
    return QString::number(milliseconds / 1000.0, 'g', 10);
}

QString python(const Model::PreparedRequest& request, const QList<NamedSecret>& secrets)
{
    auto read = [](const QString& variable) {
        return u"os.environ[\"%1\"]"_s.arg(variable);
    };
    QString out;
    if (!secrets.isEmpty())
        out += u"import os\n"_s;
    out += u"import requests\n\nresponse = requests.request(\n"_s;
    out += u"    "_s + quotedText(QString::fromLatin1(request.method)) + u",\n"_s;
    out += u"    "_s +
           expression(request.url.toString(QUrl::FullyEncoded).toUtf8(), secrets, read) + u",\n"_s;
    const auto headers = headerMap(request.headers);
    if (!headers.isEmpty()) {
        out += u"    headers={\n"_s;
        for (const auto& [name, value] : headers) {
            // requests sends str values as Latin-1: other bytes go as bytes.
            const bool ascii = std::all_of(value.begin(), value.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80;
            });
            out += u"        "_s + quotedText(QString::fromLatin1(name)) + u": "_s +
                   (ascii ? expression(value, secrets, read) : pythonBytes(value)) + u",\n"_s;
        }
        out += u"    },\n"_s;
    }
    if (!request.body.isEmpty()) {
        const QList<SecretPart> parts = splitSecrets(request.body, secrets);
        QString data;
        if (isText(request.body)) {
            data = expression(request.body, secrets, read);
            data = (parts.size() > 1 ? u"("_s + data + u")"_s : data) + u".encode(\"utf-8\")"_s;
        } else {
            QStringList pieces;
            for (const SecretPart& part : parts)
                pieces.append(part.secret ? read(shellVariableFor(part.secret->name)) +
                                                u".encode(\"utf-8\")"_s
                                          : pythonBytes(part.literal));
            data = pieces.join(u" + "_s);
        }
        out += u"    data="_s + data + u",\n"_s;
    }
    const Model::RequestSettings& settings = request.settings;
    if (settings.followRedirects == false)
        out += u"    allow_redirects=False,\n"_s;
    if (settings.verifyTls == false)
        out += u"    verify=False,\n"_s;
    if (settings.timeoutMs)
        out += u"    timeout=%1,\n"_s.arg(seconds(*settings.timeoutMs));
    out += u")\nprint(response.status_code)\nprint(response.text)\n"_s;
    return out;
}

QString javaScript(const Model::PreparedRequest& request, const QList<NamedSecret>& secrets)
{
    auto read = [](const QString& variable) {
        return u"process.env.%1"_s.arg(variable);
    };
    QString out;
    const auto headers = headerMap(request.headers);
    static const QList<QByteArray> browserOwned{"cookie", "origin", "referer", "user-agent"};
    QStringList owned;
    for (const auto& entry : headers)
        if (browserOwned.contains(entry.first.toLower()))
            owned.append(QString::fromLatin1(entry.first));
    if (!owned.isEmpty())
        out +=
            u"// In a browser, %1 are the browser's own: these values are ignored there.\n"_s.arg(
                owned.join(u", "_s));
    out += u"fetch("_s +
           expression(request.url.toString(QUrl::FullyEncoded).toUtf8(), secrets, read) +
           u", {\n"_s;
    out += u"  method: "_s + quotedText(QString::fromLatin1(request.method)) + u",\n"_s;
    if (request.settings.followRedirects == false)
        out += u"  redirect: \"manual\",\n"_s;
    if (!headers.isEmpty()) {
        out += u"  headers: {\n"_s;
        for (const auto& [name, value] : headers)
            out += u"    "_s + quotedText(QString::fromLatin1(name)) + u": "_s +
                   expression(value, secrets, read) + u",\n"_s;
        out += u"  },\n"_s;
    }
    if (!request.body.isEmpty()) {
        if (isText(request.body)) {
            out += u"  body: "_s + expression(request.body, secrets, read) + u",\n"_s;
        } else {
            QStringList bytes;
            for (const char c : request.body)
                bytes.append(QString::number(static_cast<unsigned char>(c)));
            out += u"  body: new Uint8Array(["_s + bytes.join(u", "_s) + u"]),\n"_s;
        }
    }
    out += u"})\n"
           "  .then(async (response) => {\n"
           "    console.log(response.status);\n"
           "    console.log(await response.text());\n"
           "  })\n"
           "  .catch((error) => console.error(error));\n"_s;
    return out;
}

QString httpie(const Model::PreparedRequest& request, const QList<NamedSecret>& secrets)
{
    QStringList words{u"http"_s};
    const Model::RequestSettings& settings = request.settings;
    if (settings.followRedirects != false) {
        words.append(u"--follow"_s);
        if (settings.maxRedirects)
            words.append(u"--max-redirects=%1"_s.arg(*settings.maxRedirects));
    }
    if (settings.verifyTls == false)
        words.append(u"--verify=no"_s);
    if (settings.timeoutMs)
        words.append(u"--timeout=%1"_s.arg(seconds(*settings.timeoutMs)));
    QString input;
    if (request.body.contains('\0')) {
        // A shell word cannot hold a NUL byte: printf writes the body to http's input.
        QString escaped;
        for (const char c : request.body)
            escaped +=
                u"\\"_s + QString::number(static_cast<unsigned char>(c), 8).rightJustified(3, u'0');
        input = u"printf '"_s + escaped + u"' | "_s;
    } else {
        words.append(u"--ignore-stdin"_s);
    }
    words.append(shellWord(request.method));
    words.append(shellWord(request.url.toString(QUrl::FullyEncoded).toUtf8(), secrets));
    for (const Model::HeaderField& header : request.headers) {
        if (computedHeader(header.name))
            continue;
        // "Name;" is HTTPie's spelling of a header with an empty value.
        words.append(shellWord(header.value.isEmpty()
                                   ? QByteArray(header.name + ';')
                                   : QByteArray(header.name + ':' + header.value),
                               secrets));
    }
    if (!request.body.isEmpty() && input.isEmpty())
        words.append(u"--raw "_s + shellWord(request.body, secrets));
    return input + words.join(u" \\\n  "_s) + u'\n';
}

} // namespace

QString snippetLanguageName(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Curl:
        return u"curl"_s;
    case SnippetLanguage::Httpie:
        return u"httpie"_s;
    case SnippetLanguage::Python:
        return u"python"_s;
    case SnippetLanguage::JavaScript:
        return u"fetch"_s;
    }
    return {};
}

std::optional<SnippetLanguage> snippetLanguageFromName(const QString& name)
{
    for (SnippetLanguage language : {SnippetLanguage::Curl, SnippetLanguage::Httpie,
                                     SnippetLanguage::Python, SnippetLanguage::JavaScript})
        if (snippetLanguageName(language) == name)
            return language;
    return std::nullopt;
}

QString snippetLanguageTitle(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Curl:
        return u"curl"_s;
    case SnippetLanguage::Httpie:
        return u"HTTPie"_s;
    case SnippetLanguage::Python:
        return u"Python requests"_s;
    case SnippetLanguage::JavaScript:
        return u"JavaScript fetch"_s;
    }
    return {};
}

QList<SecretPart> splitSecrets(const QByteArray& bytes, const QList<NamedSecret>& secrets)
{
    // Longest secrets first, so one secret that contains another is replaced whole.
    QList<const NamedSecret*> ordered;
    for (const NamedSecret& secret : secrets)
        if (!secret.value.isEmpty())
            ordered.append(&secret);
    std::sort(ordered.begin(), ordered.end(), [](const NamedSecret* a, const NamedSecret* b) {
        return a->value.size() > b->value.size();
    });
    QList<SecretPart> parts;
    QByteArray pending;
    qsizetype i = 0;
    while (i < bytes.size()) {
        const NamedSecret* hit = nullptr;
        for (const NamedSecret* secret : std::as_const(ordered)) {
            if (QByteArrayView(bytes).sliced(i).startsWith(secret->value)) {
                hit = secret;
                break;
            }
        }
        if (!hit) {
            pending += bytes[i++];
            continue;
        }
        if (!pending.isEmpty())
            parts.append(SecretPart{pending, nullptr});
        pending.clear();
        parts.append(SecretPart{QByteArray(), hit});
        i += hit->value.size();
    }
    if (!pending.isEmpty())
        parts.append(SecretPart{pending, nullptr});
    return parts;
}

QByteArray secretSentinel(qsizetype index)
{
    return "zzKeyholeSecret" + QByteArray::number(index) + "zz";
}

QString codeSnippet(const Model::PreparedRequest& request, SnippetLanguage language,
                    const QList<NamedSecret>& secrets)
{
    switch (language) {
    case SnippetLanguage::Curl: {
        CurlExportOptions options;
        options.secrets = secrets;
        return curlCommand(request, options);
    }
    case SnippetLanguage::Httpie:
        return httpie(request, secrets);
    case SnippetLanguage::Python:
        return python(request, secrets);
    case SnippetLanguage::JavaScript:
        return javaScript(request, secrets);
    }
    return {};
}

Result<QString> exportSnippets(const Model::Workspace& workspace, const Model::Folder& selection,
                               const Model::Environment* environment, bool includeSecrets,
                               SnippetLanguage language, QStringList& warnings)
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
    const QString comment = language == SnippetLanguage::JavaScript ? u"// "_s : u"# "_s;
    QStringList snippets;
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
            snippets.append(comment + Model::oneLine(item.request.name) + u'\n' +
                            codeSnippet(prepared.value(), language, secrets).trimmed());
        }
        return Success{};
    };
    if (Status status = walk(selection); !status)
        return status.error();
    QStringList variables;
    for (const NamedSecret& secret : std::as_const(secrets))
        variables.append(shellVariableFor(secret.name));
    QString header;
    if (!variables.isEmpty()) {
        if (language == SnippetLanguage::Curl || language == SnippetLanguage::Httpie)
            header = u"# Secrets are not included: export $%1 before running.\n"_s.arg(
                variables.join(u", $"_s));
        else
            header = comment + u"Secrets are not included: set the environment variable(s) %1 "
                               "before running.\n"_s.arg(variables.join(u", "_s));
    }
    return QString(header + snippets.join(u"\n\n"_s) + u'\n');
}

} // namespace Keyhole::Interchange
