// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// Test helper: an org.freedesktop.Notifications service on the session bus
// of its environment that appends each notification to a file, one line
// "summary | body", so a test can see what an agent of another machine (a
// second Akonadi with its own bus) announced.
//   notificationrecorder FILE
// Prints "ready" once it is on the bus.

#include <QCoreApplication>
#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusError>
#include <QFile>
#include <QTextStream>
#include <QVariantMap>

namespace
{
class Recorder : public QObject
{
    Q_OBJECT
public:
    explicit Recorder(const QString &path)
        : m_path(path)
    {
    }
    uint record(const QString &summary, const QString &body)
    {
        QFile file(m_path);
        if (file.open(QIODevice::Append)) {
            file.write((QString(summary).replace(u'\n', u' ') + QStringLiteral(" | ") + QString(body).replace(u'\n', u' ') + u'\n').toUtf8());
        }
        return ++m_count;
    }

private:
    QString m_path;
    uint m_count = 0;
};

class Adaptor : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    explicit Adaptor(Recorder *recorder)
        : QDBusAbstractAdaptor(recorder)
        , m_recorder(recorder)
    {
    }

public Q_SLOTS:
    uint Notify(const QString &appName,
                uint replacesId,
                const QString &appIcon,
                const QString &summary,
                const QString &body,
                const QStringList &actions,
                const QVariantMap &hints,
                int timeout)
    {
        Q_UNUSED(appName)
        Q_UNUSED(replacesId)
        Q_UNUSED(appIcon)
        Q_UNUSED(actions)
        Q_UNUSED(hints)
        Q_UNUSED(timeout)
        return m_recorder->record(summary, body);
    }
    QStringList GetCapabilities()
    {
        return {QStringLiteral("body"), QStringLiteral("actions"), QStringLiteral("persistence")};
    }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("Kontact CRM tests");
        version = QStringLiteral("1");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("recorder");
    }
    void CloseNotification(uint id)
    {
        Q_EMIT NotificationClosed(id, 3);
    }
Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString &actionKey);

private:
    Recorder *m_recorder;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        QTextStream(stderr) << "usage: notificationrecorder FILE\n";
        return 2;
    }
    Recorder recorder(app.arguments().at(1));
    new Adaptor(&recorder);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &recorder)
        || !bus.registerService(QStringLiteral("org.freedesktop.Notifications"))) {
        QTextStream(stderr) << "notificationrecorder: could not register on the session bus: " << bus.lastError().message() << '\n';
        return 1;
    }
    QTextStream(stdout) << "ready" << Qt::endl;
    return app.exec();
}

#include "notificationrecorder.moc"
