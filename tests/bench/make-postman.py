#!/usr/bin/python3
# A generated Postman collection for the benchmarks: N requests (N/100 in each of 100 folders),
# a third of them POSTs with a JSON body, every one with two headers, a query and bearer auth.
# Usage: tests/bench/make-postman.py N OUT.json
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
