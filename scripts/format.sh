#!/usr/bin/env bash
# Formats every C++ file with Debian 12's clang-format 14; with --check, only reports.
set -euo pipefail
cd "$(dirname "$0")/.."
cf=$(command -v clang-format-14 || command -v clang-format)
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.h' '*.cpp' | grep -v '^build/')
if [ "${1:-}" = "--check" ]; then
    "$cf" --dry-run --Werror "${files[@]}"
    echo "format-check: ${#files[@]} files formatted correctly"
else
    "$cf" -i "${files[@]}"
fi
