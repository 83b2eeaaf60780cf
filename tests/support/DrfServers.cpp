#include "tests/support/DrfServers.h"

#include "tests/support/ServerProcess.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Keyhole::Testing {
namespace {

const QString kProject = QStringLiteral(KEYHOLE_SOURCE_DIR "/tests/integration/drf");
const QString kPython = QStringLiteral("/usr/bin/python3");

} // namespace

DrfProject::DrfProject()
{
    // Apache's workers run as www-data: they must read the WSGI script and write the database.
    QFile::setPermissions(
        m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                          QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther |
                          QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup);
}

DrfProject::~DrfProject()
{
    stopProcess(m_runserver);
}

QProcessEnvironment DrfProject::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"KEYHOLE_DRF_DB"_s, m_dir.filePath(u"db.sqlite3"_s));
    environment.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
    environment.insert(u"DJANGO_SETTINGS_MODULE"_s, u"keyhole_drf.settings"_s);
    environment.insert(u"KEYHOLE_DRF_ACCESS_SECONDS"_s, QString::number(m_accessSeconds));
    return environment;
}

bool DrfProject::prepare()
{
    m_error =
        runToEnd(kPython, {u"manage.py"_s, u"migrate"_s, u"--noinput"_s}, environment(), kProject);
    if (m_error.isEmpty())
        m_error = runToEnd(
            kPython,
            {u"manage.py"_s, u"shell"_s, u"-c"_s, u"exec(open('keyhole_drf/prepare.py').read())"_s},
            environment(), kProject);
    QFile::setPermissions(m_dir.filePath(u"db.sqlite3"_s),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                              QFileDevice::ReadOther | QFileDevice::WriteOther |
                              QFileDevice::ReadGroup | QFileDevice::WriteGroup);
    return m_error.isEmpty();
}

bool DrfProject::generateSchema(const QString& file)
{
    m_error =
        runToEnd(kPython,
                 {u"manage.py"_s, u"generateschema"_s, u"--format"_s, u"openapi"_s, u"--title"_s,
                  u"Keyhole DRF"_s, u"--url"_s, runserverUrl(u"/"_s), u"--file"_s, file},
                 environment(), kProject);
    return m_error.isEmpty();
}

bool DrfProject::startRunserver()
{
    m_runserverPort = freePort();
    m_runserver.setProcessEnvironment(environment());
    m_runserver.setWorkingDirectory(kProject);
    m_runserver.setProcessChannelMode(QProcess::MergedChannels);
    useOwnProcessGroup(m_runserver);
    m_runserver.start(kPython, {u"manage.py"_s, u"runserver"_s,
                                u"127.0.0.1:%1"_s.arg(m_runserverPort), u"--noreload"_s});
    if (waitForPorts(m_runserver, {m_runserverPort}))
        return true;
    m_error = u"Django runserver did not start: "_s + QString::fromLocal8Bit(m_runserver.readAll());
    return false;
}

bool DrfProject::startApache(bool passAuthorization)
{
    const QString dir = m_dir.path();
    QFile wsgi(dir + u"/app.wsgi"_s);
    if (!wsgi.open(QIODevice::WriteOnly))
        return false;
    wsgi.write(u"import os, sys\n"
               "os.environ['KEYHOLE_DRF_DB'] = '%1/db.sqlite3'\n"
               "os.environ['DJANGO_SETTINGS_MODULE'] = 'keyhole_drf.settings'\n"
               "sys.dont_write_bytecode = True\n"
               "sys.path.insert(0, '%2')\n"
               "from django.core.wsgi import get_wsgi_application\n"
               "application = get_wsgi_application()\n"_s.arg(dir, kProject)
                   .toUtf8());
    wsgi.close();
    const bool started =
        m_apache.start(dir, {u"authz_core"_s, u"wsgi"_s},
                       u"WSGIScriptAlias / %1/app.wsgi\n"
                       "WSGIPassAuthorization %2\n"
                       "<Directory %1>\n  Require all granted\n</Directory>\n"_s.arg(
                           dir, passAuthorization ? u"On"_s : u"Off"_s));
    if (!started)
        m_error = m_apache.errorString();
    return started;
}

QString DrfProject::runserverUrl(const QString& path) const
{
    return u"http://127.0.0.1:%1%2"_s.arg(m_runserverPort).arg(path);
}

QString DrfProject::apacheUrl(const QString& path) const
{
    return m_apache.url(path);
}

} // namespace Keyhole::Testing
