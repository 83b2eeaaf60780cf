#!/usr/bin/env bash
# Benchmark, not a test: start to first painted window and idle resident memory (issue #9) —
# Keyhole's window with an empty workspace, with a 1 000-request workspace, and with that
# workspace and 10 requests open in tabs — against an empty QMainWindow started the same way
# in the same run (the floor). Each figure is the median of RUNS processes (default 7), timed
# from the exec (the libraries' loading included). Offscreen, and under Xvfb when it is there.
# Usage: tests/bench/bench-startup.sh [RUNS]
runs=${1:-7}
source "$(dirname "$0")/common.sh"
cmake --preset release -DKEYHOLE_BENCH=ON >/dev/null
cmake --build --preset release --target bench_startup >/dev/null
bench=build/release/tests/bench/bench_startup

work=$(mktemp -d)
xvfb_pid=
trap 'rm -rf "$work"; [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"
"$cli" init "$work/empty" >/dev/null
"$cli" init "$work/big" >/dev/null
/usr/bin/python3 tests/bench/make-postman.py 1000 "$work/big.postman_collection.json"
"$cli" import postman "$work/big.postman_collection.json" --into "$work/big" >/dev/null

# median of a column over $runs runs of: bench ARGS
measure() {
    local column=$1; shift
    for _ in $(seq "$runs"); do
        KEYHOLE_START_NS=$(date +%s%N) "$bench" "$@" 2>/dev/null | awk -v c="$column" '{print $c}'
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

report() { # platform
    echo "== $1 (median of $runs runs)"
    local floor_ms floor_kb
    floor_ms=$(measure 3 window)
    floor_kb=$(measure 5 window)
    printf '  %-34s %8s ms %8s MB\n' "empty QMainWindow (floor)" "$floor_ms" \
        "$(echo "scale=1; $floor_kb / 1024" | bc)"
    for setup in "empty workspace|keyhole $work/empty" \
                 "1 000 requests|keyhole $work/big" \
                 "1 000 requests + 10 tabs|keyhole $work/big --open 10"; do
        local name=${setup%%|*} args=${setup#*|}
        # shellcheck disable=SC2086
        local ms kb
        ms=$(measure 3 $args)
        kb=$(measure 5 $args)
        printf '  %-34s %8s ms %8s MB   (%.2f× / %.2f× the floor)\n' "Keyhole, $name" "$ms" \
            "$(echo "scale=1; $kb / 1024" | bc)" "$(echo "$ms / $floor_ms" | bc -l)" \
            "$(echo "$kb / $floor_kb" | bc -l)"
    done
}

QT_QPA_PLATFORM=offscreen report offscreen
if command -v Xvfb >/dev/null; then
    Xvfb :93 -screen 0 1440x900x24 >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 1
    DISPLAY=:93 QT_QPA_PLATFORM=xcb report "Xvfb"
fi
