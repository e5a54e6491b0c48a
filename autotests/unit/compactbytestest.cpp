// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/compactbytes.h"
#include "domain/calendarindex.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

/// The compact format of the index files: what is written is read back
/// exactly, repeated strings are stored once, and a file cut anywhere or
/// with a string number out of range is refused, never read as data.
class CompactBytesTest : public QObject
{
    Q_OBJECT

    static Crm::CalendarIndex sampleIndex(int n)
    {
        Crm::CalendarIndex index;
        for (int i = 0; i < n; ++i) {
            Crm::CalendarEntry e;
            e.itemId = 100 + i;
            e.type = i % 3 == 0 ? Crm::CalendarEntry::Type::Interaction : Crm::CalendarEntry::Type::Task;
            e.uid = u"urn:uuid:%1"_s.arg(i);
            e.summary = u"Задача №%1 — «кава»"_s.arg(i);
            e.counterpartyUid = u"urn:uuid:cp-%1"_s.arg(i % 4);
            e.kind = u"call"_s;
            e.state = i % 2 ? u"done"_s : u"new"_s;
            e.status = i % 2 ? Crm::CycleState::Status::Completed : Crm::CycleState::Status::NeedsAction;
            e.responsible = u"olena@firm.example"_s;
            e.start = QDateTime(QDate(2026, 11, 1), QTime(9, i % 60), QTimeZone::UTC);
            e.due = i % 5 ? QDateTime(QDate(2026, 12, 1), QTime(18, 0), QTimeZone::UTC) : QDateTime();
            e.recurring = i % 7 == 0;
            e.relatedTo = i % 4 ? QString() : u"urn:uuid:%1"_s.arg(i - 1);
            index.insert(e);
        }
        return index;
    }

private Q_SLOTS:
    void shouldReadBackWhatWasWritten()
    {
        Crm::CompactWriter out;
        out.putU8(200);
        out.putU32(4000000000U);
        out.putI64(-5);
        out.putString(u"Сонях"_s);
        out.putString(QString());
        out.putString(u"Сонях"_s);
        const QByteArray bytes = out.bytes();
        Crm::CompactReader in(bytes);
        QCOMPARE(in.u8(), quint8(200));
        QCOMPARE(in.u32(), 4000000000U);
        QCOMPARE(in.i64(), qint64(-5));
        QCOMPARE(in.string(), u"Сонях"_s);
        QCOMPARE(in.string(), QString());
        QCOMPARE(in.string(), u"Сонях"_s);
        QVERIFY(in.ok());
        QVERIFY(in.atEnd());
        // the repeated string is stored once
        QCOMPARE(bytes.count(QByteArray::fromRawData(reinterpret_cast<const char *>(u"Сонях"), 10)), 1);
    }

    void shouldRoundTripACalendarIndex()
    {
        const Crm::CalendarIndex index = sampleIndex(200);
        Crm::CalendarIndex read;
        QVERIFY(read.fromCompact(index.toCompact()));
        QCOMPARE(read.size(), 200);
        for (const Crm::CalendarEntry &e : index.entries()) {
            QVERIFY(read.entry(e.itemId));
            QCOMPARE(*read.entry(e.itemId), e);
        }
        QCOMPARE(read.byCounterparty(u"urn:uuid:cp-1"_s).size(), 50);
        QCOMPARE(read.byResponsible(u"olena@firm.example"_s).size(), 200);
    }

    void shouldKeepItsLookupsCurrentOnceMade()
    {
        // GIVEN an index read from its file, each lookup made by a first query
        Crm::CalendarIndex index;
        QVERIFY(index.fromCompact(sampleIndex(20).toCompact()));
        QCOMPARE(index.byCounterparty(u"urn:uuid:cp-1"_s).size(), 5);
        QCOMPARE(index.byResponsible(u"olena@firm.example"_s).size(), 20);
        QCOMPARE(index.byUid(u"urn:uuid:3"_s).size(), 1);
        int dueBefore = 0;
        index.visitTasksDueBefore(QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch(), [&dueBefore](const Crm::CalendarEntry &) {
            ++dueBefore;
        });
        // WHEN an entry changes its counterparty and responsible, one is removed and one added
        Crm::CalendarEntry moved = *index.entry(101);
        moved.counterpartyUid = u"urn:uuid:cp-2"_s;
        moved.responsible = u"ivan@firm.example"_s;
        index.insert(moved);
        index.remove(103);
        Crm::CalendarEntry added = moved;
        added.itemId = 999;
        added.uid = u"urn:uuid:3"_s; // a second item of the same UID (an exception)
        added.type = Crm::CalendarEntry::Type::Task;
        added.due = QDateTime(QDate(2026, 12, 2), QTime(9, 0), QTimeZone::UTC);
        index.insert(added);
        // THEN every lookup says so
        QCOMPARE(index.byCounterparty(u"urn:uuid:cp-1"_s).size(), 4);
        QCOMPARE(index.byCounterparty(u"urn:uuid:cp-2"_s).size(), 7);
        QCOMPARE(index.byResponsible(u"ivan@firm.example"_s).size(), 2);
        QCOMPARE(index.byResponsible(u"olena@firm.example"_s).size(), 18);
        QCOMPARE(index.byUid(u"urn:uuid:3"_s).size(), 1); // 103 was urn:uuid:3; 999 has it now
        QCOMPARE(index.byUid(u"urn:uuid:3"_s).constFirst().itemId, 999);
        int dueAfter = 0;
        index.visitTasksDueBefore(QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch(), [&dueAfter](const Crm::CalendarEntry &) {
            ++dueAfter;
        });
        QCOMPARE(dueBefore, 11); // the tasks (i % 3) with a deadline (i % 5)
        QCOMPARE(dueAfter, 12); // 103 was an interaction; 999 is a task due in December
    }

    void shouldRefuseAFileCutAnywhere()
    {
        const QByteArray bytes = sampleIndex(20).toCompact();
        for (qsizetype size = 0; size < bytes.size(); ++size) {
            Crm::CalendarIndex read;
            QVERIFY2(!read.fromCompact(QByteArrayView(bytes).first(size)), qPrintable(QString::number(size)));
            QCOMPARE(read.size(), 0);
        }
    }

    void shouldRefuseAStringNumberOutOfRange()
    {
        Crm::CompactWriter out;
        out.putString(u"only"_s);
        QByteArray bytes = out.bytes();
        bytes.chop(4);
        bytes.append("\\x05\\x00\\x00\\x00", 4); // string 5 of a table of 1
        Crm::CompactReader in(bytes);
        QCOMPARE(in.string(), QString());
        QVERIFY(!in.ok());
    }

    void shouldRefuseAnAbsurdStringCount()
    {
        const QByteArray bytes("\\xff\\xff\\xff\\x7f\\x01\\x00\\x00\\x00", 8);
        Crm::CompactReader in(bytes);
        QVERIFY(!in.ok());
    }
};

QTEST_GUILESS_MAIN(CompactBytesTest)
#include "compactbytestest.moc"
