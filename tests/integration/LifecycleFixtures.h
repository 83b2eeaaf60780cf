#pragma once

// The workspace files of the token-lifecycle test, kept out of the test's own file (moc 6.4
// skips a class whose file has raw strings with escaped quotes across lines).
namespace Fixtures {

inline constexpr char kLifecycleFolder[] =
    R"({"schemaVersion": 1, "name": "API", "order": [], "tokenLifecycle": {
                 "loginRequest": "api/login.request.json",
                 "refreshRequest": "api/refresh.request.json",
                 "tokenVariable": "access", "skewSeconds": 0}})";

inline constexpr char kLoginRequest[] = R"({"schemaVersion": 1, "name": "Log in", "method": "POST",
                 "url": "{{baseUrl}}/api/token/",
                 "body": {"kind": "raw", "contentType": "application/json",
                          "text": "{\"username\": \"demo\", \"password\": \"demo\"}"},
                 "extract": [{"from": "json", "path": "access", "variable": "access"},
                             {"from": "json", "path": "refresh", "variable": "refresh"}]})";

inline constexpr char kRefreshRequest[] =
    R"({"schemaVersion": 1, "name": "Refresh", "method": "POST",
                 "url": "{{baseUrl}}/api/token/refresh/",
                 "body": {"kind": "raw", "contentType": "application/json",
                          "text": "{\"refresh\": \"{{refresh}}\"}"},
                 "extract": [{"from": "json", "path": "access", "variable": "access"}]})";

inline constexpr char kItemsRequest[] = R"({"schemaVersion": 1, "name": "Items", "method": "GET",
                 "url": "{{baseUrl}}/api/jwt/items/",
                 "auth": {"kind": "bearer", "token": "{{access}}", "prefix": "Bearer"}})";

} // namespace Fixtures
