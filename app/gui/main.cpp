#include "core/Memory.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QSettings>

int main(int argc, char* argv[])
{
    Keyhole::keepLargeBlocksMapped();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Keyhole"));
    QApplication::setApplicationName(QStringLiteral("Keyhole"));
    QApplication::setApplicationVersion(QStringLiteral(KEYHOLE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.keyhole.Keyhole"));

    QNetworkAccessManager network;
    Keyhole::Ui::MainWindow window(&network);
    const QStringList arguments = QApplication::arguments();
    const QString workspace = arguments.size() > 1
                                  ? arguments.at(1)
                                  : QSettings().value(QStringLiteral("lastWorkspace")).toString();
    if (!workspace.isEmpty())
        window.openWorkspace(workspace);
    window.show();
    return QApplication::exec();
}
