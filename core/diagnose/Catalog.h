#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace Keyhole::Diagnose {

// One known cause, as catalogued in resources/knowledge/auth-failures.json.
struct Cause {
    QString id;
    QString stack;
    QList<int> statuses;
    QString wwwAuthenticate;        // what the server challenges with, as described; may be empty
    QRegularExpression bodyPattern; // invalid when the body says nothing useful
    QString clientEvidence;
    QString explanation;
    QString fix;
};

// The catalog of auth-failure causes, loaded once from the embedded resource.
class Catalog final {
public:
    static const Catalog& instance();
    const QList<Cause>& causes() const { return m_causes; }
    // The cause with `id`, or nullptr.
    const Cause* find(const QString& id) const;

private:
    Catalog();
    QList<Cause> m_causes;
};

} // namespace Keyhole::Diagnose
