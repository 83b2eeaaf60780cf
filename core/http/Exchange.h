#pragma once

#include "core/http/WireModel.h"
#include "core/model/PreparedRequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Keyhole::Http {

using Model::HeaderField;
using Model::HeaderFields;

// Transport outcome, kept apart from the HTTP outcome: a 401 is a successful exchange.
enum class TransportErrorKind {
    None,
    Dns,
    Refused,
    Timeout,
    Tls,
    Reset,
    Cancelled,
    TooLarge,
    Redirects, // more redirects than allowed, or a redirect that may not be followed
    Other
};
QString transportErrorKindName(TransportErrorKind kind); // "dns", "refused", ...

struct TransportError {
    TransportErrorKind kind = TransportErrorKind::None;
    QString message; // Qt's own message, for the person

    bool isError() const { return kind != TransportErrorKind::None; }
};

struct HopRequest {
    QByteArray method;
    QUrl url;
    HeaderFields headers; // the request's own headers (what a redirect carries over)
    QByteArray body;
    // What went on the wire: request-target and every header line in order, each marked with
    // who put it there (see WireModel). Raw::requestBytes() turns them into the exact bytes.
    QByteArray target;
    QList<WireHeader> wireHeaders;
};

struct HopResponse {
    bool received = false; // false when no status line arrived
    int status = 0;
    QByteArray reason;
    QByteArray httpVersion; // "HTTP/1.1", "HTTP/2"
    HeaderFields headers;   // in received order (Qt joins repeats except Set-Cookie, see notes)
    QByteArray body;        // exactly as received (still content-encoded)
    QByteArray decodedBody; // Content-Encoding undone; equals body when there was none
    QString decodeError;    // why decoding failed (then decodedBody is the received body)
};

// Milliseconds from the hop's start (the request handed to the network layer); -1 when the
// phase did not happen. Qt 6.4 has no DNS timing: Keyhole looks the host name up itself
// before handing the request over (dnsMs); Qt's host cache then answers the network layer.
struct HopTimings {
    QDateTime started;             // wall clock, UTC
    double dnsMs = -1;             // Keyhole's own host lookup done (-1: an IP address)
    double connectStartedMs = -1;  // socket started connecting (after queueing and DNS)
    double encryptedMs = -1;       // TLS handshake done
    double requestSentMs = -1;     // last request byte written
    double headersMs = -1;         // response head received (first byte, as Qt reports it)
    double totalMs = -1;           // last body byte
    bool connectionReused = false; // no connect phase: a kept-alive connection was used
};

struct CertificateInfo {
    QString subject;
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList subjectAlternativeNames;
    QByteArray sha256; // hex, lower-case
};

// The TLS session of a hop (empty for plain http).
struct TlsInfo {
    bool used = false;
    QString protocol;
    QString cipher;
    QList<CertificateInfo> peerChain; // leaf first
    QStringList errors;               // verification problems reported by the TLS backend
};

// One request/response pair; a redirect starts a new hop.
struct Hop {
    HopRequest request;
    HopResponse response;
    HopTimings timings;
    TlsInfo tls;
    TransportError error;
    // The proxy the hop went through ("http://127.0.0.1:3128", no credentials); empty: direct.
    QString proxy;
    // Why the engine sent this hop: empty for the first; "redirect" or "digest" (answering the
    // server's Digest challenge of the previous hop).
    QByteArray cause;
    // Headers the engine did not carry over from the previous hop, with the reason.
    QList<QPair<QByteArray, QString>> droppedHeaders;
    // With an environment's cookie jar: the cookies it added to this hop's Cookie header, and
    // those the answer's Set-Cookie stored in it (or deleted from it).
    QByteArrayList jarCookiesSent;
    QByteArrayList jarCookiesStored;
};

// The truth of one send: every hop, in order. The final hop is the answer.
struct Exchange {
    QList<Hop> hops;
    QStringList unresolvedVariables; // copied from the PreparedRequest
    QStringList warnings;
    QList<QByteArray> secretValues; // copied from the PreparedRequest; never rendered

    const Hop* finalHop() const { return hops.isEmpty() ? nullptr : &hops.last(); }
    // The final HTTP status, or 0 when no response arrived.
    int finalStatus() const;
    TransportError error() const;
    double totalMs() const;
};

// An HTTP date ("Sun, 22 Nov 2026 18:00:00 GMT", RFC 9110 IMF-fixdate) in UTC, or nothing.
std::optional<QDateTime> parseHttpDate(const QByteArray& text);

// Secret values shorter than this are not masked as substrings (they would garble everything).
inline constexpr qsizetype kShortestMaskedSecret = 4;
// The mask shown instead of a secret value.
inline constexpr char kSecretMask[] =
    "\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2";

// A copy of `exchange` in which every occurrence of a secret value — in URLs, headers and
// bodies, sent and received — is replaced by kSecretMask. What views, logs and exports show
// unless the user asks to reveal secrets.
Exchange redactSecrets(const Exchange& exchange);
// `text` with every secret value masked.
QByteArray redactSecrets(QByteArray text, const QList<QByteArray>& secrets);

// "‹fingerprint 1a2b3c4d›": the first 8 hex digits of the value's SHA-256 — equal credentials
// compare equal, different ones differ, neither can be read back.
QByteArray credentialFingerprint(const QByteArray& value);
// Headers whose values are credentials (Authorization, Cookie, X-CSRFToken, X-API-Key…).
bool isCredentialHeader(const QByteArray& name);
// A credential header's value with the credential fingerprinted and its scheme word kept:
// "Bearer ‹fingerprint 1a2b3c4d›"; a Cookie's or Set-Cookie's values fingerprinted per cookie,
// names and attributes kept. Values already fingerprinted are left as they are, and so is an
// unresolved variable sent literally ("Bearer {{token}}"): no secret, and the telling fact.
QByteArray fingerprintCredential(const QByteArray& name, const QByteArray& value);

// What is kept of an Exchange that outlives the send (history): secret values masked
// (redactSecrets), and credentials a user typed in plain — credential headers, Set-Cookie
// values, token-like query parameters, and token-like members of JSON bodies ("access",
// "refresh_token", "password"…) — fingerprinted. A content-encoded body in which something
// was masked keeps only its decoded, masked form.
// `bodies` false: bodies only have their secret values masked (a view of a big body that
// must not spend seconds on the window's thread).
Exchange maskCredentials(const Exchange& exchange, bool bodies = true);
// `url` with a password and token-like query parameters fingerprinted, as maskCredentials does.
QUrl maskedUrl(const QUrl& url);

} // namespace Keyhole::Http
