#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace Keyhole {

// Reads typed values out of a parsed JSON document, remembering the first error with the
// place it names: "file:line:column" for syntax, "file $.json.path" for a wrong value. Used by
// the workspace files and by every importer, so all of them report places the same way.
class JsonReader {
public:
    JsonReader(QString fileLabel, QString errorCode);

    bool failed() const { return m_error.has_value(); }
    Error error() const { return *m_error; }
    const QString& fileLabel() const { return m_file; }

    void fail(const QString& path, const QString& message);

    // Parses `json`; on a syntax error records it (file:line:column) and returns an empty
    // document.
    QJsonDocument parse(const QByteArray& json);
    // parse() plus "the root must be an object".
    QJsonObject parseObject(const QByteArray& json);

    QString string(const QJsonObject& object, const QString& key, const QString& path,
                   const QString& fallback = {});
    QString requiredString(const QJsonObject& object, const QString& key, const QString& path);
    bool boolean(const QJsonObject& object, const QString& key, const QString& path, bool fallback);
    QJsonArray array(const QJsonObject& object, const QString& key, const QString& path);
    QJsonObject object(const QJsonValue& value, const QString& path);
    QStringList stringList(const QJsonObject& object, const QString& key, const QString& path);

private:
    QString m_file;
    QString m_code;
    std::optional<Error> m_error;
};

// "$.a.b" + "[3]" helpers for building JSON paths in messages.
inline QString jsonIndex(const QString& path, const QString& key, qsizetype index)
{
    return path + u'.' + key + u'[' + QString::number(index) + u']';
}

} // namespace Keyhole
