# Sourced by the benchmarks: installs what they need, builds the release preset and sets $cli.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
cli=build/release/app/cli/keyhole-cli
