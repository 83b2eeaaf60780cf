#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace Keyhole::Testing {

// A real nginx (Debian's /usr/sbin/nginx) on 127.0.0.1, started by a test and stopped by the
// destructor. The configuration's `http { ... }` body is given by the test; {{PREFIX}},
// {{HTTP_PORT}}, {{HTTPS_PORT}}, {{CERT}} and {{KEY}} are filled in. A self-signed
// certificate for 127.0.0.1 and localhost is made with the openssl command.
class NginxServer final {
public:
    NginxServer();
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    // Starts nginx and waits (bounded) until both ports accept connections. On failure
    // returns false and errorString() says why (including nginx's error log).
    bool start(const QString& httpBlockBody);
    QString errorString() const { return m_error; }

    quint16 httpPort() const { return m_httpPort; }
    quint16 httpsPort() const { return m_httpsPort; }
    QString httpUrl(const QString& path = {}) const;
    QString httpsUrl(const QString& path = {}) const;
    // SHA-256 fingerprint of the server certificate, lower-case hex without colons.
    QByteArray certificateSha256() const { return m_certificateSha256; }
    // The server's self-signed certificate (PEM), to trust it as a certificate authority.
    QString certificateFile() const { return m_prefix.filePath(QStringLiteral("cert.pem")); }

private:
    QTemporaryDir m_prefix;
    QProcess m_process;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
    QByteArray m_certificateSha256;
    QString m_error;
};

} // namespace Keyhole::Testing
