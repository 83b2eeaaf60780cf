#!/usr/bin/env bash
# README command 1: install what is missing, build, start the demo API on 127.0.0.1:8765 and
# open the GUI on a copy of the bundled sample workspace (your edits go to the copy).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

bin=build/release/app
workspace="${KEYHOLE_SAMPLE_DIR:-build/release/sample-workspace}"
[ -d "$workspace" ] || cp -r resources/sample-workspace "$workspace"

"$bin/cli/keyhole-cli" demo-server --port 8765 &
demo=$!
trap 'kill $demo 2>/dev/null || true' EXIT

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: starting Keyhole under Xvfb (xvfb-run)." >&2
    xvfb-run -a -s "-screen 0 1440x900x24" "$bin/gui/keyhole" "$workspace" "$@"
else
    "$bin/gui/keyhole" "$workspace" "$@"
fi
