// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// Reading while another writer holds the database. After every start, the
// contacts resource of a folder of 400,000 vCards keeps Akonadi's database
// busy for a quarter of an hour; Akonadi's server writes the access time of
// the items it has just sent with their payload, and that write waits for the
// database: a card took a minute. The test holds the write lock of the real
// server's database itself, as such a writer does.

#include "blocking/blockingstorage.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/Control>
#include <Akonadi/ServerManager>
#include <KCalendarCore/Todo>
#include <akonadi/qtest_akonadi.h>

#include <QElapsedTimer>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace
{
/// A connection of its own to the server's database that holds the lock a
/// writer takes, until released or destroyed.
class DatabaseWriteLock
{
public:
    bool take(QString *error)
    {
        const QString rc = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/akonadi/instance/"_s
            + Akonadi::ServerManager::instanceIdentifier() + u"/akonadiserverrc"_s;
        QSettings settings(rc, QSettings::IniFormat);
        const QString driver = settings.value(u"General/Driver"_s).toString();
        m_db = QSqlDatabase::addDatabase(driver, u"writelock"_s);
        settings.beginGroup(driver);
        m_db.setDatabaseName(settings.value(u"Name"_s).toString());
        m_db.setHostName(settings.value(u"Host"_s).toString());
        m_db.setUserName(settings.value(u"User"_s).toString());
        m_db.setPassword(settings.value(u"Password"_s).toString());
        if (settings.contains(u"Port"_s)) {
            m_db.setPort(settings.value(u"Port"_s).toInt());
        }
        if (!m_db.open()) {
            *error = driver + u": "_s + m_db.lastError().text();
            return false;
        }
        // SQLite: one writer at a time, readers go on (WAL). PostgreSQL: the
        // items' table is readable, not writable (EXCLUSIVE blocks UPDATE).
        const QStringList statements =
            driver == u"QSQLITE"_s ? QStringList{u"BEGIN IMMEDIATE"_s} : QStringList{u"BEGIN"_s, u"LOCK TABLE pimitemtable IN EXCLUSIVE MODE"_s};
        QSqlQuery query(m_db);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                *error = statement + u": "_s + query.lastError().text();
                return false;
            }
        }
        return true;
    }

    void release()
    {
        if (m_db.isOpen()) {
            QSqlQuery(m_db).exec(u"ROLLBACK"_s);
            m_db.close();
        }
    }

    ~DatabaseWriteLock()
    {
        release();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"writelock"_s);
    }

private:
    QSqlDatabase m_db;
};
} // namespace

class BusyDatabaseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QString error;
        const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::CreateIfMissing, &error);
        QVERIFY2(calendar, qPrintable(error));
        QList<Crm::ItemStorage::Write> writes;
        for (const QString &summary : {u"first"_s, u"second"_s, u"third"_s}) {
            KCalendarCore::Todo::Ptr todo(new KCalendarCore::Todo);
            todo->setSummary(summary);
            Akonadi::Item item;
            item.setMimeType(KCalendarCore::Todo::todoMimeType());
            item.setPayload<KCalendarCore::Incidence::Ptr>(todo);
            writes.append({item, *calendar});
        }
        QVERIFY(Crm::waitFor(m_storage.write(writes), [this](Crm::StorageJob *job) {
            for (const auto &written : job->written()) {
                m_ids << written.item.id();
            }
        }));
        QCOMPARE(m_ids.size(), 3);
    }

    void shouldReadItemsWhileAnotherWriterHoldsTheDatabase()
    {
        // GIVEN another writer holds the server's database
        DatabaseWriteLock lock;
        QString error;
        QVERIFY2(lock.take(&error), qPrintable(error));

        // WHEN items are read one after the other, as a card reads its
        // counterparty, then its timeline
        QElapsedTimer clock;
        clock.start();
        QStringList summaries;
        for (const Akonadi::Item::Id id : std::as_const(m_ids)) {
            auto job = m_storage.fetch({id});
            bool done = false;
            connect(job, &KJob::result, this, [&done, &summaries, job] {
                for (const Akonadi::Item &item : job->items()) {
                    summaries << item.payload<KCalendarCore::Incidence::Ptr>()->summary();
                }
                done = true;
            });
            // (bounded well below the minute the server's write would wait)
            QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        }
        const qint64 whileLocked = clock.elapsed();

        // THEN each came with its payload while the database was still held
        QCOMPARE(summaries, (QStringList{u"first"_s, u"second"_s, u"third"_s}));
        qInfo() << "three items read one after the other in" << whileLocked << "ms while another writer held the database";

        // AND once the writer is done, writing goes on as before
        lock.release();
        Akonadi::Item item;
        QVERIFY(Crm::waitFor(m_storage.fetch({m_ids.first()}), [&item](Crm::StorageJob *job) {
            item = job->items().value(0);
        }));
        item.payload<KCalendarCore::Incidence::Ptr>()->setSummary(u"first, changed"_s);
        QString written;
        QVERIFY(Crm::waitFor(m_storage.write({{item, {}}}), [&written](Crm::StorageJob *job) {
            written = job->written().value(0).error;
        }));
        QCOMPARE(written, QString());
    }

private:
    Crm::AkonadiItemStorage m_storage;
    QList<Akonadi::Item::Id> m_ids;
};

QTEST_AKONADIMAIN(BusyDatabaseTest)

#include "busydatabasetest.moc"
