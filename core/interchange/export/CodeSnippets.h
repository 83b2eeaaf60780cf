#pragma once

#include "core/interchange/export/CurlExport.h"

#include <optional>

namespace Keyhole::Interchange {

// The languages requests are exported to ("Copy as" in the GUI, `keyhole-cli export`).
enum class SnippetLanguage { Curl, Httpie, Python, JavaScript };

// "curl", "httpie", "python", "fetch".
QString snippetLanguageName(SnippetLanguage language);
std::optional<SnippetLanguage> snippetLanguageFromName(const QString& name);
// "curl", "HTTPie", "Python requests", "JavaScript fetch".
QString snippetLanguageTitle(SnippetLanguage language);

// Code that sends `request` as Keyhole would — method, URL, headers and body bytes — with
// curl (CurlExport.h), HTTPie (`http`, following redirects), Python `requests` or JavaScript
// `fetch`. Each `secrets` value becomes a read of the environment variable
// shellVariableFor(name): "$TOKEN", os.environ["TOKEN"], process.env.TOKEN. The tools add
// their own User-Agent, Accept-Encoding and Connection; everything the request sets is sent as
// set (a repeated header is joined with ", " where the language keeps headers in a map).
QString codeSnippet(const Model::PreparedRequest& request, SnippetLanguage language,
                    const QList<NamedSecret>& secrets = {});

// The snippets of every request of `selection` ("# name" / "// name" first), resolved with the
// workspace's scopes and `environment`; unless `includeSecrets`, secret variables of the
// environment are read from the process environment instead (listed in a first comment).
// Unresolved {{variables}} are listed in `warnings`.
Result<QString> exportSnippets(const Model::Workspace& workspace, const Model::Folder& selection,
                               const Model::Environment* environment, bool includeSecrets,
                               SnippetLanguage language, QStringList& warnings);

// One piece of a value: literal bytes, or a secret (whose value is not to be written).
struct SecretPart {
    QByteArray literal;
    const NamedSecret* secret = nullptr;
};
// `bytes` cut where a secret's value occurs (longest secrets first).
QList<SecretPart> splitSecrets(const QByteArray& bytes, const QList<NamedSecret>& secrets);

// A stand-in for a secret's value while exporting: letters and digits only, so that no
// encoding changes it and it can be found again in the prepared bytes.
QByteArray secretSentinel(qsizetype index);

} // namespace Keyhole::Interchange
