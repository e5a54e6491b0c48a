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

#include <signal.h>
#include <sys/prctl.h>

namespace CrmTest
{

/// A real CalDAV/CardDAV server for a test: Radicale on 127.0.0.1 and a free
/// port, with htpasswd plain authentication (one account, user() and
/// password()), its collections as files in a temporary folder. It runs as a
/// child of the test and stops with it, also when the test is killed (the
/// parent-death signal). Collections are made over HTTP (MKCOL, MKCALENDAR)
/// and items read or edited through python3's requests and caldav, as a
/// client that is not KDE would.
class RadicaleServer
{
public:
    RadicaleServer() = default;
    RadicaleServer(const RadicaleServer &) = delete;
    RadicaleServer &operator=(const RadicaleServer &) = delete;
    ~RadicaleServer()
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
    /// The account's home: where a DAV client (Akonadi's resource, DAVx5)
    /// is pointed to discover the calendars and address books.
    QString homeUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1/%2/").arg(m_port).arg(user());
    }
    /// The folder Radicale keeps the collection @p name in: one file per item.
    QString collectionFolder(const QString &name) const
    {
        return m_dir.filePath(QStringLiteral("collections/collection-root/") + user() + QLatin1Char('/') + name);
    }
    QString logFile() const
    {
        return m_dir.filePath(QStringLiteral("radicale.log"));
    }
    QString log() const
    {
        QFile file(logFile());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll().right(20000)) : QString();
    }

    /// Starts Radicale; false with @p error when it does not answer.
    bool start(QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        m_port = freePort();
        QFile users(m_dir.filePath(QStringLiteral("users")));
        if (!users.open(QIODevice::WriteOnly) || users.write((user() + QLatin1Char(':') + password() + QLatin1Char('\n')).toUtf8()) < 0) {
            *error = QStringLiteral("could not write the users file");
            return false;
        }
        users.close();
        const QString conf = QStringLiteral(
                                 "[server]\n"
                                 "hosts = 127.0.0.1:%1\n"
                                 "[auth]\n"
                                 "type = htpasswd\n"
                                 "htpasswd_filename = %2\n"
                                 "htpasswd_encryption = plain\n"
                                 // A wrong password is answered at once, not after a second.
                                 "delay = 0\n"
                                 "[rights]\n"
                                 "type = owner_only\n"
                                 "[storage]\n"
                                 "filesystem_folder = %3\n"
                                 "[web]\n"
                                 "type = none\n"
                                 "[logging]\n"
                                 "level = info\n"
                                 "mask_passwords = True\n")
                                 .arg(QString::number(m_port), users.fileName(), m_dir.filePath(QStringLiteral("collections")));
        QFile file(m_dir.filePath(QStringLiteral("radicale.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(conf.toUtf8()) < 0) {
            *error = QStringLiteral("could not write radicale.conf");
            return false;
        }
        file.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(logFile());
        m_process.setChildProcessModifier([] {
            // Stopped with the test, also when the test is killed.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        m_process.start(QStringLiteral("python3"), {QStringLiteral("-m"), QStringLiteral("radicale"), QStringLiteral("--config"), file.fileName()});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("radicale did not start: ") + m_process.errorString();
            return false;
        }
        for (int i = 0; i < 150; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (socket.waitForConnected(200)) {
                return true;
            }
            if (m_process.state() != QProcess::Running) {
                break;
            }
            QThread::msleep(100);
        }
        *error = QStringLiteral("radicale does not answer on port %1:\n%2").arg(m_port).arg(log());
        stop();
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /// Runs @p script with python3 as a DAV client that is not KDE: `s` is a
    /// requests session logged in to the account, `home` the account's URL,
    /// `client` a caldav.DAVClient on it. Returns what the script printed, or
    /// an empty string and @p error.
    QString python(const QString &script, QString *error) const
    {
        QProcess python;
        python.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import sys, json, requests, caldav\n"
                                     "home = '%1'\n"
                                     "s = requests.Session()\n"
                                     "s.auth = ('%2', '%3')\n"
                                     "client = caldav.DAVClient(url=home, username='%2', password='%3')\n")
                              .arg(homeUrl(), user(), password())
                          + script});
        if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
            python.kill();
            *error = QString::fromUtf8(python.readAllStandardError());
            return {};
        }
        return QString::fromUtf8(python.readAllStandardOutput());
    }

    /// Makes an address book @p name (shown as @p displayName) in the account's home.
    bool makeAddressBook(const QString &name, const QString &displayName, QString *error) const
    {
        return !python(QStringLiteral("body = '''<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                      "<D:mkcol xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:set><D:prop>\n"
                                      "<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>\n"
                                      "<D:displayname>%2</D:displayname></D:prop></D:set></D:mkcol>'''\n"
                                      "r = s.request('MKCOL', home + '%1/', data=body.encode(), headers={'Content-Type': 'application/xml'})\n"
                                      "assert r.status_code == 201, (r.status_code, r.text)\n"
                                      "print('ok')\n")
                           .arg(name, displayName),
                       error)
                    .isEmpty();
    }

    /// Makes a calendar @p name (shown as @p displayName) for events and to-dos.
    bool makeCalendar(const QString &name, const QString &displayName, QString *error) const
    {
        return !python(QStringLiteral("body = '''<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                      "<C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:set><D:prop>\n"
                                      "<D:displayname>%2</D:displayname>\n"
                                      "<C:supported-calendar-component-set><C:comp name=\"VEVENT\"/><C:comp name=\"VTODO\"/>"
                                      "</C:supported-calendar-component-set>\n"
                                      "</D:prop></D:set></C:mkcalendar>'''\n"
                                      "r = s.request('MKCALENDAR', home + '%1/', data=body.encode(), headers={'Content-Type': 'application/xml'})\n"
                                      "assert r.status_code == 201, (r.status_code, r.text)\n"
                                      "print('ok')\n")
                           .arg(name, displayName),
                       error)
                    .isEmpty();
    }

    /// The item files of the collection @p name as they lie in Radicale's
    /// storage (its own bookkeeping, the dot files, left out).
    QStringList itemFiles(const QString &name) const
    {
        QStringList files;
        const QDir dir(collectionFolder(name));
        const auto names = dir.entryList(QDir::Files);
        for (const QString &n : names) {
            files << dir.filePath(n);
        }
        return files;
    }

    /// The contents of every item file of the collection @p name.
    QStringList itemTexts(const QString &name) const
    {
        QStringList texts;
        const auto files = itemFiles(name);
        for (const QString &path : files) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly)) {
                texts << QString::fromUtf8(file.readAll());
            }
        }
        return texts;
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
