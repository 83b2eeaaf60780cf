#pragma once

#include "core/Result.h"
#include "core/http/Exchange.h"
#include "core/model/Assertion.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace Keyhole::Vars {
class Resolver;
}

namespace Keyhole::Assertions {

// One assertion checked against an answer.
struct AssertionResult {
    Model::Assertion assertion; // with `expected` resolved
    bool passed = false;
    QString actual; // the value found ("401", a header value, a JSON value), or empty
    bool found = false;
    QString message; // why it failed ("got 401", "no header X-Id"), empty when it passed
    // Values of secret variables that went into `expected`: mask them wherever it is shown.
    QList<QByteArray> secretValues;
};

// Checks the enabled `assertions` against the final response of `exchange`. {{variables}} in
// expected values are resolved with `resolver` (may be null: taken literally); one that has no
// value fails its assertion, saying so. Without any HTTP answer every assertion fails ("no
// response"); a header or JSON check without its path fails too.
QList<AssertionResult> check(const QList<Model::Assertion>& assertions,
                             const Http::Exchange& exchange, const Vars::Resolver* resolver);

// "status equals 200", "json access exists", "header Content-Type contains json" — the
// form describeAssertion() writes: SOURCE [PATH] OP [EXPECTED...]. Fails naming the word.
Result<Model::Assertion> parseAssertion(const QString& text);

// How many of `results` failed.
qsizetype failures(const QList<AssertionResult>& results);

// `[{"assertion": "status equals 200", "source": "status", "op": "equals", "expected": "200",
//   "passed": false, "actual": "401", "message": "got 401"}]` (path when the source has one).
QJsonArray resultsToJson(const QList<AssertionResult>& results);

// "✓ status equals 200" / "✗ json access exists — no \"access\" in the JSON body".
QString resultLine(const AssertionResult& result);

} // namespace Keyhole::Assertions
