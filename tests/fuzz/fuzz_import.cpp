// libFuzzer target: one importer (KEYHOLE_FUZZ_FORMAT) fed arbitrary bytes. Whatever the input
// — deeply nested JSON or YAML, huge strings, invalid UTF-8, wrong types anywhere — the import
// either succeeds or returns an error naming the place; it never crashes, hangs or reads out
// of bounds (AddressSanitizer + UBSan). A successful import also goes through the credential
// lifting that placing runs, and every input through format detection.
#include "core/interchange/ImportAny.h"

#include <cstddef>
#include <cstdint>

using namespace Keyhole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    // No directory: a curl "@file" or an .http "< file" reads nothing real.
    const QString nowhere = QStringLiteral("/nonexistent-keyhole-fuzz");
    Result<Interchange::ImportResult> imported = Interchange::importData(
        QStringLiteral(KEYHOLE_FUZZ_FORMAT), bytes, QStringLiteral("fuzz"), nowhere);
    if (imported) {
        (void)Interchange::requestCount(*imported.value().collection);
        Interchange::liftSecretsInto(imported.value(), Model::Workspace{});
    } else if (imported.error().where.isEmpty()) {
        __builtin_trap(); // every error names its place
    }
    (void)Interchange::detectFormat(bytes);
    return 0;
}
