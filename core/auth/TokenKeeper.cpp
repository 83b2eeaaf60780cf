#include "core/auth/TokenKeeper.h"

#include "core/http/Challenge.h"
#include "core/jwt/Jwt.h"
#include "core/vars/WorkspaceScopes.h"

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {

Extracted valuesToStore(const KeptSend& outcome, const QList<Model::Extraction>& extractions)
{
    Extracted out{outcome.renewed, {}};
    const Extracted own = extractValues(outcome.result.exchange, extractions);
    for (const ExtractedValue& value : own.values) {
        out.values.removeIf([&](const ExtractedValue& v) { return v.variable == value.variable; });
        out.values.append(value);
    }
    out.problems = own.problems;
    return out;
}

const Model::TokenLifecycle* lifecycleFor(const Model::Workspace& workspace,
                                          const QString& requestPath)
{
    const QString collection = requestPath.section(u'/', 0, 0);
    if (requestPath.isEmpty() || collection == requestPath)
        return nullptr;
    for (const Model::Collection& each : workspace.collections) {
        if (each.path == collection)
            return each.tokenLifecycle.isEnabled() ? &each.tokenLifecycle : nullptr;
    }
    return nullptr;
}

QString renewalReason(const QString& tokenValue, const QDateTime& now, int skewSeconds)
{
    if (tokenValue.trimmed().isEmpty())
        return QObject::tr("there is no access token yet");
    const Result<Jwt::Decoded> jwt = Jwt::decode(tokenValue.toUtf8());
    if (!jwt)
        return {}; // an opaque token: only the server can say
    const Jwt::TimeCheck times = Jwt::checkTimes(jwt.value(), now.addSecs(skewSeconds));
    for (const Jwt::TimeClaim& claim : times.claims) {
        if (claim.name == "exp" && times.expired)
            return claim.at <= now ? QObject::tr("the access token expired %1")
                                         .arg(Jwt::relativeTime(now.secsTo(claim.at)))
                                   : QObject::tr("the access token expires %1")
                                         .arg(Jwt::relativeTime(now.secsTo(claim.at)));
    }
    return {};
}

bool saysTokenExpired(const Http::Exchange& exchange)
{
    const Http::Hop* hop = exchange.finalHop();
    if (!hop || hop->response.status != 401)
        return false;
    for (const Model::HeaderField& field : hop->response.headers) {
        if (field.name.compare("WWW-Authenticate", Qt::CaseInsensitive) != 0)
            continue;
        for (const Http::Challenge& challenge : Http::parseChallenges(field.value)) {
            if (challenge.param("error") == "invalid_token")
                return true;
        }
    }
    const QByteArray body = hop->response.decodedBody.left(4096).toLower();
    return body.contains("token_not_valid") || body.contains("expired");
}

PendingKeptSend::PendingKeptSend(Sender* sender, KeptSendInput input,
                                 std::function<QDateTime()> clock, QObject* parent)
    : QObject(parent)
    , m_sender(sender)
    , m_input(std::move(input))
    , m_clock(std::move(clock))
{
    m_lifecycle = lifecycleFor(m_input.workspace, m_input.requestPath);
    // The login and refresh requests themselves go as they are.
    if (m_lifecycle && (m_input.requestPath == m_lifecycle->loginRequest ||
                        m_input.requestPath == m_lifecycle->refreshRequest))
        m_lifecycle = nullptr;
    QMetaObject::invokeMethod(this, &PendingKeptSend::start, Qt::QueuedConnection);
}

void PendingKeptSend::cancel()
{
    m_cancelled = true;
    if (m_pending)
        m_pending->cancel();
}

const Model::Environment* PendingKeptSend::environment() const
{
    return m_input.environment ? &*m_input.environment : nullptr;
}

void PendingKeptSend::start()
{
    if (m_cancelled) {
        m_outcome.error = Error{u"cancelled"_s, tr("Cancelled before sending"), {}};
        finish();
        return;
    }
    if (!m_lifecycle) {
        sendRequest(true);
        return;
    }
    const Vars::Resolver resolver =
        Vars::resolverFor(m_input.workspace, m_input.requestPath, environment(), m_input.runtime);
    const Vars::Resolved token = resolver.resolve(u"{{"_s + m_lifecycle->tokenVariable + u"}}"_s);
    const QString reason = renewalReason(token.unresolved.isEmpty() ? token.text : QString(),
                                         m_clock(), m_lifecycle->skewSeconds);
    if (reason.isEmpty()) {
        sendRequest(false);
        return;
    }
    m_outcome.notes.append(
        tr("Renewing {{%1}} before sending: %2").arg(m_lifecycle->tokenVariable, reason));
    renew(true, [this] { sendRequest(true); });
}

void PendingKeptSend::renew(bool allowRefresh, std::function<void()> then)
{
    const QString refresh = allowRefresh ? m_lifecycle->refreshRequest : QString();
    const QString login = m_lifecycle->loginRequest;
    auto viaLogin = [this, login, then] {
        if (login.isEmpty()) {
            m_outcome.notes.append(tr("No login request is set to get a new token"));
            then();
            return;
        }
        runNamed(login, [this, then](bool ok) {
            if (!ok)
                m_outcome.notes.append(tr("The login request did not give a token"));
            then();
        });
    };
    if (refresh.isEmpty()) {
        viaLogin();
        return;
    }
    runNamed(refresh, [this, viaLogin, then](bool ok) {
        if (ok) {
            then();
            return;
        }
        m_outcome.notes.append(tr("The refresh did not work; logging in instead"));
        viaLogin();
    });
}

void PendingKeptSend::runNamed(const QString& path, std::function<void(bool ok)> then)
{
    const Model::RequestItem* item = Model::findRequest(m_input.workspace, path);
    if (!item) {
        m_outcome.notes.append(
            tr("The token lifecycle names %1, which is not in the workspace").arg(path));
        then(false);
        return;
    }
    const Result<Model::PreparedRequest> prepared = Vars::prepareInWorkspace(
        m_input.workspace, path, item->request, environment(), m_input.runtime);
    if (!prepared || !prepared.value().unresolvedVariables.isEmpty()) {
        // A refresh without its refresh token, say: not sent at all.
        m_outcome.notes.append(
            prepared ? tr("%1 was not sent: %2 not set")
                           .arg(path, prepared.value().unresolvedVariables.join(u", "_s))
                     : tr("%1 was not sent: %2").arg(path, prepared.error().toString()));
        then(false);
        return;
    }
    const QList<Model::Extraction> extractions = item->request.extractions;
    m_pending = m_sender->send(prepared.value(), m_input.options);
    connect(m_pending, &PendingSend::finished, this,
            [this, extractions, then](const SendResult& result) {
                m_pending = nullptr;
                m_outcome.result.logins += result.logins;
                const Extracted extracted = extractValues(result.exchange, extractions);
                // The tokens it brought are masked wherever this exchange is shown.
                Http::Exchange renewal = result.exchange;
                for (const ExtractedValue& value : extracted.values) {
                    if (value.secret && !renewal.secretValues.contains(value.value.toUtf8()))
                        renewal.secretValues.append(value.value.toUtf8());
                }
                m_outcome.result.logins.append(renewal);
                if (m_cancelled) {
                    m_outcome.result.exchange = renewal;
                    finish();
                    return;
                }
                for (const ExtractedValue& value : extracted.values) {
                    m_outcome.renewed.removeIf(
                        [&](const ExtractedValue& v) { return v.variable == value.variable; });
                    m_outcome.renewed.append(value);
                    m_input.runtime.removeIf(
                        [&](const Model::Variable& v) { return v.name == value.variable; });
                    m_input.runtime.append(
                        Model::Variable{value.variable, value.value, value.secret, true});
                }
                const bool ok = !extracted.values.isEmpty() && extracted.problems.isEmpty();
                then(ok);
            });
}

void PendingKeptSend::sendRequest(bool renewedAlready)
{
    const Result<Model::PreparedRequest> prepared = Vars::prepareInWorkspace(
        m_input.workspace, m_input.requestPath, m_input.request, environment(), m_input.runtime);
    if (!prepared) {
        m_outcome.error = prepared.error();
        finish();
        return;
    }
    m_pending = m_sender->send(prepared.value(), m_input.options);
    connect(m_pending, &PendingSend::finished, this,
            [this, renewedAlready](const SendResult& result) {
                m_pending = nullptr;
                if (m_lifecycle && !renewedAlready && !m_cancelled &&
                    saysTokenExpired(result.exchange)) {
                    m_outcome.result.logins += result.logins;
                    m_outcome.result.logins.append(result.exchange);
                    m_outcome.notes.append(
                        tr("The server said the token is no longer valid: renewing it and "
                           "sending once more"));
                    renew(true, [this] { sendRequest(true); });
                    return;
                }
                m_outcome.result.logins += result.logins;
                m_outcome.result.exchange = result.exchange;
                finish();
            });
}

void PendingKeptSend::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(m_outcome);
    deleteLater();
}

} // namespace Keyhole::Auth
