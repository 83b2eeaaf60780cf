#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Keyhole::Model {

// A check of a request's answer, run after every send: "status equals 200", "json access
// exists", "header Content-Type contains json", "time lessThan 500". `expected` may hold
// {{variables}}. Saved as `{"source": "json", "path": "access", "op": "exists"}`.
struct Assertion {
    enum class Source { Status, Header, Json, Body, Time, Size };
    enum class Op {
        Equals,
        NotEquals,
        Contains,
        NotContains,
        Matches, // a regular expression found in the value
        Exists,
        NotExists,
        LessThan,
        GreaterThan,
    };
    Source source = Source::Status;
    QString path; // header: its name; json: "access", "items[0].id" or a JSON pointer
    Op op = Op::Equals;
    QString expected; // status: "200" or a class "2xx"; time in ms; size in bytes
    bool enabled = true;

    friend bool operator==(const Assertion&, const Assertion&) = default;
};

// Stable names used in files, on the command line and in JSON output.
QString assertionSourceName(Assertion::Source source);
std::optional<Assertion::Source> assertionSourceFromName(const QString& name);
QString assertionOpName(Assertion::Op op);
std::optional<Assertion::Op> assertionOpFromName(const QString& name);
// Whether `op` compares with an expected value (exists and notExists do not).
bool assertionOpTakesValue(Assertion::Op op);
// Whether `source` needs a path (a header name or a JSON path).
bool assertionSourceTakesPath(Assertion::Source source);
// "json access exists", "status equals 2xx" — as the user reads it.
QString describeAssertion(const Assertion& assertion);

} // namespace Keyhole::Model
