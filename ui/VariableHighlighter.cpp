#include "ui/VariableHighlighter.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Keyhole::Ui {

VariableHighlighter::VariableHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{}

void VariableHighlighter::setResolver(const Vars::Resolver& resolver)
{
    m_resolver = resolver;
    rehighlight();
}

void VariableHighlighter::highlightBlock(const QString& text)
{
    const QList<Vars::Resolver::Use> uses = m_resolver.uses(text);
    qsizetype pos = 0;
    while ((pos = text.indexOf(u"{{"_s, pos)) >= 0) {
        const qsizetype close = text.indexOf(u"}}"_s, pos + 2);
        if (close < 0)
            break;
        const QString name = text.mid(pos + 2, close - pos - 2).trimmed();
        QTextCharFormat format;
        for (const Vars::Resolver::Use& use : uses) {
            if (use.name != name)
                continue;
            if (use.resolved && !use.secret) {
                format.setForeground(QColor(0x2e, 0x7d, 0x32));
            } else if (use.secret) {
                format.setForeground(QColor(0xb2, 0x6a, 0x00));
            } else {
                format.setForeground(QColor(0xc6, 0x28, 0x28));
                format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
                format.setUnderlineColor(QColor(0xc6, 0x28, 0x28));
            }
        }
        format.setFontWeight(QFont::DemiBold);
        setFormat(static_cast<int>(pos), static_cast<int>(close + 2 - pos), format);
        pos = close + 2;
    }
}

QString variableProblems(const QList<Vars::Resolver::Use>& uses)
{
    QStringList unknown;
    QStringList secrets;
    for (const Vars::Resolver::Use& use : uses) {
        if (!use.resolved && use.secret)
            secrets.append(u"{{"_s + use.name + u"}}"_s);
        else if (!use.resolved)
            unknown.append(u"{{"_s + use.name + u"}}"_s);
    }
    QStringList parts;
    if (!unknown.isEmpty())
        parts.append(QCoreApplication::translate("Keyhole::Ui",
                                                 "⚠ Not set here: %1 — would be sent literally")
                         .arg(unknown.join(u", "_s)));
    if (!secrets.isEmpty())
        parts.append(
            QCoreApplication::translate(
                "Keyhole::Ui", "%1: secret — its value is read from the secret store when sending")
                .arg(secrets.join(u", "_s)));
    return parts.join(u"   "_s);
}

QString variableTooltip(const QList<Vars::Resolver::Use>& uses)
{
    QStringList lines;
    for (const Vars::Resolver::Use& use : uses) {
        const QString reference = u"{{"_s + use.name + u"}}"_s;
        if (use.dynamic)
            lines.append(
                QCoreApplication::translate("Keyhole::Ui", "%1 — dynamic, new on every send")
                    .arg(reference));
        else if (use.secret)
            lines.append(QCoreApplication::translate("Keyhole::Ui", "%1 = •••••• (secret, %2)")
                             .arg(reference, Vars::scopeName(use.scope)));
        else if (use.resolved)
            lines.append(u"%1 = %2 (%3)"_s.arg(reference, use.value, Vars::scopeName(use.scope)));
        else
            lines.append(QCoreApplication::translate("Keyhole::Ui", "%1 — not set in any scope")
                             .arg(reference));
    }
    return lines.join(u'\n');
}

} // namespace Keyhole::Ui
