#pragma once

#include "core/model/Variable.h"

#include <QByteArray>
#include <QList>

namespace Keyhole::Vars {

// One variable of two environments side by side (the environment manager's Compare view).
struct VariableComparison {
    enum class State { Same, Different, OnlyLeft, OnlyRight };
    QString name;
    State state = State::Same;
    bool secret = false; // secret on either side: the values shown are masked
    QString left;        // what to show for each side: the value, a masked secret or a note
    QString right;
};

// Compares two environments as a send would see them (current values applied; a disabled
// variable counts as missing, as it does when resolving). Secret values are never shown: they
// are compared by an HMAC-SHA256 fingerprint keyed with `fingerprintKey` (random per session,
// so a fingerprint on a screenshot reveals nothing) and shown masked with the fingerprint's
// first hex digits, so two equal secrets are visibly equal. A secret whose value is unknown
// (not set, or the store closed) is "not set" and differs from everything set.
// Rows: the left environment's variables in order, then the right's own.
QList<VariableComparison> compareEnvironments(const Model::Environment& left,
                                              const Model::Environment& right,
                                              const QByteArray& fingerprintKey);

// A short fingerprint of a secret value: the first 8 hex digits of HMAC-SHA256(key, value).
QString secretFingerprint(const QByteArray& key, const QString& value);

} // namespace Keyhole::Vars
