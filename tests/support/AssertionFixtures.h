#pragma once

// Assertions of every source and operator, for the tests of their Postman form (unit) and of
// newman running them (integration). Every one passes against kCheckedAnswer.
#include "core/model/Assertion.h"

#include <QByteArray>

namespace Keyhole::Testing {

using namespace Qt::StringLiterals;
using Source = Model::Assertion::Source;
using Op = Model::Assertion::Op;

inline Model::Assertion makeAssertion(Source source, const QString& path, Op op,
                                      const QString& expected = {})
{
    Model::Assertion a;
    a.source = source;
    a.path = path;
    a.op = op;
    a.expected = expected;
    return a;
}

// One of each source and operator, in the shapes people write.
inline QList<Model::Assertion> everyKind()
{
    return {makeAssertion(Source::Status, {}, Op::Equals, u"200"_s),
            makeAssertion(Source::Status, {}, Op::Equals, u"2xx"_s),
            makeAssertion(Source::Status, {}, Op::NotEquals, u"5xx"_s),
            makeAssertion(Source::Status, {}, Op::LessThan, u"300"_s),
            makeAssertion(Source::Header, u"Content-Type"_s, Op::Contains, u"json"_s),
            makeAssertion(Source::Header, u"X-Id"_s, Op::Exists),
            makeAssertion(Source::Header, u"X-Gone"_s, Op::NotExists),
            makeAssertion(Source::Header, u"X-Mode"_s, Op::NotEquals, u"debug"_s),
            makeAssertion(Source::Json, u"access"_s, Op::Exists),
            makeAssertion(Source::Json, u"$"_s, Op::Exists),
            makeAssertion(Source::Json, u"refresh"_s, Op::NotExists),
            makeAssertion(Source::Json, u"items[0].id"_s, Op::Equals, u"5"_s),
            makeAssertion(Source::Json, u"items[1].name"_s, Op::Equals, u"it's \"two\""_s),
            makeAssertion(Source::Json, u"content-type"_s, Op::Equals, u"x"_s),
            makeAssertion(Source::Json, u"admin"_s, Op::Equals, u"false"_s),
            makeAssertion(Source::Json, u"meta"_s, Op::Equals, u"{\"page\":1}"_s),
            makeAssertion(Source::Json, u"access"_s, Op::Equals, u"{{token}}"_s),
            makeAssertion(Source::Json, u"count"_s, Op::GreaterThan, u"1"_s),
            makeAssertion(Source::Body, {}, Op::Matches, u"\"ok\":\\s*true"_s),
            makeAssertion(Source::Body, {}, Op::NotContains, u"error"_s),
            makeAssertion(Source::Time, {}, Op::LessThan, u"500"_s),
            makeAssertion(Source::Size, {}, Op::GreaterThan, u"0"_s)};
}

// An answer every assertion of everyKind() passes against (with {{token}} = "eyJ").
inline const QByteArray kCheckedAnswer =
    "{\"access\": \"eyJ\", \"count\": 2, \"admin\": false, \"ok\": true, "
    "\"content-type\": \"x\", \"meta\": {\"page\": 1}, "
    "\"items\": [{\"id\": 5}, {\"id\": 7, \"name\": \"it's \\\"two\\\"\"}]}";

} // namespace Keyhole::Testing
