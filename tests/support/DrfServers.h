#pragma once

#include "tests/support/ApacheServer.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace Keyhole::Testing {

// The Django REST Framework + SimpleJWT project in tests/integration/drf, prepared once (a
// fresh SQLite database with the user demo/demo and a DRF token) and served for real on
// 127.0.0.1 — by Django's own server, or by Apache with mod_wsgi. Debian's packages, run
// with Debian's /usr/bin/python3.
class DrfProject final {
public:
    DrfProject();
    ~DrfProject();
    DrfProject(const DrfProject&) = delete;
    DrfProject& operator=(const DrfProject&) = delete;

    // Migrates the database and creates the user; false with errorString() on failure.
    bool prepare();
    // SimpleJWT's ACCESS_TOKEN_LIFETIME for servers started after this (default 300 s).
    void setAccessTokenSeconds(int seconds) { m_accessSeconds = seconds; }
    // Starts `manage.py runserver` on a free port.
    bool startRunserver();
    // Starts Apache with mod_wsgi serving the project, with WSGIPassAuthorization On or Off.
    bool startApache(bool passAuthorization);

    // The OpenAPI document DRF generates for the project (`manage.py generateschema`, YAML),
    // with the runserver's URL; written to `file`.
    bool generateSchema(const QString& file);

    QString errorString() const { return m_error; }
    QString runserverUrl(const QString& path = {}) const;
    QString apacheUrl(const QString& path = {}) const;

    static constexpr char kSecretKey[] =
        "keyhole-integration-test-secret-key-not-a-secret-0123456789";
    static constexpr char kDrfToken[] = "0123456789abcdef0123456789abcdef01234567";

private:
    QProcessEnvironment environment() const;

    QTemporaryDir m_dir; // database, Apache configuration and logs; readable by www-data
    QProcess m_runserver;
    ApacheServer m_apache;
    quint16 m_runserverPort = 0;
    int m_accessSeconds = 300;
    QString m_error;
};

} // namespace Keyhole::Testing
