#include "core/interchange/export/HttpFileExport.h"

#include "core/vars/RequestPreparer.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

void writeRequest(const Model::RequestTemplate& request, const Model::AuthConfig& inherited,
                  QString& out)
{
    out += u"### "_s + Model::oneLine(request.name) + u'\n';
    for (const QString& line : request.description.split(u'\n', Qt::SkipEmptyParts))
        out += u"# "_s + line + u'\n';
    const Model::AuthConfig auth =
        request.auth.kind == Model::AuthKind::Inherit ? inherited : request.auth;
    QString url = request.url;
    QStringList query;
    for (const Model::KeyValue& param : request.params) {
        if (param.enabled)
            query.append(param.name + u'=' + param.value);
    }
    if (auth.kind == Model::AuthKind::ApiKey && auth.keyInQuery)
        query.append(auth.keyName + u'=' + auth.keyValue);
    if (!query.isEmpty())
        url += (url.contains(u'?') ? u'&' : u'?') + query.join(u'&');
    // The settings both clients have as tags.
    if (request.settings.followRedirects == false)
        out += u"# @no-redirect\n"_s;
    if (const std::optional<int> timeout = request.settings.timeoutMs)
        out += *timeout % 1000 == 0 ? u"# @timeout %1\n"_s.arg(*timeout / 1000)
                                    : u"# @timeout %1 ms\n"_s.arg(*timeout);
    out += request.method + u' ' + url + u'\n';
    for (const Model::KeyValue& header : request.headers)
        out +=
            (header.enabled ? QString() : u"# "_s) + header.name + u": "_s + header.value + u'\n';
    switch (auth.kind) {
    case Model::AuthKind::Basic:
        // Both clients base64-encode "Basic user password" themselves.
        out += u"Authorization: Basic "_s + auth.username + u' ' + auth.password + u'\n';
        break;
    case Model::AuthKind::Digest:
        // Both clients answer the challenge themselves from "Digest user password".
        out += u"Authorization: Digest "_s + auth.username + u' ' + auth.password + u'\n';
        break;
    case Model::AuthKind::Bearer:
        out += u"Authorization: "_s +
               (auth.prefix.isEmpty() ? auth.token : auth.prefix + u' ' + auth.token) + u'\n';
        break;
    case Model::AuthKind::ApiKey:
        if (!auth.keyInQuery)
            out += auth.keyName + u": "_s + auth.keyValue + u'\n';
        break;
    default:
        break;
    }
    const Model::Body& body = request.body;
    auto contentType = [&](const QString& fallback) {
        const bool explicitType = std::any_of(
            request.headers.begin(), request.headers.end(), [](const Model::KeyValue& h) {
                return h.enabled && h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0;
            });
        if (!explicitType && !fallback.isEmpty())
            out += u"Content-Type: "_s + fallback + u'\n';
    };
    switch (body.kind) {
    case Model::BodyKind::None:
        break;
    case Model::BodyKind::Raw:
        contentType(body.contentType);
        out += u'\n' + body.text + u'\n';
        break;
    case Model::BodyKind::FormUrlEncoded: {
        contentType(u"application/x-www-form-urlencoded"_s);
        QStringList pairs;
        for (const Model::KeyValue& field : body.form) {
            if (field.enabled)
                pairs.append(QString::fromLatin1(Vars::encodeFormComponent(field.name)) + u'=' +
                             QString::fromLatin1(Vars::encodeFormComponent(field.value)));
        }
        out += u'\n' + pairs.join(u'&') + u'\n';
        break;
    }
    case Model::BodyKind::Multipart: {
        const QString boundary = u"KeyholeBoundary"_s;
        contentType(u"multipart/form-data; boundary="_s + boundary);
        out += u'\n';
        for (const Model::MultipartField& field : body.multipart) {
            if (!field.enabled)
                continue;
            out += u"--"_s + boundary + u'\n';
            out += u"Content-Disposition: form-data; name=\""_s + field.name + u'"';
            if (field.isFile)
                out += u"; filename=\""_s +
                       (field.fileName.isEmpty() ? field.value.section(u'/', -1) : field.fileName) +
                       u'"';
            out += u'\n';
            if (!field.contentType.isEmpty())
                out += u"Content-Type: "_s + field.contentType + u'\n';
            out += u'\n' + (field.isFile ? u"< "_s + field.value : field.value) + u'\n';
        }
        out += u"--"_s + boundary + u"--\n"_s;
        break;
    }
    case Model::BodyKind::BinaryFile:
        contentType(body.contentType);
        out += u"\n< "_s + body.filePath + u'\n';
        break;
    }
    out += u'\n';
}

void writeFolder(const Model::Folder& folder, const Model::AuthConfig& inherited, QString& out)
{
    const Model::AuthConfig auth =
        folder.auth.kind == Model::AuthKind::Inherit ? inherited : folder.auth;
    for (const Model::FolderEntry& entry : Model::childrenInOrder(folder)) {
        if (entry.folder)
            writeFolder(*entry.folder, auth, out);
        else
            writeRequest(entry.request->request, auth, out);
    }
}

} // namespace

QString exportHttpFile(const Model::Folder& folder)
{
    QString out;
    for (const Model::Variable& variable : folder.variables) {
        if (!variable.secret && variable.enabled)
            out += u'@' + variable.name + u" = "_s + variable.value + u'\n';
    }
    if (!out.isEmpty())
        out += u'\n';
    writeFolder(folder, {}, out);
    return out;
}

} // namespace Keyhole::Interchange
