#include "core/diff/MessageDiff.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

const QStringList kCredentialHeaders{u"authorization"_s, u"proxy-authorization"_s, u"cookie"_s,
                                     u"set-cookie"_s,    u"x-csrftoken"_s,         u"x-api-key"_s};
const QStringList kAuthRelevant{u"authorization"_s,      u"cookie"_s,           u"set-cookie"_s,
                                u"x-csrftoken"_s,        u"www-authenticate"_s, u"location"_s,
                                u"proxy-authorization"_s};

QString fingerprint(const QString& value)
{
    return u"‹fingerprint "_s +
           QString::fromLatin1(QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256)
                                   .toHex()
                                   .left(8)) +
           u"›"_s;
}

struct Header {
    QString name;
    QString value;
};

QList<Header> headersOf(const QStringList& lines)
{
    QList<Header> headers;
    for (qsizetype i = 1; i < lines.size() && !lines[i].isEmpty(); ++i) {
        const qsizetype colon = lines[i].indexOf(u':');
        if (colon > 0)
            headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    return headers;
}

QStringList valuesOf(const QList<Header>& headers, const QString& name)
{
    QStringList values;
    for (const Header& header : headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            values.append(header.value);
    }
    return values;
}

} // namespace

QStringList messageLines(const QByteArray& raw)
{
    QStringList lines = QString::fromUtf8(raw).split(u'\n');
    bool inHead = true;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString& line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (i == 0)
            continue;
        if (line.isEmpty())
            inHead = false;
        if (!inHead)
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0 || !kCredentialHeaders.contains(line.left(colon).trimmed().toLower()))
            continue;
        const QString value = line.mid(colon + 1).trimmed();
        // Keep the scheme word readable: "Bearer ‹fingerprint 1a2b3c4d›".
        const qsizetype space = value.indexOf(u' ');
        const bool schemed =
            line.left(colon).trimmed().toLower().endsWith(u"authorization"_s) && space > 0;
        line = line.left(colon + 1) + u' ' +
               (schemed ? value.left(space) + u' ' + fingerprint(value.mid(space + 1))
                        : fingerprint(value));
    }
    return lines;
}

QStringList headerSummary(const QStringList& a, const QStringList& b,
                          const QStringList& ignoredHeaders)
{
    const QList<Header> left = headersOf(a);
    const QList<Header> right = headersOf(b);
    QStringList names;
    for (const QList<Header>* side : {&left, &right}) {
        for (const Header& header : *side) {
            const QString lower = header.name.toLower();
            if (!names.contains(lower) && !ignoredHeaders.contains(lower, Qt::CaseInsensitive))
                names.append(lower);
        }
    }
    std::stable_sort(names.begin(), names.end(), [](const QString& x, const QString& y) {
        return kAuthRelevant.contains(x) && !kAuthRelevant.contains(y);
    });
    QStringList summary;
    for (const QString& name : std::as_const(names)) {
        const QStringList va = valuesOf(left, name);
        const QStringList vb = valuesOf(right, name);
        if (va == vb)
            continue;
        if (va.isEmpty())
            summary.append(u"%1: only in B"_s.arg(name));
        else if (vb.isEmpty())
            summary.append(u"%1: only in A"_s.arg(name));
        else if (va.size() != vb.size())
            summary.append(
                u"%1: sent %2 time(s) in A, %3 in B"_s.arg(name).arg(va.size()).arg(vb.size()));
        else if (name.endsWith(u"authorization"_s) &&
                 va.first().section(u' ', 0, 0) != vb.first().section(u' ', 0, 0))
            summary.append(u"%1: scheme %2 → %3"_s.arg(name, va.first().section(u' ', 0, 0),
                                                       vb.first().section(u' ', 0, 0)));
        else
            summary.append(u"%1: value differs"_s.arg(name));
    }
    // Same headers, other order.
    QStringList orderA;
    QStringList orderB;
    for (const Header& header : left)
        orderA.append(header.name.toLower());
    for (const Header& header : right)
        orderB.append(header.name.toLower());
    if (summary.isEmpty() && orderA != orderB && QStringList(orderA).size() == orderB.size())
        summary.append(u"headers in another order"_s);
    return summary;
}

} // namespace Keyhole::Diff
