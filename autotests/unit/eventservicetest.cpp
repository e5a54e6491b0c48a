// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "services/eventservice.h"
#include "blocking/blockingstorage.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "ical/interactionmapping.h"
#include "services/interactionservice.h"
#include "storage/memoryitemstorage.h"
#include "testbuilders.h"

#include <QEventLoop>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::EventService;

/// Events in process against the in-memory storage: the recurrence applied
/// once, bad rules refused before anything is stored, cancelling, occurrences.
class EventServiceTest : public QObject
{
    Q_OBJECT

private:
    const Akonadi::Collection calendar{7};
    const QTimeZone kyiv{QTimeZone::UTC};
    std::unique_ptr<Crm::MemoryItemStorage> storage;
    std::unique_ptr<EventService> service;

    template<typename Outcome, typename Call>
    static Outcome run(Call call)
    {
        return Crm::waitForAnswer<Outcome>(call);
    }

    EventService::Outcome add(const Crm::CrmEvent &ev)
    {
        return run<EventService::Outcome>([&](const EventService::Done &done) {
            service->add(ev, done);
        });
    }

    EventService::OccurrenceList occurrences(const QList<qint64> &ids, const QDateTime &from, const QDateTime &to)
    {
        return run<EventService::OccurrenceList>([&](const std::function<void(const EventService::OccurrenceList &)> &done) {
            service->occurrences(ids, from, to, done);
        });
    }

    Crm::CrmEvent planning() const
    {
        // from a Monday
        return CrmTest::event(u"Planning"_s, QDateTime(QDate(2026, 11, 2), QTime(9, 0), kyiv), u"FREQ=WEEKLY;BYDAY=MO,FR"_s);
    }

    static QList<QDateTime> starts(const EventService::OccurrenceList &list)
    {
        QList<QDateTime> out;
        for (const auto &o : list.occurrences) {
            out << o.start;
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        storage = std::make_unique<Crm::MemoryItemStorage>();
        storage->addCollection(calendar);
        service = std::make_unique<EventService>(*storage, calendar);
    }

    void shouldApplyTheRuleAndItsExceptionsOnce()
    {
        // GIVEN every Monday and Friday at 9:00, Friday 6 November moved to Saturday 7 November
        Crm::CrmEvent ev = planning();
        ev.exdates << QDateTime(QDate(2026, 11, 6), QTime(9, 0), kyiv);
        ev.rdates << QDateTime(QDate(2026, 11, 7), QTime(11, 0), kyiv);
        // WHEN it is added
        const auto outcome = add(ev);
        QVERIFY2(outcome.stored, qPrintable(outcome.error));
        // THEN the stored VEVENT has the rule once and each exception once
        Akonadi::Item::List items;
        QVERIFY(Crm::waitFor(storage->fetch({outcome.stored->itemId}), [&items](Crm::StorageJob *job) {
            items = job->items();
        }));
        const auto recurrence = items.constFirst().payload<KCalendarCore::Incidence::Ptr>()->recurrence();
        QCOMPARE(recurrence->rRules().size(), 1);
        QCOMPARE(recurrence->exDateTimes().size(), 1);
        QCOMPARE(recurrence->rDateTimes().size(), 1);
        // AND its occurrences skip the moved one and show it at its new time, once
        const QList<QDateTime> expected{QDateTime(QDate(2026, 11, 2), QTime(9, 0), kyiv),
                                        QDateTime(QDate(2026, 11, 7), QTime(11, 0), kyiv),
                                        QDateTime(QDate(2026, 11, 9), QTime(9, 0), kyiv),
                                        QDateTime(QDate(2026, 11, 13), QTime(9, 0), kyiv)};
        const auto listed = occurrences({outcome.stored->itemId}, expected.constFirst(), expected.constLast());
        QCOMPARE(starts(listed), expected);
        QCOMPARE(outcome.stored->nextOccurrences.mid(0, 4), expected);
        QCOMPARE(outcome.stored->nextOccurrences.size(), EventService::nextCount);
    }

    void shouldRefuseABadRuleAndStoreNothing_data()
    {
        QTest::addColumn<QString>("rrule");
        QTest::addColumn<QString>("message");
        QTest::newRow("ends before it starts") << u"FREQ=DAILY;UNTIL=20200101T000000Z"_s << u"before the event starts"_s;
        QTest::newRow("every second") << u"FREQ=SECONDLY"_s << u"more than"_s;
        QTest::newRow("not a rule") << u"every Tuesday"_s << u"not an iCalendar recurrence rule"_s;
    }

    void shouldRefuseABadRuleAndStoreNothing()
    {
        QFETCH(QString, rrule);
        QFETCH(QString, message);
        Crm::CrmEvent ev = planning();
        ev.rrule = rrule;
        const auto outcome = add(ev);
        QVERIFY(!outcome.stored);
        QVERIFY2(outcome.error.contains(message), qPrintable(outcome.error));
        QCOMPARE(storage->size(), 0);
    }

    void shouldBoundTheExpansionOfAnEndlessRule()
    {
        Crm::CrmEvent ev = planning();
        ev.rrule = u"FREQ=DAILY"_s;
        const auto outcome = add(ev);
        QVERIFY(outcome.stored);
        const auto year = occurrences({outcome.stored->itemId}, ev.start, ev.start.addDays(365));
        QCOMPARE(year.occurrences.size(), 366);
        QVERIFY(year.truncated.isEmpty());
        const auto items = [&] {
            Akonadi::Item::List fetched;
            Crm::waitFor(storage->fetch({outcome.stored->itemId}), [&fetched](Crm::StorageJob *job) {
                fetched = job->items();
            });
            return fetched;
        }();
        const auto limited = EventService::expand(items, ev.start, ev.start.addYears(5), 10);
        QCOMPARE(limited.occurrences.size(), 10);
        QCOMPARE(limited.truncated, QList<qint64>{outcome.stored->itemId});
    }

    void shouldListNoOccurrenceOfACancelledEvent()
    {
        // GIVEN two events, one of them cancelled
        const auto weekly = add(planning());
        Crm::CrmEvent once = planning();
        once.rrule.clear();
        once.subject = u"Fair"_s;
        once.start = QDateTime(QDate(2026, 11, 4), QTime(10, 0), kyiv);
        const auto fair = add(once);
        QVERIFY(weekly.stored && fair.stored);
        const auto cancelled = run<EventService::Outcome>([&](const EventService::Done &done) {
            service->cancel(weekly.stored->itemId, done);
        });
        QVERIFY2(cancelled.stored, qPrintable(cancelled.error));
        // WHEN the week's occurrences are listed
        const auto listed = occurrences({weekly.stored->itemId, fair.stored->itemId}, planning().start, planning().start.addDays(7));
        // THEN only the fair is there; the cancelled record is kept
        QCOMPARE(listed.occurrences.size(), 1);
        QCOMPARE(listed.occurrences.constFirst().subject, u"Fair"_s);
        QCOMPARE(storage->size(), 2);
    }

    void shouldNotCancelAnInteractionAsAnEvent()
    {
        Crm::InteractionService interactions(*storage, calendar);
        Crm::Interaction call;
        call.uid = Crm::newUid();
        call.kind = u"call"_s;
        call.start = planning().start;
        const auto added = run<Crm::InteractionService::Outcome>([&](const Crm::InteractionService::Done &done) {
            interactions.add(call, done);
        });
        QVERIFY(added.stored);
        const auto outcome = run<EventService::Outcome>([&](const EventService::Done &done) {
            service->cancel(added.stored->itemId, done);
        });
        QVERIFY(!outcome.stored);
        QVERIFY2(outcome.error.contains(u"no event"_s), qPrintable(outcome.error));
    }
};

QTEST_GUILESS_MAIN(EventServiceTest)
#include "eventservicetest.moc"
