#include "core/JsonReader.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Keyhole {

JsonReader::JsonReader(QString fileLabel, QString errorCode)
    : m_file(std::move(fileLabel))
    , m_code(std::move(errorCode))
{}

void JsonReader::fail(const QString& path, const QString& message)
{
    if (!m_error)
        m_error = Error{m_code, message, m_file.isEmpty() ? path : m_file + u' ' + path};
}

QJsonDocument JsonReader::parse(const QByteArray& json)
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parseError.offset - (before.lastIndexOf('\n') + 1) + 1;
        if (!m_error)
            m_error = Error{
                u"json.syntax"_s, parseError.errorString(),
                u"%1:%2:%3"_s.arg(m_file.isEmpty() ? u"(input)"_s : m_file).arg(line).arg(column)};
        return {};
    }
    return document;
}

QJsonObject JsonReader::parseObject(const QByteArray& json)
{
    const QJsonDocument document = parse(json);
    if (failed())
        return {};
    if (!document.isObject()) {
        fail(u"$"_s, u"expected an object"_s);
        return {};
    }
    return document.object();
}

QString JsonReader::string(const QJsonObject& object, const QString& key, const QString& path,
                           const QString& fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString())
        fail(path + u'.' + key, u"expected a string"_s);
    return value.toString();
}

QString JsonReader::requiredString(const QJsonObject& object, const QString& key,
                                   const QString& path)
{
    if (!object.contains(key))
        fail(path + u'.' + key, u"missing value"_s);
    return string(object, key, path);
}

bool JsonReader::boolean(const QJsonObject& object, const QString& key, const QString& path,
                         bool fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool())
        fail(path + u'.' + key, u"expected true or false"_s);
    return value.toBool(fallback);
}

QJsonArray JsonReader::array(const QJsonObject& object, const QString& key, const QString& path)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        fail(path + u'.' + key, u"expected an array"_s);
    return value.toArray();
}

QJsonObject JsonReader::object(const QJsonValue& value, const QString& path)
{
    if (!value.isObject())
        fail(path, u"expected an object"_s);
    return value.toObject();
}

QStringList JsonReader::stringList(const QJsonObject& object, const QString& key,
                                   const QString& path)
{
    QStringList result;
    const QJsonArray items = array(object, key, path);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isString())
            fail(jsonIndex(path, key, i), u"expected a string"_s);
        result.append(items[i].toString());
    }
    return result;
}

} // namespace Keyhole
