#include "core/interchange/PostmanTests.h"

#include "core/model/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Keyhole::Interchange {
namespace {

using Source = Model::Assertion::Source;
using Op = Model::Assertion::Op;

bool isIdentifier(const QString& key)
{
    static const QRegularExpression identifier(u"^[A-Za-z_$][\\w$]*$"_s);
    return identifier.match(key).hasMatch();
}

// The JavaScript expression of what an assertion looks at.
QString valueExpression(const Model::Assertion& assertion)
{
    switch (assertion.source) {
    case Source::Status:
        return u"pm.response.code"_s;
    case Source::Header:
        return u"pm.response.headers.get(%1)"_s.arg(javascriptString(assertion.path));
    case Source::Json:
        return u"pm.response.json()"_s + javascriptAccessor(assertion.path);
    case Source::Body:
        return u"pm.response.text()"_s;
    case Source::Time:
        return u"pm.response.responseTime"_s;
    case Source::Size:
        return u"pm.response.size().body"_s;
    }
    return {};
}

// The expected value as a JavaScript literal of the type Postman's value has.
QString expectedLiteral(const Model::Assertion& assertion)
{
    const QString& expected = assertion.expected;
    const bool numeric = assertion.source == Source::Status || assertion.source == Source::Time ||
                         assertion.source == Source::Size || assertion.op == Op::LessThan ||
                         assertion.op == Op::GreaterThan;
    if (expected.contains(u"{{"_s)) {
        const QString replaced = u"pm.variables.replaceIn(%1)"_s.arg(javascriptString(expected));
        return numeric ? u"Number(%1)"_s.arg(replaced) : replaced;
    }
    bool isNumber = false;
    expected.trimmed().toDouble(&isNumber);
    if (numeric && isNumber)
        return expected.trimmed();
    if (assertion.source == Source::Json &&
        (assertion.op == Op::Equals || assertion.op == Op::NotEquals)) {
        const QJsonDocument parsed = QJsonDocument::fromJson("[" + expected.toUtf8() + "]");
        if (parsed.isArray() && parsed.array().size() == 1 && !parsed.array().at(0).isString())
            return expected.trimmed(); // a number, true/false/null, an object or an array
    }
    return javascriptString(expected);
}

// --- reading scripts -----------------------------------------------------------------------

// The text between the parenthesis at `open` and its match (strings skipped), or nothing.
std::optional<QString> balanced(const QString& text, qsizetype open, qsizetype* end)
{
    int depth = 0;
    QChar quote;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'"' || c == u'\'' || c == u'`') {
            quote = c;
        } else if (c == u'(') {
            ++depth;
        } else if (c == u')' && --depth == 0) {
            *end = i + 1;
            return text.mid(open + 1, i - open - 1);
        }
    }
    return std::nullopt;
}

// A string literal ('…' or "…") as its text.
std::optional<QString> stringLiteral(const QString& text)
{
    const QString t = text.trimmed();
    if (t.size() < 2 || (t[0] != u'"' && t[0] != u'\'') || t.back() != t[0])
        return std::nullopt;
    QString body = t.mid(1, t.size() - 2);
    // One literal, not 'a' + b + 'c': no unescaped quote of its kind inside.
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body[i] == u'\\')
            ++i;
        else if (body[i] == t[0])
            return std::nullopt;
    }
    if (t[0] == u'\'')
        body.replace(u"\\'"_s, u"'"_s).replace(u"\""_s, u"\\\""_s);
    const QJsonDocument parsed =
        QJsonDocument::fromJson(QString(u"[\""_s + body + u"\"]"_s).toUtf8());
    if (!parsed.isArray() || parsed.array().size() != 1)
        return std::nullopt;
    return parsed.array().at(0).toString();
}

// A literal argument as Keyhole's expected text: numbers, strings, true/false/null, JSON
// objects and arrays, pm.variables.replaceIn("…"), pm.environment.get("x") → {{x}}, regular
// expressions (/…/ or new RegExp("…")) as their pattern.
std::optional<QString> literal(const QString& argument)
{
    const QString t = argument.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    if (const std::optional<QString> text = stringLiteral(t))
        return text;
    static const QRegularExpression call(
        uR"(^(pm\.variables\.replaceIn|new RegExp|RegExp|pm\.(?:environment|variables|collectionVariables|globals)\.get)\((.*)\)$)"_s);
    if (const QRegularExpressionMatch match = call.match(t); match.hasMatch()) {
        const std::optional<QString> inner = stringLiteral(match.captured(2));
        if (!inner)
            return std::nullopt;
        return match.captured(1).endsWith(u".get"_s) ? u"{{"_s + *inner + u"}}"_s : *inner;
    }
    static const QRegularExpression regex(u"^/((?:[^/\\\\]|\\\\.)+)/([a-z]*)$"_s);
    if (const QRegularExpressionMatch match = regex.match(t); match.hasMatch()) {
        const QString pattern = match.captured(1).replace(u"\\/"_s, u"/"_s);
        return match.captured(2).contains(u'i') ? u"(?i)"_s + pattern : pattern;
    }
    const QJsonDocument parsed = QJsonDocument::fromJson("[" + t.toUtf8() + "]");
    if (parsed.isArray() && parsed.array().size() == 1)
        return t;
    return std::nullopt;
}

// Marks `Math.floor(pm.response.code / 100)`: a status class (never a JSON path).
const QString kStatusClass = QStringLiteral("#status-class");

// What `pm.expect(VALUE)` looks at: the source and path, or nothing.
std::optional<Model::Assertion> subject(const QString& value)
{
    const QString v = value.trimmed();
    Model::Assertion assertion;
    static const QRegularExpression statusClass(
        u"^Math\\.floor\\(\\s*pm\\.response\\.code\\s*/\\s*100\\s*\\)$"_s);
    if (v == u"pm.response.code" || v == u"responseCode.code") {
        assertion.source = Source::Status;
    } else if (statusClass.match(v).hasMatch()) {
        assertion.source = Source::Status;
        assertion.path = kStatusClass; // (cleared by the caller)
    } else if (v == u"pm.response.text()" || v == u"responseBody") {
        assertion.source = Source::Body;
    } else if (v == u"pm.response.responseTime" || v == u"responseTime") {
        assertion.source = Source::Time;
    } else if (v == u"pm.response.size().body") {
        assertion.source = Source::Size;
    } else {
        static const QRegularExpression header(
            uR"(^pm\.response\.headers\.get\(\s*(["'][^"']+["'])\s*\)$)"_s);
        static const QRegularExpression json(
            uR"(^(?:pm\.response\.json\(\)|JSON\.parse\(responseBody\)|jsonData|data|json|response|res|body)((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\[["'][^"']+["']\])*)$)"_s);
        if (const QRegularExpressionMatch match = header.match(v); match.hasMatch()) {
            assertion.source = Source::Header;
            assertion.path = stringLiteral(match.captured(1)).value_or(QString());
        } else if (const QRegularExpressionMatch path = json.match(v);
                   path.hasMatch() && path.captured(1).isEmpty() &&
                   (v.startsWith(u"pm.response.json"_s) || v.startsWith(u"JSON.parse"_s) ||
                    v == u"jsonData")) {
            assertion.source = Source::Json;
            assertion.path = u"$"_s; // the whole body
        } else if (path.hasMatch() && !path.captured(1).isEmpty()) {
            QString steps = path.captured(1);
            static const QRegularExpression quotedKey(uR"(\[["']([^"']+)["']\])"_s);
            steps.replace(quotedKey, u".\\1"_s);
            assertion.source = Source::Json;
            assertion.path = steps.mid(steps.startsWith(u'.') ? 1 : 0);
        } else {
            return std::nullopt;
        }
    }
    return assertion;
}

// The chain after pm.expect(…): ".to.not.eql(5)", ".to.exist", ".to.be.below(500)".
bool applyChain(const QString& text, qsizetype from, Model::Assertion& assertion)
{
    static const QRegularExpression step(u"\\s*\\.\\s*([A-Za-z]+)"_s);
    bool negated = false;
    qsizetype at = from;
    while (true) {
        const QRegularExpressionMatch match =
            step.match(text, at, QRegularExpression::NormalMatch,
                       QRegularExpression::AnchorAtOffsetMatchOption);
        if (!match.hasMatch())
            return false;
        const QString word = match.captured(1);
        at = match.capturedEnd();
        static const QStringList language{u"to"_s,    u"be"_s,  u"been"_s, u"is"_s,   u"that"_s,
                                          u"which"_s, u"and"_s, u"has"_s,  u"have"_s, u"with"_s,
                                          u"at"_s,    u"of"_s,  u"same"_s, u"deep"_s, u"does"_s};
        if (language.contains(word))
            continue;
        if (word == u"not") {
            negated = !negated;
            continue;
        }
        std::optional<QString> argument;
        qsizetype end = at;
        while (end < text.size() && text[end].isSpace())
            ++end;
        if (end < text.size() && text[end] == u'(') {
            qsizetype after = end;
            const std::optional<QString> inside = balanced(text, end, &after);
            if (!inside)
                return false;
            argument = literal(*inside);
            if (!argument && !inside->trimmed().isEmpty())
                return false; // an argument Keyhole cannot read
        }
        const QStringList equal{u"eql"_s, u"equal"_s, u"equals"_s, u"eq"_s};
        const QStringList include{u"include"_s, u"includes"_s, u"contain"_s, u"contains"_s};
        if (equal.contains(word) && argument) {
            assertion.op = negated ? Op::NotEquals : Op::Equals;
        } else if (include.contains(word) && argument) {
            assertion.op = negated ? Op::NotContains : Op::Contains;
        } else if (word == u"match" && argument && !negated) {
            assertion.op = Op::Matches;
        } else if (word == u"exist" || word == u"exists") {
            assertion.op = negated ? Op::NotExists : Op::Exists;
            return true;
        } else if ((word == u"below" || word == u"lessThan" || word == u"lt") && argument &&
                   !negated) {
            assertion.op = Op::LessThan;
        } else if ((word == u"above" || word == u"greaterThan" || word == u"gt") && argument &&
                   !negated) {
            assertion.op = Op::GreaterThan;
        } else {
            return false;
        }
        assertion.expected = *argument;
        return true;
    }
}

} // namespace

QString javascriptString(const QString& text)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QString javascriptAccessor(const QString& path)
{
    bool pointer = false;
    QString out;
    for (const Model::JsonPathStep& step : Model::jsonPathSteps(path, &pointer)) {
        bool number = false;
        step.name.toInt(&number);
        if (step.index || (pointer && number))
            out += u'[' + step.name + u']';
        else if (isIdentifier(step.name))
            out += u'.' + step.name;
        else
            out += u'[' + javascriptString(step.name) + u']';
    }
    return out;
}

QString postmanTest(const Model::Assertion& assertion)
{
    static const QRegularExpression statusClass(u"^([1-5])[xX]{2}$"_s);
    const QRegularExpressionMatch klass = statusClass.match(assertion.expected);
    QString check;
    if (assertion.source == Source::Status && klass.hasMatch() &&
        (assertion.op == Op::Equals || assertion.op == Op::NotEquals)) {
        check = u"pm.expect(Math.floor(pm.response.code / 100)).to.%1eql(%2)"_s.arg(
            assertion.op == Op::NotEquals ? u"not."_s : QString(), klass.captured(1));
    } else {
        const QString value = u"pm.expect("_s + valueExpression(assertion) + u')';
        const QString expected = expectedLiteral(assertion);
        switch (assertion.op) {
        case Op::Equals:
            check = value + u".to.eql("_s + expected + u')';
            break;
        case Op::NotEquals:
            check = value + u".to.not.eql("_s + expected + u')';
            break;
        case Op::Contains:
            check = value + u".to.include("_s + expected + u')';
            break;
        case Op::NotContains:
            check = value + u".to.not.include("_s + expected + u')';
            break;
        case Op::Matches:
            check = value + u".to.match(new RegExp("_s +
                    (assertion.expected.contains(u"{{"_s)
                         ? u"pm.variables.replaceIn(%1)"_s.arg(javascriptString(assertion.expected))
                         : javascriptString(assertion.expected)) +
                    u"))"_s;
            break;
        case Op::Exists:
            check = value + u".to.exist"_s;
            break;
        case Op::NotExists:
            check = value + u".to.not.exist"_s;
            break;
        case Op::LessThan:
            check = value + u".to.be.below("_s + expected + u')';
            break;
        case Op::GreaterThan:
            check = value + u".to.be.above("_s + expected + u')';
            break;
        }
    }
    return u"pm.test(%1, function () { %2; });"_s.arg(
        javascriptString(Model::describeAssertion(assertion)), check);
}

QList<Model::Assertion> assertionsFromPostmanScript(const QString& script)
{
    // Commented-out checks are not checks: "// …" lines and /* … */ blocks go first.
    static const QRegularExpression comments(u"/\\*.*?\\*/|^\\s*//[^\\n]*"_s,
                                             QRegularExpression::MultilineOption |
                                                 QRegularExpression::DotMatchesEverythingOption);
    const QString source = QString(script).remove(comments);
    QList<Model::Assertion> found;
    // pm.response.to.have.status(200), .to.be.ok, .to.be.success, .to.have.header("X"[, "v"]).
    static const QRegularExpression shorthand(
        uR"(pm\.response\.to\.(not\.)?(?:have|be)\.(status|ok|success|header)\b(?:\(([^()]*)\))?)"_s);
    QRegularExpressionMatchIterator it = shorthand.globalMatch(source);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const bool negated = !match.captured(1).isEmpty();
        const QString what = match.captured(2);
        Model::Assertion assertion;
        if (what == u"status") {
            const std::optional<QString> code = literal(match.captured(3));
            bool number = false;
            if (!code)
                continue;
            code->toInt(&number);
            if (!number)
                continue; // (a reason phrase: Keyhole checks codes)
            assertion.op = negated ? Op::NotEquals : Op::Equals;
            assertion.expected = *code;
        } else if (what == u"ok" || what == u"success") {
            assertion.op = negated ? Op::NotEquals : Op::Equals;
            assertion.expected = what == u"ok" ? u"200"_s : u"2xx"_s;
        } else {
            const QStringList arguments = match.captured(3).split(u',');
            const std::optional<QString> name = literal(arguments.value(0));
            if (!name)
                continue;
            assertion.source = Source::Header;
            assertion.path = *name;
            const std::optional<QString> value =
                arguments.size() > 1 ? literal(arguments.mid(1).join(u',')) : std::nullopt;
            assertion.op = value ? (negated ? Op::NotEquals : Op::Equals)
                                 : (negated ? Op::NotExists : Op::Exists);
            assertion.expected = value.value_or(QString());
        }
        found.append(assertion);
    }
    // pm.expect(VALUE).CHAIN
    static const QRegularExpression expect(u"\\bpm\\.expect\\s*\\("_s);
    it = expect.globalMatch(source);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        qsizetype end = 0;
        const std::optional<QString> value = balanced(source, match.capturedEnd() - 1, &end);
        if (!value)
            continue;
        std::optional<Model::Assertion> assertion = subject(*value);
        if (!assertion || !applyChain(source, end, *assertion))
            continue;
        if (assertion->source == Source::Status && assertion->path == kStatusClass) {
            // Math.floor(code / 100) eql 2 → 2xx
            assertion->path.clear();
            assertion->expected += u"xx"_s;
        }
        found.append(*assertion);
    }
    return found;
}

} // namespace Keyhole::Interchange
