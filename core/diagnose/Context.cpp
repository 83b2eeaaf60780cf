#include "core/diagnose/Context.h"

#include "core/raw/RawText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Keyhole::Diagnose {
namespace {

// The [start, end) of header `name`'s line in a raw message, or nothing.
std::optional<QPair<qsizetype, qsizetype>> headerLine(const QByteArray& raw, const QByteArray& name)
{
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    const QByteArray head = (headEnd < 0 ? raw : raw.left(headEnd)).toLower();
    const qsizetype at = head.indexOf(QByteArray("\r\n" + name.toLower() + ':'));
    if (at < 0)
        return std::nullopt;
    const qsizetype end = raw.indexOf("\r\n", at + 2);
    return QPair<qsizetype, qsizetype>{at + 2, end < 0 ? raw.size() : end};
}

} // namespace

QString confidenceName(Confidence confidence)
{
    switch (confidence) {
    case Confidence::Confirmed:
        return u"confirmed"_s;
    case Confidence::Likely:
        return u"likely"_s;
    case Confidence::Possible:
        return u"possible"_s;
    }
    return {};
}

Context::Context(const Http::Exchange& exchangeIn, QDateTime now, Precedent precedentIn,
                 SpecSecurity specIn, EnvironmentValues environmentsIn)
    : exchange(exchangeIn)
    , clientNow(std::move(now))
    , precedent(std::move(precedentIn))
    , spec(std::move(specIn))
    , environments(std::move(environmentsIn))
{
    for (const Model::HeaderField& field : lastHop().response.headers) {
        if (field.name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
            m_challenges += parseChallenges(field.value);
    }
}

QByteArray Context::authorization(int hop) const
{
    return Model::headerValue(exchange.hops[hop].request.headers, "Authorization");
}

QPair<QByteArray, QByteArray> Context::splitAuthorization(const QByteArray& value)
{
    const qsizetype space = value.indexOf(' ');
    if (space < 0)
        return {value, {}};
    return {value.left(space), value.mid(space + 1)};
}

QDateTime Context::serverNow() const
{
    return Http::parseHttpDate(Model::headerValue(lastHop().response.headers, "Date"))
        .value_or(clientNow);
}

bool Context::bodyMatches(const QString& id) const
{
    const Cause* cause = Catalog::instance().find(id);
    return cause && cause->bodyPattern.isValid() && !cause->bodyPattern.pattern().isEmpty() &&
           cause->bodyPattern.match(QString::fromUtf8(body())).hasMatch();
}

Evidence Context::requestHeader(int hop, const QByteArray& name, const QString& note) const
{
    const QByteArray raw = Raw::requestBytes(exchange.hops[hop].request);
    const auto line = headerLine(raw, name);
    return {hop, Evidence::Part::Request, line ? line->first : 0, line ? line->second : 0, note};
}

Evidence Context::responseHeader(int hop, const QByteArray& name, const QString& note) const
{
    const QByteArray raw = Raw::responseBytes(exchange.hops[hop].response);
    const auto line = headerLine(raw, name);
    return {hop, Evidence::Part::Response, line ? line->first : 0, line ? line->second : 0, note};
}

Evidence Context::responseBody(int hop, const QString& note) const
{
    const QByteArray raw = Raw::responseBytes(exchange.hops[hop].response);
    const qsizetype start = raw.indexOf("\r\n\r\n");
    return {hop, Evidence::Part::Response, start < 0 ? 0 : start + 4, raw.size(), note};
}

Finding Context::finding(const QString& id, Confidence confidence, const QString& title) const
{
    Finding finding;
    finding.id = id;
    finding.title = title;
    finding.confidence = confidence;
    if (const Cause* cause = Catalog::instance().find(id)) {
        finding.stack = cause->stack;
        finding.explanation = cause->explanation;
        if (!cause->fix.isEmpty())
            finding.fixes.append({FixAction::Kind::Advice, cause->fix, {}});
    }
    return finding;
}

} // namespace Keyhole::Diagnose
