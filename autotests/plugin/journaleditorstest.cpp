// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/directoryindex.h"
#include "editors/editorutils.h"
#include "editors/eventeditor.h"
#include "editors/interactioneditor.h"
#include "ical/interactionmapping.h"
#include "services/eventservice.h"
#include "services/interactionservice.h"
#include "storage/memoryitemstorage.h"
#include "testbuilders.h"

#include <KCalendarCore/Event>

#include <QDateTimeEdit>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::EventEditor;
using Crm::InteractionEditor;
using Crm::InteractionService;
using Crm::RecordResultDialog;

/// The editors of the Interactions page, offscreen against the in-memory
/// storage: OK stays disabled with the reason shown while the input is one
/// the core would refuse, and what they save is what the core stores (an
/// event's RRULE expands as KCalendarCore expands it). Milliseconds.
class JournalEditorsTest : public QObject
{
    Q_OBJECT

private:
    const Akonadi::Collection calendar{7};
    const QDateTime now{QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC};
    std::unique_ptr<Crm::MemoryItemStorage> storage;
    std::unique_ptr<InteractionService> interactions;
    std::unique_ptr<Crm::EventService> events;
    Crm::DirectoryIndex directory;

    qint64 add(const Crm::Interaction &i)
    {
        std::optional<InteractionService::Outcome> answer;
        interactions->add(i, [&answer](const InteractionService::Outcome &o) {
            answer = o;
        });
        if (!QTest::qWaitFor([&answer] {
                return answer.has_value();
            })) {
            return -1;
        }
        return answer->stored ? answer->stored->itemId : -1;
    }

    KCalendarCore::Incidence::Ptr stored(qint64 id)
    {
        Crm::StorageJob *job = storage->fetch({id});
        QSignalSpy done(job, &KJob::result);
        if (!done.wait(5000) || job->items().isEmpty()) {
            return {};
        }
        return job->items().constFirst().payload<KCalendarCore::Incidence::Ptr>();
    }

    template<typename Dialog>
    static QString problemShown(const Dialog &dialog)
    {
        return dialog.okButton()->isEnabled() ? QString() : dialog.shownProblem();
    }

private Q_SLOTS:
    void initTestCase()
    {
        Crm::Counterparty acme;
        acme.uid = CrmTest::counterpartyUid();
        acme.name = u"Acme Corp"_s;
        directory.insert(Crm::DirectoryEntry::from(acme, 1));
        Crm::ContactPerson olena;
        olena.uid = u"urn:uuid:person-olena"_s;
        olena.counterpartyUid = acme.uid;
        olena.name = u"Olena Petrenko"_s;
        olena.emails = {u"olena@acme.example"_s};
        directory.insert(Crm::DirectoryEntry::from(olena, 2));
        Crm::Employee taras;
        taras.uid = u"urn:uuid:taras"_s;
        taras.name = u"Taras Shevchuk"_s;
        taras.emails = {u"taras@firm.example"_s};
        directory.insert(Crm::DirectoryEntry::from(taras, 3));
    }

    void init()
    {
        Crm::Clock::setNow(now);
        storage = std::make_unique<Crm::MemoryItemStorage>();
        storage->addCollection(calendar);
        interactions = std::make_unique<InteractionService>(*storage, calendar);
        events = std::make_unique<Crm::EventService>(*storage, calendar);
    }

    void cleanupTestCase()
    {
        Crm::Clock::setNow({});
    }

    void shouldKeepOkDisabledWithTheReasonWhileAnInteractionIsIncomplete()
    {
        InteractionEditor editor(&directory, interactions.get());
        auto subject = editor.findChild<QLineEdit *>(u"subject"_s);
        auto counterparty = editor.findChild<QLineEdit *>(u"counterparty"_s);
        QVERIFY(subject && counterparty);
        // GIVEN a new call: no subject yet
        QCOMPARE(problemShown(editor), u"Give the interaction a subject."_s);
        // WHEN a subject is typed, but no counterparty
        subject->setText(u"Prices for 2027"_s);
        QCOMPARE(problemShown(editor), u"Choose the counterparty the interaction is with."_s);
        // WHEN a name the directory does not have
        counterparty->setText(u"Acme Ltd"_s);
        QCOMPARE(problemShown(editor), u"There is no counterparty named \"Acme Ltd\"."_s);
        // WHEN the counterparty's name: OK, no reason shown, its contact persons offered
        counterparty->setText(u"acme corp"_s);
        QVERIFY(editor.okButton()->isEnabled());
        QCOMPARE(editor.shownProblem(), QString());
        QCOMPARE(editor.findChild<QListWidget *>(u"persons"_s)->count(), 1);
        // WHEN the subject is emptied again
        subject->setText(u"  "_s);
        QVERIFY(!editor.okButton()->isEnabled());
        QCOMPARE(editor.shownProblem(), u"Give the interaction a subject."_s);
    }

    void shouldStoreTheInteractionThroughTheService()
    {
        InteractionEditor editor(&directory, interactions.get());
        Crm::Interaction prefill = editor.interaction();
        prefill.counterpartyUid = CrmTest::counterpartyUid();
        prefill.kind = u"meeting"_s;
        editor.setInteraction(prefill);
        editor.findChild<QLineEdit *>(u"subject"_s)->setText(u"The offer"_s);
        QListWidget *persons = editor.findChild<QListWidget *>(u"persons"_s);
        QCOMPARE(persons->count(), 1);
        persons->item(0)->setCheckState(Qt::Checked);
        QVERIFY(editor.okButton()->isEnabled());
        QSignalSpy saved(&editor, &InteractionEditor::saved);
        // WHEN OK: the service stores it, the dialog does not wait for it
        editor.accept();
        QVERIFY(!editor.okButton()->isEnabled()); // while it is stored
        QVERIFY(saved.wait(5000));
        const auto incidence = stored(saved.at(0).at(0).toLongLong());
        QVERIFY(incidence);
        const Crm::Interaction i = Crm::InteractionMapping::interactionFrom(incidence);
        QCOMPARE(i.kind, u"meeting"_s);
        QCOMPARE(i.subject, u"The offer"_s);
        QCOMPARE(i.counterpartyUid, CrmTest::counterpartyUid());
        QCOMPARE(i.contactPersons.size(), 1);
        QCOMPARE(i.contactPersons.constFirst().uid, u"urn:uuid:person-olena"_s);
        QCOMPARE(i.employee.email, u"olena@firm.example"_s); // $CRM_USER_EMAIL of the test
        QCOMPARE(editor.result(), int(QDialog::Accepted));
    }

    void shouldEditAStoredInteractionKeepingItsResult()
    {
        // GIVEN a held call with its result, and a cancelled one
        Crm::Interaction held = CrmTest::call(now.addDays(-1), u"Prices"_s);
        held.result = u"Agreed 5%"_s;
        const qint64 heldId = add(held);
        Crm::Interaction cancelled = CrmTest::call(now.addDays(2));
        cancelled.cancelled = true;
        const qint64 cancelledId = add(cancelled);
        QVERIFY(heldId > 0 && cancelledId > 0);

        // THEN the cancelled one is kept as it was
        InteractionEditor onCancelled(&directory, interactions.get());
        onCancelled.editStored(cancelledId, cancelled, storage.get(), calendar);
        QCOMPARE(problemShown(onCancelled), u"Interaction #%1 was cancelled; it is kept as it was."_s.arg(cancelledId));

        // WHEN the held one's subject and start are corrected
        InteractionEditor editor(&directory, interactions.get());
        editor.editStored(heldId, held, storage.get(), calendar);
        QCOMPARE(editor.findChild<QLineEdit *>(u"subject"_s)->text(), u"Prices"_s);
        editor.findChild<QLineEdit *>(u"subject"_s)->setText(u"Prices for 2027"_s);
        editor.findChild<QDateTimeEdit *>(u"start"_s)->setDateTime(held.start.addSecs(-3600));
        QVERIFY(editor.okButton()->isEnabled());
        QSignalSpy saved(&editor, &InteractionEditor::saved);
        editor.accept();
        QVERIFY(saved.wait(5000));
        // THEN the same item has them, and its UID and result are kept
        QCOMPARE(saved.at(0).at(0).toLongLong(), heldId);
        const Crm::Interaction stored = Crm::InteractionMapping::interactionFrom(this->stored(heldId));
        QCOMPARE(stored.subject, u"Prices for 2027"_s);
        QCOMPARE(stored.start.toUTC(), held.start.addSecs(-3600).toUTC());
        QCOMPARE(stored.uid, held.uid);
        QCOMPARE(stored.result, u"Agreed 5%"_s);
        QCOMPARE(storage->size(), 2); // nothing added
    }

    void shouldRefuseAResultTheCoreRefuses()
    {
        // GIVEN a cancelled call and a held one
        Crm::Interaction cancelled = CrmTest::call(now.addDays(-2));
        cancelled.cancelled = true;
        const qint64 cancelledId = add(cancelled);
        const Crm::Interaction held = CrmTest::call(now.addDays(-1));
        const qint64 heldId = add(held);
        QVERIFY(cancelledId > 0 && heldId > 0);

        // THEN a cancelled one takes no result, whatever is typed
        RecordResultDialog onCancelled(interactions.get(), cancelledId, cancelled);
        onCancelled.findChild<QPlainTextEdit *>(u"result"_s)->setPlainText(u"Agreed"_s);
        QCOMPARE(problemShown(onCancelled), u"Interaction #%1 was cancelled; it has no result."_s.arg(cancelledId));

        RecordResultDialog dialog(interactions.get(), heldId, held);
        // THEN an empty result is not one
        QCOMPARE(problemShown(dialog), u"Write down the result."_s);
        dialog.findChild<QPlainTextEdit *>(u"result"_s)->setPlainText(u"Agreed 5%"_s);
        QVERIFY(dialog.okButton()->isEnabled());
        // THEN the next contact may not come on or before the interaction's day
        dialog.setNextContact(held.start.addSecs(3600));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.shownProblem().startsWith(u"The next contact ("_s), qPrintable(dialog.shownProblem()));
        // WHEN a week later: OK, and the result and the follow-up are stored
        dialog.setNextContact(QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::UTC));
        QVERIFY(dialog.okButton()->isEnabled());
        QSignalSpy saved(&dialog, &RecordResultDialog::saved);
        dialog.accept();
        QVERIFY(saved.wait(5000));
        QCOMPARE(Crm::InteractionMapping::interactionFrom(stored(heldId)).result, u"Agreed 5%"_s);
        const qint64 followUp = saved.at(0).at(1).toLongLong();
        QVERIFY(followUp > 0);
        const Crm::Interaction next = Crm::InteractionMapping::interactionFrom(stored(followUp));
        QCOMPARE(next.start.toUTC(), QDateTime(QDate(2026, 12, 3), QTime(10, 0), QTimeZone::UTC));
        QCOMPARE(next.previousUid, held.uid);
        QCOMPARE(next.remindMinutesBefore, 24 * 60); // a day before, the dialog's default
    }

    void shouldWriteTheRRuleKCalendarCoreExpands_data()
    {
        QTest::addColumn<int>("frequency");
        QTest::addColumn<int>("interval");
        QTest::addColumn<int>("end");
        QTest::addColumn<int>("count");
        QTest::addColumn<QDate>("until");
        QTest::addColumn<QString>("rrule");
        QTest::addColumn<QList<QDate>>("dates");
        const auto weekly = int(EventEditor::Frequency::Weekly);
        QTest::newRow("every two weeks, three times") << weekly << 2 << int(EventEditor::End::AfterCount) << 3 << QDate() << u"FREQ=WEEKLY;INTERVAL=2;COUNT=3"_s
                                                      << QList<QDate>{QDate(2026, 12, 1), QDate(2026, 12, 15), QDate(2026, 12, 29)};
        QTest::newRow("monthly until a day, that day included")
            << int(EventEditor::Frequency::Monthly) << 1 << int(EventEditor::End::Until) << 0 << QDate(2027, 2, 1) << u"FREQ=MONTHLY;UNTIL=20270201T235959Z"_s
            << QList<QDate>{QDate(2026, 12, 1), QDate(2027, 1, 1), QDate(2027, 2, 1)};
        QTest::newRow("one-off") << int(EventEditor::Frequency::None) << 1 << int(EventEditor::End::Never) << 0 << QDate() << QString()
                                 << QList<QDate>{QDate(2026, 12, 1)};
    }

    void shouldWriteTheRRuleKCalendarCoreExpands()
    {
        QFETCH(int, frequency);
        QFETCH(int, interval);
        QFETCH(int, end);
        QFETCH(int, count);
        QFETCH(QDate, until);
        QFETCH(QString, rrule);
        QFETCH(QList<QDate>, dates);
        EventEditor editor(&directory, events.get());
        // GIVEN no subject: OK disabled with the reason
        QCOMPARE(problemShown(editor), u"Give the event a subject."_s);
        editor.setSubject(u"Stock-taking"_s);
        editor.setCounterparty(CrmTest::counterpartyUid());
        const QDateTime start(QDate(2026, 12, 1), QTime(9, 0), QTimeZone::UTC);
        editor.setStart(start);
        editor.setRecurrence(EventEditor::Frequency(frequency), interval, EventEditor::End(end), count, until);
        QVERIFY2(editor.okButton()->isEnabled(), qPrintable(editor.shownProblem()));
        QCOMPARE(editor.event().rrule, rrule);
        QSignalSpy saved(&editor, &EventEditor::saved);
        editor.accept();
        QVERIFY(saved.wait(5000));
        // THEN the stored event has the rule (in KCalendarCore's own order), and KCalendarCore expands it to these days
        const auto incidence = stored(saved.at(0).at(0).toLongLong());
        QVERIFY(incidence);
        QCOMPARE(incidence->recurs(), !rrule.isEmpty());
        QCOMPARE(Crm::InteractionMapping::eventFrom(incidence).counterpartyUid, CrmTest::counterpartyUid());
        QList<QDate> expanded;
        if (incidence->recurs()) {
            const auto times = incidence->recurrence()->timesInInterval(start, start.addYears(1));
            for (const QDateTime &t : times) {
                expanded << t.toUTC().date();
            }
        } else {
            expanded << incidence->dtStart().toUTC().date();
        }
        QCOMPARE(expanded, dates);
    }

    void shouldEditAStoredEventKeepingWhatItDoesNotShow()
    {
        // GIVEN a weekly event, four times, with a left-out occurrence, and one with a rule the editor does not break down
        const QDateTime start(QDate(2026, 12, 1), QTime(9, 0), QTimeZone::UTC);
        Crm::CrmEvent weekly = CrmTest::event(u"Stock-taking"_s, start, u"FREQ=WEEKLY;COUNT=4"_s);
        weekly.exdates = {start.addDays(7)};
        Crm::CrmEvent byDay = CrmTest::event(u"Stand-up"_s, start, u"FREQ=WEEKLY;BYDAY=MO,FR"_s);
        QList<qint64> ids;
        for (const Crm::CrmEvent &e : {weekly, byDay}) {
            std::optional<Crm::EventService::Outcome> answer;
            events->add(e, [&answer](const Crm::EventService::Outcome &o) {
                answer = o;
            });
            QTRY_VERIFY(answer.has_value());
            QVERIFY2(answer->stored, qPrintable(answer->error));
            ids << answer->stored->itemId;
        }
        const auto read = [this](qint64 id) {
            return Crm::InteractionMapping::eventFrom(stored(id));
        };

        // WHEN the weekly one is opened: its rule is in the fields
        EventEditor editor(&directory, events.get());
        editor.editStored(ids[0], read(ids[0]), false, storage.get(), calendar);
        QCOMPARE(editor.findChild<QLineEdit *>(u"subject"_s)->text(), u"Stock-taking"_s);
        QCOMPARE(editor.event().rrule, u"FREQ=WEEKLY;COUNT=4"_s);
        // WHEN it is made every two weeks and renamed
        editor.setSubject(u"Stock-taking, warehouse 2"_s);
        editor.setRecurrence(EventEditor::Frequency::Weekly, 2, EventEditor::End::AfterCount, 4);
        QSignalSpy saved(&editor, &EventEditor::saved);
        editor.accept();
        QVERIFY(saved.wait(5000));
        // THEN the same item has them; its UID and left-out occurrence stay
        QCOMPARE(saved.at(0).at(0).toLongLong(), ids[0]);
        const Crm::CrmEvent after = read(ids[0]);
        QCOMPARE(after.subject, u"Stock-taking, warehouse 2"_s);
        QCOMPARE(after.uid, weekly.uid);
        QCOMPARE(stored(ids[0])->recurrence()->frequency(), 2);
        QCOMPARE(after.exdates.size(), 1);
        QCOMPARE(storage->size(), 2);

        // WHEN the BYDAY one is opened and only renamed: its rule is kept as it is
        EventEditor other(&directory, events.get());
        other.editStored(ids[1], read(ids[1]), false, storage.get(), calendar);
        other.setSubject(u"Daily stand-up"_s);
        QCOMPARE(other.event().rrule, read(ids[1]).rrule);
        QVERIFY(other.okButton()->isEnabled());

        // THEN a cancelled event is kept as it was
        EventEditor onCancelled(&directory, events.get());
        onCancelled.editStored(ids[1], read(ids[1]), true, storage.get(), calendar);
        QCOMPARE(problemShown(onCancelled), u"Event #%1 was cancelled; it is kept as it was."_s.arg(ids[1]));
    }

    void shouldRefuseARecurrenceTheServiceRefuses()
    {
        EventEditor editor(&directory, events.get());
        editor.setSubject(u"Stock-taking"_s);
        editor.setStart(QDateTime(QDate(2026, 12, 1), QTime(9, 0), QTimeZone::UTC));
        QVERIFY(editor.okButton()->isEnabled());
        // WHEN it would end before it starts
        editor.setRecurrence(EventEditor::Frequency::Weekly, 1, EventEditor::End::Until, 0, QDate(2026, 11, 1));
        // THEN OK is disabled and the service's reason shown
        QVERIFY(!editor.okButton()->isEnabled());
        QString error;
        Crm::CrmEvent e = editor.event();
        QVERIFY(!Crm::EventService::build(e, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(editor.shownProblem(), Crm::EditorUtils::sentence(error));
    }
};

QTEST_MAIN(JournalEditorsTest)
#include "journaleditorstest.moc"
