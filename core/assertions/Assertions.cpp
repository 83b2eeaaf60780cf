#include "core/assertions/Assertions.h"

#include "core/model/JsonPath.h"
#include "core/vars/Resolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Keyhole::Assertions {
namespace {

using Source = Model::Assertion::Source;
using Op = Model::Assertion::Op;

// What the assertion looks at in the answer.
struct Actual {
    std::optional<QString> text;
    std::optional<QJsonValue> json; // for json assertions: the value found
    QString missing;                // why there is no value
};

Actual actualOf(const Model::Assertion& assertion, const Http::Exchange& exchange,
                const Http::Hop& hop, std::optional<QJsonDocument>& document)
{
    const Http::HopResponse& response = hop.response;
    switch (assertion.source) {
    case Source::Status:
        return {QString::number(response.status), std::nullopt, {}};
    case Source::Header: {
        QStringList values;
        for (const Model::HeaderField& header : response.headers)
            if (header.name.compare(assertion.path.toLatin1(), Qt::CaseInsensitive) == 0)
                values.append(QString::fromUtf8(header.value));
        if (values.isEmpty())
            return {std::nullopt, std::nullopt,
                    QObject::tr("no header %1 in the response").arg(assertion.path)};
        return {values.join(u", "_s), std::nullopt, {}};
    }
    case Source::Json: {
        if (!document) {
            QJsonParseError error{};
            document = QJsonDocument::fromJson(response.decodedBody, &error);
            if (error.error != QJsonParseError::NoError)
                document = QJsonDocument();
        }
        if (document->isNull())
            return {std::nullopt, std::nullopt, QObject::tr("the body is not JSON")};
        const QJsonValue root =
            document->isArray() ? QJsonValue(document->array()) : QJsonValue(document->object());
        const std::optional<QJsonValue> found = Model::followJsonPath(root, assertion.path);
        if (!found)
            return {std::nullopt, std::nullopt,
                    QObject::tr("no \"%1\" in the JSON body").arg(assertion.path)};
        return {Model::jsonValueText(*found), found, {}};
    }
    case Source::Body:
        return {QString::fromUtf8(response.decodedBody), std::nullopt, {}};
    case Source::Time:
        return {QString::number(qRound64(exchange.totalMs())), std::nullopt, {}};
    case Source::Size:
        return {QString::number(response.decodedBody.size()), std::nullopt, {}};
    }
    return {};
}

// "2xx", "4XX": a status class.
bool statusClassMatches(const QString& expected, const QString& status)
{
    static const QRegularExpression pattern(u"^[1-5][xX]{2}$"_s);
    return pattern.match(expected).hasMatch() && status.size() == 3 && status[0] == expected[0];
}

// Equality as a person means it: a JSON value compared as JSON when the expected text is
// JSON of the same kind (1 == 1.0, {"a":1} whatever the spacing), else as text.
bool equal(const Model::Assertion& assertion, const Actual& actual, const QString& expected)
{
    if (assertion.source == Source::Status && statusClassMatches(expected, *actual.text))
        return true;
    if (actual.json && !actual.json->isString()) {
        const QJsonDocument parsed = QJsonDocument::fromJson("[" + expected.toUtf8() + "]");
        if (parsed.isArray() && parsed.array().size() == 1) {
            const QJsonValue wanted = parsed.array().at(0);
            if (wanted.isDouble() && actual.json->isDouble())
                return wanted.toDouble() == actual.json->toDouble();
            return wanted == *actual.json;
        }
    }
    return *actual.text == expected;
}

std::optional<double> number(const QString& text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

QList<AssertionResult> check(const QList<Model::Assertion>& assertions,
                             const Http::Exchange& exchange, const Vars::Resolver* resolver)
{
    QList<AssertionResult> results;
    const Http::Hop* hop = exchange.finalHop();
    const bool answered = hop && hop->response.received;
    std::optional<QJsonDocument> document;
    for (const Model::Assertion& assertion : assertions) {
        if (!assertion.enabled)
            continue;
        AssertionResult result;
        result.assertion = assertion;
        QStringList unresolved;
        if (resolver) {
            const Vars::Resolved resolved = resolver->resolve(assertion.expected);
            result.assertion.expected = resolved.text;
            unresolved = resolved.unresolved;
            for (const QString& secret : resolved.secretValues)
                result.secretValues.append(secret.toUtf8());
        }
        const QString& expected = result.assertion.expected;
        if (!answered) {
            result.message = QObject::tr("no response");
            results.append(result);
            continue;
        }
        if (!unresolved.isEmpty()) {
            result.message =
                QObject::tr("{{%1}} has no value here").arg(unresolved.join(QObject::tr("}}, {{")));
            results.append(result);
            continue;
        }
        if (Model::assertionSourceTakesPath(assertion.source) &&
            assertion.path.trimmed().isEmpty()) {
            result.message = assertion.source == Source::Header
                                 ? QObject::tr("which header? Its name is missing")
                                 : QObject::tr("which JSON value? Its path is missing ($ for "
                                               "the whole body)");
            results.append(result);
            continue;
        }
        const Actual actual = actualOf(assertion, exchange, *hop, document);
        result.found = actual.text.has_value();
        result.actual = actual.text.value_or(QString());
        const QString shown =
            result.actual.size() > 200 ? result.actual.left(200) + u'…' : result.actual;
        const QString got = QObject::tr("got %1").arg(shown);
        switch (assertion.op) {
        case Op::Exists:
            result.passed = result.found;
            result.message = actual.missing;
            break;
        case Op::NotExists:
            result.passed = !result.found;
            result.message = QObject::tr("it is there: %1").arg(shown);
            break;
        case Op::Equals:
            result.passed = result.found && equal(assertion, actual, expected);
            result.message = result.found ? got : actual.missing;
            break;
        case Op::NotEquals:
            result.passed = !result.found || !equal(assertion, actual, expected);
            result.message = got;
            break;
        case Op::Contains:
            result.passed = result.found && result.actual.contains(expected);
            result.message = result.found ? got : actual.missing;
            break;
        case Op::NotContains:
            result.passed = !result.found || !result.actual.contains(expected);
            result.message = got;
            break;
        case Op::Matches: {
            const QRegularExpression pattern(expected);
            if (!pattern.isValid()) {
                result.message =
                    QObject::tr("not a valid regular expression: %1").arg(pattern.errorString());
                break;
            }
            result.passed = result.found && pattern.match(result.actual).hasMatch();
            result.message = result.found ? got : actual.missing;
            break;
        }
        case Op::LessThan:
        case Op::GreaterThan: {
            const std::optional<double> have = number(result.actual);
            const std::optional<double> want = number(expected);
            if (!result.found) {
                result.message = actual.missing;
            } else if (!have || !want) {
                result.message = QObject::tr("not numbers: %1 and %2").arg(result.actual, expected);
            } else {
                result.passed = assertion.op == Op::LessThan ? *have < *want : *have > *want;
                result.message = got;
            }
            break;
        }
        }
        if (result.passed)
            result.message.clear();
        results.append(result);
    }
    return results;
}

Result<Model::Assertion> parseAssertion(const QString& text)
{
    static const QRegularExpression word(u"\\S+"_s);
    QList<QRegularExpressionMatch> words;
    QRegularExpressionMatchIterator it = word.globalMatch(text);
    while (it.hasNext())
        words.append(it.next());
    auto wrong = [&text](const QString& message) {
        return Error{u"assert.syntax"_s, message, text};
    };
    if (words.isEmpty())
        return wrong(QObject::tr("expected SOURCE [PATH] OP [EXPECTED], e.g. \"status equals "
                                 "200\""));
    Model::Assertion assertion;
    const std::optional<Source> source = Model::assertionSourceFromName(words[0].captured());
    if (!source)
        return wrong(QObject::tr("\"%1\" is not a source: status, header, json, body, time or "
                                 "size")
                         .arg(words[0].captured()));
    assertion.source = *source;
    qsizetype next = 1;
    if (Model::assertionSourceTakesPath(*source)) {
        if (words.size() < 2)
            return wrong(QObject::tr("%1 needs a %2")
                             .arg(words[0].captured(), *source == Source::Header
                                                           ? QObject::tr("header name")
                                                           : QObject::tr("JSON path")));
        assertion.path = words[next++].captured();
    }
    if (next >= words.size())
        return wrong(QObject::tr("an operator is missing: equals, notEquals, contains, "
                                 "notContains, matches, exists, notExists, lessThan, greaterThan"));
    const std::optional<Op> op = Model::assertionOpFromName(words[next].captured());
    if (!op)
        return wrong(QObject::tr("\"%1\" is not an operator: equals, notEquals, contains, "
                                 "notContains, matches, exists, notExists, lessThan, greaterThan")
                         .arg(words[next].captured()));
    assertion.op = *op;
    ++next;
    if (Model::assertionOpTakesValue(*op)) {
        if (next >= words.size())
            return wrong(QObject::tr("%1 needs a value").arg(words[next - 1].captured()));
        assertion.expected = text.mid(words[next].capturedStart()).trimmed();
    } else if (next < words.size()) {
        return wrong(QObject::tr("%1 takes no value: \"%2\" is one word too many")
                         .arg(words[next - 1].captured(), words[next].captured()));
    }
    return assertion;
}

qsizetype failures(const QList<AssertionResult>& results)
{
    return std::count_if(results.begin(), results.end(),
                         [](const AssertionResult& r) { return !r.passed; });
}

QJsonArray resultsToJson(const QList<AssertionResult>& results)
{
    QJsonArray array;
    for (const AssertionResult& result : results) {
        const Model::Assertion& a = result.assertion;
        QJsonObject object{{u"assertion"_s, Model::describeAssertion(a)},
                           {u"source"_s, Model::assertionSourceName(a.source)},
                           {u"op"_s, Model::assertionOpName(a.op)},
                           {u"passed"_s, result.passed}};
        if (Model::assertionSourceTakesPath(a.source))
            object.insert(u"path"_s, a.path);
        if (Model::assertionOpTakesValue(a.op))
            object.insert(u"expected"_s, a.expected);
        object.insert(u"actual"_s, result.found ? QJsonValue(result.actual) : QJsonValue());
        if (!result.passed)
            object.insert(u"message"_s, result.message);
        array.append(object);
    }
    return array;
}

QString resultLine(const AssertionResult& result)
{
    const QString described = Model::describeAssertion(result.assertion);
    if (result.passed)
        return u"✓ "_s + described;
    return u"✗ "_s + described + u" — "_s + result.message;
}

} // namespace Keyhole::Assertions
