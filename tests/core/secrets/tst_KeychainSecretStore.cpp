#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/SecretStoreChoice.h"

#include <QTest>

using namespace Keyhole;
using namespace Qt::StringLiterals;

// Runs under tests/support/with-keyring.sh: a private D-Bus session with gnome-keyring.
class TestKeychainSecretStore final : public QObject {
    Q_OBJECT

    Secrets::KeychainSecretStore m_store{u"keyhole-test"_s};

    Secrets::ReadResult read(const QString& key)
    {
        std::optional<Secrets::ReadResult> result;
        m_store.read(key, [&](Secrets::ReadResult r) { result.emplace(std::move(r)); });
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        }();
        return result ? *result : Secrets::ReadResult(Error{u"timeout"_s, {}, {}});
    }

    Status write(const QString& key, const QByteArray& value)
    {
        std::optional<Status> result;
        m_store.write(key, value, [&](Status s) { result.emplace(std::move(s)); });
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        }();
        return result ? *result : Status(Error{u"timeout"_s, {}, {}});
    }

    Status remove(const QString& key)
    {
        std::optional<Status> result;
        m_store.remove(key, [&](Status s) { result.emplace(std::move(s)); });
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000);
        }();
        return result ? *result : Status(Error{u"timeout"_s, {}, {}});
    }

private slots:
    void storeReadOverwriteDelete()
    {
        const QString key = u"ws/staging/token"_s;
        const Status written = write(key, "first-value");
        QVERIFY2(written.ok(), qPrintable(written ? QString() : written.error().toString()));
        QCOMPARE(read(key).value(), std::optional<QByteArray>("first-value"));
        QVERIFY(write(key, "second-value").ok());
        QCOMPARE(read(key).value(), std::optional<QByteArray>("second-value"));
        QVERIFY(remove(key).ok());
        QCOMPARE(read(key).value(), std::optional<QByteArray>());
        QVERIFY(remove(key).ok()); // removing what is not there succeeds
    }

    void binaryValuesSurvive()
    {
        const QByteArray value("\x00\x01\xfe\xff token", 10);
        QVERIFY(write(u"ws/binary"_s, value).ok());
        QCOMPARE(read(u"ws/binary"_s).value(), std::optional<QByteArray>(value));
        QVERIFY(remove(u"ws/binary"_s).ok());
    }

    void autoChoosesTheKeychainWhenOneAnswers()
    {
        std::optional<Result<Secrets::Choice>> choice;
        Secrets::chooseSecretStore(
            {}, [&](Result<Secrets::Choice> c) { choice.emplace(std::move(c)); });
        QTRY_VERIFY_WITH_TIMEOUT(choice.has_value(), 20000);
        QVERIFY(choice->ok());
        QCOMPARE(choice->value().store->backendName(), u"keychain"_s);
        QVERIFY(choice->value().notice.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_KeychainSecretStore.moc"
