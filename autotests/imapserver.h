// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#ifndef CRM_DOVECOT_PATH
#define CRM_DOVECOT_PATH "/usr/sbin/dovecot"
#endif

namespace CrmTest
{

/// A real IMAP server for a test: dovecot on 127.0.0.1 and a free port, its
/// configuration, mail and logs in a temporary folder, one account (user(),
/// password()) whose mail is a maildir under mailRoot(). It runs in the
/// foreground as a child of the test and is told to stop when the test ends,
/// also when the test is killed (the parent-death signal), so no server is
/// left behind. Reusable by any test that needs a mail server on loopback.
class ImapServer
{
public:
    ImapServer() = default;
    ImapServer(const ImapServer &) = delete;
    ImapServer &operator=(const ImapServer &) = delete;
    ~ImapServer()
    {
        stop();
    }

    static QString user()
    {
        return QStringLiteral("crm");
    }
    static QString password()
    {
        return QStringLiteral("secret");
    }
    quint16 port() const
    {
        return m_port;
    }
    /// The account's maildir: INBOX in cur/ and new/, a folder "A/B" in .A.B/.
    QString mailRoot() const
    {
        return m_dir.filePath(QStringLiteral("mail/") + user());
    }
    QString logFile() const
    {
        return m_dir.filePath(QStringLiteral("dovecot.log"));
    }
    QString log() const
    {
        QFile file(logFile());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    /// Starts dovecot; false with @p error when it does not answer.
    bool start(QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        // dovecot's login and mail processes run as other users when the
        // test runs as root: they must reach the folders.
        QFile::setPermissions(m_dir.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                  | QFileDevice::ReadOther | QFileDevice::ExeOther);
        for (const char *sub : {"run", "state", "mail"}) {
            QDir(m_dir.path()).mkpath(QLatin1StringView(sub));
        }
        m_port = freePort();
        // As root dovecot refuses to log in or give mail access as root: its
        // own users do that. As anyone else every process runs as that user.
        QString internalUser;
        QString loginUser;
        QString mailUser;
        if (geteuid() == 0) {
            internalUser = QStringLiteral("dovecot");
            loginUser = QStringLiteral("dovenull");
            mailUser = QStringLiteral("dovecot");
            if (const passwd *pw = getpwnam("dovecot")) {
                if (chown(QFile::encodeName(m_dir.filePath(QStringLiteral("mail"))).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                    *error = QStringLiteral("could not give the mail folder to dovecot");
                    return false;
                }
            }
        } else {
            const passwd *pw = getpwuid(geteuid());
            internalUser = loginUser = mailUser = QString::fromLocal8Bit(pw ? pw->pw_name : "nobody");
        }
        const QString conf = QStringLiteral(
                                 "dovecot_config_version = 2.4.1\n"
                                 "dovecot_storage_version = 2.4.1\n"
                                 "base_dir = %1/run\n"
                                 "state_dir = %1/state\n"
                                 "log_path = %1/dovecot.log\n"
                                 "protocols = imap\n"
                                 "listen = 127.0.0.1\n"
                                 "ssl = no\n"
                                 "auth_allow_cleartext = yes\n"
                                 "auth_mechanisms = plain login\n"
                                 "default_internal_user = %2\n"
                                 "default_internal_group = %2\n"
                                 "default_login_user = %3\n"
                                 "first_valid_uid = 0\n"
                                 "first_valid_gid = 0\n"
                                 "mail_driver = maildir\n"
                                 "mail_path = %1/mail/%{user}\n"
                                 "mail_home = %1/home/%{user}\n"
                                 "mail_uid = %4\n"
                                 "mail_gid = %4\n"
                                 // Every client of a test comes from 127.0.0.1: two
                                 // Akonadi resources with their session pools and IDLE
                                 // pass dovecot's default of 10 connections per user and
                                 // address, and a refused one waits 30 s to try again.
                                 "protocol imap {\n"
                                 "  mail_max_userip_connections = 100\n"
                                 "}\n"
                                 "service imap-login {\n"
                                 "  chroot =\n"
                                 "  inet_listener imap {\n"
                                 "    port = %5\n"
                                 "  }\n"
                                 "}\n"
                                 "service anvil {\n"
                                 "  chroot =\n"
                                 "}\n"
                                 "passdb static {\n"
                                 "  driver = static\n"
                                 "  password = %6\n"
                                 "}\n"
                                 "userdb static {\n"
                                 "  driver = static\n"
                                 "}\n")
                                 .arg(m_dir.path(), internalUser, loginUser, mailUser, QString::number(m_port), password());
        QFile file(m_dir.filePath(QStringLiteral("dovecot.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(conf.toUtf8()) < 0) {
            *error = QStringLiteral("could not write dovecot.conf");
            return false;
        }
        file.close();
        m_process.setProcessChannelMode(QProcess::ForwardedChannels);
        m_process.setChildProcessModifier([] {
            // Stopped with the test, also when the test is killed.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        m_process.start(QStringLiteral(CRM_DOVECOT_PATH), {QStringLiteral("-F"), QStringLiteral("-c"), file.fileName()});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("dovecot did not start: ") + m_process.errorString();
            return false;
        }
        for (int i = 0; i < 100; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (socket.waitForConnected(200) && socket.waitForReadyRead(2000) && socket.readAll().startsWith("* OK")) {
                return true;
            }
            if (m_process.state() != QProcess::Running) {
                break;
            }
            QThread::msleep(100);
        }
        *error = QStringLiteral("dovecot does not answer on port %1:\n%2").arg(m_port).arg(log());
        stop();
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        // SIGTERM: the master stops its login, auth and mail processes.
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /// Runs a few IMAP commands as the account through python3's imaplib, as
    /// another mail program would; @p script sees the logged-in client as `m`.
    /// Returns what the script printed, or an empty string and @p error.
    QString imap(const QString &script, QString *error) const
    {
        QProcess python;
        python.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import imaplib, sys\n"
                                     "m = imaplib.IMAP4('127.0.0.1', %1)\n"
                                     "m.login('%2', '%3')\n")
                              .arg(m_port)
                              .arg(user(), password())
                          + script + QStringLiteral("\nm.logout()\n")});
        if (!python.waitForFinished(30000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
            python.kill();
            *error = QString::fromUtf8(python.readAllStandardError());
            return {};
        }
        return QString::fromUtf8(python.readAllStandardOutput());
    }

    /// Creates the folder @p name ("A/B" for a sub-folder).
    bool createFolder(const QString &name, QString *error) const
    {
        return !imap(QStringLiteral("sep = m.list()[1][0].decode().split('\"')[1]\n"
                                    "t, d = m.create('%1'.replace('/', sep))\n"
                                    "assert t == 'OK', d\n"
                                    "print('ok')")
                         .arg(name),
                     error)
                    .isEmpty();
    }

    /// APPENDs @p message to the folder @p name, as another program would;
    /// returns the UID the server gave it, or -1.
    qint64 append(const QString &name, const QByteArray &message, QString *error) const
    {
        const QString out = imap(QStringLiteral("sep = m.list()[1][0].decode().split('\"')[1]\n"
                                                "t, d = m.append('%1'.replace('/', sep), None, None, bytes.fromhex('%2'))\n"
                                                "assert t == 'OK', d\n"
                                                "print(d[0].decode().split(']')[0].split()[-1])")
                                     .arg(name, QString::fromLatin1(message.toHex())),
                                 error);
        bool ok = false;
        const qint64 uid = out.trimmed().toLongLong(&ok);
        return ok ? uid : -1;
    }

    /// The message files of the folder @p name ("" for INBOX), as they lie in
    /// the server's maildir.
    QStringList messageFiles(const QString &name) const
    {
        const QString folder = name.isEmpty() ? mailRoot() : mailRoot() + QStringLiteral("/.") + QString(name).replace(QLatin1Char('/'), QLatin1Char('.'));
        QStringList files;
        for (const char *sub : {"/new", "/cur"}) {
            const QString dir = folder + QLatin1StringView(sub);
            const auto names = QDir(dir).entryList(QDir::Files);
            for (const QString &n : names) {
                files << dir + QLatin1Char('/') + n;
            }
        }
        return files;
    }

    bool folderExists(const QString &name) const
    {
        return QDir(mailRoot() + QStringLiteral("/.") + QString(name).replace(QLatin1Char('/'), QLatin1Char('.'))).exists();
    }

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace CrmTest
