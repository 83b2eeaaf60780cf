#include "core/model/PreparedRequest.h"

namespace Keyhole::Model {

QByteArray headerValue(const HeaderFields& headers, const QByteArray& name)
{
    for (const HeaderField& field : headers) {
        if (field.name.compare(name, Qt::CaseInsensitive) == 0)
            return field.value;
    }
    return {};
}

qsizetype removeHeader(HeaderFields& headers, const QByteArray& name)
{
    return headers.removeIf([&](const HeaderField& field) {
        return field.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

void setHeader(HeaderFields& headers, const QByteArray& name, const QByteArray& value)
{
    removeHeader(headers, name);
    headers.append({name, value});
}

} // namespace Keyhole::Model
