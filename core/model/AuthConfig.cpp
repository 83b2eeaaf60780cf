#include "core/model/AuthConfig.h"

#include <array>
#include <utility>

namespace Keyhole::Model {
namespace {
const std::array<std::pair<AuthKind, const char16_t*>, 10> kNames{{
    {AuthKind::Inherit, u"inherit"},
    {AuthKind::None, u"none"},
    {AuthKind::Basic, u"basic"},
    {AuthKind::Bearer, u"bearer"},
    {AuthKind::ApiKey, u"apikey"},
    {AuthKind::Digest, u"digest"},
    {AuthKind::AwsSigV4, u"aws-sigv4"},
    {AuthKind::DjangoSession, u"django-session"},
    {AuthKind::OAuth2, u"oauth2"},
    {AuthKind::ClientCertificate, u"client-certificate"},
}};
} // namespace

QString authKindName(AuthKind kind)
{
    for (const auto& [k, name] : kNames) {
        if (k == kind)
            return QString::fromUtf16(name);
    }
    return QStringLiteral("inherit");
}

std::optional<AuthKind> authKindFromName(const QString& name)
{
    for (const auto& [k, known] : kNames) {
        if (name == QString::fromUtf16(known))
            return k;
    }
    return std::nullopt;
}

} // namespace Keyhole::Model
