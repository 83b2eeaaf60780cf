#pragma once

#include <QStringList>

namespace Keyhole::Cli {

// keyhole-cli diff A B [--curl 'curl …'] [--workspace DIR] [--env NAME] [--ignore-header NAME]
// A and B: files of raw HTTP, request files, or --curl commands. Exit 0 equal, 1 different,
// 2 error (like diff). docs/cli.md.
int diffCommand(QStringList arguments);

} // namespace Keyhole::Cli
