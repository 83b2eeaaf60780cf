#pragma once

#include "core/Result.h"
#include "core/interchange/Imported.h"

#include <QByteArray>

namespace Keyhole::Interchange {

// Reads an .http / .rest file of the JetBrains HTTP Client or the VS Code REST Client:
// requests separated by "###" (the rest of the line names the request, as does "# @name x"),
// "METHOD URL [HTTP/1.1]" (or a bare URL: GET) with indented "?a=1" / "&b=2" continuation
// lines, headers, a blank line and the body up to the next "###". Becomes a collection named
// after the file:
// - "@name = value" file variables become collection variables;
// - "Authorization: Basic user pass" / "Digest user pass" (both clients' shorthand) become
//   Basic / Digest auth, "Bearer|Token|JWT value" a Bearer auth with that prefix;
// - "# Name: value" between headers is a disabled header (as Keyhole's export writes it);
// - bodies: "< path" a file, form-urlencoded fields, multipart parts (files as "< path"),
//   anything else raw text with its Content-Type;
// - JetBrains response handlers `client.global.set("token", response.body.token)` and REST
//   Client request variables `{{login.response.body.$.token}}` become extractions;
// - dynamic variables map to Keyhole's ({{$uuid}} → {{$guid}}, {{$datetime iso8601}} →
//   {{$isoTimestamp}}); {{$processEnv X}} / {{$dotenv X}} become {{X}}.
// With `baseDir` (the file's directory), JetBrains environment files beside it
// (http-client.env.json, and http-client.private.env.json whose values are secrets) become
// environments. Whatever is not used (pre-request scripts, response handlers, tags such as
// @no-redirect) is a warning naming its line ("line 12: …"). A line that is neither a request line
// nor a header fails the import with file:line:column.
Result<ImportResult> importHttpFile(const QByteArray& text, const QString& fileLabel,
                                    const QString& baseDir = {});

// True when `text` reads as an .http file: its first line that is not blank, a comment or a
// file variable is a request line ("GET https://…") or starts with "###".
bool looksLikeHttpFile(const QByteArray& text);

} // namespace Keyhole::Interchange
