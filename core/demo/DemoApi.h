#pragma once

#include "core/demo/LoopbackServer.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>

namespace Keyhole::Demo {

// A tiny API that answers like Django REST Framework + SimpleJWT (default settings:
// AUTH_HEADER_TYPES = ("Bearer",), JWTAuthentication first), with the exact messages those
// send, so that the sample workspace shows real failures offline. Routes:
//   GET  /api/health/  200 {"status": "ok"}
//   POST /api/token/   {"username": "demo", "password": "demo"} → {"refresh", "access"}
//   GET  /api/items/   needs "Authorization: Bearer <access>"
// It is a demo; the integration tests use the real servers.
class DemoApi final {
public:
    using Clock = std::function<QDateTime()>;
    explicit DemoApi(Clock clock = &QDateTime::currentDateTimeUtc);

    ServerResponse handle(const Raw::ParsedRequest& request) const;

    // A signed token of `type` ("access" or "refresh") valid for `lifetimeSeconds`.
    QByteArray issueToken(const QByteArray& type, qint64 lifetimeSeconds) const;

    static constexpr qint64 kAccessLifetimeSeconds = 300;

private:
    ServerResponse login(const Raw::ParsedRequest& request) const;
    ServerResponse items(const Raw::ParsedRequest& request) const;
    // The SimpleJWT reason a token is refused, or an empty string when it is a valid access
    // token.
    QByteArray tokenProblem(const QByteArray& token) const;

    Clock m_clock;
};

} // namespace Keyhole::Demo
