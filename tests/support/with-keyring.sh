#!/usr/bin/env bash
# Runs a command with a real OS keychain: a private D-Bus session bus and gnome-keyring's
# Secret Service, unlocked, with HOME and XDG dirs in a temporary directory so that the
# user's own keyring is never touched. Usage: with-keyring.sh COMMAND [ARGS...]
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
       XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c '
    printf "keyhole-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' keyring "$@" 2> >(grep -v -e "Failed to set fd limit" -e "Activating service" -e "Successfully activated" >&2)
