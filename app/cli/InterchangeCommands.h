#pragma once

#include <QString>
#include <QStringList>

namespace Keyhole::Cli {

// keyhole-cli import FORMAT FILE --into WORKSPACE [--folder NAME] [--env NAME]
// keyhole-cli export FORMAT --workspace DIR [--request P | --folder F] [--env NAME] -o FILE
//                   [--include-secrets]
int interchangeCommand(const QString& command, const QStringList& arguments);

} // namespace Keyhole::Cli
