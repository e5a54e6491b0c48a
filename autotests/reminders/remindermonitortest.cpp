// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "akonadi/resourcesetup.h"
#include "blocking/blockingstorage.h"
#include "ical/incidenceentry.h"

#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/CollectionCreateJob>
#include <Akonadi/Control>
#include <Akonadi/ItemCreateJob>
#include <Akonadi/ServerManager>
#include <akonadi/qtest_akonadi.h>

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Todo>
#include <KContacts/Addressee>

#include <QDBusInterface>
#include <QDBusReply>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace
{
const QString agentId = u"akonadi_kontactcrm_reminders_agent"_s;
const QString me = u"oksana@our-firm.example"_s;
} // namespace

/// What the reminder agent asks Akonadi for: the items of the CRM's
/// calendar and counterparty address book, never those of other
/// collections (another calendar, a mail folder), also while the CRM's
/// collections do not exist yet and the agent waits for them.
class ReminderMonitorTest : public QObject
{
    Q_OBJECT

    Crm::CalendarSession m_calendar;
    Crm::Directory m_directory;
    Akonadi::Collection m_otherCalendar;
    QString m_maildir;
    Akonadi::Collection m_mailFolder;
    int m_mailFolders = 0;

    static QString service()
    {
        return Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, agentId);
    }

    template<typename T>
    static T callAgent(const QString &method)
    {
        QDBusInterface iface(service(), u"/Reminders"_s, u"org.kde.kontactcrm.Reminders"_s);
        const QDBusReply<T> reply = iface.call(method);
        return reply.isValid() ? reply.value() : T{};
    }

    static KCalendarCore::Todo::Ptr task(const QString &summary)
    {
        auto todo = KCalendarCore::Todo::Ptr::create();
        todo->setSummary(summary);
        Crm::IncidenceEntry::setCrmProperty(todo, "TYPE", u"task"_s);
        todo->setOrganizer(KCalendarCore::Person(u"Boss"_s, u"boss@our-firm.example"_s));
        todo->addAttendee(KCalendarCore::Attendee(QString(), me));
        todo->setDtDue(QDateTime::currentDateTimeUtc().addDays(30));
        return todo;
    }

    /// A task of mine, as another calendar (not the CRM's) holds it.
    bool addToOtherCalendar(const QString &summary)
    {
        Akonadi::Item item;
        item.setMimeType(KCalendarCore::Todo::todoMimeType());
        KCalendarCore::ICalFormat format;
        item.setPayloadFromData(format.toICalString(task(summary)).toUtf8());
        auto job = new Akonadi::ItemCreateJob(item, m_otherCalendar);
        return job->exec();
    }

    /// A folder for mail in the maildir resource. Right after its first
    /// start the resource may still replace its top-level collection (and
    /// what was created under it): asked again then.
    bool ensureMailFolder()
    {
        const Akonadi::Collection root = rootOf(m_maildir);
        if (!root.isValid()) {
            return false;
        }
        Akonadi::Collection inbox;
        inbox.setParentCollection(root);
        inbox.setName(u"inbox %1"_s.arg(++m_mailFolders));
        inbox.setContentMimeTypes({u"message/rfc822"_s});
        auto create = new Akonadi::CollectionCreateJob(inbox);
        if (!create->exec()) {
            qWarning() << "cannot create a mail folder:" << create->errorString();
            return false;
        }
        m_mailFolder = create->collection();
        return true;
    }

    bool addMail(const QString &subject)
    {
        Akonadi::Item item;
        item.setMimeType(u"message/rfc822"_s);
        item.setPayloadFromData("From: boss@our-firm.example\r\nTo: " + me.toUtf8() + "\r\nSubject: " + subject.toUtf8() + "\r\n\r\nHello\r\n");
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (m_mailFolder.isValid() || ensureMailFolder()) {
                auto job = new Akonadi::ItemCreateJob(item, m_mailFolder);
                if (job->exec()) {
                    return true;
                }
                qWarning() << "cannot add a mail:" << job->errorString();
                m_mailFolder = {};
            }
            QTest::qWait(250);
        }
        return false;
    }

    qint64 addToCrmCalendar(const QString &summary)
    {
        QString error;
        const qint64 id = Crm::saveNow(m_calendar, task(summary), {}, &error);
        if (id < 0) {
            qWarning() << "cannot save" << summary << error;
        }
        return id;
    }

    static Akonadi::Collection createResource(const QString &type, const QString &name, const QString &settingsInterface)
    {
        const QString path = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/' + name;
        auto create = new Crm::ResourceSetup::CreateResourceJob(type, name, settingsInterface, path);
        if (!create->exec()) {
            qWarning() << create->errorString();
            return {};
        }
        return rootOf(create->identifier());
    }

    static Akonadi::Collection rootOf(const QString &resource)
    {
        auto root = new Crm::ResourceSetup::RootCollectionJob(resource);
        if (!root->exec()) {
            qWarning() << root->errorString();
            return {};
        }
        return root->collection();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        // The agent starts before the CRM has any collection.
        auto job = new Akonadi::AgentInstanceCreateJob(agentId);
        QVERIFY2(job->exec(), qPrintable(job->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(callAgent<qint64>(u"processId"_s) > 0, 60000);
        QVERIFY(!callAgent<bool>(u"isReady"_s));
    }

    void shouldFetchNoItemWhileWaitingForTheCrmCollections()
    {
        // GIVEN the agent waiting for the CRM's collections
        // WHEN another calendar and a mail folder get items
        m_otherCalendar = createResource(u"akonadi_icaldir_resource"_s, u"Other calendar"_s, u"org.kde.Akonadi.ICalDirectory.Settings"_s);
        QVERIFY(m_otherCalendar.isValid());
        // A maildir in its default folder: reconfigured, it would replace
        // its top-level collection once more.
        auto createMaildir = new Akonadi::AgentInstanceCreateJob(u"akonadi_maildir_resource"_s);
        QVERIFY2(createMaildir->exec(), qPrintable(createMaildir->errorString()));
        m_maildir = createMaildir->instance().identifier();
        QVERIFY(addToOtherCalendar(u"Not in the CRM"_s));
        QVERIFY(addMail(u"Hello"_s));
        // and then the CRM calendar appears, and a task of mine lands in it
        QString error;
        QVERIFY2(Crm::openNow(m_calendar, Crm::CalendarSession::OpenMode::CreateIfMissing, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(callAgent<bool>(u"isReady"_s), 60000);
        QVERIFY(addToCrmCalendar(u"In the CRM"_s) > 0);

        // THEN the agent schedules the CRM's task; it was sent nothing else
        // (notifications reach it in order: the others came before)
        QTRY_COMPARE_WITH_TIMEOUT(callAgent<int>(u"scheduledItems"_s), 1, 30000);
        QCOMPARE(callAgent<int>(u"ignoredItems"_s), 0);
    }

    void shouldWatchTheAddressBookOnceItAppears()
    {
        // GIVEN the agent watching the CRM calendar only
        // WHEN the counterparty address book appears, with a person whose birthday reminds,
        QString error;
        QVERIFY2(Crm::openNow(m_directory, Crm::Directory::OpenMode::CreateIfMissing, &error), qPrintable(error));
        KContacts::Addressee person;
        person.setFormattedName(u"Олена Коваль"_s);
        person.setBirthday(QDate(1985, 11, 27));
        const auto written = Crm::writeNow(
            m_directory.storage(),
            {{Crm::ItemStorage::withPayload(Akonadi::Item(), person, KContacts::Addressee::mimeType()), m_directory.collections().counterparties()}});
        QCOMPARE(written.size(), 1);
        QVERIFY2(written.constFirst().item.isValid(), qPrintable(written.constFirst().error));
        // and more items land in the other calendar, the mail folder and the CRM calendar
        QVERIFY(addToOtherCalendar(u"Still not in the CRM"_s));
        QVERIFY(addMail(u"Hello again"_s));
        QVERIFY(addToCrmCalendar(u"In the CRM again"_s) > 0);

        // THEN the person and both CRM tasks are scheduled; nothing else reached the agent
        QTRY_COMPARE_WITH_TIMEOUT(callAgent<int>(u"scheduledItems"_s), 3, 30000);
        QCOMPARE(callAgent<int>(u"ignoredItems"_s), 0);
    }
};

QTEST_AKONADIMAIN(ReminderMonitorTest)
#include "remindermonitortest.moc"
