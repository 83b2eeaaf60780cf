#include "core/interchange/import/ScriptExtractions.h"

#include "core/interchange/import/PostmanImport.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {

QStringList extractionsFromScript(const QString& source, const ScriptDialect& dialect,
                                  QList<Model::Extraction>& extractions)
{
    QStringList names;
    QRegularExpressionMatchIterator it = dialect.setter.globalMatch(source);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString variable = match.captured(1);
        const QString value = match.captured(2);
        Model::Extraction extraction;
        extraction.variable = variable;
        extraction.secret = looksSecret(variable);
        if (const QRegularExpressionMatch header = dialect.headerSource.match(value);
            header.hasMatch()) {
            extraction.from = Model::Extraction::Source::Header;
            extraction.path = header.captured(1);
        } else if (const QRegularExpressionMatch json = dialect.jsonSource.match(value);
                   json.hasMatch() && !json.captured(1).isEmpty()) {
            QString path = json.captured(1);
            static const QRegularExpression quotedKey(uR"(\[["']([^"']+)["']\])"_s);
            path.replace(quotedKey, u".\\1"_s);
            if (path.startsWith(u'.'))
                path.remove(0, 1);
            extraction.from = Model::Extraction::Source::Json;
            extraction.path = path;
        } else {
            continue;
        }
        extractions.append(extraction);
        names.append(variable);
    }
    return names;
}

} // namespace Keyhole::Interchange
