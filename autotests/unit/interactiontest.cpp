// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/interaction.h"
#include "akonadi/timeline.h"
#include "domain/clock.h"
#include "domain/dateinput.h"
#include "ical/interactionmapping.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Recurrence>

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class InteractionTest : public QObject
{
    Q_OBJECT

private:
    static Crm::Interaction call()
    {
        Crm::Interaction i;
        i.uid = u"urn:uuid:11111111-2222-4333-8444-555555555555"_s;
        i.kind = u"call"_s;
        i.subject = u"Ціни на 2027 рік"_s;
        i.start = QDateTime(QDate(2026, 11, 20), QTime(10, 30), QTimeZone::UTC);
        i.durationMinutes = 15;
        i.counterpartyUid = u"urn:uuid:aaaaaaaa-0000-4000-8000-000000000001"_s;
        i.contactPersons = {Crm::Participant{u"urn:uuid:p1"_s, u"Олена Петренко"_s, u"o.petrenko@example.ua"_s}};
        i.employee = Crm::Participant{{}, u"Оксана Іваненко"_s, u"oksana@our-firm.example"_s};
        i.attachments = {Crm::Attachment{QString(), u"https://example.ua/offer.pdf"_s, {}, QString()},
                         Crm::Attachment{u"notes.txt"_s, QString(), QByteArray("minutes\x01"), u"text/plain"_s}};
        return i;
    }

private Q_SLOTS:
    void shouldDeriveHeldOrPlannedFromNow_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("cancelled");
        QTest::addColumn<int>("expected");
        const QDateTime start = call().start;
        QTest::newRow("before the start") << start.addSecs(-60) << false << int(Crm::Interaction::State::Planned);
        QTest::newRow("at the start") << start << false << int(Crm::Interaction::State::Held);
        QTest::newRow("after") << start.addDays(3) << false << int(Crm::Interaction::State::Held);
        QTest::newRow("cancelled before") << start.addSecs(-60) << true << int(Crm::Interaction::State::Cancelled);
        QTest::newRow("cancelled after") << start.addDays(3) << true << int(Crm::Interaction::State::Cancelled);
    }

    void shouldDeriveHeldOrPlannedFromNow()
    {
        QFETCH(QDateTime, now);
        QFETCH(bool, cancelled);
        QFETCH(int, expected);
        Crm::Interaction i = call();
        i.cancelled = cancelled;
        QCOMPARE(int(i.stateAt(now)), expected);
    }

    void shouldPlanAFollowUpLinkedToThePreviousOne()
    {
        // GIVEN a call that was held
        const Crm::Interaction held = call();
        // WHEN the next contact is set for 1 December, reminding 2 days before
        const Crm::Interaction next = held.followUp(QDate(2026, 12, 1), 2 * 24 * 60);
        // THEN a planned interaction of the same kind and people follows it
        QVERIFY(!next.uid.isEmpty());
        QVERIFY(next.uid != held.uid);
        QCOMPARE(next.previousUid, held.uid);
        QCOMPARE(next.start, QDateTime(QDate(2026, 12, 1), QTime(10, 30), QTimeZone::UTC));
        QCOMPARE(next.kind, held.kind);
        QCOMPARE(next.counterpartyUid, held.counterpartyUid);
        QCOMPARE(next.contactPersons, held.contactPersons);
        QCOMPARE(next.employee, held.employee);
        QCOMPARE(next.remindMinutesBefore, 2 * 24 * 60);
        QVERIFY(next.result.isEmpty());
        QCOMPARE(next.stateAt(QDateTime(QDate(2026, 11, 26), QTime(12, 0), QTimeZone::UTC)), Crm::Interaction::State::Planned);
    }

    void shouldRoundTripAnInteractionThroughICalendar()
    {
        // GIVEN an interaction with a result and a next contact
        Crm::Interaction i = call();
        i.result = u"Погодили знижку 5%; надіслати договір, підписати"_s;
        i.nextContact = QDate(2026, 12, 1);
        i.previousUid = u"urn:uuid:previous"_s;
        i.remindMinutesBefore = 2 * 24 * 60;
        // WHEN it is written as iCalendar text and read back
        KCalendarCore::ICalFormat format;
        const QString text = format.toICalString(Crm::InteractionMapping::toEvent(i));
        QVERIFY(text.contains(u"X-KDE-CRM-TYPE:interaction"_s));
        QVERIFY(text.contains(u"X-KDE-CRM-NEXT:2026-12-01"_s));
        QVERIFY(text.contains(u"RELATED-TO"_s));
        const KCalendarCore::Incidence::Ptr back = format.fromString(text);
        QVERIFY(back);
        // THEN nothing is lost
        QCOMPARE(Crm::InteractionMapping::interactionFrom(back), i);
    }

    void shouldReadAGarbledNextDateAsNone()
    {
        // GIVEN an interaction whose X-KDE-CRM-NEXT was edited by hand
        Crm::Interaction i = call();
        auto event = Crm::InteractionMapping::toEvent(i);
        event->setCustomProperty("CRM", "NEXT", u"next Tuesday-ish"_s);
        event->setCustomProperty("CRM", "KIND", QString());
        // WHEN it is read
        const Crm::Interaction read = Crm::InteractionMapping::interactionFrom(event);
        // THEN there is no next contact, and the kind falls back to the category
        QVERIFY(!read.nextContact.isValid());
        QCOMPARE(read.kind, u"call"_s);
    }

    void shouldRoundTripARecurringEventWithExceptions()
    {
        Crm::CrmEvent ev;
        ev.uid = u"urn:uuid:event-1"_s;
        ev.subject = u"Планірка"_s;
        ev.kind = u"нарада"_s;
        ev.start = QDateTime(QDate(2026, 1, 5), QTime(9, 0), QTimeZone::UTC);
        ev.rrule = u"FREQ=WEEKLY;BYDAY=MO,FR"_s;
        ev.exdates = {QDateTime(QDate(2026, 1, 9), QTime(9, 0), QTimeZone::UTC)};
        ev.rdates = {QDateTime(QDate(2026, 1, 10), QTime(11, 0), QTimeZone::UTC)};
        ev.remind = {u"oksana@our-firm.example"_s};
        ev.remindMinutesBefore = 15;
        KCalendarCore::ICalFormat format;
        const auto back = format.fromString(format.toICalString(Crm::InteractionMapping::toEvent(ev)));
        QVERIFY(back);
        QVERIFY(back->recurs());
        const Crm::CrmEvent read = Crm::InteractionMapping::eventFrom(back);
        QCOMPARE(read.rrule, u"FREQ=WEEKLY;BYDAY=MO,FR"_s);
        QCOMPARE(read.exdates, ev.exdates);
        QCOMPARE(read.rdates, ev.rdates);
        QCOMPARE(read.remind, ev.remind);
        QCOMPARE(read.remindMinutesBefore, 15);
        QCOMPARE(read.subject, ev.subject);
        QCOMPARE(read.kind, ev.kind);
    }

    void shouldRefuseARuleThatIsNotICalendar()
    {
        auto event = Crm::InteractionMapping::toEvent(Crm::CrmEvent{});
        QVERIFY(!Crm::InteractionMapping::applyRRule(event, u"every other Tuesday"_s).isEmpty());
        QVERIFY(Crm::InteractionMapping::applyRRule(event, u"RRULE:FREQ=DAILY;COUNT=2"_s).isEmpty());
    }

    void shouldFindTheNextBirthday_data()
    {
        QTest::addColumn<QDate>("birthday");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("later this year") << QDate(1979, 11, 30) << QDate(2026, 11, 26) << QDate(2026, 11, 30);
        QTest::newRow("today") << QDate(1985, 11, 26) << QDate(2026, 11, 26) << QDate(2026, 11, 26);
        QTest::newRow("next year") << QDate(1985, 3, 12) << QDate(2026, 11, 26) << QDate(2027, 3, 12);
        QTest::newRow("29 February in a common year") << QDate(1988, 2, 29) << QDate(2027, 1, 1) << QDate(2027, 2, 28);
        QTest::newRow("29 February in a leap year") << QDate(1988, 2, 29) << QDate(2028, 1, 1) << QDate(2028, 2, 29);
        QTest::newRow("no birthday") << QDate() << QDate(2026, 1, 1) << QDate();
    }

    void shouldFindTheNextBirthday()
    {
        QFETCH(QDate, birthday);
        QFETCH(QDate, from);
        QFETCH(QDate, expected);
        QCOMPARE(Crm::Timeline::nextBirthday(birthday, from), expected);
    }

    void shouldReadTheDatesPeopleType_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("iso date") << u"2026-12-01"_s << QDateTime(QDate(2026, 12, 1), QTime(9, 0));
        QTest::newRow("iso date time") << u"2026-12-01 14:30"_s << QDateTime(QDate(2026, 12, 1), QTime(14, 30));
        QTest::newRow("iso T") << u"2026-12-01T14:30"_s << QDateTime(QDate(2026, 12, 1), QTime(14, 30));
        QTest::newRow("iso with offset") << u"2026-12-01T09:30:00Z"_s << QDateTime(QDate(2026, 12, 1), QTime(9, 30), QTimeZone::UTC);
        QTest::newRow("1C date") << u"01.12.2026"_s << QDateTime(QDate(2026, 12, 1), QTime(9, 0));
        QTest::newRow("1C date time") << u"01.12.2026 14:30"_s << QDateTime(QDate(2026, 12, 1), QTime(14, 30));
        QTest::newRow("three days ago") << u"-3d"_s << QDateTime(QDate(2026, 11, 23), QTime(9, 0));
        QTest::newRow("in five days") << u"+5d"_s << QDateTime(QDate(2026, 12, 1), QTime(9, 0));
        QTest::newRow("impossible date") << u"31.02.2026"_s << QDateTime();
        QTest::newRow("words") << u"next week"_s << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
    }

    void shouldReadTheDatesPeopleType()
    {
        Crm::Clock::setNow(QDateTime(QDate(2026, 11, 26), QTime(12, 0)));
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const auto parsed = Crm::DateInput::parse(text);
        QCOMPARE(parsed.value_or(QDateTime()), expected);
    }
};

QTEST_GUILESS_MAIN(InteractionTest)

#include "interactiontest.moc"
