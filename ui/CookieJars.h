#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Keyhole::Http {
class CookieJar;
}
namespace Keyhole::Secrets {
class SecretStore;
}

namespace Keyhole::Ui {

// The cookie jars of a window's workspace, one per environment (keyed by its file name; the
// empty key is "No environment", kept for the window's life only). A jar is read once, on
// first use — the secret store is asked only when the jar's file says it has cookies — and
// saved after every change (Workspace::CookieJarStore). A jar that could not be read is used
// empty and never saved over the one on disk.
class CookieJars final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieJars)

public:
    using StoreUser = std::function<void(std::shared_ptr<Secrets::SecretStore>)>;
    // `withStore` runs its argument with the window's secret store (opening it first).
    CookieJars(std::function<void(StoreUser)> withStore, QObject* parent = nullptr);
    ~CookieJars() override;

    // Another workspace: every jar forgotten (callbacks still under way are ignored).
    void reset(const QString& rootPath, const QString& workspaceId);
    // The jar of `environmentFile` when it is loaded already, else null.
    std::shared_ptr<Http::CookieJar> loaded(const QString& environmentFile) const
    {
        return m_jars.value(environmentFile).jar;
    }
    // Forgets the jars of environments that are gone (their files went to the trash; a new
    // environment may take a file name again). The others, and "No environment", stay.
    void keepOnly(const QStringList& environmentFiles);
    // Runs `then` with the jar of `environmentFile` (at once when it is loaded, or when it has
    // no cookies on disk).
    void use(const QString& environmentFile,
             std::function<void(std::shared_ptr<Http::CookieJar>)> then);
    // Saves the jar when it changed since it was loaded or last saved.
    void keep(const QString& environmentFile);

signals:
    // A jar could not be read or saved: for the status bar.
    void problem(const QString& message);
    // A jar was saved (a send or an edit changed it).
    void kept(const QString& environmentFile);

private:
    struct Entry {
        std::shared_ptr<Http::CookieJar> jar;
        quint64 savedRevision = 0;
        bool savable = true;
    };
    std::function<void(StoreUser)> m_withStore;
    QHash<QString, Entry> m_jars;
    QString m_rootPath;
    QString m_workspaceId;
    quint64 m_generation = 0;
};

} // namespace Keyhole::Ui
