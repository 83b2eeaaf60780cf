#pragma once

#include <QString>
#include <QStringList>

namespace Keyhole::Auth {

// What is wrong with a pasted token, and the cleaned value to offer (never applied silently).
struct TokenCheck {
    QString cleaned;
    QStringList problems; // empty when the token is fine
};

// Looks for surrounding whitespace, newlines, quotes, and the scheme word pasted along with the
// token ("Bearer eyJ…" pasted into a Bearer field whose prefix is already "Bearer").
TokenCheck checkToken(const QString& pasted, const QString& prefix);

} // namespace Keyhole::Auth
