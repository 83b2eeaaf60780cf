#include "core/vars/EnvironmentCompare.h"

#include "core/http/Exchange.h"

#include <QMessageAuthenticationCode>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Vars {
namespace {

struct Side {
    bool present = false;
    bool secret = false;
    bool set = false;
    QString value;       // plain values only
    QString fingerprint; // secrets only (and plain values when the other side is secret)
};

Side sideOf(const Model::VariableList& variables, const QString& name, const QByteArray& key)
{
    Side side;
    for (const Model::Variable& variable : variables) {
        if (variable.name != name || !variable.enabled)
            continue;
        side.present = true;
        side.secret = variable.secret;
        side.set = !(variable.secret && variable.value.isNull());
        side.value = variable.secret ? QString() : variable.value;
        if (side.set)
            side.fingerprint = secretFingerprint(key, variable.value);
    }
    return side;
}

QString shown(const Side& side, bool masked)
{
    if (!side.present)
        return {};
    if (!side.set)
        return u"(secret, not set)"_s;
    if (!masked)
        return side.value;
    return QString::fromUtf8(Http::kSecretMask) + u"  #"_s + side.fingerprint;
}

} // namespace

QString secretFingerprint(const QByteArray& key, const QString& value)
{
    QByteArray bytes = value.toUtf8();
    const QByteArray mac =
        QMessageAuthenticationCode::hash(bytes, key, QCryptographicHash::Sha256).toHex();
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    return QString::fromLatin1(mac.left(8));
}

QList<VariableComparison> compareEnvironments(const Model::Environment& left,
                                              const Model::Environment& right,
                                              const QByteArray& fingerprintKey)
{
    const Model::VariableList a = Model::effectiveVariables(left);
    const Model::VariableList b = Model::effectiveVariables(right);
    QStringList names;
    for (const Model::VariableList* list : {&a, &b}) {
        for (const Model::Variable& variable : *list) {
            if (variable.enabled && !names.contains(variable.name))
                names.append(variable.name);
        }
    }
    QList<VariableComparison> rows;
    for (const QString& name : std::as_const(names)) {
        const Side l = sideOf(a, name, fingerprintKey);
        const Side r = sideOf(b, name, fingerprintKey);
        VariableComparison row;
        row.name = name;
        row.secret = l.secret || r.secret;
        row.left = shown(l, row.secret);
        row.right = shown(r, row.secret);
        if (!r.present)
            row.state = VariableComparison::State::OnlyLeft;
        else if (!l.present)
            row.state = VariableComparison::State::OnlyRight;
        else if (l.set != r.set)
            row.state = VariableComparison::State::Different;
        else
            row.state = l.fingerprint == r.fingerprint ? VariableComparison::State::Same
                                                       : VariableComparison::State::Different;
        rows.append(row);
    }
    return rows;
}

} // namespace Keyhole::Vars
