#include "core/http/WireModel.h"

#include <QHostAddress>

namespace Keyhole::Http {
namespace {

qsizetype find(const QList<WireHeader>& headers, const QByteArray& name)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers[i].name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

// Qt fills these when the request lacks them, after the request's own headers.
void appendIfMissing(QList<WireHeader>& headers, const QByteArray& name, const QByteArray& value)
{
    if (find(headers, name) < 0)
        headers.append({name, value, HeaderOrigin::Network});
}

QByteArray hostField(const QUrl& url)
{
    const QString hostName = url.host();
    QByteArray host;
    QHostAddress address;
    if (address.setAddress(hostName)) {
        host = address.protocol() == QAbstractSocket::IPv6Protocol ? '[' + hostName.toLatin1() + ']'
                                                                   : hostName.toLatin1();
    } else {
        host = QUrl::toAce(hostName);
    }
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

} // namespace

QByteArray qtDefaultAcceptEncoding()
{
    return QByteArrayLiteral("zstd, br, gzip, deflate");
}

QList<WireHeader> wireHeaders(const QUrl& url, const QList<WireHeader>& handedOver,
                              std::optional<qint64> uploadSize)
{
    // Mirrors QHttpNetworkConnectionPrivate::prepareRequest in Qt 6.4, in its order.
    // QNetworkRequest drops a header whose value is empty: it never reaches the wire.
    QList<WireHeader> headers = handedOver;
    headers.removeIf([](const WireHeader& h) { return h.value.isEmpty(); });
    if (uploadSize) {
        // The request's own Content-Length keeps its place (Qt uses the smaller of it and the
        // body size); otherwise Qt appends one.
        const qsizetype at = find(headers, "Content-Length");
        bool ok = false;
        const qint64 given = at < 0 ? -1 : headers[at].value.trimmed().toLongLong(&ok);
        if (at < 0)
            headers.append(
                {"Content-Length", QByteArray::number(*uploadSize), HeaderOrigin::Network});
        else if (!ok || given != *uploadSize)
            headers[at] = {headers[at].name,
                           QByteArray::number(ok ? qMin(given, *uploadSize) : *uploadSize),
                           HeaderOrigin::Network};
    }
    appendIfMissing(headers, "Connection", "Keep-Alive");
    appendIfMissing(headers, "Accept-Encoding", qtDefaultAcceptEncoding());
    appendIfMissing(headers, "Accept-Language", "en,*");
    appendIfMissing(headers, "User-Agent", "Mozilla/5.0");
    if (find(headers, "Host") < 0)
        headers.prepend({"Host", hostField(url), HeaderOrigin::Network});
    return headers;
}

QByteArray requestTarget(const QUrl& url)
{
    QUrl::FormattingOptions format(QUrl::RemoveFragment | QUrl::RemoveUserInfo |
                                   QUrl::FullyEncoded | QUrl::RemoveScheme | QUrl::RemoveAuthority);
    QUrl copy = url;
    if (copy.path().isEmpty())
        copy.setPath(QStringLiteral("/"));
    else
        format |= QUrl::NormalizePathSegments;
    return copy.toEncoded(format);
}

} // namespace Keyhole::Http
