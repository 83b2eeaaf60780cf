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

/usr/bin/python3 tests/bench/make-postman.py "$n" "$work/big.postman_collection.json"
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

# Where the time goes: the same number of files, in as many folders, merely created by Python
# (the disk's own cost), and keyhole-cli's CPU time.
t3=$(now)
/usr/bin/python3 - "$work/touch" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    folder = os.path.join(root, "folder-%d" % (i % 100))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "r%d.request.json" % i), "x") as f:
        f.write("{}\n")
PY
t4=$(now)
touching=$(echo "$t4 - $t3" | bc -l)
rm -rf "$work/ws2"; "$cli" init "$work/ws2" >/dev/null
cpu=$( { /usr/bin/time -f '%U %S' "$cli" import postman "$work/big.postman_collection.json" --into "$work/ws2" >/dev/null; } 2>&1 | tail -1)
printf '  creating %d empty files (Python, the disk):   %.3f s\n' "$files" "$touching"
printf '  keyhole-cli CPU: user %s s, system %s s\n' ${cpu}
printf '  ratio keyhole/creating the files:              %.2f\n' "$(echo "$keyhole / $touching" | bc -l)"
