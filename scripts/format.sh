#!/usr/bin/env bash
# Formats every C++ file with Debian 12's clang-format 14; with --check, only reports.
set -euo pipefail
cd "$(dirname "$0")/.."
cf=$(command -v clang-format-14 || command -v clang-format)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -co --exclude-standard -- '*.h' '*.cpp' | grep -v '^build/')
else
    mapfile -t files < <(find app core ui tests -name '*.h' -o -name '*.cpp')
fi
if [ "${1:-}" = "--check" ]; then
    "$cf" --dry-run --Werror "${files[@]}"
    echo "format-check: ${#files[@]} files formatted correctly"
else
    "$cf" -i "${files[@]}"
fi
