// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/resourcejournal.h"

#include <QDataStream>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Crm::ResourceJournal::readHead;

/// The head of a resource's change journal as Akonadi writes it, and the
/// fallback (not known: the write barrier behaves as without it) for
/// everything else.
class ResourceJournalTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// A journal as ChangeRecorderJournalWriter::saveTo writes it: the
    /// count with the version in bits 32-47, the count done, then (here)
    /// filler for the notifications.
    QString journal(const QString &name, quint64 version, quint64 count, quint64 done)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return {};
        }
        QDataStream out(&file);
        out.setVersion(QDataStream::Qt_4_6);
        out << (count | (version << 32)) << done;
        out.writeRawData(QByteArray(64, 'x').constData(), 64);
        return path;
    }

private Q_SLOTS:
    void shouldReadHowManyChangesAreQueued()
    {
        const auto head = readHead(journal(u"a_changes.dat"_s, 10, 4330, 12));
        QVERIFY(head.known);
        QCOMPARE(head.queued, quint64(4318));
        QCOMPARE(readHead(journal(u"b_changes.dat"_s, 1, 7, 7)).queued, quint64(0));
        QCOMPARE(readHead(journal(u"c_changes.dat"_s, 10, 0, 0)).queued, quint64(0));
    }

    void shouldSeeTheJournalMoveWhenAChangeIsDone()
    {
        // The recorder writes the count done in place (writeStartOffset).
        const QString path = journal(u"moving_changes.dat"_s, 10, 100, 3);
        const auto before = readHead(path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(8));
        QDataStream out(&file);
        out.setVersion(QDataStream::Qt_4_6);
        out << quint64(4);
        file.close();
        const auto after = readHead(path);
        QVERIFY(after.known);
        QCOMPARE(after.queued, quint64(96));
        QVERIFY(!(before == after));
        QVERIFY(readHead(path) == after);
    }

    void shouldNotKnowWhatItCannotRead_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("exists");
        QTest::newRow("missing") << QByteArray() << false;
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("short") << QByteArray::fromHex("0000000a00000005000000") << true;
        // version 0 had no count of the done changes after the count
        QTest::newRow("version 0") << QByteArray::fromHex("00000000000000050000000000000001") << true;
        QTest::newRow("a later version") << QByteArray::fromHex("0000000b000000050000000000000001") << true;
        QTest::newRow("garbage") << QByteArray("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n") << true;
    }

    void shouldNotKnowWhatItCannotRead()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, exists);
        const QString path = m_dir.filePath(u"x_changes.dat"_s);
        QFile::remove(path);
        if (exists) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        const auto head = readHead(path);
        QVERIFY(!head.known);
        QCOMPARE(head.queued, quint64(0));
        QVERIFY(head == Crm::ResourceJournal::Head());
    }
};

QTEST_GUILESS_MAIN(ResourceJournalTest)

#include "resourcejournaltest.moc"
