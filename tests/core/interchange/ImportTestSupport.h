#pragma once

// What the importers' tests share: their data files and a look at an imported request.
#include "core/interchange/Imported.h"

#include <QFile>
#include <QString>

namespace Keyhole::Testing {

// tests/data/<folder>/<name>, whole.
inline QByteArray importData(const QString& folder, const QString& name)
{
    QFile file(QStringLiteral(KEYHOLE_SOURCE_DIR "/tests/data/") + folder + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s/%s", qPrintable(folder), qPrintable(name));
    return file.readAll();
}

// The value of header `name` (any case) of an imported request, or an empty string.
inline QString headerOf(const Model::RequestTemplate& request, const QString& name)
{
    for (const Model::KeyValue& header : request.headers)
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return header.value;
    return {};
}

} // namespace Keyhole::Testing
