#include "tests/support/NginxServer.h"

#include "tests/support/ServerProcess.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace Keyhole::Testing {

NginxServer::NginxServer() = default;

NginxServer::~NginxServer()
{
    stopProcess(m_process);
}

bool NginxServer::start(const QString& httpBlockBody)
{
    const QString prefix = m_prefix.path();
    const QString cert = prefix + u"/cert.pem"_s;
    const QString key = prefix + u"/key.pem"_s;
    m_error =
        runToEnd(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                                u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=keyhole-test"_s, u"-addext"_s,
                                u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s, u"-keyout"_s, key,
                                u"-out"_s, cert});
    if (!m_error.isEmpty())
        return false;
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(cert);
    if (certificates.isEmpty()) {
        m_error = u"openssl wrote no certificate"_s;
        return false;
    }
    m_certificateSha256 = certificates.first().digest(QCryptographicHash::Sha256).toHex();

    m_httpPort = freePort();
    m_httpsPort = freePort();
    QString body = httpBlockBody;
    body.replace(u"{{HTTP_PORT}}"_s, QString::number(m_httpPort))
        .replace(u"{{HTTPS_PORT}}"_s, QString::number(m_httpsPort))
        .replace(u"{{CERT}}"_s, cert)
        .replace(u"{{KEY}}"_s, key)
        .replace(u"{{PREFIX}}"_s, prefix);
    const QString config = uR"(worker_processes 1;
error_log %1/error.log warn;
pid %1/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %1/client_body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    default_type text/plain;
%2
}
)"_s.arg(prefix, body);
    QFile file(prefix + u"/nginx.conf"_s);
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
        m_error = u"cannot write nginx.conf"_s;
        return false;
    }
    file.close();

    m_process.setProcessChannelMode(QProcess::MergedChannels);
    useOwnProcessGroup(m_process);
    m_process.start(u"/usr/sbin/nginx"_s, {u"-p"_s, prefix, u"-c"_s, prefix + u"/nginx.conf"_s,
                                           u"-g"_s, u"daemon off;"_s});
    if (!m_process.waitForStarted(5000)) {
        m_error = u"cannot start /usr/sbin/nginx (is the nginx package installed?): "_s +
                  m_process.errorString();
        return false;
    }
    if (waitForPorts(m_process, {m_httpPort, m_httpsPort}))
        return true;
    QFile log(prefix + u"/error.log"_s);
    log.open(QIODevice::ReadOnly);
    m_error = u"nginx did not come up: "_s + QString::fromLocal8Bit(m_process.readAll()) +
              QString::fromLocal8Bit(log.readAll());
    return false;
}

QString NginxServer::httpUrl(const QString& path) const
{
    return u"http://127.0.0.1:%1%2"_s.arg(m_httpPort).arg(path);
}

QString NginxServer::httpsUrl(const QString& path) const
{
    return u"https://127.0.0.1:%1%2"_s.arg(m_httpsPort).arg(path);
}

} // namespace Keyhole::Testing
