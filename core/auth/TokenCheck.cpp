#include "core/auth/TokenCheck.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {

TokenCheck checkToken(const QString& pasted, const QString& prefix)
{
    TokenCheck check;
    QString token = pasted;
    if (token.contains(u'\n') || token.contains(u'\r'))
        check.problems.append(QObject::tr("contains a line break"));
    if (token != token.trimmed())
        check.problems.append(QObject::tr("has spaces around it"));
    token = token.trimmed().remove(u'\n').remove(u'\r');
    if (token.size() >= 2 && ((token.startsWith(u'"') && token.endsWith(u'"')) ||
                              (token.startsWith(u'\'') && token.endsWith(u'\'')))) {
        check.problems.append(QObject::tr("is wrapped in quotes"));
        token = token.mid(1, token.size() - 2);
    }
    for (const QString& word : {prefix, u"Bearer"_s, u"Token"_s, u"JWT"_s}) {
        if (!word.isEmpty() && token.startsWith(word + u' ', Qt::CaseInsensitive)) {
            check.problems.append(
                QObject::tr("already starts with \"%1\"").arg(token.section(u' ', 0, 0)));
            token = token.section(u' ', 1).trimmed();
            break;
        }
    }
    if (token.contains(u' ') || token.contains(u'\t'))
        check.problems.append(QObject::tr("has a space inside"));
    check.cleaned = token;
    return check;
}

} // namespace Keyhole::Auth
