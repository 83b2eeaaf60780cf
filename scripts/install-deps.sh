#!/usr/bin/env bash
# Installs the Debian 12 packages Keyhole needs to build, test and run, if any are missing.
# Runs apt-get as root, or through sudo when started by another user.
set -euo pipefail

packages=(
    g++ cmake ninja-build ccache git binutils
    qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins libgl-dev libssl-dev
    pkg-config zlib1g-dev libbrotli-dev libzstd-dev qtkeychain-qt6-dev libyaml-cpp-dev
    dbus dbus-daemon gnome-keyring
    clang-format-14 clang-14 libclang-rt-14-dev
    nginx openssl curl
    python3 python3-django python3-djangorestframework python3-djangorestframework-simplejwt
    python3-django-oauth-toolkit python3-uritemplate python3-requests httpie
    apache2 libapache2-mod-wsgi-py3
    xvfb xauth fonts-dejavu-core
    libbenchmark-dev time
)

# Node.js runs the tools the exported formats belong to (newman, postman-collection). The
# machine's own node is used when there is one; otherwise Debian's.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
install_missing() {
echo "Installing Debian packages: ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
# Tests start their own servers on 127.0.0.1; keep packages such as nginx from starting a
# system service on port 80 while they are installed (policy-rc.d: 101 = action forbidden).
policy=/usr/sbin/policy-rc.d
added_policy=""
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod +x "$policy"
    added_policy=1
fi
status=0
"${as_root[@]}" apt-get update -qq || status=$?
[ "$status" -ne 0 ] || "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
[ -z "$added_policy" ] || "${as_root[@]}" rm -f "$policy"
return "$status"
}
if [ ${#missing[@]} -ne 0 ]; then
    install_missing
fi

# newman and postman-collection, pinned by tests/js/package-lock.json (npm registry).
js="$(cd "$(dirname "$0")/.." && pwd)/tests/js"
if ! cmp -s "$js/package-lock.json" "$js/node_modules/.keyhole-installed" 2>/dev/null; then
    echo "Installing the test suite's Node.js tools (npm ci in tests/js)"
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.keyhole-installed)
fi
