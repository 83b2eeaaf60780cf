#pragma once

#include "core/Result.h"
#include "core/interchange/import/ShellWords.h"
#include "core/model/RequestTemplate.h"

namespace Keyhole::Interchange {

// A curl command turned into a request, with the transfer settings curl would use.
struct CurlRequest {
    Model::RequestTemplate request;
    bool followRedirects = false; // curl follows only with -L
    bool trustRedirects = false;  // --location-trusted
    int maxRedirects = 50;        // curl's default cap
    bool insecure = false;        // -k
    bool http2 = false;           // --http2
    int timeoutMs = 0;            // -m; 0 = Keyhole's default
    QStringList warnings; // unknown options and what Keyhole cannot do the same way, by name
};

// Parses a curl command line as pasted from a README, a terminal (a leading "$ " and "sudo"
// are tolerated) or a browser's "Copy as cURL" (bash, cmd or PowerShell). Files named with @
// are read relative to `baseDir`. Fails, naming the place (the option, or the position of an
// unclosed quote), on a malformed command: an option without its argument, no URL, not curl.
Result<CurlRequest> importCurl(const QString& command, const QString& baseDir = {});

} // namespace Keyhole::Interchange
