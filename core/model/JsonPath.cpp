#include "core/model/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Keyhole::Model {

QList<JsonPathStep> jsonPathSteps(const QString& path, bool* pointer)
{
    QList<JsonPathStep> steps;
    const bool isPointer = path.startsWith(u'/');
    if (pointer)
        *pointer = isPointer;
    if (isPointer) {
        for (QString step : path.mid(1).split(u'/'))
            steps.append({step.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s), false});
        return steps;
    }
    const QString dotted = path.startsWith(u"$."_s) ? path.mid(2) : path == u"$" ? QString() : path;
    static const QRegularExpression token(u"([^.\\[\\]]+)|\\[(\\d+)\\]"_s);
    QRegularExpressionMatchIterator it = token.globalMatch(dotted);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.captured(1).isEmpty())
            steps.append({match.captured(2), true});
        else
            steps.append({match.captured(1), false});
    }
    return steps;
}

std::optional<QJsonValue> followJsonPath(const QJsonValue& root, const QString& path)
{
    QJsonValue current = root;
    for (const JsonPathStep& each : jsonPathSteps(path)) {
        const QString& step = each.name;
        if (current.isObject() && current.toObject().contains(step)) {
            current = current.toObject().value(step);
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = step.toLongLong(&ok);
            if (!ok || index < 0 || index >= current.toArray().size())
                return std::nullopt;
            current = current.toArray().at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

QString jsonValueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == std::floor(number) && std::abs(number) < 9.007199254740992e15)
            return QString::number(value.toInteger());
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace Keyhole::Model
