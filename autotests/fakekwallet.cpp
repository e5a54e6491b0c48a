// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// Test helper: a password store on the test's session bus, in the place of
// KDE's wallet (org.kde.kwalletd6), so that a resource that keeps its
// password through QtKeychain (akonadi_davgroupware_resource,
// akonadi_imap_resource) runs without a desktop. The DAV resource reads its
// password from the keychain and, when the keychain has no entry or none
// answers, shows a password dialog that no one answers in a test; the IMAP
// resource reads it again after each lost connection and, finding none,
// stays offline. This store holds what is written to it and gives
// the account password it was started with for anything else: the password
// the user typed once.
//   fakekwallet PASSWORD
// Prints "ready" once it is on the bus; each read and write goes to stderr.
// Processes that use it need XDG_CURRENT_DESKTOP=KDE and KDE_SESSION_VERSION=6
// (QtKeychain asks KWallet first only on Plasma).

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QHash>
#include <QTextStream>

namespace
{
/// KWallet::Wallet::EntryType, as QtKeychain reads it.
enum EntryType {
    Password = 1,
    Stream = 2,
};

class Wallet : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.KWallet")
public:
    explicit Wallet(const QString &password)
        : m_password(password)
    {
    }

Q_SIGNALS:
    void walletAsyncOpened(int tId, int handle);

public Q_SLOTS:
    bool isEnabled()
    {
        return true;
    }
    QString networkWallet()
    {
        return QStringLiteral("kdewallet");
    }
    QString localWallet()
    {
        return QStringLiteral("kdewallet");
    }
    int open(const QString &wallet, qlonglong wId, const QString &appid)
    {
        Q_UNUSED(wallet)
        Q_UNUSED(wId)
        log("open", appid, {});
        return 1;
    }
    /// KWallet::Wallet::openWallet(…, Asynchronous), as the IMAP resource
    /// opens it: a transaction id now, the handle by a signal after.
    int openAsync(const QString &wallet, qlonglong wId, const QString &appid, bool handleSession)
    {
        Q_UNUSED(wallet)
        Q_UNUSED(wId)
        Q_UNUSED(handleSession)
        log("open", appid, {});
        const int transaction = ++m_transactions;
        QMetaObject::invokeMethod(
            this,
            [this, transaction] {
                Q_EMIT walletAsyncOpened(transaction, 1);
            },
            Qt::QueuedConnection);
        return transaction;
    }
    bool isOpen(int handle)
    {
        return handle == 1;
    }
    int close(int handle, bool force, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(force)
        Q_UNUSED(appid)
        return 0;
    }
    bool hasFolder(int handle, const QString &folder, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(folder)
        Q_UNUSED(appid)
        return true;
    }
    bool createFolder(int handle, const QString &folder, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(folder)
        Q_UNUSED(appid)
        return true;
    }
    bool hasEntry(int handle, const QString &folder, const QString &key, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(folder)
        Q_UNUSED(key)
        Q_UNUSED(appid)
        return true;
    }
    int entryType(int handle, const QString &folder, const QString &key, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(appid)
        return m_entries.contains(folder + QLatin1Char('/') + key) ? Stream : Password;
    }
    QString readPassword(int handle, const QString &folder, const QString &key, const QString &appid)
    {
        Q_UNUSED(handle)
        log("read", folder, key);
        Q_UNUSED(appid)
        return m_passwords.value(folder + QLatin1Char('/') + key, m_password);
    }
    QByteArray readEntry(int handle, const QString &folder, const QString &key, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(appid)
        log("read", folder, key);
        return m_entries.value(folder + QLatin1Char('/') + key, m_password.toUtf8());
    }
    int writePassword(int handle, const QString &folder, const QString &key, const QString &value, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(appid)
        log("write", folder, key);
        m_entries.remove(folder + QLatin1Char('/') + key);
        m_passwords.insert(folder + QLatin1Char('/') + key, value);
        return 0;
    }
    int writeEntry(int handle, const QString &folder, const QString &key, const QByteArray &value, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(appid)
        log("write", folder, key);
        m_passwords.remove(folder + QLatin1Char('/') + key);
        m_entries.insert(folder + QLatin1Char('/') + key, value);
        return 0;
    }
    int removeEntry(int handle, const QString &folder, const QString &key, const QString &appid)
    {
        Q_UNUSED(handle)
        Q_UNUSED(appid)
        log("remove", folder, key);
        m_passwords.remove(folder + QLatin1Char('/') + key);
        m_entries.remove(folder + QLatin1Char('/') + key);
        return 0;
    }

    /// Not KWallet's: a test empties the store, as a user who deleted the
    /// account's entry in KWalletManager.
    void forget()
    {
        log("forget", {}, {});
        m_password.clear();
        m_passwords.clear();
        m_entries.clear();
    }

private:
    static void log(const char *what, const QString &folder, const QString &key)
    {
        QTextStream(stderr) << "fakekwallet: " << what << ' ' << folder << ' ' << key << '\n';
    }

    QString m_password;
    int m_transactions = 0;
    QHash<QString, QString> m_passwords;
    QHash<QString, QByteArray> m_entries;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        QTextStream(stderr) << "usage: fakekwallet PASSWORD\n";
        return 2;
    }
    Wallet wallet(app.arguments().at(1));
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.registerObject(QStringLiteral("/modules/kwalletd6"), &wallet, QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals)
        || !bus.registerService(QStringLiteral("org.kde.kwalletd6"))) {
        QTextStream(stderr) << "fakekwallet: could not register on the session bus: " << bus.lastError().message() << '\n';
        return 1;
    }
    QTextStream(stdout) << "ready" << Qt::endl;
    return app.exec();
}

#include "fakekwallet.moc"
