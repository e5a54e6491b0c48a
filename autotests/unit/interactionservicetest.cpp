// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "services/interactionservice.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "ical/interactionmapping.h"
#include "storage/blockingstorage.h"
#include "storage/memoryitemstorage.h"

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
        InteractionService::Outcome outcome;
        QEventLoop loop;
        call([&](const InteractionService::Outcome &o) {
            outcome = o;
            loop.quit();
        });
        loop.exec();
        return outcome;
    }

    static Crm::Interaction call(const QDateTime &start)
    {
        Crm::Interaction i;
        i.uid = Crm::newUid();
        i.kind = u"call"_s;
        i.subject = u"Prices for 2027"_s;
        i.start = start;
        i.counterpartyUid = u"urn:uuid:c1"_s;
        return i;
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
        const qint64 id = added(call(now.addDays(-6)));
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
        const qint64 id = added(call(now.addDays(-1)));
        const auto outcome = run([&](const auto &done) {
            service->recordResult(id, u"Call back"_s, QDateTime(QDate(2026, 11, 30), QTime(15, 30), QTimeZone::UTC), 60, done);
        });
        QVERIFY(outcome.followUp);
        QCOMPARE(stored(outcome.followUp->itemId).start, QDateTime(QDate(2026, 11, 30), QTime(15, 30), QTimeZone::UTC));
    }

    void shouldRefuseANextContactThatIsNotAfterThisOne()
    {
        const qint64 id = added(call(now.addDays(-1)));
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
        Crm::Interaction i = call(now.addDays(2));
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
        Crm::Interaction i = call(now.addDays(-3));
        i.result = u"Signed"_s;
        const qint64 id = added(i);
        const auto outcome = run([&](const auto &done) {
            service->cancel(id, done);
        });
        QVERIFY(!outcome.stored);
        QVERIFY2(outcome.error.contains(u"cannot be cancelled"_s), qPrintable(outcome.error));
        QVERIFY(!stored(id).cancelled);
    }

    void shouldSayWhatIsMissing()
    {
        QVERIFY(!run([&](const auto &done) {
                     service->cancel(4242, done);
                 }).stored);
        Crm::Interaction noKind = call(now);
        noKind.kind.clear();
        QVERIFY(!run([&](const auto &done) {
                     service->add(noKind, done);
                 }).stored);
        QCOMPARE(storage->size(), 0);
    }
};

QTEST_GUILESS_MAIN(InteractionServiceTest)
#include "interactionservicetest.moc"
