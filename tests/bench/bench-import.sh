#!/usr/bin/env bash
# Benchmark, not a test: import a generated Postman collection of N requests (default 10000,
# 100 folders) into an empty workspace with keyhole-cli (parse, place, write every file), and,
# in the same run, let Postman's own library (postman-collection, Node.js) merely load the same
# file — the baseline.
# Usage: tests/bench/bench-import.sh [N]
n=${1:-10000}
source "$(dirname "$0")/common.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$n" "$work/big.postman_collection.json" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
folders = []
for f in range(100):
    items = []
    for r in range(n // 100):
        items.append({"name": f"Request {f}-{r}", "request": {
            "method": "POST" if r % 3 == 0 else "GET",
            "header": [{"key": "Accept", "value": "application/json"},
                       {"key": "X-Trace", "value": f"t-{f}-{r}"}],
            "url": {"raw": "{{baseUrl}}/items/" + str(r) + "?page=1&size=20",
                    "host": ["{{baseUrl}}"], "path": ["items", str(r)],
                    "query": [{"key": "page", "value": "1"}, {"key": "size", "value": "20"}]},
            "body": {"mode": "raw", "raw": json.dumps({"id": r, "name": "x" * 40}),
                     "options": {"raw": {"language": "json"}}} if r % 3 == 0 else None,
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}}})
    folders.append({"name": f"Folder {f}", "item": items})
json.dump({"info": {"name": "Big", "schema":
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": folders},
    open(out, "w"))
PY
size=$(du -k "$work/big.postman_collection.json" | cut -f1)

now() { date +%s.%N; }
"$cli" init "$work/ws" >/dev/null
t0=$(now)
"$cli" import postman "$work/big.postman_collection.json" --into "$work/ws" >/dev/null
t1=$(now)
NODE_PATH=tests/js/node_modules node -e '
const {Collection} = require("postman-collection");
const c = new Collection(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")));
let n = 0; c.forEachItem(() => n++); if (n === 0) process.exit(1);' "$work/big.postman_collection.json"
t2=$(now)
files=$(find "$work/ws" -name '*.request.json' | wc -l)

keyhole=$(echo "$t1 - $t0" | bc -l)
baseline=$(echo "$t2 - $t1" | bc -l)
printf 'Postman collection: %d requests, %d KB\n' "$n" "$size"
printf '  keyhole-cli import (parse + %d files written): %.3f s\n' "$files" "$keyhole"
printf '  postman-collection load only (Node.js):        %.3f s\n' "$baseline"
printf '  ratio keyhole/postman-collection:              %.2f\n' "$(echo "$keyhole / $baseline" | bc -l)"
