#include "core/diagnose/Fixes.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

Model::KeyValue* authorizationHeader(Model::RequestTemplate& request)
{
    for (Model::KeyValue& header : request.headers) {
        if (header.enabled && header.name.compare(u"Authorization"_s, Qt::CaseInsensitive) == 0)
            return &header;
    }
    return nullptr;
}

} // namespace

bool canApply(const FixAction& fix, const Model::RequestTemplate& request)
{
    return applyFix(fix, request).has_value();
}

std::optional<Model::RequestTemplate> applyFix(const FixAction& fix, Model::RequestTemplate request)
{
    switch (fix.kind) {
    case FixAction::Kind::SetAuthorizationScheme: {
        Model::KeyValue* header = authorizationHeader(request);
        if (!header || fix.value.isEmpty())
            return std::nullopt;
        const QString value = header->value.trimmed();
        const qsizetype space = value.indexOf(u' ');
        header->value = fix.value + (space < 0 ? QString() : value.mid(space));
        return request;
    }
    case FixAction::Kind::UseUrl:
        if (fix.value.isEmpty() || request.url == fix.value)
            return std::nullopt;
        request.url = fix.value;
        request.params.clear(); // the URL already holds the query that was sent
        return request;
    case FixAction::Kind::SetAuthorizationValue:
    case FixAction::Kind::DefineVariable:
    case FixAction::Kind::TrustRedirects:
    case FixAction::Kind::Advice:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace Keyhole::Diagnose
