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

} // namespace Keyhole::Model
