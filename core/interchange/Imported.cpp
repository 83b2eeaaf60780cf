#include "core/interchange/Imported.h"

#include "core/interchange/import/PostmanImport.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

qsizetype requestCount(const Model::Folder& folder)
{
    qsizetype count = static_cast<qsizetype>(folder.requests.size());
    for (const Model::Folder& sub : folder.folders)
        count += requestCount(sub);
    return count;
}

Model::KeyValueList queryPairs(const QString& query, bool decode)
{
    auto text = [decode](const QString& part) {
        return decode ? QUrl::fromPercentEncoding(part.toUtf8()) : part;
    };
    Model::KeyValueList pairs;
    for (const QString& pair : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        pairs.append({text(equals >= 0 ? pair.left(equals) : pair),
                      equals >= 0 ? text(pair.mid(equals + 1)) : QString(), true});
    }
    return pairs;
}

void rewriteTexts(Model::RequestTemplate& request,
                  const std::function<QString(const QString&, bool)>& rewrite)
{
    request.url = rewrite(request.url, false);
    for (Model::KeyValue& param : request.params)
        param.value = rewrite(param.value, looksSecret(param.name));
    for (Model::KeyValue& header : request.headers)
        header.value = rewrite(header.value,
                               header.name.compare(u"Authorization"_s, Qt::CaseInsensitive) == 0 ||
                                   looksSecret(header.name));
    request.body.text = rewrite(request.body.text, false);
    request.body.filePath = rewrite(request.body.filePath, false);
    for (Model::KeyValue& field : request.body.form)
        field.value = rewrite(field.value, looksSecret(field.name));
    for (Model::MultipartField& field : request.body.multipart)
        field.value = rewrite(field.value, looksSecret(field.name));
    Model::AuthConfig& auth = request.auth;
    for (QString* plain :
         {&auth.username, &auth.keyName, &auth.loginUrl, &auth.awsAccessKey, &auth.awsRegion,
          &auth.awsService, &auth.oauthTokenUrl, &auth.oauthAuthUrl, &auth.oauthClientId,
          &auth.oauthScope, &auth.oauthRedirectUri})
        *plain = rewrite(*plain, false);
    for (QString* secret : {&auth.password, &auth.token, &auth.keyValue, &auth.awsSecretKey,
                            &auth.awsSessionToken, &auth.oauthClientSecret})
        *secret = rewrite(*secret, true);
}

QString replaceMatches(const QString& text, const QRegularExpression& pattern,
                       const std::function<QString(const QRegularExpressionMatch&)>& replace)
{
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = pattern.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += replace(match);
        last = match.capturedEnd();
    }
    return last == 0 ? text : out + QStringView(text).mid(last);
}

void markCredentialVariables(ImportResult& imported)
{
    if (!imported.collection)
        return;
    static const QRegularExpression reference(uR"(\{\{\s*([^{}$][^{}]*?)\s*\}\})"_s);
    QSet<QString> names;
    auto collect = [&](const QString& text, bool credential) {
        if (!credential)
            return text;
        QRegularExpressionMatchIterator it = reference.globalMatch(text);
        while (it.hasNext())
            names.insert(it.next().captured(1));
        return text;
    };
    std::function<void(Model::Folder&)> scan = [&](Model::Folder& folder) {
        Model::RequestTemplate folderAuth;
        folderAuth.auth = folder.auth;
        rewriteTexts(folderAuth, collect);
        for (Model::RequestItem& item : folder.requests)
            rewriteTexts(item.request, collect);
        for (Model::Folder& sub : folder.folders)
            scan(sub);
    };
    scan(*imported.collection);
    if (names.isEmpty())
        return;
    std::function<void(Model::Folder&)> mark = [&](Model::Folder& folder) {
        for (Model::Variable& variable : folder.variables)
            variable.secret = variable.secret || names.contains(variable.name);
        for (Model::RequestItem& item : folder.requests)
            for (Model::Extraction& extraction : item.request.extractions)
                extraction.secret = extraction.secret || names.contains(extraction.variable);
        for (Model::Folder& sub : folder.folders)
            mark(sub);
    };
    mark(*imported.collection);
    for (Model::Environment& environment : imported.environments)
        for (Model::Variable& variable : environment.variables)
            variable.secret = variable.secret || names.contains(variable.name);
}

bool carriesSecretValues(const ImportResult& imported)
{
    return std::any_of(imported.environments.begin(), imported.environments.end(),
                       [](const Model::Environment& environment) {
                           return std::any_of(environment.variables.begin(),
                                              environment.variables.end(),
                                              [](const Model::Variable& v) {
                                                  return v.secret && !v.value.isEmpty();
                                              });
                       });
}

} // namespace Keyhole::Interchange
