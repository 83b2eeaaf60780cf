#include "tests/support/ApacheServer.h"

#include "tests/support/ServerProcess.h"

#include <QFile>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Testing {

ApacheServer::~ApacheServer()
{
    stopProcess(m_process);
}

bool ApacheServer::start(const QString& dir, const QStringList& modules, const QString& config)
{
    m_port = freePort();
    QString loads = u"LoadModule mpm_event_module modules/mod_mpm_event.so\n"_s;
    for (const QString& module : modules)
        loads += u"LoadModule %1_module modules/mod_%1.so\n"_s.arg(module);
    // As root, Apache drops its workers to www-data.
    const QString user = geteuid() == 0 ? u"User www-data\nGroup www-data\n"_s : QString();
    const QString text = u"ServerRoot /usr/lib/apache2\n"_s + loads + user +
                         u"ServerName 127.0.0.1\n"
                         "Listen 127.0.0.1:%1\n"
                         "PidFile %2/httpd.pid\n"
                         "ErrorLog %2/apache-error.log\n"
                         "DefaultRuntimeDir %2\n"_s.arg(m_port)
                             .arg(dir) +
                         config;
    QFile file(dir + u"/apache.conf"_s);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
        m_error = u"cannot write "_s + file.fileName();
        return false;
    }
    file.close();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    useOwnProcessGroup(m_process);
    m_process.start(u"/usr/sbin/apache2"_s, {u"-f"_s, dir + u"/apache.conf"_s, u"-DFOREGROUND"_s});
    if (waitForPorts(m_process, {m_port}))
        return true;
    QFile log(dir + u"/apache-error.log"_s);
    log.open(QIODevice::ReadOnly);
    m_error = u"Apache did not start: "_s + QString::fromLocal8Bit(m_process.readAll()) +
              QString::fromLocal8Bit(log.readAll());
    return false;
}

QString ApacheServer::url(const QString& path) const
{
    return u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path);
}

} // namespace Keyhole::Testing
