#include "core/diff/MessageDiff.h"

#include "core/diff/JsonLines.h"
#include "core/diff/JsonTree.h"
#include "core/http/Exchange.h"
#include "core/http/Executor.h"
#include "core/raw/RawText.h"

#include <QCryptographicHash>
#include <QHash>
#include <QSet>

#include <exception>
#include <thread>

using namespace Qt::StringLiterals;

namespace Keyhole::Diff {
namespace {

// Bodies of at least this much (together) are worked on by two threads.
constexpr qsizetype kParallelFrom = 256 * 1024;

const QStringList kAuthRelevant{u"authorization"_s,      u"cookie"_s,           u"set-cookie"_s,
                                u"x-csrftoken"_s,        u"www-authenticate"_s, u"location"_s,
                                u"proxy-authorization"_s};

struct Header {
    QString name;
    QString value;
};

QList<Header> headersOf(const QStringList& lines)
{
    QList<Header> headers;
    for (qsizetype i = 1; i < lines.size() && !lines[i].isEmpty(); ++i) {
        const qsizetype colon = lines[i].indexOf(u':');
        if (colon > 0)
            headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    return headers;
}

} // namespace

QStringList messageLines(const QByteArray& raw)
{
    QStringList lines = QString::fromUtf8(raw).split(u'\n');
    bool inHead = true;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString& line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (i == 0)
            continue;
        if (line.isEmpty())
            inHead = false;
        if (!inHead)
            continue;
        const qsizetype colon = line.indexOf(u':');
        const QByteArray name = line.left(colon).trimmed().toUtf8();
        if (colon <= 0 || !Http::isCredentialHeader(name))
            continue;
        line = line.left(colon + 1) + u' ' +
               QString::fromUtf8(
                   Http::fingerprintCredential(name, line.mid(colon + 1).trimmed().toUtf8()));
    }
    return lines;
}

QStringList headerSummary(const QStringList& a, const QStringList& b,
                          const QStringList& ignoredHeaders)
{
    const QList<Header> left = headersOf(a);
    const QList<Header> right = headersOf(b);
    // Values by lower-case name, in order: linear in the number of headers.
    QHash<QString, QStringList> valuesA;
    QHash<QString, QStringList> valuesB;
    QStringList names;
    QSet<QString> seen;
    for (const auto& [side, values] : {std::pair{&left, &valuesA}, std::pair{&right, &valuesB}}) {
        for (const Header& header : *side) {
            const QString lower = header.name.toLower();
            (*values)[lower].append(header.value);
            if (!seen.contains(lower) && !ignoredHeaders.contains(lower, Qt::CaseInsensitive)) {
                seen.insert(lower);
                names.append(lower);
            }
        }
    }
    std::stable_sort(names.begin(), names.end(), [](const QString& x, const QString& y) {
        return kAuthRelevant.contains(x) && !kAuthRelevant.contains(y);
    });
    QStringList summary;
    for (const QString& name : std::as_const(names)) {
        const QStringList va = valuesA.value(name);
        const QStringList vb = valuesB.value(name);
        if (va == vb)
            continue;
        if (va.isEmpty())
            summary.append(u"%1: only in B"_s.arg(name));
        else if (vb.isEmpty())
            summary.append(u"%1: only in A"_s.arg(name));
        else if (va.size() != vb.size())
            summary.append(
                u"%1: sent %2 time(s) in A, %3 in B"_s.arg(name).arg(va.size()).arg(vb.size()));
        else if (name.endsWith(u"authorization"_s) &&
                 va.first().section(u' ', 0, 0) != vb.first().section(u' ', 0, 0))
            summary.append(u"%1: scheme %2 → %3"_s.arg(name, va.first().section(u' ', 0, 0),
                                                       vb.first().section(u' ', 0, 0)));
        else
            summary.append(u"%1: value differs"_s.arg(name));
    }
    // Order, apart from values: the names both sides send, in each side's order.
    auto sharedOrder = [&](const QList<Header>& side, const QHash<QString, QStringList>& other) {
        QStringList order;
        QSet<QString> listed;
        for (const Header& header : side) {
            const QString name = header.name.toLower();
            if (seen.contains(name) && other.contains(name) && !listed.contains(name)) {
                listed.insert(name);
                order.append(name);
            }
        }
        return order;
    };
    const QStringList orderA = sharedOrder(left, valuesB);
    const QStringList orderB = sharedOrder(right, valuesA);
    if (orderA != orderB)
        summary.append(u"order: headers sent in another order (%1 → %2)"_s.arg(
            orderA.join(u", "_s), orderB.join(u", "_s)));
    return summary;
}

} // namespace Keyhole::Diff

namespace Keyhole::Diff {
namespace {

const QStringList kNoise{u"date"_s,
                         u"connection"_s,
                         u"keep-alive"_s,
                         u"accept-encoding"_s,
                         u"accept-language"_s,
                         u"user-agent"_s,
                         u"x-request-id"_s,
                         u"x-runtime"_s,
                         u"server-timing"_s,
                         u"age"_s,
                         u"x-amzn-requestid"_s,
                         u"x-amz-cf-id"_s};

struct Split {
    QByteArray head;
    QByteArray body;
};

// An HTTP start line: "GET /path HTTP/1.1", "HTTP/1.1 200 OK", "HTTP/2 401".
bool startsLikeHttp(const QByteArray& raw)
{
    const qsizetype end = QByteArrayView(raw).indexOf('\n'); // (a view: no copy of the line)
    const QByteArrayView first =
        (end < 0 ? QByteArrayView(raw) : QByteArrayView(raw).first(end)).trimmed();
    return first.startsWith("HTTP/") || first.contains(" HTTP/");
}

// The head and body of `raw`, not copied: they point into `raw`, which must outlive them.
Split splitMessage(const QByteArray& raw)
{
    auto part = [&](qsizetype from, qsizetype size) {
        return QByteArray::fromRawData(raw.constData() + from, size);
    };
    if (!startsLikeHttp(raw)) // plain text (a log, a body saved on its own): all body
        return {{}, raw};
    qsizetype end = raw.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    const qsizetype lf = raw.indexOf("\n\n");
    if (lf >= 0 && (end < 0 || lf < end)) {
        end = lf;
        skip = 2;
    }
    if (end < 0)
        return {raw, {}};
    return {part(0, end), part(end + skip, raw.size() - end - skip)};
}

// Runs `first` here and `second` on a thread of its own when the work is worth a thread
// (the machine this is built for has 2 cores: both bodies are parsed, printed and compared at
// once), one after the other otherwise.
template <typename First, typename Second>
void bothAtOnce(bool parallel, First&& first, Second&& second)
{
    if (!parallel) {
        first();
        second();
        return;
    }
    // An exception (bad_alloc on a huge body) must not leave a joinable thread behind, nor
    // escape a thread: both are std::terminate.
    std::exception_ptr failed;
    std::thread other([&] {
        try {
            second();
        } catch (...) {
            failed = std::current_exception();
        }
    });
    try {
        first();
    } catch (...) {
        other.join();
        throw;
    }
    other.join();
    if (failed)
        std::rethrow_exception(failed);
}

bool looksBinary(const QByteArray& body)
{
    const QByteArray sample = body.left(8192);
    return sample.contains('\0');
}

} // namespace

QByteArray comparedRequest(const Http::Hop& hop)
{
    return Raw::requestBytes(hop.request);
}

QByteArray plannedRequest(const Model::PreparedRequest& prepared,
                          const QList<QByteArray>& otherSecrets)
{
    QList<QByteArray> secrets = prepared.secretValues + otherSecrets;
    secrets.removeIf([](const QByteArray& secret) { return secret.isEmpty(); });
    // Longest first: a secret that contains another is replaced whole.
    std::sort(secrets.begin(), secrets.end(),
              [](const QByteArray& x, const QByteArray& y) { return x.size() > y.size(); });
    auto fingerprinted = [&](QByteArray bytes) {
        for (const QByteArray& secret : std::as_const(secrets)) {
            const QByteArray mark = Http::credentialFingerprint(secret);
            bytes.replace(secret, mark);
            const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
            if (encoded != secret)
                bytes.replace(encoded, mark);
        }
        return bytes;
    };
    Http::Hop hop;
    hop.request = Http::planRequest(prepared);
    hop.request.url = QUrl::fromEncoded(fingerprinted(hop.request.url.toEncoded()));
    hop.request.target = fingerprinted(hop.request.target);
    for (Http::WireHeader& header : hop.request.wireHeaders)
        header.value = fingerprinted(header.value);
    hop.request.body = fingerprinted(hop.request.body);
    Http::Exchange exchange;
    exchange.hops.append(hop);
    return Raw::requestBytes(Http::maskCredentials(exchange).hops.first().request);
}

std::pair<QByteArray, QByteArray> plannedRequests(const Model::PreparedRequest& a,
                                                  const Model::PreparedRequest& b)
{
    return {plannedRequest(a, b.secretValues), plannedRequest(b, a.secretValues)};
}

QByteArray comparedResponse(const Http::Hop& hop)
{
    if (!hop.response.received)
        return {};
    Http::HopResponse decoded = hop.response;
    decoded.body = decoded.decodedBody;
    return Raw::responseBytes(decoded);
}

bool isNoiseHeader(const QString& lowerName)
{
    return kNoise.contains(lowerName);
}

QString MessageComparison::summary() const
{
    if (equal())
        return noise.isEmpty() ? u"identical"_s
                               : u"identical but for noise headers (%1)"_s.arg(noise.join(u", "_s));
    QStringList parts;
    if (!headers.isEmpty())
        parts.append(headers.size() == 1 ? u"1 header differs"_s
                                         : u"%1 headers differ"_s.arg(headers.size()));
    if (bothJson && jsonTotal > 0)
        parts.append(jsonTotal == 1 ? u"1 JSON path differs"_s
                                    : u"%1 JSON paths differ"_s.arg(jsonTotal));
    parts.append(changedLines == 1 ? u"1 line changed"_s : u"%1 lines changed"_s.arg(changedLines));
    if (!noise.isEmpty())
        parts.append(u"noise: %1"_s.arg(noise.join(u", "_s)));
    if (!note.isEmpty())
        parts.append(note);
    return parts.join(u" · "_s);
}

MessageComparison compareMessages(const QByteArray& a, const QByteArray& b,
                                  const Model::CompareSettings& settings, const Budget& budget)
{
    MessageComparison result;
    const Split left = splitMessage(a);
    const Split right = splitMessage(b);
    QStringList ignoredHeaders;
    for (const QString& name : settings.ignoreHeaders)
        ignoredHeaders.append(name.trimmed().toLower());
    auto headLines = [&](const QByteArray& head) {
        if (head.isEmpty())
            return QStringList{};
        QStringList lines = messageLines(head);
        lines.removeIf([&](const QString& line) {
            const qsizetype colon = line.indexOf(u':');
            return colon > 0 && ignoredHeaders.contains(line.left(colon).trimmed().toLower());
        });
        return lines;
    };
    const QStringList headA = headLines(left.head);
    const QStringList headB = headLines(right.head);
    const QStringList all = headerSummary(headA, headB, ignoredHeaders);
    for (const QString& line : all) {
        const QString name = line.section(u':', 0, 0);
        if (isNoiseHeader(name))
            result.noise.append(name);
        else
            result.headers.append(line);
    }

    // Bodies: JSON on both sides is compared by structure and shown pretty-printed (without
    // the ignored paths); other text as it is; binary as a fingerprint line.
    const bool small =
        left.body.size() <= kLargestStructuralJson && right.body.size() <= kLargestStructuralJson;
    auto maybeJson = [](const QByteArray& body) { // (a view: trimmed() would copy the body)
        const QByteArrayView trimmed = QByteArrayView(body).trimmed();
        return trimmed.startsWith('{') || trimmed.startsWith('[');
    };
    const bool parallel = left.body.size() + right.body.size() >= kParallelFrom;
    // Bodies parsed into flat trees (about the size of the text, where Qt's trees took five
    // times it), printed, diffed by structure, then let go before the line diff.
    std::optional<JsonTree> treeA;
    std::optional<JsonTree> treeB;
    if (maybeJson(left.body) && maybeJson(right.body)) {
        if (small) {
            bothAtOnce(
                parallel, [&] { treeA = JsonTree::parse(left.body); },
                [&] { treeB = JsonTree::parse(right.body); });
            result.bothJson = treeA && treeB;
        } else {
            result.note = u"bodies over %1 MB: compared line by line, not as JSON"_s.arg(
                kLargestStructuralJson / (1024 * 1024));
        }
    }
    const JsonTree::SkipPath skip = ignoredPaths(settings.ignoreJsonPaths);
    auto bodyText = [&](const QByteArray& body) {
        if (looksBinary(body))
            return u"‹binary body, %1 bytes, sha256 %2›"_s.arg(body.size())
                .arg(QString::fromLatin1(
                    QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()))
                .toUtf8();
        return body;
    };
    const bool separator = (!left.body.isEmpty() || !right.body.isEmpty()) &&
                           (!left.head.isEmpty() || !right.head.isEmpty());
    auto headText = [&](const QStringList& head) {
        QByteArray out;
        for (const QString& line : head)
            out += line.toUtf8() + '\n';
        if (separator)
            out += '\n';
        return out;
    };
    auto text = [&](const QStringList& head, const QByteArray& body,
                    const std::optional<JsonTree>& tree) {
        if (result.bothJson) // printed straight after the head: no second copy of the body
            return Lines(tree->pretty(skip, headText(head)));
        return Lines(headText(head) + bodyText(body));
    };
    // A JSON body printed after its head, and its tree let go before its lines are indexed.
    auto printed = [&](const QStringList& head, std::optional<JsonTree>& tree) {
        QByteArray out = tree->pretty(skip, headText(head));
        tree.reset();
        return Lines(std::move(out));
    };
    if (result.bothJson) {
        bool late = false;
        JsonDiffOptions options{settings.arraysAsSequences, settings.ignoreJsonPaths};
        options.deadlineMs = budget.deadlineMs; // the caller's time, as the line diff gets
        options.cancel = budget.cancel;
        result.json = diffJson(*treeA, *treeB, options, &result.jsonTotal, &late);
        if (late)
            result.note = u"JSON arrays compared by index after the time limit"_s;
    }
    // Two JSON bodies: their lines are lined up from the trees (no line diff of the printed
    // texts, whose tables cost more than the texts), after the heads' line diff and the
    // separator; then each side is printed and its tree let go, one after the other: the
    // comparison peaks near the printed texts' size. Lines equal but for white space need the
    // line diff.
    if (result.bothJson && !settings.ignoreWhitespace) {
        LineDiffResult head =
            diffLines(Lines::fromStrings(headA), Lines::fromStrings(headB), budget);
        if (separator)
            appendRun(head.runs, Run::Kind::Equal, headA.size(), headB.size(), 1);
        result.lines = jsonLineDiff(*treeA, *treeB, skip, budget, std::move(head));
        result.a = printed(headA, treeA);
        result.b = printed(headB, treeB);
        if (!verifyLineDiff(result.a, result.b, result.lines)) // cannot happen; if it does
            result.lines = diffLines(result.a, result.b, budget);
    } else {
        bothAtOnce(
            parallel, [&] { result.a = text(headA, left.body, treeA); },
            [&] { result.b = text(headB, right.body, treeB); });
        treeA.reset();
        treeB.reset();
        result.lines = diffLines(result.a, result.b, budget, settings.ignoreWhitespace);
    }
    if (result.a.truncated() || result.b.truncated())
        result.note += (result.note.isEmpty() ? u""_s : u"; "_s) +
                       u"a side over 1 GB: compared up to its first GB"_s;
    // Changed lines that count: not a noise header line of the head.
    auto noise = [](const Lines& lines, qsizetype line, qsizetype headSize) {
        if (line == 0 || line >= headSize)
            return false;
        const QByteArrayView header = lines.at(line);
        const qsizetype colon = header.indexOf(':');
        return colon > 0 &&
               isNoiseHeader(QString::fromUtf8(header.first(colon)).trimmed().toLower());
    };
    for (const Run& run : std::as_const(result.lines.runs)) {
        for (qsizetype i = 0; i < run.count && run.kind != Run::Kind::Equal; ++i) {
            const bool deleted = run.kind == Run::Kind::Delete;
            if (!(deleted ? noise(result.a, run.aStart + i, headA.size())
                          : noise(result.b, run.bStart + i, headB.size())))
                ++result.changedLines;
        }
    }
    return result;
}

} // namespace Keyhole::Diff
