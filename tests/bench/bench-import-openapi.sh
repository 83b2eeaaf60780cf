#!/usr/bin/env bash
# Benchmark, not a test: import a generated OpenAPI 3.0 YAML spec of N operations (default
# 10000: N/4 paths, 20 tags, a shared $ref'd schema, parameters, bearer security) into an empty
# workspace with keyhole-cli (YAML parse, $refs, example bodies, place, write every file), and,
# in the same run, let Debian's PyYAML with its libyaml C loader merely load the same file —
# the baseline.
# Usage: tests/bench/bench-import-openapi.sh [N]
n=${1:-10000}
source "$(dirname "$0")/common.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$n" "$work/big.yaml" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
lines = ["openapi: 3.0.3", "info: {title: Big, version: '1'}",
         "servers: [{url: 'http://127.0.0.1:8000/api'}]", "security: [{jwt: []}]", "paths:"]
for p in range(n // 4):
    lines += [f"  /items{p}/{{id}}:",
              "    parameters: [{name: id, in: path, required: true, example: 7, schema: {type: integer}}]"]
    for method in ("get", "put", "patch", "delete"):
        lines += [f"    {method}:", f"      tags: [tag{p % 20}]", f"      summary: {method} item {p}",
                  f"      operationId: {method}Item{p}",
                  "      parameters: [{name: q, in: query, schema: {type: string, example: lamp}}]"]
        if method in ("put", "patch"):
            lines += ["      requestBody:", "        content:", "          application/json:",
                      "            schema: {$ref: '#/components/schemas/Item'}"]
        lines += ["      responses:", "        '200':", "          description: OK",
                  "          content: {application/json: {schema: {$ref: '#/components/schemas/Item'}}}"]
lines += ["components:", "  securitySchemes: {jwt: {type: http, scheme: bearer}}", "  schemas:",
          "    Item:", "      type: object", "      properties:",
          "        id: {type: integer, readOnly: true}", "        name: {type: string, example: Lamp}",
          "        price: {type: number}", "        tags: {type: array, items: {type: string}}"]
open(out, "w").write("\n".join(lines) + "\n")
PY
size=$(du -k "$work/big.yaml" | cut -f1)

now() { date +%s.%N; }
"$cli" init "$work/ws" >/dev/null
t0=$(now)
"$cli" import openapi "$work/big.yaml" --into "$work/ws" >/dev/null
t1=$(now)
/usr/bin/python3 -c '
import sys, yaml
doc = yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)
assert len(doc["paths"]) > 0' "$work/big.yaml"
t2=$(now)
files=$(find "$work/ws" -name '*.request.json' | wc -l)

keyhole=$(echo "$t1 - $t0" | bc -l)
baseline=$(echo "$t2 - $t1" | bc -l)
printf 'OpenAPI 3.0 YAML: %d operations, %d KB\n' "$n" "$size"
printf '  keyhole-cli import (parse + %d files written): %.3f s\n' "$files" "$keyhole"
printf '  PyYAML CSafeLoader load only (libyaml):         %.3f s\n' "$baseline"
printf '  ratio keyhole/PyYAML:                           %.2f\n' "$(echo "$keyhole / $baseline" | bc -l)"
