// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/compactbytes.h"
#include "domain/calendarindex.h"

#include <QTest>
#include <QTimeZone>
#include <QtEndian>

#include <algorithm>

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
        index.visitTasksDueBefore(QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch(), {}, [&dueBefore](const Crm::CalendarEntry &) {
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
        index.visitTasksDueBefore(QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch(), {}, [&dueAfter](const Crm::CalendarEntry &) {
            ++dueAfter;
        });
        QCOMPARE(dueBefore, 11); // the tasks (i % 3) with a deadline (i % 5)
        QCOMPARE(dueAfter, 12); // 103 was an interaction; 999 is a task due in December
    }

    void shouldReadBackAnEmptyIndex()
    {
        Crm::CalendarIndex read;
        QVERIFY(read.fromCompact(Crm::CalendarIndex().toCompact()));
        QCOMPARE(read.size(), 0);
        QVERIFY(read.fromCompact(read.toCompact()));
        QVERIFY(read.byCounterparty(u"urn:uuid:cp-1"_s).isEmpty());
    }

    void shouldRefuseAFileCutAnywhere()
    {
        const QByteArray bytes = sampleIndex(20).toCompact();
        for (qsizetype size = 0; size < bytes.size(); ++size) {
            Crm::CalendarIndex read;
            QVERIFY2(!read.fromCompact(bytes.first(size)), qPrintable(QString::number(size)));
            QCOMPARE(read.size(), 0);
        }
    }

    void shouldMergeThePackedBlockAndTheChangesInDeadlineOrder()
    {
        // GIVEN a packed index, and changes beside it: a task moved to the
        // earliest deadline, one added between, one closed
        Crm::CalendarIndex index;
        QVERIFY(index.fromCompact(sampleIndex(40).toCompact()));
        Crm::CalendarEntry earliest = *index.entry(104);
        earliest.due = QDateTime(QDate(2026, 11, 2), QTime(8, 0), QTimeZone::UTC);
        index.insert(earliest);
        Crm::CalendarEntry between = earliest;
        between.itemId = 500;
        between.uid = u"urn:uuid:between"_s;
        between.due = QDateTime(QDate(2026, 11, 20), QTime(8, 0), QTimeZone::UTC);
        index.insert(between);
        Crm::CalendarEntry closed = *index.entry(102);
        closed.status = Crm::CycleState::Status::Cancelled;
        index.insert(closed);
        // WHEN the overdue walk asks for open tasks due before the year's end
        QList<Crm::CalendarEntry> walked;
        index.visitTasksDueBefore(QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC).toMSecsSinceEpoch(),
                                  {Crm::CalendarEntry::Type::Task, true},
                                  [&walked](const Crm::CalendarEntry &e) {
                                      walked << e;
                                  });
        // THEN they come earliest first, each once, the closed one left out
        QVERIFY(walked.size() > 3);
        QCOMPARE(walked.at(0).itemId, 104);
        QCOMPARE(walked.at(1).itemId, 500);
        for (qsizetype i = 1; i < walked.size(); ++i) {
            QVERIFY(walked.at(i - 1).due <= walked.at(i).due);
            QVERIFY(walked.at(i).itemId != 104);
            QVERIFY(walked.at(i).itemId != 102);
            QVERIFY(!walked.at(i).closed());
        }
        // AND a filtered lookup gives only what its filter takes, from both
        const auto open = index.byResponsible(u"olena@firm.example"_s, {Crm::CalendarEntry::Type::Task, true});
        QVERIFY(!open.isEmpty());
        for (const Crm::CalendarEntry &e : open) {
            QCOMPARE(e.type, Crm::CalendarEntry::Type::Task);
            QVERIFY(!e.closed());
        }
        QVERIFY(std::any_of(open.cbegin(), open.cend(), [](const Crm::CalendarEntry &e) {
            return e.itemId == 500;
        }));
        // AND written again and read back, it holds the same entries
        Crm::CalendarIndex again;
        QVERIFY(again.fromCompact(index.toCompact()));
        QCOMPARE(again.size(), 41);
        for (const Crm::CalendarEntry &e : index.entries()) {
            QVERIFY(again.entry(e.itemId) == e);
        }
        QCOMPARE(again.entry(102)->status, Crm::CycleState::Status::Cancelled);
    }

    void shouldRefuseABlockWhoseRecordPointsOutsideIt()
    {
        QByteArray bytes = sampleIndex(20).toCompact();
        QVERIFY(Crm::CalendarIndex().fromCompact(bytes));
        // the header: count, text size, four table sizes; a record's summary
        // length (its second string) made longer than the text
        const qsizetype summaryLength = 24 + 28 + 8 + 4;
        qToLittleEndian<quint32>(0x7fffffff, bytes.data() + summaryLength);
        Crm::CalendarIndex read;
        QVERIFY(!read.fromCompact(bytes));
        QCOMPARE(read.size(), 0);
        // a table naming a record past the last
        bytes = sampleIndex(20).toCompact();
        qToLittleEndian<quint32>(20, bytes.data() + bytes.size() - 4);
        QVERIFY(!read.fromCompact(bytes));
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
