#pragma once

#include "core/diff/JsonDiff.h"
#include "core/diff/LineDiff.h"
#include "core/model/Folder.h"

#include <QByteArray>
#include <QStringList>

#include <utility>

namespace Keyhole::Http {
struct Hop;
} // namespace Keyhole::Http

namespace Keyhole::Model {
struct PreparedRequest;
} // namespace Keyhole::Model

namespace Keyhole::Diff {

// The lines of an HTTP message (raw request or response) ready to be compared: CRLF line ends
// removed, and credentials (Authorization, Proxy-Authorization, Cookie, Set-Cookie,
// X-CSRFToken values) replaced by a fingerprint — equal credentials compare equal, different
// ones differ, and neither is ever shown.
QStringList messageLines(const QByteArray& raw);

// A summary of how the two messages' headers differ, one line each, auth-relevant headers
// first ("Authorization: scheme Bearer → Token, credential differs"), then others; repeated
// headers and order changes reported separately. Empty when the headers are the same.
QStringList headerSummary(const QStringList& a, const QStringList& b,
                          const QStringList& ignoredHeaders = {});

// Headers whose differences are usually noise (the network layer or the server adds them):
// reported apart, not counted as differences.
bool isNoiseHeader(const QString& lowerName);

// Bodies larger than this (each) are compared line by line only, not parsed as JSON: parsing,
// sorting keys and printing cost about 20 ms per MB on top of the line diff.
inline constexpr qsizetype kLargestStructuralJson = 16 * 1024 * 1024;

// Two raw HTTP messages compared the way the Compare view and `keyhole-cli diff` show them.
struct MessageComparison {
    Lines a; // lines compared: credentials fingerprinted, ignored headers left out,
    Lines b; // JSON bodies pretty-printed without the ignored paths
    LineDiffResult lines;
    QStringList headers;     // headerSummary of the meaningful headers
    QStringList noise;       // names of noise headers that differ
    bool bothJson = false;   // both bodies parsed as JSON: `json` holds the structural diff
    QList<JsonChange> json;  // the first JsonDiffOptions::keepAtMost of them
    qsizetype jsonTotal = 0; // JSON paths that differ, kept or not
    QString note;            // why a part was compared more coarsely ("bodies over 16 MB: ...")
    // Lines deleted or inserted, not counting noise header lines (a differing Date alone
    // leaves two messages equal).
    qsizetype changedLines = 0;

    bool equal() const { return changedLines == 0; }
    // "2 headers differ · 3 JSON paths differ · 6 lines changed" or "identical".
    QString summary() const;
};
MessageComparison compareMessages(const QByteArray& a, const QByteArray& b,
                                  const Model::CompareSettings& settings = {},
                                  const Budget& budget = {});

// A hop's request as compared: the raw request bytes. Its response: status line, headers and
// the decoded body (bodies are compared as the Body view shows them). Empty when no response.
QByteArray comparedRequest(const Http::Hop& hop);
// The raw request Keyhole would send for a prepared request (a request under an environment,
// a pasted curl command), as compared: every secret value — its own and `otherSecrets`, the
// other side's — replaced by its fingerprint wherever it appears (equal values, equal marks:
// two environments' different tokens differ, a curl command's token equal to the
// environment's compares equal, and neither is shown), then credentials masked as history
// masks them (credential headers, token-like query parameters and JSON members).
QByteArray plannedRequest(const Model::PreparedRequest& prepared,
                          const QList<QByteArray>& otherSecrets = {});
// Two prepared requests as compared: each with both sides' secret values fingerprinted.
std::pair<QByteArray, QByteArray> plannedRequests(const Model::PreparedRequest& a,
                                                  const Model::PreparedRequest& b);
QByteArray comparedResponse(const Http::Hop& hop);

} // namespace Keyhole::Diff
