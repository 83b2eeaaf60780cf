#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace Keyhole::Testing {

// A free TCP port on 127.0.0.1 (there is a small window before the server binds it).
quint16 freePort();
// Waits (bounded by `timeoutMs`) until every port accepts connections on 127.0.0.1 or the
// process ends. Returns false when they never did.
bool waitForPorts(const QProcess& process, const QList<quint16>& ports, int timeoutMs = 15000);
// Runs a command to completion (bounded); returns an error text, or an empty string.
QString runToEnd(const QString& program, const QStringList& arguments,
                 const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
                 const QString& workingDirectory = {});
// What a finished program printed.
struct ProgramRun {
    int exitCode = -1; // -1: did not start, crashed or timed out
    QByteArray out;
    QByteArray err;
};
// Runs a program to completion (bounded by `timeoutMs`) while this process's event loop keeps
// running, so loopback servers of the test itself keep answering it.
ProgramRun
runServing(const QString& program, const QStringList& arguments, const QByteArray& input = {},
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 30000);
// Makes `process` start in a process group of its own, so that stopProcess() also reaches
// the workers it forks (Apache's children outlive their parent otherwise).
void useOwnProcessGroup(QProcess& process);
// Terminates, then kills (bounded) a server process and, when it has its own process group,
// everything in that group.
void stopProcess(QProcess& process);

} // namespace Keyhole::Testing
