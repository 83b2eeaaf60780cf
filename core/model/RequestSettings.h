#pragma once

#include <QString>

#include <optional>

namespace Keyhole::Model {

// How one request is sent. Each setting left unset takes the sender's default (Keyhole's:
// follow up to 20 redirects, credentials only to the same origin, no https → http, 30 s, TLS
// verified, HTTP/1.1) — and keyhole-cli's flags override what the request says. Saved files
// hold only the settings that are set.
struct RequestSettings {
    std::optional<bool> followRedirects;
    std::optional<int> maxRedirects;
    std::optional<bool> trustRedirects; // send credentials to redirected origins too
    std::optional<bool> allowDowngrade; // follow https → http redirects
    std::optional<int> timeoutMs;       // the whole exchange, every hop
    std::optional<bool> verifyTls;
    std::optional<bool> http2; // allow HTTP/2 (negotiated with ALPN over TLS)
    // "system" (http_proxy/https_proxy/no_proxy, the default), "none", or
    // "http://[user:password@]host:port" / "socks5://…"; may hold {{variables}}.
    std::optional<QString> proxy;
    std::optional<QString> noProxy; // hosts sent directly: "localhost, .internal, 10.0.0.1"

    bool isEmpty() const
    {
        return !followRedirects && !maxRedirects && !trustRedirects && !allowDowngrade &&
               !timeoutMs && !verifyTls && !http2 && !proxy && !noProxy;
    }
    // Each setting `other` sets wins over this one's.
    void overlay(const RequestSettings& other)
    {
        auto take = [](auto& mine, const auto& theirs) {
            if (theirs)
                mine = theirs;
        };
        take(followRedirects, other.followRedirects);
        take(maxRedirects, other.maxRedirects);
        take(trustRedirects, other.trustRedirects);
        take(allowDowngrade, other.allowDowngrade);
        take(timeoutMs, other.timeoutMs);
        take(verifyTls, other.verifyTls);
        take(http2, other.http2);
        take(proxy, other.proxy);
        take(noProxy, other.noProxy);
    }

    friend bool operator==(const RequestSettings&, const RequestSettings&) = default;
};

} // namespace Keyhole::Model
