#pragma once

// JSON fixtures of tst_PostmanImport, kept out of the test class file: moc 6.4 skips a class
// whose file has raw string literals that span lines.

inline constexpr char kFixture0[] = R"({"info": {"name": "A", "schema":
            "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
            "item": [{"name": "r", "request": {"method": "GET", "url": "https://x.test/a",
              "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-API-Key"},
                {"key": "value", "value": "{{key}}"}, {"key": "in", "value": "query"}]}}}]})";

inline constexpr char kFixture1[] = R"({"info": {"name": "B", "schema":
            "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
            "item": [{"name": "r", "request": {"method": "GET", "url": "https://x.test/",
              "auth": {"type": "basic", "basic": {"username": "u", "password": "{{pw}}"}}}},
              {"name": "inherit", "request": {"url": "https://x.test/"}},
              {"name": "none", "request": {"url": "https://x.test/", "auth": {"type": "noauth"}}}]})";

inline constexpr char kFixture2[] = R"({"info": {"name": "U"}, "item": [{"name": "r", "request": {
            "method": "get", "url": {"raw": "{{base}}/users/:id?a=1&b=2#frag",
              "host": ["{{base}}"], "path": ["users", ":id"],
              "query": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"},
                        {"key": "off", "value": "x", "disabled": true}],
              "variable": [{"key": "id", "value": "42"}]}}}]})";

inline constexpr char kFixture3[] = R"({"info": {"name": "B"}, "item": [
          {"name": "raw", "request": {"method": "POST", "url": "https://x.test/",
            "body": {"mode": "raw", "raw": "{\"a\": 1}", "options": {"raw": {"language": "json"}}}}},
          {"name": "form", "request": {"method": "POST", "url": "https://x.test/",
            "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"},
              {"key": "b", "value": "2", "disabled": true}]}}},
          {"name": "multi", "request": {"method": "POST", "url": "https://x.test/",
            "body": {"mode": "formdata", "formdata": [{"key": "t", "value": "v", "type": "text"},
              {"key": "f", "src": "/tmp/a.png", "type": "file"}]}}},
          {"name": "file", "request": {"method": "PUT", "url": "https://x.test/",
            "body": {"mode": "file", "file": {"src": "data.bin"}}}},
          {"name": "gql", "request": {"method": "POST", "url": "https://x.test/",
            "body": {"mode": "graphql", "graphql": {"query": "{ me { id } }",
              "variables": "{\"x\": 1}"}}}}]})";

inline constexpr char kFixture4[] = R"({"info": {"name": "S"}, "item": [{"name": "login",
          "event": [{"listen": "test", "script": {"exec": [
            "var jsonData = pm.response.json();",
            "pm.environment.set(\"token\", jsonData.data.access);",
            "pm.collectionVariables.set('session', pm.response.headers.get('X-Session'));",
            "pm.test('ok', function () { pm.response.to.have.status(200); });"]}}],
          "request": {"method": "POST", "url": "https://x.test/login"}}]})";

inline constexpr char kFixture5[] = R"({"info": {"name": "D"}, "item": [{"name": "d", "request": {
          "url": "https://x.test/", "auth": {"type": "hawk", "hawk": [
            {"key": "authId", "value": "u"}]}}},
          {"name": "g", "request": {"url": "https://x.test/", "auth": {"type": "digest",
            "digest": [{"key": "username", "value": "u"}, {"key": "password", "value": "p"}]}}},
          {"name": "a", "request": {"url": "https://x.test/", "auth": {"type": "awsv4",
            "awsv4": [{"key": "accessKey", "value": "AK"}, {"key": "secretKey", "value": "SK"},
            {"key": "region", "value": "eu-west-1"}, {"key": "service", "value": "s3"}]}}}]})";

inline constexpr char kFixture6[] = R"({"info": 1, "item": [1, "x", null, {"request": 3},
            {"request": {"url": {"raw": 5, "query": 7}, "body": {"mode": "formdata",
            "formdata": [3]}}}]})";

inline constexpr char kFixture7[] = R"({"name": "Staging", "values": [
            {"key": "baseUrl", "value": "https://staging.test", "enabled": true},
            {"key": "apiToken", "value": "abc123", "type": "default", "enabled": true},
            {"key": "pw", "value": "s3cret", "type": "secret", "enabled": true},
            {"key": "off", "value": "1", "enabled": false}],
            "_postman_variable_scope": "environment"})";
