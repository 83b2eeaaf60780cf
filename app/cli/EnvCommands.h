#pragma once

#include <QStringList>

namespace Keyhole::Cli {

// keyhole-cli init DIR [--name NAME]
int initWorkspace(const QStringList& arguments);
// keyhole-cli env list|show|set|unset --workspace DIR [--env NAME] ... (docs/cli.md)
int environmentCommand(const QStringList& arguments);

} // namespace Keyhole::Cli
