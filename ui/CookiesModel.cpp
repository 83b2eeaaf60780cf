#include "ui/CookiesModel.h"

#include <QColor>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

CookiesModel::CookiesModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

CookiesModel::~CookiesModel() = default;

void CookiesModel::setCookies(QList<Http::CookieRow> cookies)
{
    beginResetModel();
    m_cookies = std::move(cookies);
    endResetModel();
}

int CookiesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cookies.size());
}

int CookiesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CookiesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Http::CookieRow& cookie = m_cookies[index.row()];
    if (role == Qt::ForegroundRole && cookie.removes)
        return QColor(0x9e, 0x9e, 0x9e);
    if (role == Qt::ToolTipRole) {
        if (cookie.removes)
            return tr("Expired on arrival: this Set-Cookie deletes the cookie");
        if (index.column() == ValueColumn)
            return QString::fromUtf8(cookie.value);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case HopColumn:
        return static_cast<qlonglong>(cookie.hop + 1);
    case DirectionColumn:
        return cookie.sent ? tr("sent") : tr("set");
    case NameColumn:
        return QString::fromUtf8(cookie.name);
    case ValueColumn:
        return QString::fromUtf8(cookie.value);
    case DomainColumn:
        return cookie.domain;
    case PathColumn:
        return cookie.path;
    case ExpiresColumn:
        if (cookie.sent)
            return QString();
        if (cookie.removes)
            return tr("deletes it");
        return cookie.expires.isValid() ? cookie.expires.toString(Qt::ISODate) : tr("session");
    case FlagsColumn:
        return Http::cookieFlagsText(cookie.secure, cookie.httpOnly, cookie.sameSite);
    default:
        return {};
    }
}

QVariant CookiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HopColumn:
        return tr("Hop");
    case DirectionColumn:
        return tr("Direction");
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    case DomainColumn:
        return tr("Domain");
    case PathColumn:
        return tr("Path");
    case ExpiresColumn:
        return tr("Expires");
    case FlagsColumn:
        return tr("Flags");
    default:
        return {};
    }
}

} // namespace Keyhole::Ui
