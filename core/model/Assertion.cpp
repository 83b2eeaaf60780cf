#include "core/model/Assertion.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Keyhole::Model {
namespace {

using Source = Assertion::Source;
using Op = Assertion::Op;

const std::array<std::pair<Source, const char16_t*>, 6> kSources{{
    {Source::Status, u"status"},
    {Source::Header, u"header"},
    {Source::Json, u"json"},
    {Source::Body, u"body"},
    {Source::Time, u"time"},
    {Source::Size, u"size"},
}};

const std::array<std::pair<Op, const char16_t*>, 9> kOps{{
    {Op::Equals, u"equals"},
    {Op::NotEquals, u"notEquals"},
    {Op::Contains, u"contains"},
    {Op::NotContains, u"notContains"},
    {Op::Matches, u"matches"},
    {Op::Exists, u"exists"},
    {Op::NotExists, u"notExists"},
    {Op::LessThan, u"lessThan"},
    {Op::GreaterThan, u"greaterThan"},
}};

template <typename Table, typename Key>
QString nameIn(const Table& table, Key key)
{
    for (const auto& [k, name] : table)
        if (k == key)
            return QString::fromUtf16(name);
    return {};
}

template <typename Key, typename Table>
std::optional<Key> keyIn(const Table& table, const QString& name)
{
    for (const auto& [k, n] : table)
        if (name == QStringView(n))
            return k;
    return std::nullopt;
}

} // namespace

QString assertionSourceName(Source source)
{
    return nameIn(kSources, source);
}

std::optional<Source> assertionSourceFromName(const QString& name)
{
    return keyIn<Source>(kSources, name);
}

QString assertionOpName(Op op)
{
    return nameIn(kOps, op);
}

std::optional<Op> assertionOpFromName(const QString& name)
{
    return keyIn<Op>(kOps, name);
}

bool assertionOpTakesValue(Op op)
{
    return op != Op::Exists && op != Op::NotExists;
}

bool assertionSourceTakesPath(Source source)
{
    return source == Source::Header || source == Source::Json;
}

QString describeAssertion(const Assertion& assertion)
{
    QString text = assertionSourceName(assertion.source);
    if (assertionSourceTakesPath(assertion.source))
        text += u' ' + assertion.path;
    text += u' ' + assertionOpName(assertion.op);
    if (assertionOpTakesValue(assertion.op))
        text += u' ' + assertion.expected;
    return text;
}

} // namespace Keyhole::Model
