#include "core/vars/Resolver.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Keyhole::Vars {
namespace {

constexpr qsizetype kMaxDepth = 16;
constexpr qsizetype kMaxResolvedSize = 8 * 1024 * 1024;

std::optional<QString> dynamicValue(const QString& name)
{
    if (name == u"$guid" || name == u"$randomUUID")
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == u"$timestamp")
        return QString::number(QDateTime::currentSecsSinceEpoch());
    if (name == u"$isoTimestamp")
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (name == u"$randomInt")
        return QString::number(QRandomGenerator::global()->bounded(0, 1001));
    return std::nullopt;
}

void appendOnce(QStringList& list, const QString& value)
{
    if (!list.contains(value))
        list.append(value);
}

} // namespace

QString scopeName(Scope scope)
{
    switch (scope) {
    case Scope::Global:
        return u"global"_s;
    case Scope::Collection:
        return u"collection"_s;
    case Scope::Environment:
        return u"environment"_s;
    case Scope::Folder:
        return u"folder"_s;
    case Scope::Request:
        return u"request"_s;
    case Scope::Runtime:
        return u"runtime"_s;
    }
    return {};
}

void Resolver::addScope(Scope scope, const Model::VariableList& variables)
{
    for (const Model::Variable& variable : variables)
        m_entries.push_back({scope, variable});
}

std::optional<Lookup> Resolver::lookup(const QString& name) const
{
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        // A secret whose value is not available (null, not merely empty) is not set.
        const bool hasValue = !(it->variable.secret && it->variable.value.isNull());
        if (it->variable.enabled && hasValue && it->variable.name == name)
            return Lookup{it->variable.value, it->scope, it->variable.secret};
    }
    return std::nullopt;
}

QList<Resolver::Use> Resolver::uses(const QString& text) const
{
    QList<Use> out;
    QStringList seen;
    qsizetype pos = 0;
    while ((pos = text.indexOf(u"{{"_s, pos)) >= 0) {
        const qsizetype close = text.indexOf(u"}}"_s, pos + 2);
        if (close < 0)
            break;
        const bool escaped = pos > 0 && text.at(pos - 1) == u'\\';
        const QString name = text.mid(pos + 2, close - pos - 2).trimmed();
        pos = close + 2;
        if (escaped || seen.contains(name))
            continue;
        seen.append(name);
        Use use;
        use.name = name;
        if (dynamicValue(name)) {
            use.resolved = use.dynamic = true;
        } else if (const std::optional<Lookup> found = lookup(name)) {
            use.resolved = true;
            use.scope = found->scope;
            // A plain value built from a secret ("Bearer {{token}}") is shown as secret too.
            const Resolved value = resolve(found->value);
            use.secret = found->secret || !value.secretValues.isEmpty();
            if (!use.secret)
                use.value = value.text;
        } else {
            // Declared secret without a loaded value: not resolved, but not unknown either.
            for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
                if (it->variable.enabled && it->variable.name == name && it->variable.secret) {
                    use.secret = true;
                    use.scope = it->scope;
                    break;
                }
            }
        }
        out.append(use);
    }
    return out;
}

Resolved Resolver::resolve(const QString& text) const
{
    Resolved out;
    QStringList stack;
    resolveInto(text, stack, out);
    return out;
}

void Resolver::resolveInto(const QString& text, QStringList& stack, Resolved& out) const
{
    // Nested values can multiply (a → 4×b → 16×c …): stop at a size budget instead of hanging.
    if (out.text.size() > kMaxResolvedSize) {
        appendOnce(out.cycles, u"expansion larger than %1 characters"_s.arg(kMaxResolvedSize));
        return;
    }
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u"{{"_s, pos);
        if (open < 0) {
            out.text += QStringView(text).mid(pos);
            return;
        }
        if (open > 0 && text.at(open - 1) == u'\\') {
            out.text += QStringView(text).mid(pos, open - 1 - pos);
            out.text += u"{{"_s;
            pos = open + 2;
            continue;
        }
        const qsizetype close = text.indexOf(u"}}"_s, open + 2);
        if (close < 0) {
            out.text += QStringView(text).mid(pos);
            return;
        }
        out.text += QStringView(text).mid(pos, open - pos);
        const QString reference = text.mid(open, close + 2 - open);
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        pos = close + 2;

        if (std::optional<QString> dynamic = dynamicValue(name)) {
            out.text += *dynamic;
            continue;
        }
        const std::optional<Lookup> found = lookup(name);
        if (!found) {
            appendOnce(out.unresolved, name);
            out.text += reference;
            continue;
        }
        if (stack.contains(name) || stack.size() >= kMaxDepth) {
            appendOnce(out.cycles, (stack + QStringList{name}).join(u" → "_s));
            appendOnce(out.unresolved, name);
            out.text += reference;
            continue;
        }
        if (found->secret && !found->value.isEmpty())
            appendOnce(out.secretValues, found->value);
        stack.append(name);
        resolveInto(found->value, stack, out);
        stack.removeLast();
    }
}

} // namespace Keyhole::Vars
