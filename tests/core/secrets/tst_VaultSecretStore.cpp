#include "core/secrets/VaultSecretStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

namespace {

const Secrets::ScryptCost kCheap{1u << 10, 8, 1}; // fast for tests; the format records it

std::optional<QByteArray> readValue(Secrets::SecretStore& store, const QString& key,
                                    Error* error = nullptr)
{
    std::optional<QByteArray> value;
    store.read(key, [&](Secrets::ReadResult result) {
        if (result)
            value = result.value();
        else if (error)
            *error = result.error();
    });
    return value;
}

Status writeValue(Secrets::SecretStore& store, const QString& key, const QByteArray& value)
{
    Status status = Success{};
    store.write(key, value, [&](Status s) { status = s; });
    return status;
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestVaultSecretStore final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(u"secrets.vault"_s); }

private slots:
    void init() { QFile::remove(path()); }

    void roundTripsAndPersists()
    {
        {
            Secrets::VaultSecretStore vault(path(), "correct horse", kCheap);
            QVERIFY(writeValue(vault, u"ws/local/token"_s, "SENTINEL-token-value").ok());
            QVERIFY(writeValue(vault, u"ws/local/other"_s, "x").ok());
            QCOMPARE(readValue(vault, u"ws/local/token"_s),
                     std::optional<QByteArray>("SENTINEL-token-value"));
            QCOMPARE(readValue(vault, u"ws/local/missing"_s), std::optional<QByteArray>());
        }
        QVERIFY(!fileBytes(path()).contains("SENTINEL"));
        Secrets::VaultSecretStore reopened(path(), "correct horse", kCheap);
        QCOMPARE(readValue(reopened, u"ws/local/token"_s),
                 std::optional<QByteArray>("SENTINEL-token-value"));
        bool removed = false;
        reopened.remove(u"ws/local/token"_s, [&](Status s) { removed = s.ok(); });
        QVERIFY(removed);
        Secrets::VaultSecretStore again(path(), "correct horse", kCheap);
        QCOMPARE(readValue(again, u"ws/local/token"_s), std::optional<QByteArray>());
        QCOMPARE(readValue(again, u"ws/local/other"_s), std::optional<QByteArray>("x"));
    }

    void everyWriteUsesAFreshNonce()
    {
        Secrets::VaultSecretStore vault(path(), "pw", kCheap);
        QVERIFY(writeValue(vault, u"k"_s, "v").ok());
        const QJsonObject first = QJsonDocument::fromJson(fileBytes(path())).object();
        QVERIFY(writeValue(vault, u"k"_s, "v").ok());
        const QJsonObject second = QJsonDocument::fromJson(fileBytes(path())).object();
        QVERIFY(first[u"header"_s][u"nonce"_s] != second[u"header"_s][u"nonce"_s]);
        QVERIFY(first[u"ciphertext"_s] != second[u"ciphertext"_s]);
        QCOMPARE(first[u"header"_s][u"salt"_s], second[u"header"_s][u"salt"_s]);
    }

    void wrongPassphraseIsRefusedAndNothingIsOverwritten()
    {
        {
            Secrets::VaultSecretStore vault(path(), "right", kCheap);
            QVERIFY(writeValue(vault, u"k"_s, "v").ok());
        }
        const QByteArray before = fileBytes(path());
        Secrets::VaultSecretStore wrong(path(), "wrong", kCheap);
        const Status opened = wrong.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, u"vault.auth"_s);
        QVERIFY(opened.error().message.contains(u"wrong passphrase"_s));
        QCOMPARE(opened.error().where, path());
        QVERIFY(!writeValue(wrong, u"k2"_s, "v2").ok());
        QCOMPARE(fileBytes(path()), before);
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("ciphertext") << u"ciphertext"_s;
        QTest::newRow("tag") << u"tag"_s;
        QTest::newRow("header N") << u"N"_s;
        QTest::newRow("header nonce") << u"nonce"_s;
    }

    void tamperingIsDetected()
    {
        QFETCH(QString, field);
        {
            Secrets::VaultSecretStore vault(path(), "pw", kCheap);
            QVERIFY(writeValue(vault, u"k"_s, "value").ok());
        }
        QJsonObject root = QJsonDocument::fromJson(fileBytes(path())).object();
        QJsonObject header = root[u"header"_s].toObject();
        auto flip = [](const QString& base64) {
            QByteArray bytes = QByteArray::fromBase64(base64.toLatin1());
            bytes[0] = static_cast<char>(bytes[0] ^ 1);
            return QString::fromLatin1(bytes.toBase64());
        };
        if (field == u"N")
            header[u"N"_s] = 2048;
        else if (field == u"nonce")
            header[u"nonce"_s] = flip(header[u"nonce"_s].toString());
        else
            root[field] = flip(root[field].toString());
        root[u"header"_s] = header;
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(root).toJson());
        file.close();

        Secrets::VaultSecretStore vault(path(), "pw", kCheap);
        const Status opened = vault.open();
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, u"vault.auth"_s);
    }

    void garbageAndMissingPassphrase()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a vault");
        file.close();
        Secrets::VaultSecretStore garbage(path(), "pw", kCheap);
        QCOMPARE(garbage.open().error().code, u"vault.format"_s);
        QCOMPARE(fileBytes(path()), QByteArray("not a vault"));

        Secrets::VaultSecretStore empty(m_dir.filePath(u"other.vault"_s), {}, kCheap);
        QCOMPARE(empty.open().error().code, u"vault.passphrase"_s);
    }
};

QTEST_GUILESS_MAIN(TestVaultSecretStore)
#include "tst_VaultSecretStore.moc"
