#pragma once

#include "core/http/Exchange.h"
#include "core/model/AuthConfig.h"
#include "core/model/Folder.h"
#include "core/secrets/SecretStore.h"

#include <functional>
#include <memory>

namespace Keyhole::Auth {

struct ExtractedValue {
    QString variable;
    QString value;
    bool secret = true;
};

// Takes the values `extractions` name out of the final response of a successful (2xx)
// exchange: a JSON path ("access", "data.token", "items[0].id", or a JSON pointer "/a/b") or a
// header. Missing values are reported in `problems`; nothing is taken from a failed answer.
struct Extracted {
    QList<ExtractedValue> values;
    QStringList problems;
};
Extracted extractValues(const Http::Exchange& exchange,
                        const QList<Model::Extraction>& extractions);

// Stores extracted values in environment `environmentName` of `workspace`: a secret goes to
// `store` (the environment file keeps only the reference), a plain value into the file;
// missing variables are added. Calls `done` once with the problems met (empty on success).
void storeExtracted(std::shared_ptr<Secrets::SecretStore> store, Model::Workspace& workspace,
                    const QString& environmentName, const QList<ExtractedValue>& values,
                    std::function<void(QStringList)> done);

} // namespace Keyhole::Auth
