#include "ui/CookieJarDialog.h"

#include "core/http/CookieJar.h"
#include "core/http/Cookies.h"
#include "core/http/Exchange.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

CookieJarModel::CookieJarModel(std::shared_ptr<Http::CookieJar> jar, QObject* parent)
    : QAbstractTableModel(parent)
    , m_jar(std::move(jar))
{
    reload();
}

CookieJarModel::~CookieJarModel() = default;

void CookieJarModel::reload()
{
    beginResetModel();
    m_cookies = m_jar ? m_jar->cookies() : QList<QNetworkCookie>();
    endResetModel();
}

void CookieJarModel::setRevealed(bool revealed)
{
    m_revealed = revealed;
    if (!m_cookies.isEmpty())
        emit dataChanged(index(0, ValueColumn), index(rowCount() - 1, ValueColumn));
}

bool CookieJarModel::removeCookies(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    bool removed = false;
    for (const int row : std::as_const(rows)) {
        if (row < 0 || row >= m_cookies.size())
            continue;
        beginRemoveRows({}, row, row);
        m_jar->remove(m_cookies.takeAt(row));
        endRemoveRows();
        removed = true;
    }
    if (removed)
        emit jarEdited();
    return removed;
}

void CookieJarModel::clearJar()
{
    if (m_cookies.isEmpty())
        return;
    m_jar->clear();
    reload();
    emit jarEdited();
}

int CookieJarModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cookies.size());
}

int CookieJarModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FlagsColumn + 1;
}

QVariant CookieJarModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QNetworkCookie& cookie = m_cookies[index.row()];
    if (role == Qt::EditRole && index.column() == ValueColumn)
        return m_revealed ? QString::fromUtf8(cookie.value()) : QString();
    if (role == Qt::ToolTipRole && index.column() == DomainColumn)
        return cookie.domain().startsWith(u'.')
                   ? tr("Sent to %1 and every subdomain").arg(cookie.domain().mid(1))
                   : tr("Sent to %1 only (host-only)").arg(cookie.domain());
    if (role == Qt::ToolTipRole && index.column() == ValueColumn && !m_revealed)
        return tr("Cookie values are credentials: masked until you reveal them");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case DomainColumn:
        return cookie.domain();
    case PathColumn:
        return cookie.path();
    case NameColumn:
        return QString::fromUtf8(cookie.name());
    case ValueColumn:
        return m_revealed ? QString::fromUtf8(cookie.value())
                          : QString::fromUtf8(Http::kSecretMask);
    case ExpiresColumn:
        return cookie.isSessionCookie() ? tr("session")
                                        : QLocale().toString(cookie.expirationDate().toLocalTime(),
                                                             QLocale::ShortFormat);
    case FlagsColumn:
        return Http::cookieFlagsText(cookie.isSecure(), cookie.isHttpOnly(),
                                     Http::sameSiteName(cookie.sameSitePolicy()));
    default:
        return {};
    }
}

bool CookieJarModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !m_revealed || index.column() != ValueColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    QNetworkCookie& cookie = m_cookies[index.row()];
    const QByteArray bytes = value.toString().toUtf8();
    if (bytes == cookie.value())
        return false;
    cookie.setValue(bytes);
    m_jar->put(cookie);
    emit dataChanged(index, index);
    emit jarEdited();
    return true;
}

Qt::ItemFlags CookieJarModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    // A value is edited where it can be seen.
    if (index.isValid() && index.column() == ValueColumn && m_revealed)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant CookieJarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DomainColumn:
        return tr("Domain");
    case PathColumn:
        return tr("Path");
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case ExpiresColumn:
        return tr("Expires");
    case FlagsColumn:
        return tr("Flags");
    default:
        return {};
    }
}

CookieJarDialog::CookieJarDialog(std::shared_ptr<Http::CookieJar> jar, const QString& environment,
                                 QWidget* parent)
    : QDialog(parent)
    , m_jar(std::move(jar))
    , m_model(new CookieJarModel(m_jar, this))
    , m_table(new QTableView(this))
    , m_reveal(new QCheckBox(tr("&Reveal values"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_clear(new QPushButton(tr("Delete &All"), this))
    , m_summary(new QLabel(this))
{
    setObjectName(u"cookieJarDialog"_s);
    setWindowTitle(environment.isEmpty() ? tr("Cookies — no environment")
                                         : tr("Cookies — %1").arg(environment));
    resize(900, 400);
    auto* intro = new QLabel(
        environment.isEmpty()
            ? tr("Cookies the servers set while no environment is chosen. They are sent back "
                 "to their hosts until this window closes.")
            : tr("Cookies the servers set in this environment, sent back to the hosts they belong "
                 "to. Kept on this machine: the values in the secret store, never in the "
                 "workspace's files."),
        this);
    intro->setWordWrap(true);
    m_table->setObjectName(u"cookieTable"_s);
    m_table->setAccessibleName(tr("Cookies of the environment"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_reveal->setObjectName(u"revealCookies"_s);
    m_reveal->setToolTip(tr("Show the values (and edit them with a double click)"));
    m_delete->setObjectName(u"deleteCookie"_s);
    m_delete->setToolTip(tr("Delete the selected cookies (Delete)"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_clear->setObjectName(u"clearCookies"_s);
    m_clear->setToolTip(tr("Empty the jar: the next request starts without cookies"));
    m_summary->setObjectName(u"cookieSummary"_s);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(m_reveal);
    row->addStretch();
    row->addWidget(m_summary);
    row->addWidget(m_delete);
    row->addWidget(m_clear);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(buttons);

    connect(m_reveal, &QCheckBox::toggled, m_model, &CookieJarModel::setRevealed);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
            rows.append(index.row());
        m_model->removeCookies(rows);
    });
    connect(m_clear, &QPushButton::clicked, m_model, &CookieJarModel::clearJar);
    connect(m_model, &CookieJarModel::jarEdited, this, &CookieJarDialog::jarEdited);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CookieJarDialog::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CookieJarDialog::updateState);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CookieJarDialog::updateState);
    updateState();
}

CookieJarDialog::~CookieJarDialog() = default;

void CookieJarDialog::reload()
{
    m_model->reload();
}

void CookieJarDialog::updateState()
{
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(CookieJarModel::ValueColumn,
                            qMax(m_table->columnWidth(CookieJarModel::ValueColumn), 160));
    const int count = m_model->rowCount();
    m_summary->setText(count == 0 ? tr("The jar is empty") : tr("%n cookie(s)", nullptr, count));
    m_delete->setEnabled(m_table->selectionModel()->hasSelection());
    m_clear->setEnabled(count > 0);
}

} // namespace Keyhole::Ui
