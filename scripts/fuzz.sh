#!/usr/bin/env bash
# Fuzzes every importer (curl, Postman, HAR, .http, OpenAPI, Insomnia) with libFuzzer under
# AddressSanitizer + UBSan (clang 14 from Debian, the `fuzz` preset): SECONDS each (default 15,
# as CI runs it; give more for a longer run, e.g. scripts/fuzz.sh 600). Seeds: tests/fuzz/seeds
# and the test data of each format; what the fuzzer learns stays in build/fuzz/corpus/<format>.
# A crash, leak-free abort or timeout fails the script and leaves the input in build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
formats=(curl postman har http openapi insomnia)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

declare -A seeds=(
    [curl]="tests/fuzz/seeds/curl"
    [postman]="tests/data/postman/examples-v2.1.0"
    [har]="tests/fuzz/seeds/har"
    [http]="tests/fuzz/seeds/http"
    [openapi]="tests/data/openapi"
    [insomnia]="tests/data/insomnia"
)
status=0
for format in "${formats[@]}"; do
    corpus="build/fuzz/corpus/${format}"
    mkdir -p "$corpus" "build/fuzz/artifacts/${format}"
    echo "=== fuzz ${format}: ${seconds} s ==="
    if ! ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" \
         UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
         "build/fuzz/tests/fuzz/fuzz_import_${format}" "$corpus" ${seeds[$format]} \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/${format}/" \
            2>"build/fuzz/${format}.log"; then
        echo "fuzz ${format}: FAILED (build/fuzz/${format}.log, input in build/fuzz/artifacts/${format}/)"
        tail -40 "build/fuzz/${format}.log"
        status=1
    else
        grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "build/fuzz/${format}.log" | tail -1 || true
    fi
done
exit "$status"
