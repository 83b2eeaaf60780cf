#pragma once

#include "core/Result.h"
#include "core/interchange/import/ShellWords.h"
#include "core/model/RequestTemplate.h"

namespace Keyhole::Interchange {

// A curl command turned into a request. Its settings are curl's: redirects are followed only
// with -L (followRedirects false otherwise), -k, --http2, -m, --max-redirs, --location-trusted.
struct CurlRequest {
    Model::RequestTemplate request;
    QStringList warnings; // unknown options and what Keyhole cannot do the same way, by name
};

// Parses a curl command line as pasted from a README, a terminal (a leading "$ " and "sudo"
// are tolerated) or a browser's "Copy as cURL" (bash, cmd or PowerShell). Files named with @
// are read relative to `baseDir`. Fails, naming the place (the option, or the position of an
// unclosed quote), on a malformed command: an option without its argument, no URL, not curl.
Result<CurlRequest> importCurl(const QString& command, const QString& baseDir = {});

} // namespace Keyhole::Interchange
