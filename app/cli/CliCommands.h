#pragma once

#include <QStringList>

namespace Keyhole::Cli {

// Exit codes (docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,        // any HTTP answer, 401 included
    ExitUsage = 2,     // bad arguments or input: a usage message or an error naming the place
    ExitTransport = 3, // no HTTP answer: DNS, refused, timeout, TLS, reset, too large
    ExitAssertion = 1, // an answer, but one of the request's assertions failed
};

// Runs one keyhole-cli command line (without the program name) inside a running
// QCoreApplication and returns the process exit code.
int run(const QStringList& arguments);

} // namespace Keyhole::Cli
