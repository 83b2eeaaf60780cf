#!/usr/bin/env bash
# Runs a Qt test on a real X server (Xvfb, a virtual display) instead of the offscreen
# platform: what a user's screen would show, for the screenshot smoke test.
set -euo pipefail
# Under AddressSanitizer: libxkbcommon-x11 strndup()s a name that is not NUL-terminated, which
# strict_string_checks reports as an overflow inside the system library (not Keyhole's code).
if [ -n "${ASAN_OPTIONS:-}" ]; then
    export ASAN_OPTIONS="${ASAN_OPTIONS}:strict_string_checks=0"
fi
exec xvfb-run -a -s "-screen 0 1440x900x24" "$@" -platform xcb
