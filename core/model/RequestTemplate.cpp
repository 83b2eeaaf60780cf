#include "core/model/RequestTemplate.h"

#include <array>
#include <utility>

namespace Keyhole::Model {
namespace {
const std::array<std::pair<BodyKind, const char16_t*>, 5> kBodyKindNames{{
    {BodyKind::None, u"none"},
    {BodyKind::Raw, u"raw"},
    {BodyKind::FormUrlEncoded, u"form-urlencoded"},
    {BodyKind::Multipart, u"multipart"},
    {BodyKind::BinaryFile, u"binary-file"},
}};
} // namespace

QString bodyKindName(BodyKind kind)
{
    for (const auto& [k, name] : kBodyKindNames) {
        if (k == kind)
            return QString::fromUtf16(name);
    }
    return QStringLiteral("none");
}

std::optional<BodyKind> bodyKindFromName(const QString& name)
{
    for (const auto& [k, known] : kBodyKindNames) {
        if (name == QString::fromUtf16(known))
            return k;
    }
    return std::nullopt;
}

} // namespace Keyhole::Model
