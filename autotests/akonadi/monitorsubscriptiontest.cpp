// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/calendarsession.h"
#include "blocking/blockingstorage.h"

#include <Akonadi/Control>
#include <Akonadi/Monitor>
#include <akonadi/qtest_akonadi.h>

#include <KCalendarCore/Todo>

#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;

/// What the reminder agent relies on when it watches the CRM's
/// collections: an Akonadi::Monitor told to watch a collection once it is
/// ready (Monitor::monitorReady) hears of every item added there. So does
/// one told right when it is made, before it starts connecting, as the
/// indexes' monitors are (AkonadiItemStorage::monitor): the first
/// ModifySubscription, sent when the server answers CreateSubscription,
/// holds every collection set until then. Told
/// while it is still connecting, Akonadi (24.12) may never send the change
/// to the server: one made after the server created the subscription and
/// before it confirmed the first contents stays pending for good
/// (MonitorPrivate::scheduleSubscriptionUpdate waits for monitorReady,
/// which sends nothing). This test shows all three; the first two are
/// asserted.
class MonitorSubscriptionTest : public QObject
{
    Q_OBJECT

    Crm::CalendarSession m_calendar;

    qint64 save(const QString &summary)
    {
        auto todo = KCalendarCore::Todo::Ptr::create();
        todo->setSummary(summary);
        QString error;
        const qint64 id = Crm::saveNow(m_calendar, todo, {}, &error);
        if (id < 0) {
            qWarning() << "cannot save" << summary << error;
        }
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QString error;
        QVERIFY2(Crm::openNow(m_calendar, Crm::CalendarSession::OpenMode::CreateIfMissing, &error), qPrintable(error));
        QVERIFY(save(u"First"_s) > 0);
        QVERIFY(m_calendar.collection().isValid());
    }

    void shouldHearOfANewItemWhenToldToWatchItsCollectionFromTheStartOrOnceReady()
    {
        // GIVEN many monitors connecting at once: each told to watch the
        // calendar once it is ready, and as many told at staggered moments
        // while they connect (0 to 40 ms after they were made)
        const Akonadi::Collection calendar = m_calendar.collection();
        constexpr int n = 80;
        std::vector<std::unique_ptr<Akonadi::Monitor>> monitors;
        QList<int> heardOnceReady(n, 0);
        QList<int> heardWhileConnecting(n, 0);
        QList<int> heardFromTheStart(n, 0);
        for (int i = 0; i < n; ++i) {
            auto fromTheStart = monitors.emplace_back(std::make_unique<Akonadi::Monitor>()).get();
            fromTheStart->setCollectionMonitored(calendar, true);
            connect(fromTheStart, &Akonadi::Monitor::itemAdded, this, [&heardFromTheStart, i] {
                ++heardFromTheStart[i];
            });
            auto onceReady = monitors.emplace_back(std::make_unique<Akonadi::Monitor>()).get();
            auto whileConnecting = monitors.emplace_back(std::make_unique<Akonadi::Monitor>()).get();
            connect(onceReady, &Akonadi::Monitor::itemAdded, this, [&heardOnceReady, i] {
                ++heardOnceReady[i];
            });
            connect(whileConnecting, &Akonadi::Monitor::itemAdded, this, [&heardWhileConnecting, i] {
                ++heardWhileConnecting[i];
            });
            connect(onceReady, &Akonadi::Monitor::monitorReady, this, [onceReady, calendar] {
                onceReady->setCollectionMonitored(calendar, true);
            });
            QTimer::singleShot(i / 2, Qt::PreciseTimer, whileConnecting, [whileConnecting, calendar] {
                whileConnecting->setCollectionMonitored(calendar, true);
            });
        }
        QTest::qWait(3000); // every monitor connected

        // WHEN a task is added to the calendar
        QVERIFY(save(u"Second"_s) > 0);

        // THEN each monitor told once it was ready hears of it, once
        QTRY_COMPARE_WITH_TIMEOUT(std::count(heardOnceReady.cbegin(), heardOnceReady.cend(), 1), qsizetype(n), 10000);
        QTest::qWait(1000);
        QCOMPARE(std::count(heardOnceReady.cbegin(), heardOnceReady.cend(), 1), qsizetype(n));
        // AND so does each told when it was made
        QCOMPARE(std::count(heardFromTheStart.cbegin(), heardFromTheStart.cend(), 1), qsizetype(n));
        // (and some told while connecting may never hear of it)
        QStringList deaf;
        for (int i = 0; i < n; ++i) {
            if (heardWhileConnecting[i] == 0) {
                deaf << QString::number(i / 2) + u" ms"_s;
            }
        }
        qInfo() << deaf.size() << "of" << n << "monitors told while connecting never heard of the new item; they were told after" << deaf;
    }
};

QTEST_AKONADIMAIN(MonitorSubscriptionTest)

#include "monitorsubscriptiontest.moc"
