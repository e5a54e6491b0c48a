// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "models/crmsession.h"
#include "akonadi/calendarsession.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The plugin's session on a real, isolated Akonadi that has no CRM
/// calendar yet (a user who never ran crmctl): the first write made from
/// the plugin makes it, as crmctl's first interaction or task does, and the
/// next Kontact finds it.
class CrmSessionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
    }

    void shouldMakeTheCalendarOnTheFirstWrite()
    {
        // GIVEN the plugin opening on a store without a CRM calendar
        Crm::CrmSession session;
        QSignalSpy directoryReady(&session, &Crm::CrmSession::directoryReady);
        QSignalSpy calendarReady(&session, &Crm::CrmSession::calendarReady);
        session.open();
        QVERIFY(directoryReady.wait(60000));
        QCOMPARE(session.calendar(), nullptr);
        // WHEN a view asks for the calendar to write into, while or after it is opened
        std::optional<QString> first;
        std::optional<QString> second;
        session.ensureCalendar([&first](const QString &error) {
            first = error;
        });
        session.ensureCalendar([&second](const QString &error) {
            second = error;
        });
        // THEN it is made once, both hear of it, and calendarReady came first
        QTRY_VERIFY_WITH_TIMEOUT(first && second, 60000);
        QVERIFY2(first->isEmpty(), qPrintable(*first));
        QVERIFY2(second->isEmpty(), qPrintable(*second));
        QCOMPARE(calendarReady.size(), 1);
        QVERIFY(session.calendar());
        const Akonadi::Collection made = session.calendar()->collection();
        QVERIFY(made.isValid());
        // AND asking again answers at once, from the event loop
        std::optional<QString> third;
        session.ensureCalendar([&third](const QString &error) {
            third = error;
        });
        QVERIFY(!third);
        QTRY_VERIFY(third && third->isEmpty());
        QCOMPARE(calendarReady.size(), 1);

        // AND the next Kontact opens it without asking
        Crm::CrmSession next;
        QSignalSpy nextReady(&next, &Crm::CrmSession::calendarReady);
        next.open();
        QVERIFY(nextReady.wait(60000));
        QCOMPARE(next.calendar()->collection().id(), made.id());
    }
};

QTEST_AKONADIMAIN(CrmSessionTest)
#include "crmsessiontest.moc"
