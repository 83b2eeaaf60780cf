#include "core/secrets/VaultSecretStore.h"

#include "core/workspace/AtomicFile.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

using namespace Qt::StringLiterals;

namespace Keyhole::Secrets {
namespace {

constexpr int kKeyBytes = 32;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
constexpr int kSaltBytes = 16;
const QString kFormat = u"keyhole-vault"_s;

// A byte buffer that is wiped when it goes away (CONVENTIONS.md rule 17).
struct Wiped {
    QByteArray bytes;
    ~Wiped()
    {
        if (!bytes.isEmpty())
            OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    }
};

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), count) != 1)
        return {};
    return bytes;
}

Result<QByteArray> deriveKey(const QByteArray& passphrase, const QByteArray& salt,
                             const ScryptCost& cost)
{
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    const int ok = EVP_PBE_scrypt(passphrase.constData(), static_cast<size_t>(passphrase.size()),
                                  reinterpret_cast<const unsigned char*>(salt.constData()),
                                  static_cast<size_t>(salt.size()), cost.n, cost.r, cost.p,
                                  512ULL * 1024 * 1024,
                                  reinterpret_cast<unsigned char*>(key.data()), kKeyBytes);
    if (ok != 1)
        return Error{u"vault.kdf"_s, u"scrypt key derivation failed"_s, {}};
    return key;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// AES-256-GCM. Encrypt: returns ciphertext and writes the tag. Decrypt: checks the tag.
Result<QByteArray> gcm(bool encrypt, const QByteArray& key, const QByteArray& nonce,
                       const QByteArray& aad, const QByteArray& input, QByteArray& tag)
{
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    auto* ctx = context.get();
    const auto* k = reinterpret_cast<const unsigned char*>(key.constData());
    const auto* iv = reinterpret_cast<const unsigned char*>(nonce.constData());
    const int init = encrypt ? EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, k, iv)
                             : EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, k, iv);
    if (!ctx || init != 1)
        return Error{u"vault.crypto"_s, u"AES-256-GCM unavailable"_s, {}};
    int length = 0;
    auto update = encrypt ? &EVP_EncryptUpdate : &EVP_DecryptUpdate;
    if (update(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(aad.constData()),
               static_cast<int>(aad.size())) != 1)
        return Error{u"vault.crypto"_s, u"AES-256-GCM failed"_s, {}};
    QByteArray output(input.size() + kTagBytes, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(output.data());
    if (update(ctx, out, &length, reinterpret_cast<const unsigned char*>(input.constData()),
               static_cast<int>(input.size())) != 1)
        return Error{u"vault.crypto"_s, u"AES-256-GCM failed"_s, {}};
    int total = length;
    if (encrypt) {
        if (EVP_EncryptFinal_ex(ctx, out + total, &length) != 1)
            return Error{u"vault.crypto"_s, u"AES-256-GCM failed"_s, {}};
        total += length;
        tag.resize(kTagBytes);
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, tag.data());
    } else {
        QByteArray expected = tag;
        if (expected.size() != kTagBytes ||
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, expected.data()) != 1 ||
            EVP_DecryptFinal_ex(ctx, out + total, &length) != 1) {
            OPENSSL_cleanse(output.data(), static_cast<size_t>(output.size()));
            return Error{u"vault.auth"_s,
                         u"wrong passphrase, or the vault file was modified (authentication "
                         "failed); the file was left untouched"_s,
                         {}};
        }
        total += length;
    }
    output.resize(total);
    return output;
}

QJsonObject headerFor(const ScryptCost& cost, const QByteArray& salt, const QByteArray& nonce)
{
    return {{u"format"_s, kFormat},
            {u"version"_s, 1},
            {u"kdf"_s, u"scrypt"_s},
            {u"N"_s, static_cast<qint64>(cost.n)},
            {u"r"_s, static_cast<qint64>(cost.r)},
            {u"p"_s, static_cast<qint64>(cost.p)},
            {u"salt"_s, QString::fromLatin1(salt.toBase64())},
            {u"nonce"_s, QString::fromLatin1(nonce.toBase64())}};
}

QByteArray associatedData(const QJsonObject& header)
{
    return QJsonDocument(header).toJson(QJsonDocument::Compact);
}

} // namespace

VaultSecretStore::VaultSecretStore(QString path, QByteArray passphrase, ScryptCost cost)
    : m_path(std::move(path))
    , m_passphrase(std::move(passphrase))
    , m_cost(cost)
{}

VaultSecretStore::~VaultSecretStore()
{
    for (QByteArray* buffer : {&m_passphrase, &m_key})
        OPENSSL_cleanse(buffer->data(), static_cast<size_t>(buffer->size()));
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it)
        OPENSSL_cleanse(it->data(), static_cast<size_t>(it->size()));
}

Status VaultSecretStore::open()
{
    if (m_opened)
        return *m_opened;
    auto fail = [this](const QString& code, const QString& message) {
        m_opened = Status(Error{code, message, m_path});
        return *m_opened;
    };
    if (m_passphrase.isEmpty())
        return fail(u"vault.passphrase"_s, u"no passphrase given (set KEYHOLE_VAULT_PASSPHRASE)"_s);
    if (!QFileInfo::exists(m_path)) {
        m_salt = randomBytes(kSaltBytes);
        Result<QByteArray> key = deriveKey(m_passphrase, m_salt, m_cost);
        if (!key)
            return fail(key.error().code, key.error().message);
        m_key = key.value();
        m_opened = Status(Success{});
        return *m_opened;
    }
    Result<QByteArray> bytes = Workspace::readFile(m_path);
    if (!bytes)
        return fail(bytes.error().code, bytes.error().message);
    const QJsonObject root = QJsonDocument::fromJson(bytes.value()).object();
    const QJsonObject header = root.value(u"header"_s).toObject();
    if (header.value(u"format"_s).toString() != kFormat ||
        header.value(u"version"_s).toInt() != 1 || header.value(u"kdf"_s).toString() != u"scrypt")
        return fail(u"vault.format"_s, u"not a Keyhole vault (version 1) — left untouched"_s);
    const ScryptCost cost{static_cast<quint64>(header.value(u"N"_s).toInteger()),
                          static_cast<quint64>(header.value(u"r"_s).toInteger()),
                          static_cast<quint64>(header.value(u"p"_s).toInteger())};
    m_salt = QByteArray::fromBase64(header.value(u"salt"_s).toString().toLatin1());
    const QByteArray nonce = QByteArray::fromBase64(header.value(u"nonce"_s).toString().toLatin1());
    QByteArray tag = QByteArray::fromBase64(root.value(u"tag"_s).toString().toLatin1());
    const QByteArray ciphertext =
        QByteArray::fromBase64(root.value(u"ciphertext"_s).toString().toLatin1());
    if (m_salt.size() != kSaltBytes || nonce.size() != kNonceBytes || cost.n < 2 || cost.r < 1 ||
        cost.p < 1 || cost.n > (1u << 22))
        return fail(u"vault.format"_s, u"damaged vault header — left untouched"_s);
    Result<QByteArray> key = deriveKey(m_passphrase, m_salt, cost);
    if (!key)
        return fail(key.error().code, key.error().message);
    Result<QByteArray> plain =
        gcm(false, key.value(), nonce, associatedData(header), ciphertext, tag);
    if (!plain) {
        OPENSSL_cleanse(key.value().data(), static_cast<size_t>(key.value().size()));
        return fail(plain.error().code, plain.error().message);
    }
    Wiped plaintext{std::move(plain.value())};
    const QJsonObject entries =
        QJsonDocument::fromJson(plaintext.bytes).object().value(u"entries"_s).toObject();
    for (auto it = entries.begin(); it != entries.end(); ++it)
        m_entries.insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
    m_key = key.value();
    m_cost = cost;
    m_opened = Status(Success{});
    return *m_opened;
}

Status VaultSecretStore::save()
{
    QJsonObject entries;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it)
        entries.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    Wiped plaintext{
        QJsonDocument(QJsonObject{{u"entries"_s, entries}}).toJson(QJsonDocument::Compact)};
    const QByteArray nonce = randomBytes(kNonceBytes);
    if (nonce.size() != kNonceBytes)
        return Error{u"vault.crypto"_s, u"no random bytes for a nonce"_s, m_path};
    const QJsonObject header = headerFor(m_cost, m_salt, nonce);
    QByteArray tag;
    Result<QByteArray> ciphertext =
        gcm(true, m_key, nonce, associatedData(header), plaintext.bytes, tag);
    if (!ciphertext)
        return Error{ciphertext.error().code, ciphertext.error().message, m_path};
    const QJsonObject file{{u"header"_s, header},
                           {u"ciphertext"_s, QString::fromLatin1(ciphertext.value().toBase64())},
                           {u"tag"_s, QString::fromLatin1(tag.toBase64())}};
    return Workspace::writeFileAtomic(m_path, QJsonDocument(file).toJson(QJsonDocument::Indented));
}

void VaultSecretStore::read(const QString& key, ReadCallback done)
{
    if (Status status = open(); !status)
        return done(status.error());
    const auto it = m_entries.constFind(key);
    done(it == m_entries.constEnd() ? std::optional<QByteArray>() : std::optional(*it));
}

void VaultSecretStore::write(const QString& key, const QByteArray& value, DoneCallback done)
{
    if (Status status = open(); !status)
        return done(status);
    m_entries.insert(key, value);
    done(save());
}

void VaultSecretStore::remove(const QString& key, DoneCallback done)
{
    if (Status status = open(); !status)
        return done(status);
    if (m_entries.remove(key) == 0)
        return done(Success{});
    done(save());
}

} // namespace Keyhole::Secrets
