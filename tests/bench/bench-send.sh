#!/usr/bin/env bash
# Benchmark, not a test: N sequential keep-alive GETs of a small JSON file from a local nginx,
# made by one keyhole-cli process (send --repeat N), by curl fetching the same N URLs in one
# invocation, and by newman (npm) running one request for N iterations — all in one run, so
# the ratios compare like with like. Usage: tests/bench/bench-send.sh [N]   (default 1000)
n=${1:-1000}
source "$(dirname "$0")/common.sh"

work=$(mktemp -d)
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo '{"items": [{"id": 1, "name": "Brass keyhole cover"}, {"id": 2, "name": "Skeleton key"}]}' >"$work/data.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/error.log warn;
pid $work/nginx.pid;
events { worker_connections 256; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $work/cb; proxy_temp_path $work/p; fastcgi_temp_path $work/f;
    uwsgi_temp_path $work/u; scgi_temp_path $work/s;
    server {
        listen 127.0.0.1:$port;
        root $work;
        default_type application/json;
    }
}
CONF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf"
url="http://127.0.0.1:$port/data.json"
for _ in $(seq 50); do curl -s -o /dev/null "$url" && break; sleep 0.1; done

seconds() { # runs "$@", prints elapsed seconds
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

"$cli" send GET "$url" --repeat 50 >/dev/null 2>&1 # warm the page cache
keyhole=$(seconds "$cli" send GET "$url" --repeat "$n")

for _ in $(seq "$n"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >"$work/curl.cfg"
curl_s=$(seconds curl -s -K "$work/curl.cfg")

newman_s=""
if [ ! -x build/bench/node_modules/.bin/newman ]; then
    npm install --silent --no-audit --no-fund --prefix build/bench newman >/dev/null 2>&1 || true
fi
if [ -x build/bench/node_modules/.bin/newman ]; then
    cat >"$work/collection.json" <<JSON
{"info": {"name": "bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
 "item": [{"name": "data", "request": {"method": "GET", "url": "$url"}}]}
JSON
    newman_s=$(seconds build/bench/node_modules/.bin/newman run "$work/collection.json" -n "$n" --reporters json --reporter-json-export /dev/null)
fi

rate() { echo "$n / $1" | bc -l | xargs printf '%.0f'; }
printf '%-12s %8s %12s\n' tool seconds requests/s
printf '%-12s %8.3f %12s\n' keyhole-cli "$keyhole" "$(rate "$keyhole")"
printf '%-12s %8.3f %12s\n' curl "$curl_s" "$(rate "$curl_s")"
[ -n "$newman_s" ] && printf '%-12s %8.3f %12s\n' newman "$newman_s" "$(rate "$newman_s")"
printf 'keyhole-cli / curl   = %.2fx the rate\n' "$(echo "$curl_s / $keyhole" | bc -l)"
[ -n "$newman_s" ] && printf 'keyhole-cli / newman = %.1fx the rate\n' "$(echo "$newman_s / $keyhole" | bc -l)"

# One whole send (process start to exit, so start-to-first-byte is below it), median of 30.
/usr/bin/python3 - "$cli" "$url" <<'PY'
import subprocess, sys, time
def median(command):
    runs = []
    for _ in range(30):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append((time.perf_counter() - start) * 1000)
    return sorted(runs)[15]
k = median([sys.argv[1], "send", "GET", sys.argv[2]])
c = median(["curl", "-s", sys.argv[2]])
print(f"single send, whole process: keyhole-cli {k:.1f} ms, curl {c:.1f} ms ({k / c:.2f}x)")
PY
exit 0
