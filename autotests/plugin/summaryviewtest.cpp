// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "views/summaryview.h"
#include "domain/clock.h"
#include "domain/crmsummary.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::CalendarEntry;

/// The CRM's part of Kontact's summary page, offscreen over an in-memory
/// index: my overdue tasks and next contacts (not a colleague's, not
/// cancelled or held ones), today's reminders, and links that open them.
class SummaryViewTest : public QObject
{
    Q_OBJECT

private:
    const QDateTime now{QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC};
    const QString me = u"olena@firm.example"_s;
    Crm::BusinessCycles cycles;
    Crm::CalendarIndex index;

    void add(qint64 id, CalendarEntry::Type type, const QString &summary, const QString &who, qint64 secsFromNow, bool cancelled = false)
    {
        CalendarEntry e;
        e.itemId = id;
        e.type = type;
        e.summary = summary;
        e.responsible = who;
        e.counterpartyUid = u"acme"_s;
        e.state = u"new"_s;
        (type == CalendarEntry::Type::Task ? e.due : e.start) = now.addSecs(secsFromNow);
        if (cancelled) {
            e.status = Crm::CycleState::Status::Cancelled;
        }
        index.insert(e);
    }

private Q_SLOTS:
    void initTestCase()
    {
        Crm::Clock::setNow(now);
        add(1, CalendarEntry::Type::Task, u"Send the invoice"_s, me, -2 * 86400);
        add(2, CalendarEntry::Type::Task, u"Call back"_s, me, -3600);
        add(3, CalendarEntry::Type::Task, u"Colleague's late task"_s, u"ivan@firm.example"_s, -3600);
        add(4, CalendarEntry::Type::Task, u"Not yet due"_s, me, 3600);
        add(5, CalendarEntry::Type::Interaction, u"Visit the warehouse"_s, me, 2 * 86400);
        add(6, CalendarEntry::Type::Interaction, u"Call about the offer"_s, me, 3600);
        add(7, CalendarEntry::Type::Interaction, u"Cancelled call"_s, me, 1800, true);
        add(8, CalendarEntry::Type::Interaction, u"Held meeting"_s, me, -3600);
        add(9, CalendarEntry::Type::Interaction, u"Colleague's call"_s, u"ivan@firm.example"_s, 600);
    }

    void shouldListMyOverdueTasksAndNextContacts()
    {
        const auto summary = Crm::CrmSummary::build(index, cycles, me, now, 5);
        QStringList overdue, next;
        for (const auto &e : summary.overdueTasks) {
            overdue << e.summary;
        }
        for (const auto &e : summary.nextContacts) {
            next << e.summary;
        }
        QCOMPARE(overdue, (QStringList{u"Send the invoice"_s, u"Call back"_s}));
        QCOMPARE(next, (QStringList{u"Call about the offer"_s, u"Visit the warehouse"_s}));
        // Cut to the limit, the counts still say how many there are
        const auto cut = Crm::CrmSummary::build(index, cycles, me, now, 1);
        QCOMPARE(cut.overdueTasks.size(), 1);
        QCOMPARE(cut.overdueCount, 2);
        // Nobody known: everyone's
        QCOMPARE(Crm::CrmSummary::build(index, cycles, QString(), now, 0).overdueCount, 3);
    }

    void shouldShowTheSectionsAndOpenWhatIsClicked()
    {
        Crm::SummaryView view;
        view.setNameLookup([](const QString &uid) {
            return uid == u"acme"_s ? u"Acme Ltd"_s : uid;
        });
        view.setSummary(Crm::CrmSummary::build(index, cycles, me, now, 5));
        const Crm::Reminders::Reminder soon{2, u"t2"_s, Crm::Reminders::Kind::TaskDeadlineSoon, now.addSecs(1800), now.addSecs(7200), u"Prepare the offer"_s};
        view.setReminders({soon});
        const QStringList rows = view.rows();
        QVERIFY2(rows.contains(u"Reminders today"_s), qPrintable(rows.join(u'\n')));
        QVERIFY2(std::any_of(rows.cbegin(),
                             rows.cend(),
                             [](const QString &r) {
                                 return r.contains(u"Task deadline approaching: Prepare the offer is due"_s);
                             }),
                 qPrintable(rows.join(u'\n')));
        QVERIFY2(std::any_of(rows.cbegin(),
                             rows.cend(),
                             [](const QString &r) {
                                 return r.endsWith(u"Send the invoice (Acme Ltd)"_s);
                             }),
                 qPrintable(rows.join(u'\n')));
        QVERIFY2(std::any_of(rows.cbegin(),
                             rows.cend(),
                             [](const QString &r) {
                                 return r.endsWith(u"Acme Ltd: Call about the offer"_s);
                             }),
                 qPrintable(rows.join(u'\n')));
        // The links: a task opens its editor, a contact the counterparty's card
        QSignalSpy tasks(&view, &Crm::SummaryView::taskActivated);
        QSignalSpy counterparties(&view, &Crm::SummaryView::counterpartyActivated);
        const auto labels = view.findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->text().contains(u"Send the invoice"_s)) {
                Q_EMIT label->linkActivated(u"task:1"_s);
            } else if (label->text().contains(u"Call about the offer"_s)) {
                QVERIFY2(label->text().contains(u"href=\"counterparty:acme\""_s), qPrintable(label->text()));
                Q_EMIT label->linkActivated(u"counterparty:acme"_s);
            }
        }
        QCOMPARE(tasks.count(), 1);
        QCOMPARE(tasks.constFirst().constFirst().toLongLong(), 1);
        QCOMPARE(counterparties.count(), 1);
        QCOMPARE(counterparties.constFirst().constFirst().toString(), u"acme"_s);
    }

    void shouldSayWhyRemindersAreNotKnown()
    {
        Crm::SummaryView view;
        view.setReminders({}, u"The CRM reminder agent is not running."_s);
        QVERIFY(view.rows().contains(u"The CRM reminder agent is not running."_s));
        view.setReminders({});
        QVERIFY(view.rows().contains(u"No more reminders today."_s));
    }
};

QTEST_MAIN(SummaryViewTest)
#include "summaryviewtest.moc"
