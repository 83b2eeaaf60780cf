#pragma once

#include <QStringList>

namespace Keyhole::Cli {

// keyhole-cli jwt TOKEN|- [--secret S|@- | --key FILE | --jwks FILE|URL] [--server-date DATE]
// [--json]: decodes a JWT, reads its times against the local (and the server's) clock and
// verifies its signature when a key is given. Exit 0: readable, in date, signature valid or
// not checked; 1: expired, not yet valid, or signature invalid; 2: malformed or bad usage.
int jwtCommand(const QStringList& arguments);

} // namespace Keyhole::Cli
