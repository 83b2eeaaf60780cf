#include "core/auth/Digest.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>
#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Auth {
namespace {

enum class Algorithm { Md5, Sha256, Sha512_256 };

QByteArray hashHex(Algorithm algorithm, const QByteArray& data)
{
    switch (algorithm) {
    case Algorithm::Md5:
        return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
    case Algorithm::Sha256:
        return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    case Algorithm::Sha512_256: {
        // Not in QCryptographicHash: OpenSSL's SHA-512/256 (a truncated SHA-512 with its own
        // initial values, not SHA-512 cut to 32 bytes).
        std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
        unsigned int length = 0;
        if (EVP_Digest(data.constData(), static_cast<size_t>(data.size()), out.data(), &length,
                       EVP_sha512_256(), nullptr) != 1)
            return {};
        return QByteArray(reinterpret_cast<const char*>(out.data()), length).toHex();
    }
    }
    return {};
}

bool isAscii(const QByteArray& text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != '"'; });
}

// A quoted-string with '"' and '\' escaped.
QByteArray quoted(const QByteArray& value)
{
    QByteArray out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

// RFC 8187 ext-value: UTF-8''percent-encoded.
QByteArray extValue(const QByteArray& value)
{
    return "UTF-8''" + value.toPercentEncoding("!#$&+-.^_`|~");
}

} // namespace

QList<Http::Challenge> digestChallenges(const QList<Http::Challenge>& challenges)
{
    QList<Http::Challenge> digest;
    for (const Http::Challenge& challenge : challenges) {
        if (challenge.scheme.compare("Digest", Qt::CaseInsensitive) == 0)
            digest.append(challenge);
    }
    return digest;
}

Result<QByteArray> digestAuthorization(const Http::Challenge& challenge, const DigestInput& input)
{
    const QByteArray realm = challenge.param("realm");
    const QByteArray nonce = challenge.param("nonce");
    if (nonce.isEmpty())
        return Error{u"auth.digest"_s, u"the server's Digest challenge has no nonce"_s,
                     u"WWW-Authenticate"_s};

    QByteArray algorithmName = challenge.param("algorithm");
    if (algorithmName.isEmpty())
        algorithmName = "MD5";
    const QByteArray upper = algorithmName.toUpper();
    const bool session = upper.endsWith("-SESS");
    const QByteArray base = session ? upper.chopped(5) : upper;
    Algorithm algorithm = Algorithm::Md5;
    if (base == "MD5")
        algorithm = Algorithm::Md5;
    else if (base == "SHA-256")
        algorithm = Algorithm::Sha256;
    else if (base == "SHA-512-256")
        algorithm = Algorithm::Sha512_256;
    else
        return Error{u"auth.digest"_s,
                     u"the server asks for Digest algorithm \"%1\", which Keyhole cannot compute "
                     "(MD5, SHA-256, SHA-512-256 and their -sess forms)"_s.arg(
                         QString::fromLatin1(algorithmName)),
                     u"WWW-Authenticate"_s};

    // qop: "auth" when offered, else "auth-int"; none at all means RFC 2069.
    QByteArray qop;
    const QByteArray offered = challenge.param("qop");
    if (!offered.isEmpty()) {
        QList<QByteArray> options;
        for (const QByteArray& option : offered.split(','))
            options.append(option.trimmed().toLower());
        if (options.contains("auth"))
            qop = "auth";
        else if (options.contains("auth-int"))
            qop = "auth-int";
        else
            return Error{u"auth.digest"_s,
                         u"the server offers qop \"%1\"; Keyhole answers auth and auth-int"_s.arg(
                             QString::fromLatin1(offered)),
                         u"WWW-Authenticate"_s};
    }

    const bool userhash = challenge.param("userhash").compare("true", Qt::CaseInsensitive) == 0;
    const QByteArray nc = QByteArray::number(input.nonceCount, 16).rightJustified(8, '0');
    const auto h = [algorithm](const QByteArray& data) {
        return hashHex(algorithm, data);
    };

    QByteArray a1Hash = h(input.username + ':' + realm + ':' + input.password);
    if (session)
        a1Hash = h(a1Hash + ':' + nonce + ':' + input.cnonce);
    QByteArray a2 = input.method + ':' + input.uri;
    if (qop == "auth-int")
        a2 += ':' + h(input.body);
    const QByteArray a2Hash = h(a2);
    const QByteArray response =
        qop.isEmpty()
            ? h(a1Hash + ':' + nonce + ':' + a2Hash)
            : h(a1Hash + ':' + nonce + ':' + nc + ':' + input.cnonce + ':' + qop + ':' + a2Hash);

    QByteArray out = "Digest ";
    if (userhash)
        out += "username=" + quoted(h(input.username + ':' + realm));
    else if (isAscii(input.username))
        out += "username=" + quoted(input.username);
    else
        out += "username*=" + extValue(input.username);
    out += ", realm=" + quoted(realm) + ", uri=" + quoted(input.uri);
    if (!challenge.param("algorithm").isEmpty())
        out += ", algorithm=" + algorithmName;
    out += ", nonce=" + quoted(nonce);
    if (!qop.isEmpty())
        out += ", nc=" + nc + ", cnonce=" + quoted(input.cnonce) + ", qop=" + qop;
    out += ", response=" + quoted(response);
    const QByteArray opaque = challenge.param("opaque");
    if (!opaque.isEmpty())
        out += ", opaque=" + quoted(opaque);
    if (userhash)
        out += ", userhash=true";
    return out;
}

QByteArray randomDigestCnonce()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char*>(words.data()),
                      static_cast<qsizetype>(words.size() * sizeof(quint32)))
        .toHex();
}

} // namespace Keyhole::Auth
