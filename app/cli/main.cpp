#include "app/cli/CliCommands.h"
#include "core/Memory.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    Keyhole::keepLargeBlocksMapped();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keyhole-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEYHOLE_VERSION));
    return Keyhole::Cli::run(QCoreApplication::arguments().mid(1));
}
