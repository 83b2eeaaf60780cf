#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Keyhole::Http {

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1, formerly RFC 7235).
struct Challenge {
    QByteArray scheme;                           // as sent (compare case-insensitively)
    QByteArray token68;                          // e.g. the "abc==" of "Negotiate abc=="
    QList<QPair<QByteArray, QByteArray>> params; // names lower-cased, values unquoted

    QByteArray param(const QByteArray& name) const;
};

// Parses every challenge in a header value: several challenges separated by commas,
// auth-params with quoted strings and escapes, token68. Tolerates the sloppy forms servers
// send (AWS API Gateway's params without commas). Never fails: junk yields what could be read.
QList<Challenge> parseChallenges(const QByteArray& value);

} // namespace Keyhole::Http
