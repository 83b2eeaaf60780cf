#pragma once

#include <QAbstractTableModel>
#include <QDialog>
#include <QNetworkCookie>

#include <memory>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace Keyhole::Http {
class CookieJar;
}

namespace Keyhole::Ui {

// The cookies of one jar as a table: domain, path, name, value (masked unless revealed;
// editable), expiry and flags.
class CookieJarModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieJarModel)

public:
    enum Column { DomainColumn, PathColumn, NameColumn, ValueColumn, ExpiresColumn, FlagsColumn };
    explicit CookieJarModel(std::shared_ptr<Http::CookieJar> jar, QObject* parent = nullptr);
    ~CookieJarModel() override;

    // Reads the jar again (after a send changed it).
    void reload();
    void setRevealed(bool revealed);
    QNetworkCookie cookieAt(int row) const { return m_cookies.value(row); }
    bool removeCookies(QList<int> rows);
    void clearJar();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    // The user changed the jar (a value, a deletion).
    void jarEdited();

private:
    std::shared_ptr<Http::CookieJar> m_jar;
    QList<QNetworkCookie> m_cookies;
    bool m_revealed = false;
};

// Environment › Cookies: the current environment's cookie jar — what the servers set and
// Keyhole sends back — to look at, edit, or empty.
class CookieJarDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieJarDialog)

public:
    CookieJarDialog(std::shared_ptr<Http::CookieJar> jar, const QString& environment,
                    QWidget* parent = nullptr);
    ~CookieJarDialog() override;

    CookieJarModel* model() const { return m_model; }
    // After a send: the jar may have changed.
    void reload();
    std::shared_ptr<Http::CookieJar> jar() const { return m_jar; }

signals:
    void jarEdited();

private:
    void updateState();

    std::shared_ptr<Http::CookieJar> m_jar;
    CookieJarModel* m_model;
    QTableView* m_table;
    QCheckBox* m_reveal;
    QPushButton* m_delete;
    QPushButton* m_clear;
    QLabel* m_summary;
};

} // namespace Keyhole::Ui
