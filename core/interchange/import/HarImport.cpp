#include "core/interchange/import/HarImport.h"

#include "core/JsonReader.h"

#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

bool droppedHeader(const QString& name)
{
    static const QStringList dropped{u"host"_s,       u"content-length"_s,    u"connection"_s,
                                     u"keep-alive"_s, u"transfer-encoding"_s, u"upgrade"_s};
    return name.startsWith(u':') || dropped.contains(name.toLower());
}

class HarReader final : public JsonReader {
public:
    explicit HarReader(const QString& fileLabel)
        : JsonReader(fileLabel, u"import.har"_s)
    {}

    QStringList warnings;

    Model::KeyValueList pairs(const QJsonObject& owner, const QString& key, const QString& path)
    {
        Model::KeyValueList result;
        const QJsonArray items = array(owner, key, path);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString itemPath = jsonIndex(path, key, i);
            const QJsonObject item = object(items[i], itemPath);
            result.append({requiredString(item, u"name"_s, itemPath),
                           string(item, u"value"_s, itemPath), true});
        }
        return result;
    }

    Model::RequestTemplate request(const QJsonObject& entry, const QString& entryPath)
    {
        const QString path = entryPath + u".request"_s;
        const QJsonObject object = this->object(entry.value(u"request"_s), path);
        Model::RequestTemplate request;
        request.method = requiredString(object, u"method"_s, path).trimmed().toUpper();
        const QString url = requiredString(object, u"url"_s, path);
        const qsizetype question = url.indexOf(u'?');
        QString base = question >= 0 ? url.left(question) : url;
        const qsizetype hash = base.indexOf(u'#');
        if (hash >= 0)
            base.truncate(hash);
        request.url = base;
        // The URL's own query, as written (queryString holds it decoded).
        if (question >= 0) {
            QString query = url.mid(question + 1);
            query.truncate(query.indexOf(u'#') >= 0 ? query.indexOf(u'#') : query.size());
            request.params = queryPairs(query, true);
        }
        for (const Model::KeyValue& header : pairs(object, u"headers"_s, path)) {
            if (!droppedHeader(header.name))
                request.headers.append(header);
        }
        const QJsonValue postData = object.value(u"postData"_s);
        if (postData.isObject()) {
            const QString bodyPath = path + u".postData"_s;
            const QJsonObject body = postData.toObject();
            const QString mimeType = string(body, u"mimeType"_s, bodyPath);
            const QString text = string(body, u"text"_s, bodyPath);
            const QJsonArray params = array(body, u"params"_s, bodyPath);
            const QString type = mimeType.section(u';', 0, 0).trimmed().toLower();
            if (type == u"multipart/form-data" && !params.isEmpty()) {
                request.body.kind = Model::BodyKind::Multipart;
                for (qsizetype i = 0; i < params.size(); ++i) {
                    const QString itemPath = jsonIndex(bodyPath, u"params"_s, i);
                    const QJsonObject param = this->object(params[i], itemPath);
                    Model::MultipartField field;
                    field.name = requiredString(param, u"name"_s, itemPath);
                    const QString fileName = string(param, u"fileName"_s, itemPath);
                    field.isFile = !fileName.isEmpty();
                    field.value = field.isFile ? fileName : string(param, u"value"_s, itemPath);
                    field.contentType = string(param, u"contentType"_s, itemPath);
                    if (field.isFile)
                        warnings.append(itemPath +
                                        u": the HAR names the file \"%1\" but not its "
                                        "content: pick it before sending"_s.arg(fileName));
                    request.body.multipart.append(field);
                }
                // The boundary of the capture would not match the new body.
                request.headers.removeIf([](const Model::KeyValue& h) {
                    return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0;
                });
            } else if (!text.isEmpty() || !mimeType.isEmpty()) {
                request.body.kind = Model::BodyKind::Raw;
                request.body.text = text;
                request.body.contentType = mimeType;
                if (string(body, u"encoding"_s, bodyPath) == u"base64")
                    warnings.append(bodyPath + u": a base64 body was imported as text"_s);
            }
        }
        const QString name = QUrl(url).path();
        request.name = request.method + u' ' + (name.isEmpty() ? url : name);
        return request;
    }
};

} // namespace

Result<ImportResult> importHar(const QByteArray& json, const QString& fileLabel)
{
    HarReader reader(fileLabel);
    const QJsonObject root = reader.parseObject(json);
    if (reader.failed())
        return reader.error();
    const QJsonObject log = reader.object(root.value(u"log"_s), u"$.log"_s);
    if (reader.failed())
        return reader.error();
    ImportResult result;
    result.format = u"HAR "_s + reader.string(log, u"version"_s, u"$.log"_s, u"1.2"_s);
    result.looseRequests = true;
    Model::Folder folder;
    folder.name = QFileInfo(fileLabel).completeBaseName();
    const QJsonArray entries = reader.array(log, u"entries"_s, u"$.log"_s);
    for (qsizetype i = 0; i < entries.size() && !reader.failed(); ++i) {
        const QString path = jsonIndex(u"$.log"_s, u"entries"_s, i);
        const QJsonObject entry = reader.object(entries[i], path);
        folder.requests.push_back({{}, reader.request(entry, path)});
    }
    if (reader.failed())
        return reader.error();
    if (entries.isEmpty())
        reader.warnings.append(u"$.log.entries: no requests in this HAR"_s);
    result.collection = std::move(folder);
    result.warnings = reader.warnings;
    return result;
}

} // namespace Keyhole::Interchange
