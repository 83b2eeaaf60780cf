#!/usr/bin/env bash
# Benchmark, not a test: the response Body view (ui/LargeTextView in ui/ResponseView) on 50 MB
# and 200 MB text bodies and a 50 MB minified JSON body — first paint, the longest stall of the
# window's thread, indexing, find, scroll repaint p99 and memory — against a QPlainTextEdit
# holding the 50 MB text, measured in the same run (issue #9).
# Usage: tests/bench/bench-body.sh
source "$(dirname "$0")/common.sh"
cmake --preset release -DKEYHOLE_BENCH=ON >/dev/null
cmake --build --preset release --target bench_body >/dev/null
build/release/tests/bench/bench_body --baseline 2>/dev/null
build/release/tests/bench/bench_body 2>/dev/null
