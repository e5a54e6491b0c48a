// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "models/interactionjournalmodel.h"
#include "akonadi/calendarindexcache.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/directoryindex.h"
#include "models/eventoccurrencemodel.h"
#include "ownhome.h"
#include "storage/memoryitemstorage.h"
#include "testbuilders.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using Crm::InteractionJournalModel;
using Crm::InteractionService;

/// The Interactions page's journal over a live calendar index on the
/// in-memory storage: the filters of the issue (period with its edges,
/// counterparty, kind, employee, held/planned at a fixed clock), newest
/// first, and live updates row by row after another program's change.
/// No Akonadi, milliseconds.
class InteractionJournalModelTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

private:
    const Akonadi::Collection calendar{7};
    const QDateTime now{QDate(2026, 11, 27), QTime(12, 0), QTimeZone::UTC};
    std::unique_ptr<Crm::MemoryItemStorage> storage;
    std::unique_ptr<InteractionService> service;
    std::unique_ptr<Crm::CalendarIndexCache> cache;
    Crm::DirectoryIndex directory;
    qint64 priceCall = -1; // held six days ago, Acme, olena
    qint64 offerMeeting = -1; // held yesterday, Sonyah, taras
    qint64 planCall = -1; // planned in two days, Acme, olena

    qint64 add(Crm::Interaction i, const QString &employee, const QString &counterpartyUid = CrmTest::counterpartyUid())
    {
        i.employee.email = employee;
        i.counterpartyUid = counterpartyUid;
        std::optional<InteractionService::Outcome> answer;
        service->add(i, [&answer](const InteractionService::Outcome &o) {
            answer = o;
        });
        if (!QTest::qWaitFor([&answer] {
                return answer.has_value();
            })) {
            return -1;
        }
        return answer->stored ? answer->stored->itemId : -1;
    }

    static QStringList subjects(const InteractionJournalModel &model)
    {
        QStringList out;
        for (int row = 0; row < model.rowCount(); ++row) {
            out << model.index(row, InteractionJournalModel::SubjectColumn).data().toString();
        }
        return out;
    }

    /// Applies @p filter and waits for the listing.
    static bool filtered(InteractionJournalModel &model, const InteractionJournalModel::Filter &filter)
    {
        QSignalSpy loaded(&model, &InteractionJournalModel::loaded);
        model.setFilter(filter);
        return loaded.wait(5000);
    }

    InteractionJournalModel::Filter wide() const
    {
        InteractionJournalModel::Filter f;
        f.interactions.from = now.addDays(-30);
        f.interactions.to = now.addDays(30);
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
        {
            Crm::DirectoryEntry acme;
            acme.itemId = 1;
            acme.uid = CrmTest::counterpartyUid();
            acme.displayName = u"Acme Corp"_s;
            directory.insert(acme);
            Crm::DirectoryEntry sonyah;
            sonyah.itemId = 2;
            sonyah.uid = u"urn:uuid:sonyah"_s;
            sonyah.displayName = u"Sonyah Agro"_s;
            directory.insert(sonyah);
            Crm::Employee taras;
            taras.uid = u"urn:uuid:taras"_s;
            taras.name = u"Taras Shevchuk"_s;
            taras.emails = {u"taras@firm.example"_s};
            directory.insert(Crm::DirectoryEntry::from(taras, 3));
        }
    }

    void init()
    {
        Crm::Clock::setNow(now);
        QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm"_s).removeRecursively();
        storage = std::make_unique<Crm::MemoryItemStorage>();
        storage->addCollection(calendar);
        service = std::make_unique<InteractionService>(*storage, calendar);
        // GIVEN two held interactions and a planned one
        priceCall = add(CrmTest::call(now.addDays(-6), u"Prices for 2027"_s), u"olena@firm.example"_s);
        Crm::Interaction meeting = CrmTest::call(now.addDays(-1), u"The offer"_s);
        meeting.kind = u"meeting"_s;
        offerMeeting = add(meeting, u"taras@firm.example"_s, u"urn:uuid:sonyah"_s);
        planCall = add(CrmTest::call(now.addDays(2), u"Call back about the offer"_s), u"Olena@Firm.Example"_s);
        QVERIFY(priceCall > 0 && offerMeeting > 0 && planCall > 0);
        cache = std::make_unique<Crm::CalendarIndexCache>(calendar, *storage);
        bool opened = false;
        cache->open([&opened](const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            opened = true;
        });
        QTRY_VERIFY(opened);
        cache->follow();
    }

    void cleanup()
    {
        cache.reset();
        service.reset();
        storage.reset();
    }

    void cleanupTestCase()
    {
        Crm::Clock::setNow({});
    }

    void shouldListNewestFirstWithTheColumnsOfTheJournal()
    {
        InteractionJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &InteractionJournalModel::loaded);
        model.setSources(&cache->index(), service.get(), &directory);
        QVERIFY(loaded.wait(5000));
        QVERIFY(filtered(model, wide()));
        // THEN newest first
        QCOMPARE(subjects(model), (QStringList{u"Call back about the offer"_s, u"The offer"_s, u"Prices for 2027"_s}));
        // AND the counterparty by its name in the directory, the employee, the state at the fixed clock
        QCOMPARE(model.index(1, InteractionJournalModel::CounterpartyColumn).data().toString(), u"Sonyah Agro"_s);
        QCOMPARE(model.index(1, InteractionJournalModel::KindColumn).data().toString(), u"Meeting"_s);
        // (the employee by the name the directory has for the e-mail stored, else the e-mail)
        QCOMPARE(model.index(1, InteractionJournalModel::EmployeeColumn).data().toString(), u"Taras Shevchuk"_s);
        QCOMPARE(model.index(0, InteractionJournalModel::EmployeeColumn).data().toString(), u"Olena@Firm.Example"_s);
        QCOMPARE(model.index(0, 0).data(InteractionJournalModel::StateRole).toInt(), int(Crm::Interaction::State::Planned));
        QCOMPARE(model.index(1, 0).data(InteractionJournalModel::StateRole).toInt(), int(Crm::Interaction::State::Held));
        QCOMPARE(model.index(0, InteractionJournalModel::StateColumn).data().toString(), u"Planned"_s);
        QCOMPARE(model.index(2, InteractionJournalModel::StateColumn).data().toString(), u"Held"_s);
        QCOMPARE(model.itemId(2), priceCall);
        QCOMPARE(model.headerData(InteractionJournalModel::NextContactColumn, Qt::Horizontal).toString(), u"Next Contact"_s);
    }

    void shouldApplyEachFilter_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("held, at the fixed clock") << u"held"_s << QStringList{u"The offer"_s, u"Prices for 2027"_s};
        QTest::newRow("planned, at the fixed clock") << u"planned"_s << QStringList{u"Call back about the offer"_s};
        QTest::newRow("kind, any case") << u"kind"_s << QStringList{u"The offer"_s};
        QTest::newRow("counterparty") << u"counterparty"_s << QStringList{u"Call back about the offer"_s, u"Prices for 2027"_s};
        QTest::newRow("employee, any notation") << u"employee"_s << QStringList{u"Call back about the offer"_s, u"Prices for 2027"_s};
        QTest::newRow("period starting at a start") << u"from edge"_s << QStringList{u"Call back about the offer"_s, u"The offer"_s};
        QTest::newRow("period starting a second after") << u"from after"_s << QStringList{u"Call back about the offer"_s};
        QTest::newRow("period ending at a start") << u"to edge"_s << QStringList{u"The offer"_s, u"Prices for 2027"_s};
        QTest::newRow("period ending a second before") << u"to before"_s << QStringList{u"Prices for 2027"_s};
        QTest::newRow("all together") << u"all"_s << QStringList{u"Prices for 2027"_s};
    }

    void shouldApplyEachFilter()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        InteractionJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources(&cache->index(), service.get(), &directory);
        InteractionJournalModel::Filter f = wide();
        const QDateTime meetingStart = now.addDays(-1);
        if (filter == u"held"_s) {
            f.interactions.state = InteractionService::Filter::State::Held;
        } else if (filter == u"planned"_s) {
            f.interactions.state = InteractionService::Filter::State::Planned;
        } else if (filter == u"kind"_s) {
            f.interactions.kind = u"Meeting"_s;
        } else if (filter == u"counterparty"_s) {
            f.counterpartyUid = CrmTest::counterpartyUid();
        } else if (filter == u"employee"_s) {
            f.interactions.employee = u"OLENA@firm.example"_s;
        } else if (filter == u"from edge"_s) {
            f.interactions.from = meetingStart;
        } else if (filter == u"from after"_s) {
            f.interactions.from = meetingStart.addSecs(1);
        } else if (filter == u"to edge"_s) {
            f.interactions.to = meetingStart;
        } else if (filter == u"to before"_s) {
            f.interactions.to = meetingStart.addSecs(-1);
        } else if (filter == u"all"_s) {
            f.interactions.state = InteractionService::Filter::State::Held;
            f.interactions.kind = u"call"_s;
            f.interactions.employee = u"olena@firm.example"_s;
            f.counterpartyUid = CrmTest::counterpartyUid();
            f.interactions.to = now;
        }
        QVERIFY(filtered(model, f));
        QCOMPARE(subjects(model), expected);
    }

    void shouldFollowAChangeElsewhereRowByRow()
    {
        // GIVEN the journal on screen, following the index as the page does
        InteractionJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(cache.get(), &Crm::ItemIndexCache::changed, &model, &InteractionJournalModel::scheduleRefresh);
        model.setSources(&cache->index(), service.get(), &directory);
        QVERIFY(filtered(model, wide()));
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // WHEN another program (crmctl) logs a call, on its own service over the same storage
        InteractionService elsewhere(*storage, calendar);
        std::optional<InteractionService::Outcome> answer;
        Crm::Interaction visit = CrmTest::call(now.addDays(-3), u"Visit the warehouse"_s);
        visit.kind = u"visit"_s;
        elsewhere.add(visit, [&answer](const InteractionService::Outcome &o) {
            answer = o;
        });
        // THEN it shows within a second, inserted in its place, without a reset
        QTRY_COMPARE_WITH_TIMEOUT(subjects(model),
                                  (QStringList{u"Call back about the offer"_s, u"The offer"_s, u"Visit the warehouse"_s, u"Prices for 2027"_s}),
                                  1000);
        QCOMPARE(inserted.size(), 1);
        // WHEN it records a result on the price call and plans the next contact
        answer.reset();
        elsewhere.recordResult(priceCall, u"Agreed 5%"_s, QDateTime(QDate(2026, 12, 3), QTime(0, 0)), 60, [&answer](const InteractionService::Outcome &o) {
            answer = o;
        });
        QTRY_VERIFY(answer.has_value());
        QVERIFY2(answer->error.isEmpty(), qPrintable(answer->error));
        // THEN that row shows the result and the next contact, and the follow-up is a new row
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5, 1000);
        const int row = model.rowOf(priceCall);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(row, InteractionJournalModel::ResultColumn).data().toString(), u"Agreed 5%"_s, 1000);
        QCOMPARE(model.index(row, InteractionJournalModel::NextContactColumn).data().toString(), QLocale().toString(QDate(2026, 12, 3), QLocale::ShortFormat));
        QVERIFY(!changed.isEmpty());
        // WHEN it cancels the planned call
        answer.reset();
        elsewhere.cancel(planCall, [&answer](const InteractionService::Outcome &o) {
            answer = o;
        });
        QTRY_VERIFY(answer.has_value());
        QTRY_COMPARE_WITH_TIMEOUT(model.index(model.rowOf(planCall), InteractionJournalModel::StateColumn).data().toString(), u"Cancelled"_s, 1000);
        // WHEN the meeting is deleted
        bool gone = false;
        Crm::StorageJob *job = storage->remove({offerMeeting});
        connect(job, &KJob::result, this, [&gone] {
            gone = true;
        });
        QTRY_VERIFY(gone);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowOf(offerMeeting), -1, 1000);
        QVERIFY(!removed.isEmpty());
        // AND never a reset
        QCOMPARE(resets.size(), 0);
    }

    void shouldTurnAPlannedOneHeldWhenItsStartPasses()
    {
        // GIVEN the planned ones of the journal
        InteractionJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources(&cache->index(), service.get(), &directory);
        InteractionJournalModel::Filter planned = wide();
        planned.interactions.state = InteractionService::Filter::State::Planned;
        QVERIFY(filtered(model, planned));
        QCOMPARE(subjects(model), QStringList{u"Call back about the offer"_s});
        // THEN the journal knows when that changes: at its start
        QCOMPARE(model.nextStateChange(), now.addDays(2));
        // WHEN the clock passes it
        Crm::Clock::setNow(now.addDays(2).addSecs(60));
        QSignalSpy loaded(&model, &InteractionJournalModel::loaded);
        model.clockChanged();
        QVERIFY(loaded.wait(5000));
        // THEN it is no longer planned
        QCOMPARE(subjects(model), QStringList());
        QVERIFY(!model.nextStateChange().isValid());
        // AND in the whole journal it shows held
        QVERIFY(filtered(model, wide()));
        QCOMPARE(model.index(model.rowOf(planCall), InteractionJournalModel::StateColumn).data().toString(), u"Held"_s);
    }

    void shouldShowWhatTheCounterpartyIsCalledWhenTheDirectoryKnowsIt()
    {
        InteractionJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources(&cache->index(), service.get(), nullptr);
        QVERIFY(filtered(model, wide()));
        // THEN without a directory the UID, and the name once it is there
        QCOMPARE(model.index(0, InteractionJournalModel::CounterpartyColumn).data().toString(), CrmTest::counterpartyUid());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDirectory(&directory);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, InteractionJournalModel::CounterpartyColumn).data().toString(), u"Acme Corp"_s);
    }

    void shouldListTheEventOccurrencesOfThePeriodInTheirOwnList()
    {
        // GIVEN a weekly stock-taking at Acme and a one-off event of nobody's
        Crm::EventService events(*storage, calendar);
        int stored = 0;
        auto count = [&stored](const Crm::EventService::Outcome &o) {
            QVERIFY2(o.stored, qPrintable(o.error));
            ++stored;
        };
        const QDateTime monday(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::UTC);
        Crm::CrmEvent weekly = CrmTest::event(u"Stock-taking"_s, monday, u"FREQ=WEEKLY"_s);
        weekly.counterpartyUid = CrmTest::counterpartyUid();
        events.add(weekly, count);
        events.add(CrmTest::event(u"Team day"_s, monday.addDays(3)), count);
        QTRY_COMPARE(stored, 2);
        QTRY_COMPARE(cache->index().ofType(Crm::CalendarEntry::Type::Event).size(), 2);
        Crm::EventOccurrenceModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources(&cache->index(), &events, &directory);
        auto rows = [&model] {
            QStringList out;
            for (int row = 0; row < model.rowCount(); ++row) {
                out << model.index(row, Crm::EventOccurrenceModel::SubjectColumn).data().toString() + u' '
                        + model.index(row, Crm::EventOccurrenceModel::CounterpartyColumn).data().toString();
            }
            return out;
        };
        // WHEN the period is two weeks from that Monday, both ends included
        QSignalSpy loaded(&model, &Crm::EventOccurrenceModel::loaded);
        model.setFilter(monday, monday.addDays(14), {});
        QVERIFY(loaded.wait(5000));
        // THEN each occurrence by start, as KCalendarCore expands the rule
        QCOMPARE(rows(), (QStringList{u"Stock-taking Acme Corp"_s, u"Team day "_s, u"Stock-taking Acme Corp"_s, u"Stock-taking Acme Corp"_s}));
        // WHEN only Acme's
        model.setFilter(monday.addSecs(1), monday.addDays(14), CrmTest::counterpartyUid());
        QVERIFY(loaded.wait(5000));
        QCOMPARE(rows(), (QStringList{u"Stock-taking Acme Corp"_s, u"Stock-taking Acme Corp"_s}));
        // WHEN another program adds an event of Acme's, with the list following the index as the page does
        connect(cache.get(), &Crm::ItemIndexCache::changed, &model, &Crm::EventOccurrenceModel::scheduleRefresh);
        Crm::CrmEvent audit = CrmTest::event(u"Audit"_s, monday.addDays(10));
        audit.counterpartyUid = CrmTest::counterpartyUid();
        events.add(audit, count);
        // THEN it shows in its place within a second
        QTRY_COMPARE_WITH_TIMEOUT(rows(), (QStringList{u"Stock-taking Acme Corp"_s, u"Audit Acme Corp"_s, u"Stock-taking Acme Corp"_s}), 1000);
    }
};

QTEST_MAIN(InteractionJournalModelTest)
#include "interactionjournalmodeltest.moc"
