#pragma once

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

    bool isEmpty() const
    {
        return !followRedirects && !maxRedirects && !trustRedirects && !allowDowngrade &&
               !timeoutMs && !verifyTls && !http2;
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
    }

    friend bool operator==(const RequestSettings&, const RequestSettings&) = default;
};

} // namespace Keyhole::Model
