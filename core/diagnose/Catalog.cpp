#include "core/diagnose/Catalog.h"

#include "core/Assert.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {

const Catalog& Catalog::instance()
{
    static const Catalog catalog;
    return catalog;
}

Catalog::Catalog()
{
    QFile file(u":/knowledge/auth-failures.json"_s);
    KH_ASSERT(file.open(QIODevice::ReadOnly), return );
    const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue& value : entries) {
        const QJsonObject entry = value.toObject();
        Cause cause;
        cause.id = entry.value(u"id"_s).toString();
        cause.stack = entry.value(u"stack"_s).toString();
        for (const QJsonValue& status : entry.value(u"status"_s).toArray())
            cause.statuses.append(status.toInt());
        cause.wwwAuthenticate = entry.value(u"www_authenticate"_s).toString();
        const QString pattern = entry.value(u"body_pattern"_s).toString();
        if (!pattern.isEmpty())
            cause.bodyPattern =
                QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption);
        cause.clientEvidence = entry.value(u"client_evidence"_s).toString();
        cause.explanation = entry.value(u"explanation"_s).toString();
        cause.fix = entry.value(u"fix"_s).toString();
        m_causes.append(cause);
    }
}

const Cause* Catalog::find(const QString& id) const
{
    for (const Cause& cause : m_causes) {
        if (cause.id == id)
            return &cause;
    }
    return nullptr;
}

} // namespace Keyhole::Diagnose
