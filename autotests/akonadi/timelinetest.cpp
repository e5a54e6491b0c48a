// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/calendarsession.h"
#include "blocking/blockingstorage.h"
#include "crmtestutils.h"
#include "ical/interactionmapping.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Interactions, events and the card timeline, through crmctl as a user
/// runs it, at a fixed "now" (Thursday 26 November 2026, noon), against the
/// test's own Akonadi server.
class TimelineTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::CrmctlRun crmctl(const QStringList &args)
    {
        return CrmTest::crmctl(args, {{u"CRM_NOW"_s, u"2026-11-26T12:00:00"_s}, {u"CRM_USER_EMAIL"_s, u"oksana@our-firm.example"_s}});
    }

    QJsonArray timelineOf(const QString &counterparty, bool all = false)
    {
        QStringList args{u"card"_s, u"--json"_s, counterparty};
        if (all) {
            args << u"--all"_s;
        }
        const CrmTest::CrmctlRun run = crmctl(args);
        return QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"timeline"_s).toArray();
    }

    static QStringList kindsAndTitles(const QJsonArray &timeline)
    {
        QStringList out;
        for (const QJsonValue &v : timeline) {
            out << v.toObject().value(u"kind"_s).toString() + u": "_s + v.toObject().value(u"title"_s).toString();
        }
        return out;
    }

    int eventCount()
    {
        return QJsonDocument::fromJson(crmctl({u"event"_s, u"list"_s, u"--json"_s}).out.toUtf8()).array().size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        const CrmTest::CrmctlRun run =
            crmctl({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv"), CrmTest::sampleFile("counterparties-en.vcf")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }

    void shouldShowBirthdaysOnTheCardBeforeAnyInteraction()
    {
        // GIVEN no CRM calendar yet; Андрій Шевчук of Сонях Агро is born on 30 November
        // WHEN the card is shown
        const QJsonArray timeline = timelineOf(u"32456711"_s);
        // THEN his birthday, computed from BDAY, is upcoming, and nothing else
        QCOMPARE(kindsAndTitles(timeline), QStringList{u"birthday: Birthday of Андрій Шевчук"_s});
        QCOMPARE(timeline.at(0).toObject().value(u"when"_s).toString(), u"2026-11-30"_s);
    }

    void shouldRecordHeldAndPlannedInteractions()
    {
        // WHEN a call last week with its result and a meeting next week are recorded
        CrmTest::CrmctlRun run = crmctl({u"interaction"_s,
                                         u"add"_s,
                                         u"--counterparty"_s,
                                         u"Сонях"_s,
                                         u"--kind"_s,
                                         u"call"_s,
                                         u"--at"_s,
                                         u"2026-11-20 10:30"_s,
                                         u"--person"_s,
                                         u"Олена"_s,
                                         u"--subject"_s,
                                         u"Ціни на 2027"_s,
                                         u"--result"_s,
                                         u"Погодили знижку 5%"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(u"[held]"_s));
        run = crmctl({u"interaction"_s,
                      u"add"_s,
                      u"--counterparty"_s,
                      u"Сонях"_s,
                      u"--kind"_s,
                      u"meeting"_s,
                      u"--at"_s,
                      u"2026-12-02 15:00"_s,
                      u"--person"_s,
                      u"a.shevchuk@sonyakh-agro.ua"_s,
                      u"--subject"_s,
                      u"Договір"_s,
                      u"--remind-days"_s,
                      u"1"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains(u"[planned]"_s));
        // THEN the card lists them newest first, with the result and the people
        const QJsonArray timeline = timelineOf(u"Сонях"_s);
        QCOMPARE(kindsAndTitles(timeline),
                 (QStringList{u"planned: meeting: Договір"_s, u"birthday: Birthday of Андрій Шевчук"_s, u"interaction: call: Ціни на 2027"_s}));
        QVERIFY(timeline.at(2).toObject().value(u"detail"_s).toString().contains(u"Погодили знижку 5%"_s));
        QVERIFY(timeline.at(2).toObject().value(u"detail"_s).toString().contains(u"Олена Петренко"_s));
        QVERIFY(!timeline.at(2).toObject().value(u"overdue"_s).toBool());
        // AND they are VEVENTs a calendar program understands, held or planned never stored
        Crm::CalendarSession calendar;
        QString error;
        QVERIFY2(Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error), qPrintable(error));
        const auto meeting = Crm::loadNow(calendar, qint64(timeline.at(0).toObject().value(u"id"_s).toInteger()));
        QVERIFY(meeting);
        QCOMPARE(meeting->type(), KCalendarCore::IncidenceBase::TypeEvent);
        QCOMPARE(meeting->customProperty("CRM", "TYPE"), u"interaction"_s);
        QCOMPARE(meeting->attendees().size(), 1);
        QCOMPARE(meeting->attendees().constFirst().email(), u"a.shevchuk@sonyakh-agro.ua"_s);
        QCOMPARE(meeting->organizer().email(), u"oksana@our-firm.example"_s);
        QCOMPARE(meeting->alarms().size(), 1);
        QVERIFY(meeting->customProperty("CRM", "STATE").isEmpty());
    }

    void shouldPlanTheNextContactWhenRecordingAResult()
    {
        // GIVEN the held call
        const QJsonArray before = timelineOf(u"Сонях"_s);
        const qint64 callId = before.at(2).toObject().value(u"id"_s).toInteger();
        // WHEN its result is recorded with the next contact on 10 December, reminding 2 days before
        const CrmTest::CrmctlRun run = crmctl({u"interaction"_s,
                                               u"result"_s,
                                               QString::number(callId),
                                               u"--result"_s,
                                               u"Надіслали пропозицію"_s,
                                               u"--next"_s,
                                               u"2026-12-10"_s,
                                               u"--remind-days"_s,
                                               u"2"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN a planned follow-up exists, linked to the call, reminding two days before
        const QJsonArray timeline = timelineOf(u"Сонях"_s);
        QCOMPARE(kindsAndTitles(timeline).constFirst(), u"planned: call: Ціни на 2027"_s);
        Crm::CalendarSession calendar;
        QString error;
        QVERIFY2(Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error), qPrintable(error));
        const auto followUp = Crm::loadNow(calendar, qint64(timeline.at(0).toObject().value(u"id"_s).toInteger()));
        const auto call = Crm::loadNow(calendar, callId);
        QVERIFY(followUp && call);
        QCOMPARE(followUp->relatedTo(), call->uid());
        QCOMPARE(followUp->dtStart().date(), QDate(2026, 12, 10));
        QCOMPARE(followUp->alarms().constFirst()->startOffset().asSeconds(), -2 * 24 * 3600);
        QCOMPARE(call->customProperty("CRM", "NEXT"), u"2026-12-10"_s);
        QCOMPARE(call->customProperty("CRM", "RESULT"), u"Надіслали пропозицію"_s);
    }

    void shouldKeepACancelledInteraction()
    {
        const QJsonArray before = timelineOf(u"Сонях"_s);
        const QString meetingId = QString::number(before.at(1).toObject().value(u"id"_s).toInteger());
        QCOMPARE(before.at(1).toObject().value(u"kind"_s).toString(), u"planned"_s);
        const CrmTest::CrmctlRun run = crmctl({u"interaction"_s, u"cancel"_s, meetingId});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray after = timelineOf(u"Сонях"_s);
        QCOMPARE(after.size(), before.size());
        bool found = false;
        for (const QJsonValue &v : after) {
            if (QString::number(v.toObject().value(u"id"_s).toInteger()) == meetingId) {
                QCOMPARE(v.toObject().value(u"kind"_s).toString(), u"cancelled"_s);
                found = true;
            }
        }
        QVERIFY(found);
    }

    void shouldShowTheNextOccurrenceOfARecurringEvent()
    {
        // WHEN a meeting every Monday and Friday is added for the counterparty
        const CrmTest::CrmctlRun run = crmctl({u"event"_s,
                                               u"add"_s,
                                               u"--subject"_s,
                                               u"Планірка"_s,
                                               u"--at"_s,
                                               u"2026-11-02 09:00"_s,
                                               u"--counterparty"_s,
                                               u"Сонях"_s,
                                               u"--rrule"_s,
                                               u"FREQ=WEEKLY;BYDAY=MO,FR"_s,
                                               u"--exdate"_s,
                                               u"2026-11-27 09:00"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN the card shows its next occurrence after "now", skipping the exception
        const QJsonArray timeline = timelineOf(u"Сонях"_s);
        QJsonObject event;
        for (const QJsonValue &v : timeline) {
            if (v.toObject().value(u"kind"_s).toString() == u"event") {
                event = v.toObject();
            }
        }
        QCOMPARE(event.value(u"title"_s).toString(), u"Планірка"_s);
        QCOMPARE(QDateTime::fromString(event.value(u"when"_s).toString(), Qt::ISODate), QDateTime(QDate(2026, 11, 30), QTime(9, 0)));
        // AND upcoming lists each occurrence and the birthdays
        const CrmTest::CrmctlRun upcoming = crmctl({u"event"_s, u"upcoming"_s, u"--days"_s, u"8"_s});
        QCOMPARE(upcoming.exitCode, 0);
        // Monday 30 November and Friday 4 December; Friday 27 November is an exception.
        QCOMPARE(upcoming.out.count(u"Планірка"_s), 2);
        QVERIFY(upcoming.out.contains(u"Birthday of Андрій Шевчук"_s));
        QVERIFY(upcoming.out.contains(u"Birthday of John Carter"_s));
    }

    void shouldRefuseBadRulesAndDatesAndStoreNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        // Which rules are refused: EventServiceTest::shouldRefuseABadRuleAndStoreNothing.
        QTest::newRow("not a rule") << QStringList{u"--at"_s, u"2026-12-01"_s, u"--rrule"_s, u"every Tuesday"_s} << u"not an iCalendar recurrence rule"_s;
        QTest::newRow("bad date") << QStringList{u"--at"_s, u"2026-13-45"_s} << u"is not a date"_s;
    }

    void shouldRefuseBadRulesAndDatesAndStoreNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const int before = eventCount();
        const CrmTest::CrmctlRun run = crmctl(QStringList{u"event"_s, u"add"_s, u"--subject"_s, u"Bad"_s} + args);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(eventCount(), before);
    }
};

QTEST_AKONADIMAIN(TimelineTest)

#include "timelinetest.moc"
