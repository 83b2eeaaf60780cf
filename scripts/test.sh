#!/usr/bin/env bash
# README command 2: install what is missing, build, and run the whole test suite — once in the
# dev preset (Debug, -Werror) and once under AddressSanitizer + UBSan — then fuzz every importer
# briefly (libFuzzer, 15 s each; scripts/fuzz.sh 600 for a longer run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

for preset in dev asan; do
    echo "=== ${preset}: configure, build, test ==="
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
    ctest --preset "$preset" --parallel 2
done

echo "=== fuzz: every importer, 15 s each ==="
scripts/fuzz.sh 15
