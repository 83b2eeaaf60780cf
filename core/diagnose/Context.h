#pragma once

#include "core/diagnose/Catalog.h"
#include "core/diagnose/EnvironmentValues.h"
#include "core/diagnose/Finding.h"
#include "core/diagnose/Precedent.h"
#include "core/diagnose/SpecSecurity.h"
#include "core/http/Challenge.h"
#include "core/http/Exchange.h"

#include <QDateTime>

namespace Keyhole::Diagnose {
using Http::Challenge;
using Http::parseChallenges;

// What every rule reads: the exchange and the facts derived from it once.
class Context final {
public:
    Context(const Http::Exchange& exchange, QDateTime clientNow, Precedent precedent = {},
            SpecSecurity spec = {}, EnvironmentValues environments = {});

    const Http::Exchange& exchange;
    const QDateTime clientNow;
    const Precedent precedent; // the last success of the same request, when history has one
    const SpecSecurity spec;   // what the API's OpenAPI document wants, when imported from one
    const EnvironmentValues environments; // the workspace's environments' values, when known
    const Http::Hop& firstHop() const { return exchange.hops.first(); }
    const Http::Hop& lastHop() const { return exchange.hops.last(); }
    int lastIndex() const { return static_cast<int>(exchange.hops.size()) - 1; }
    int status() const { return lastHop().response.status; }
    const QByteArray& body() const { return lastHop().response.decodedBody; }

    // The Authorization header of a hop's request (first value; null when none was sent).
    QByteArray authorization(int hop) const;
    // The scheme word and the rest ("Bearer", "abc") of an Authorization value.
    static QPair<QByteArray, QByteArray> splitAuthorization(const QByteArray& value);
    // Every challenge of the final response.
    const QList<Challenge>& challenges() const { return m_challenges; }
    // The server's clock (Date header of the final response), or the client's.
    QDateTime serverNow() const;

    // Whether the final body matches the catalog pattern of `id`.
    bool bodyMatches(const QString& id) const;
    bool bodySays(const char* text) const { return body().contains(text); }

    Evidence requestHeader(int hop, const QByteArray& name, const QString& note) const;
    Evidence responseHeader(int hop, const QByteArray& name, const QString& note) const;
    Evidence responseBody(int hop, const QString& note) const;

    // A finding for catalog cause `id`, with the catalog's stack, explanation and advice.
    Finding finding(const QString& id, Confidence confidence, const QString& title) const;

private:
    QList<Challenge> m_challenges;
};

// The rule families; each adds what it recognises (core/diagnose/rules/*.cpp).
void requestShapeRules(const Context& context, QList<Finding>& findings);
void schemeRules(const Context& context, QList<Finding>& findings);
void redirectRules(const Context& context, QList<Finding>& findings);
void jwtRules(const Context& context, QList<Finding>& findings);
void transportRules(const Context& context, QList<Finding>& findings);
void fingerprintRules(const Context& context, QList<Finding>& findings);
void csrfRules(const Context& context, QList<Finding>& findings);
void historyRules(const Context& context, QList<Finding>& findings);
void specRules(const Context& context, QList<Finding>& findings);
void environmentRules(const Context& context, QList<Finding>& findings);

} // namespace Keyhole::Diagnose
