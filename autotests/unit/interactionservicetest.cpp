// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "services/interactionservice.h"
#include "blocking/blockingstorage.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"
#include "storage/memoryitemstorage.h"
#include "testbuilders.h"

#include <QEventLoop>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::InteractionService;

/// The interaction log's rules, in process against the in-memory storage
/// (whose behaviour the storage contract suite pins to the real server).
class InteractionServiceTest : public QObject
{
    Q_OBJECT

private:
    const Akonadi::Collection calendar{7};
    const QDateTime now{QDate(2026, 11, 26), QTime(12, 0), QTimeZone::UTC};
    std::unique_ptr<Crm::MemoryItemStorage> storage;
    std::unique_ptr<InteractionService> service;

    static InteractionService::Outcome run(const std::function<void(const InteractionService::Done &)> &call)
    {
        return Crm::waitForAnswer<InteractionService::Outcome>(call);
    }

    qint64 added(const Crm::Interaction &i)
    {
        const auto outcome = run([&](const auto &done) {
            service->add(i, done);
        });
        return outcome.stored ? outcome.stored->itemId : -1;
    }

    Crm::Interaction stored(qint64 id)
    {
        Akonadi::Item::List items;
        Crm::waitFor(storage->fetch({id}), [&items](Crm::StorageJob *job) {
            items = job->items();
        });
        return items.isEmpty() ? Crm::Interaction() : Crm::InteractionMapping::interactionFrom(items.constFirst().payload<KCalendarCore::Incidence::Ptr>());
    }

private Q_SLOTS:
    void init()
    {
        Crm::Clock::setNow(now);
        storage = std::make_unique<Crm::MemoryItemStorage>();
        storage->addCollection(calendar);
        service = std::make_unique<InteractionService>(*storage, calendar);
    }

    void cleanupTestCase()
    {
        Crm::Clock::setNow({});
    }

    void shouldRecordAResultAndPlanTheNextContactAfterIt()
    {
        // GIVEN a call held last week
        const qint64 id = added(CrmTest::call(now.addDays(-6)));
        QVERIFY(id > 0);
        // WHEN its result is recorded with the next contact in a week
        const auto outcome = run([&](const auto &done) {
            service->recordResult(id, u"Agreed 5%"_s, QDateTime(QDate(2026, 12, 3), QTime(0, 0)), 2 * 24 * 60, done);
        });
        // THEN the result is stored and a follow-up is planned, linked back, same time of day, reminded two days before
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(stored(id).result, u"Agreed 5%"_s);
        QCOMPARE(stored(id).nextContact, QDate(2026, 12, 3));
        QVERIFY(outcome.followUp);
        const Crm::Interaction next = stored(outcome.followUp->itemId);
        QCOMPARE(next.previousUid, stored(id).uid);
        QCOMPARE(next.start.date(), QDate(2026, 12, 3));
        QCOMPARE(next.start.time(), now.addDays(-6).time());
        QCOMPARE(next.remindMinutesBefore, 2 * 24 * 60);
        QCOMPARE(next.stateAt(now), Crm::Interaction::State::Planned);
        QCOMPARE(storage->size(), 2);
    }

    void shouldTakeTheTimeGivenForTheNextContact()
    {
        const qint64 id = added(CrmTest::call(now.addDays(-1)));
        const auto outcome = run([&](const auto &done) {
            service->recordResult(id, u"Call back"_s, QDateTime(QDate(2026, 11, 30), QTime(15, 30), QTimeZone::UTC), 60, done);
        });
        QVERIFY(outcome.followUp);
        QCOMPARE(stored(outcome.followUp->itemId).start, QDateTime(QDate(2026, 11, 30), QTime(15, 30), QTimeZone::UTC));
    }

    void shouldRefuseANextContactThatIsNotAfterThisOne()
    {
        const qint64 id = added(CrmTest::call(now.addDays(-1)));
        const auto outcome = run([&](const auto &done) {
            service->recordResult(id, u"Too early"_s, QDateTime(now.addDays(-2).date(), QTime(0, 0)), 60, done);
        });
        QVERIFY(!outcome.stored);
        QVERIFY2(outcome.error.contains(u"must come after"_s), qPrintable(outcome.error));
        QVERIFY(stored(id).result.isEmpty());
        QCOMPARE(storage->size(), 1);
    }

    void shouldNotRecordAResultOnACancelledOne()
    {
        Crm::Interaction i = CrmTest::call(now.addDays(2));
        const qint64 id = added(i);
        QVERIFY(run([&](const auto &done) {
                    service->cancel(id, done);
                }).stored);
        QVERIFY(stored(id).cancelled);
        const auto outcome = run([&](const auto &done) {
            service->recordResult(id, u"Went well"_s, std::nullopt, 60, done);
        });
        QVERIFY(!outcome.stored);
        QVERIFY2(outcome.error.contains(u"cancelled"_s), qPrintable(outcome.error));
    }

    void shouldNotCancelAHeldOneWithAResult()
    {
        Crm::Interaction i = CrmTest::call(now.addDays(-3));
        i.result = u"Signed"_s;
        const qint64 id = added(i);
        const auto outcome = run([&](const auto &done) {
            service->cancel(id, done);
        });
        QVERIFY(!outcome.stored);
        QVERIFY2(outcome.error.contains(u"cannot be cancelled"_s), qPrintable(outcome.error));
        QVERIFY(!stored(id).cancelled);
    }

    void shouldNotTakeAnEventForAnInteraction()
    {
        // GIVEN an event (a VEVENT too) in the same calendar
        Crm::CrmEvent ev;
        ev.uid = Crm::newUid();
        ev.subject = u"Stock-taking"_s;
        ev.start = now.addDays(3);
        Akonadi::Item item;
        item.setMimeType(KCalendarCore::Event::eventMimeType());
        item.setPayload<KCalendarCore::Incidence::Ptr>(Crm::InteractionMapping::toEvent(ev));
        qint64 id = -1;
        QVERIFY(Crm::waitFor(storage->write({{item, calendar}}), [&id](Crm::StorageJob *job) {
            id = job->written().value(0).item.id();
        }));
        // WHEN it is cancelled or given a result as an interaction
        const auto cancelled = run([&](const auto &done) {
            service->cancel(id, done);
        });
        const auto result = run([&](const auto &done) {
            service->recordResult(id, u"Held"_s, std::nullopt, 60, done);
        });
        // THEN both are refused and the event is left as it was
        QVERIFY(!cancelled.stored && !result.stored);
        QVERIFY2(cancelled.error.contains(u"not an interaction"_s), qPrintable(cancelled.error));
        QVERIFY(!stored(id).cancelled);
    }

    void shouldFilterTheLog_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("employee");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<QStringList>("subjects");
        const auto any = int(InteractionService::Filter::State::Any);
        QTest::newRow("all, newest first") << any << QString() << QString() << QDateTime() << QDateTime()
                                           << QStringList{u"Next week"_s, u"Offer"_s, u"Prices"_s, u"Dropped"_s};
        QTest::newRow("planned") << int(InteractionService::Filter::State::Planned) << QString() << QString() << QDateTime() << QDateTime()
                                 << QStringList{u"Next week"_s};
        QTest::newRow("held, not cancelled") << int(InteractionService::Filter::State::Held) << QString() << QString() << QDateTime() << QDateTime()
                                             << QStringList{u"Offer"_s, u"Prices"_s};
        QTest::newRow("kind in any case") << any << u"Meeting"_s << QString() << QDateTime() << QDateTime() << QStringList{u"Offer"_s};
        QTest::newRow("employee in any notation") << any << QString() << u"Dmytro@Our-Firm.example"_s << QDateTime() << QDateTime() << QStringList{u"Offer"_s};
        QTest::newRow("from and to inclusive") << any << QString() << QString() << now.addDays(-5) << now.addDays(-2) << QStringList{u"Offer"_s, u"Prices"_s};
    }

    void shouldFilterTheLog()
    {
        // GIVEN a cancelled call, a held call, a held meeting held by Dmytro and a planned call
        Crm::Interaction dropped = CrmTest::call(now.addDays(-10));
        dropped.subject = u"Dropped"_s;
        dropped.cancelled = true;
        Crm::Interaction prices = CrmTest::call(now.addDays(-5));
        prices.subject = u"Prices"_s;
        Crm::Interaction offer = CrmTest::call(now.addDays(-2));
        offer.subject = u"Offer"_s;
        offer.kind = u"meeting"_s;
        offer.employee.email = u"dmytro@our-firm.example"_s;
        Crm::Interaction next = CrmTest::call(now.addDays(7));
        next.subject = u"Next week"_s;
        QList<Crm::CalendarEntry> entries;
        for (const Crm::Interaction &i : {dropped, prices, offer, next}) {
            const qint64 id = added(i);
            entries << Crm::IncidenceEntry::from(Crm::InteractionMapping::toEvent(i), id);
        }
        Crm::CalendarEntry task;
        task.itemId = 999;
        task.type = Crm::CalendarEntry::Type::Task;
        task.start = now;
        entries << task;
        QFETCH(int, state);
        QFETCH(QString, kind);
        QFETCH(QString, employee);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(QStringList, subjects);
        InteractionService::Filter filter;
        filter.state = InteractionService::Filter::State(state);
        filter.kind = kind;
        filter.employee = employee;
        filter.from = from;
        filter.to = to;
        // WHEN the log is listed with the filter
        InteractionService::Listed listed;
        QEventLoop loop;
        service->list(entries, filter, [&](const InteractionService::Listed &l) {
            listed = l;
            loop.quit();
        });
        loop.exec();
        // THEN only those pass, newest first, the task never
        QVERIFY(listed.error.isEmpty());
        QStringList shown;
        for (const auto &stored : listed.interactions) {
            shown << stored.interaction.subject;
        }
        QCOMPARE(shown, subjects);
    }

    void shouldSayWhatIsMissing()
    {
        QVERIFY(!run([&](const auto &done) {
                     service->cancel(4242, done);
                 }).stored);
        Crm::Interaction noKind = CrmTest::call(now);
        noKind.kind.clear();
        QVERIFY(!run([&](const auto &done) {
                     service->add(noKind, done);
                 }).stored);
        QCOMPARE(storage->size(), 0);
    }
};

QTEST_GUILESS_MAIN(InteractionServiceTest)
#include "interactionservicetest.moc"
