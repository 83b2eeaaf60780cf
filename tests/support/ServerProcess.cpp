#include "tests/support/ServerProcess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Testing {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool waitForPorts(const QProcess& process, const QList<quint16>& ports, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && process.state() != QProcess::NotRunning) {
        const bool all = std::all_of(ports.cbegin(), ports.cend(), [](quint16 port) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            return socket.waitForConnected(200);
        });
        if (all)
            return true;
        QThread::msleep(50);
    }
    return false;
}

QString runToEnd(const QString& program, const QStringList& arguments,
                 const QProcessEnvironment& environment, const QString& workingDirectory)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(workingDirectory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return program + u' ' + arguments.join(u' ') + u" failed: "_s +
               QString::fromLocal8Bit(process.readAll()) + process.errorString();
    return {};
}

void useOwnProcessGroup(QProcess& process)
{
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
    process.setProperty("keyhole.ownGroup", true);
}

void stopProcess(QProcess& process)
{
    const qint64 pid = process.processId();
    const bool group = process.property("keyhole.ownGroup").toBool() && pid > 0;
    if (process.state() != QProcess::NotRunning) {
        if (group)
            ::kill(static_cast<pid_t>(-pid), SIGTERM);
        else
            process.terminate();
        if (!process.waitForFinished(5000)) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    if (group) {
        // Workers that were left behind (reparented, same group) go too.
        QThread::msleep(200);
        ::kill(static_cast<pid_t>(-pid), SIGKILL);
    }
}

ProgramRun runServing(const QString& program, const QStringList& arguments, const QByteArray& input,
                      const QProcessEnvironment& environment, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProgramRun run;
    if (!process.waitForStarted(5000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace Keyhole::Testing
