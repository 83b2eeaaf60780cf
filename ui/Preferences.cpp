#include "ui/Preferences.h"

#include <QApplication>
#include <QFontDatabase>
#include <QSettings>
#include <QSslCertificate>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {
namespace {

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return u"light"_s;
    case Theme::Dark:
        return u"dark"_s;
    case Theme::System:
        break;
    }
    return u"system"_s;
}

} // namespace

Preferences::Preferences()
    : textFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{}

Preferences Preferences::load()
{
    const QSettings settings;
    Preferences preferences;
    Http::ExecuteOptions& send = preferences.send;
    const auto read = [&settings](const QString& key, const auto& fallback) {
        return settings.value(u"preferences/"_s + key, fallback)
            .template value<std::decay_t<decltype(fallback)>>();
    };
    send.followRedirects = read(u"followRedirects"_s, send.followRedirects);
    send.maxRedirects = qBound(0, read(u"maxRedirects"_s, send.maxRedirects), 1000);
    send.timeoutMs = qMax(1, read(u"timeoutMs"_s, send.timeoutMs));
    send.insecure = !read(u"verifyTls"_s, !send.insecure);
    send.http2 = read(u"http2"_s, send.http2);
    send.proxy = read(u"proxy"_s, send.proxy);
    send.noProxy = read(u"noProxy"_s, send.noProxy);
    send.caCertificates = read(u"caCertificates"_s, send.caCertificates);
    send.maxBodyBytes = qMax<qint64>(1, read(u"maxBodyBytes"_s, send.maxBodyBytes));
    // (Where it has always been: the Request menu's toggle.)
    preferences.blockUnresolved = settings.value(u"send/blockUnresolved"_s).toBool();
    const QString theme = read(u"theme"_s, themeName(Theme::System));
    for (const Theme known : {Theme::Light, Theme::Dark})
        if (theme == themeName(known))
            preferences.theme = known;
    QFont font;
    if (const QString saved = read(u"textFont"_s, QString());
        !saved.isEmpty() && font.fromString(saved))
        preferences.textFont = font;
    return preferences;
}

void Preferences::save() const
{
    QSettings settings;
    const auto write = [&settings](const QString& key, const QVariant& value) {
        settings.setValue(u"preferences/"_s + key, value);
    };
    write(u"followRedirects"_s, send.followRedirects);
    write(u"maxRedirects"_s, send.maxRedirects);
    write(u"timeoutMs"_s, send.timeoutMs);
    write(u"verifyTls"_s, !send.insecure);
    write(u"http2"_s, send.http2);
    write(u"proxy"_s, send.proxy);
    write(u"noProxy"_s, send.noProxy);
    write(u"caCertificates"_s, send.caCertificates);
    write(u"maxBodyBytes"_s, send.maxBodyBytes);
    write(u"theme"_s, themeName(theme));
    write(u"textFont"_s, textFont.toString());
    settings.setValue(u"send/blockUnresolved"_s, blockUnresolved);
}

QString preferencesProblem(const Preferences& preferences)
{
    const Result<QNetworkProxy> proxy =
        Http::proxyFor(preferences.send, QUrl(u"https://example.com/"_s));
    if (!proxy)
        return proxy.error().toString();
    // Preferences are plain QSettings: a password there would sit on disk in clear text.
    if (preferences.send.proxy.contains(u'@'))
        return QApplication::translate(
            "Preferences", "A proxy password does not belong here (it would be kept in plain "
                           "text): give the proxy in a request's Settings as "
                           "http://me:{{proxyPassword}}@host:3128 with a secret variable, or "
                           "use the system's proxy settings");
    const QString& authorities = preferences.send.caCertificates;
    if (!authorities.isEmpty() && QSslCertificate::fromPath(authorities, QSsl::Pem).isEmpty())
        return QApplication::translate("Preferences", "No PEM certificate could be read from %1")
            .arg(authorities);
    return {};
}

} // namespace Keyhole::Ui
