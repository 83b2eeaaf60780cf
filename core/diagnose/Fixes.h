#pragma once

#include "core/diagnose/Finding.h"
#include "core/model/RequestTemplate.h"

#include <optional>

namespace Keyhole::Diagnose {

// Whether Keyhole can apply `fix` to a request by itself (one click), rather than only show it.
bool canApply(const FixAction& fix, const Model::RequestTemplate& request);

// `request` with `fix` applied, or nothing when it does not apply. Never writes a resolved
// secret into the template: only the scheme word or the URL change.
std::optional<Model::RequestTemplate> applyFix(const FixAction& fix,
                                               Model::RequestTemplate request);

} // namespace Keyhole::Diagnose
