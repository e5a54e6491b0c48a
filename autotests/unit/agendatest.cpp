// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "services/agenda.h"
#include "blocking/blockingstorage.h"
#include "domain/counterparty.h"
#include "ical/incidenceentry.h"
#include "ical/interactionmapping.h"
#include "storage/memoryitemstorage.h"
#include "testbuilders.h"

#include <QEventLoop>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::Agenda;
using Crm::AgendaRow;

/// The agenda a card and `event upcoming` share, in process: collect and
/// decorate are pure, fetch goes through the in-memory storage.
class AgendaTest : public QObject
{
    Q_OBJECT

private:
    const Akonadi::Collection calendar{7};
    const QDateTime now{QDate(2026, 11, 26), QTime(12, 0), QTimeZone::UTC}; // a Thursday
    std::unique_ptr<Crm::MemoryItemStorage> storage;
    QList<Crm::CalendarEntry> entries;

    /// Stores @p incidence and indexes it, as the calendar index would.
    qint64 store(const KCalendarCore::Incidence::Ptr &incidence)
    {
        Akonadi::Item item;
        item.setMimeType(incidence->mimeType());
        item.setPayload<KCalendarCore::Incidence::Ptr>(incidence);
        qint64 id = -1;
        Crm::waitFor(storage->write({{item, calendar}}), [&id](Crm::StorageJob *job) {
            id = job->written().value(0).item.id();
        });
        entries << Crm::IncidenceEntry::from(incidence, id);
        return id;
    }

    qint64 interaction(const QString &subject, const QDateTime &start, const QString &result = {}, bool cancelled = false)
    {
        Crm::Interaction i = CrmTest::call(start, subject);
        i.result = result;
        i.cancelled = cancelled;
        i.contactPersons = {Crm::Participant{u"urn:uuid:p1"_s, u"Olena"_s, {}}};
        return store(Crm::InteractionMapping::toEvent(i));
    }

    qint64 event(const QString &subject, const QDateTime &start, const QString &rrule = {})
    {
        return store(Crm::InteractionMapping::toEvent(CrmTest::event(subject, start, rrule)));
    }

    static Crm::CalendarEntry task(qint64 id, const QString &summary, const QDateTime &due, Crm::CycleState::Status status)
    {
        Crm::CalendarEntry e;
        e.itemId = id;
        e.type = Crm::CalendarEntry::Type::Task;
        e.summary = summary;
        e.due = due;
        e.status = status;
        e.state = u"In progress"_s;
        return e;
    }

    Agenda::Result agenda(const Agenda::Options &options, const QList<Agenda::Person> &persons = {})
    {
        QObject context;
        return Crm::waitForAnswer<Agenda::Result>([&](const std::function<void(const Agenda::Result &)> &done) {
            Agenda::of(*storage, entries, persons, options, &context, done);
        });
    }

    static QStringList titles(const QList<AgendaRow> &rows)
    {
        QStringList out;
        for (const AgendaRow &r : rows) {
            out << r.title;
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        storage = std::make_unique<Crm::MemoryItemStorage>();
        storage->addCollection(calendar);
        entries.clear();
    }

    void shouldShowACardsHistoryAndWhatComesNewestFirst()
    {
        // GIVEN calls held, planned and cancelled, events, tasks and a birthday
        interaction(u"Prices"_s, now.addDays(-10), u"Agreed 5%"_s);
        interaction(u"Silent"_s, now.addDays(-2));
        interaction(u"Follow-up"_s, now.addDays(3));
        interaction(u"Dropped"_s, now.addDays(-1), {}, true);
        event(u"Fair"_s, now.addDays(5));
        event(u"Next year"_s, now.addDays(60));
        event(u"Planning"_s, QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::UTC), u"FREQ=WEEKLY;BYDAY=MO"_s);
        entries << task(900, u"Offer"_s, now.addDays(-1).addSecs(-3600), Crm::CycleState::Status::InProcess)
                << task(901, u"Done"_s, now.addDays(1), Crm::CycleState::Status::Completed);
        const QList<Agenda::Person> persons{{-1, u"Olena"_s, QDate(1990, 12, 1), u"Director"_s}, {-1, u"Ivan"_s, QDate(1985, 6, 1), {}}};
        Agenda::Options options;
        options.now = now;
        options.limit = 0;
        // WHEN the card's agenda is made
        const auto result = agenda(options, persons);
        // THEN everything is there newest first; closed tasks, far events and far birthdays are not
        QVERIFY(result.error.isEmpty());
        QCOMPARE(titles(result.rows),
                 (QStringList{u"Fair"_s,
                              u"Birthday of Olena"_s,
                              u"Planning"_s,
                              u"call: Follow-up"_s,
                              u"call: Dropped"_s,
                              u"Offer"_s,
                              u"call: Silent"_s,
                              u"call: Prices"_s}));
        const auto row = [&result](const QString &title) {
            for (const AgendaRow &r : result.rows) {
                if (r.title == title) {
                    return r;
                }
            }
            return AgendaRow();
        };
        // AND the held call shows its result and people; one without a result is flagged
        QCOMPARE(row(u"call: Prices"_s).detail, u"Agreed 5%; Olena"_s);
        QVERIFY(!row(u"call: Prices"_s).overdue);
        QVERIFY(row(u"call: Silent"_s).overdue);
        QCOMPARE(row(u"call: Follow-up"_s).kind, AgendaRow::Kind::PlannedInteraction);
        QCOMPARE(row(u"call: Dropped"_s).kind, AgendaRow::Kind::CancelledInteraction);
        QVERIFY(row(u"Offer"_s).overdue);
        // AND the weekly meeting is one row at its next occurrence, the next ones as its detail
        QCOMPARE(row(u"Planning"_s).when, QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::UTC));
        QVERIFY2(row(u"Planning"_s).detail.startsWith(u"recurring; then"_s), qPrintable(row(u"Planning"_s).detail));
        QCOMPARE(row(u"Birthday of Olena"_s).detail, u"Director"_s);
    }

    void shouldFetchOnlyWhatTheScreenfulShows()
    {
        // GIVEN twenty held calls and a recurring event
        for (int n = 0; n < 20; ++n) {
            interaction(u"Call %1"_s.arg(n), now.addDays(-20 + n), u"ok"_s);
        }
        const qint64 weekly = event(u"Planning"_s, QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::UTC), u"FREQ=WEEKLY;BYDAY=MO"_s);
        Agenda::Options options;
        options.now = now;
        options.limit = 3;
        // WHEN the rows are collected
        const Agenda::Collected collected = Agenda::collect(entries, {}, options);
        // THEN only the recurring event and the three newest calls are read
        QCOMPARE(collected.recurringEvents, QList<qint64>{weekly});
        QCOMPARE(collected.toFetch.size(), 4);
        // AND the screenful is three rows, the event first
        const auto result = agenda(options);
        QCOMPARE(titles(result.rows), (QStringList{u"Planning"_s, u"call: Call 19"_s, u"call: Call 18"_s}));
    }

    void shouldListEachOccurrenceAndNoHistoryForUpcoming()
    {
        interaction(u"Planned call"_s, now.addDays(1));
        const qint64 weekly = event(u"Planning"_s, QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::UTC), u"FREQ=WEEKLY;BYDAY=MO,FR"_s);
        event(u"Fair"_s, now.addDays(2));
        Agenda::Options options;
        options.now = now;
        options.upcomingDays = 8;
        options.limit = 0;
        options.history = false;
        options.eachOccurrence = true;
        const auto result = agenda(options, {{42, u"Ivan"_s, QDate(1980, 11, 26), u"Acme"_s}});
        // Friday 27 and Monday 30 November, Friday 4 December; the fair; the birthday today
        QCOMPARE(titles(result.rows), (QStringList{u"Planning"_s, u"Planning"_s, u"Fair"_s, u"Planning"_s, u"Birthday of Ivan"_s}));
        QCOMPARE(result.rows.constFirst().itemId, weekly);
        QCOMPARE(result.rows.constLast().itemId, 42);
        QVERIFY(result.truncated.isEmpty());
    }

    void shouldListEveryDayOfAnEndlessRuleForAYear()
    {
        // GIVEN a daily report with no end
        const qint64 daily = event(u"Daily report"_s, now.addSecs(3600), u"FREQ=DAILY"_s);
        Agenda::Options options;
        options.now = now;
        options.upcomingDays = 366;
        options.limit = 0;
        options.history = false;
        options.eachOccurrence = true;
        // WHEN a year ahead is listed
        const auto result = agenda(options);
        // THEN every day is there and the list is complete
        QCOMPARE(result.rows.size(), 366);
        QCOMPARE(result.rows.constLast().itemId, daily);
        QVERIFY(result.truncated.isEmpty());
        // AND on a card it is one row at the next occurrence
        options.history = true;
        options.eachOccurrence = false;
        options.limit = 15;
        QCOMPARE(agenda(options).rows.size(), 1);
    }

    void shouldShowNoOccurrenceOfACancelledEvent()
    {
        Crm::CrmEvent ev;
        ev.uid = Crm::newUid();
        ev.subject = u"Called off"_s;
        ev.start = now.addDays(2);
        auto incidence = Crm::InteractionMapping::toEvent(ev);
        incidence->setStatus(KCalendarCore::Incidence::StatusCanceled);
        store(incidence);
        Agenda::Options options;
        options.now = now;
        QVERIFY(agenda(options).rows.isEmpty());
    }

    void shouldCelebrateALeapDayBirthdayOnTheLastDayOfFebruary()
    {
        QCOMPARE(Agenda::nextBirthday(QDate(2000, 2, 29), QDate(2027, 2, 1)), QDate(2027, 2, 28));
        QCOMPARE(Agenda::nextBirthday(QDate(2000, 2, 29), QDate(2028, 2, 1)), QDate(2028, 2, 29));
        QCOMPARE(Agenda::nextBirthday(QDate(1990, 1, 5), QDate(2026, 11, 26)), QDate(2027, 1, 5));
    }
};

QTEST_GUILESS_MAIN(AgendaTest)
#include "agendatest.moc"
