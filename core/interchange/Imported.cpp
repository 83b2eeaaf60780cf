#include "core/interchange/Imported.h"

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
