#pragma once

#include "core/model/Assertion.h"

#include <QList>
#include <QString>

namespace Keyhole::Interchange {

// A JavaScript string literal for `text` ("…", JSON escapes).
QString javascriptString(const QString& text);

// A JavaScript accessor for a JSON path: `items[0].id` -> `.items[0].id`, `$.a.b` -> `.a.b`,
// a JSON pointer `/a/0/b` -> `["a"][0]["b"]`; keys that are not identifiers are quoted.
QString javascriptAccessor(const QString& path);

// One Postman test for an assertion, as one line:
// pm.test("json access exists", function () { pm.expect(pm.response.json().access).to.exist; });
QString postmanTest(const Model::Assertion& assertion);

// The assertions a Postman test script makes in the forms Keyhole can check itself —
// pm.response.to.have.status(200), pm.response.to.be.ok, pm.response.to.have.header("X"),
// pm.expect(VALUE).to.eql/include/match/exist/be.below/be.above(...) (with .not) where VALUE
// is the status code, a header, the JSON body or a path in it (also through `jsonData`), the
// text, the response time or the size — including every form postmanTest() writes. Anything
// else in the script is ignored.
QList<Model::Assertion> assertionsFromPostmanScript(const QString& source);

} // namespace Keyhole::Interchange
