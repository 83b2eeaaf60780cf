#pragma once

#include <QProcess>
#include <QString>

namespace Keyhole::Testing {

// Debian's Apache 2.4 run in the foreground on 127.0.0.1 with a configuration of the test's
// own (in `dir`, which also gets the pid file and the error log). Stopped with the object.
class ApacheServer final {
public:
    ApacheServer() = default;
    ~ApacheServer();
    ApacheServer(const ApacheServer&) = delete;
    ApacheServer& operator=(const ApacheServer&) = delete;

    // Starts Apache with the MPM, `modules` (names such as "auth_digest", loaded from
    // modules/mod_NAME.so) and `config` after the listening basics. False with errorString().
    bool start(const QString& dir, const QStringList& modules, const QString& config);
    QString url(const QString& path = {}) const;
    QString errorString() const { return m_error; }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace Keyhole::Testing
