#!/usr/bin/env bash
# Benchmark, not a test: the diff engine (core/diff) on the inputs of issue #7 — two 5 MB JSON
# bodies differing in 10 places, two 1 MB bodies with nothing in common, two same-shaped
# 1.4 MB JSON bodies with different values everywhere, two 100 000-line logs with 1% changed
# lines, 200-header sets — against git's histogram diff on the same files in the same run
# (the baseline), plus the peak memory of one full comparison against the size of its inputs.
# Usage: tests/bench/bench-diff.sh
source "$(dirname "$0")/common.sh"
cmake --preset release -DKEYHOLE_BENCH=ON >/dev/null
cmake --build --preset release --target bench_diff bench_pane >/dev/null
bench=build/release/tests/bench/bench_diff

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bench" --write-inputs "$work"

now_ms() { date +%s%3N; }
echo "== baseline: git diff --no-index --diff-algorithm=histogram (best of 3, ms) =="
for a in "$work"/*.a; do
    name=$(basename "$a" .a)
    best=
    for _ in 1 2 3; do
        start=$(now_ms)
        git diff --no-index --diff-algorithm=histogram "$a" "$work/$name.b" >/dev/null || true
        t=$(( $(now_ms) - start ))
        [[ -z $best || $t -lt $best ]] && best=$t
    done
    printf '%-36s %6d ms\n' "$name" "$best"
done

echo "== peak memory over the inputs: line diff alone, and the whole comparison =="
for a in "$work"/*.a; do
    name=$(basename "$a" .a)
    read -r inputs_kb lines_kb < <("$bench" --memory lines "$name")
    read -r _ whole_kb < <("$bench" --memory compare "$name")
    printf '%-36s inputs %7d KB · line diff +%7d KB (%s×) · whole comparison +%7d KB (%s×)\n' \
        "$name" "$inputs_kb" "$lines_kb" \
        "$(awk -v r="$lines_kb" -v i="$inputs_kb" 'BEGIN{printf "%.1f", r / i}')" "$whole_kb" \
        "$(awk -v r="$whole_kb" -v i="$inputs_kb" 'BEGIN{printf "%.1f", r / i}')"
done

echo "== Keyhole (Google Benchmark) =="
"$bench" --benchmark_min_time=0.2

echo "== the Compare view on two 50 MB sides (offscreen) =="
build/release/tests/bench/bench_pane --baseline
build/release/tests/bench/bench_pane
