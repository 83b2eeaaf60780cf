#pragma once

#include "core/auth/Extractor.h"
#include "core/auth/Sender.h"
#include "core/model/Folder.h"

#include <functional>
#include <optional>

namespace Keyhole::Auth {

// What a send with a kept token needs: the request where it lives, the environment with its
// secret values filled in, and values for this send only.
struct KeptSendInput {
    Model::Workspace workspace;
    QString requestPath; // empty for an inline request (no lifecycle then)
    Model::RequestTemplate request;
    std::optional<Model::Environment> environment;
    Model::VariableList runtime;
    Http::ExecuteOptions options;
};

// The outcome: every exchange (renewals in `result.logins`, in order), the values the renewals
// extracted (to store in the environment: the caller owns the secret store), and notes for the
// person ("refreshed the access token: it expired 2 min ago").
struct KeptSend {
    SendResult result;
    QList<ExtractedValue> renewed;
    QStringList notes;
    std::optional<Error> error; // the request could not be prepared
};

// What to store in the environment after a kept send: the values the renewals took, then those
// the request's own `extractions` take from its answer (a later value of a variable wins).
Extracted valuesToStore(const KeptSend& outcome, const QList<Model::Extraction>& extractions);

// The collection's lifecycle for a request path, or nullptr when it has none.
const Model::TokenLifecycle* lifecycleFor(const Model::Workspace& workspace,
                                          const QString& requestPath);

// Why the token must be renewed before sending, or an empty string: missing, or a JWT whose
// exp is within `skewSeconds` of `now`.
QString renewalReason(const QString& tokenValue, const QDateTime& now, int skewSeconds);

// Whether a 401 says the token expired or is no longer valid (SimpleJWT's token_not_valid, an
// RFC 6750 invalid_token challenge, "expired" in the body).
bool saysTokenExpired(const Http::Exchange& exchange);

// A send that keeps the collection's token alive (Model::TokenLifecycle): before sending, a
// missing or expiring access token is renewed — the refresh request first, the login request
// when there is no refresh or it fails; after a 401 that says the token expired, renewed once
// and the request sent once more. Never loops: at most one renewal before and one after.
class PendingKeptSend final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingKeptSend)

public:
    PendingKeptSend(Sender* sender, KeptSendInput input, std::function<QDateTime()> clock,
                    QObject* parent = nullptr);
    void cancel();

signals:
    void finished(const Keyhole::Auth::KeptSend& outcome);

private:
    void start();
    void renew(bool allowRefresh, std::function<void()> then);
    void runNamed(const QString& path, std::function<void(bool ok)> then);
    void sendRequest(bool renewedAlready);
    void finish();
    const Model::Environment* environment() const;

    Sender* m_sender;
    KeptSendInput m_input;
    std::function<QDateTime()> m_clock;
    const Model::TokenLifecycle* m_lifecycle = nullptr;
    QPointer<PendingSend> m_pending;
    KeptSend m_outcome;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace Keyhole::Auth
