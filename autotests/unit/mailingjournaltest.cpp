// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/mailingjournal.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;
using State = MailingJournal::State;

class MailingJournalTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldKeepStatesAcrossAReload()
    {
        // GIVEN
        QTemporaryDir dir;
        const QString path = dir.filePath(u"m/journal"_s);
        {
            MailingJournal journal(path);
            QVERIFY(journal.load(true));
            QVERIFY(journal.markSending(0));
            QVERIFY(journal.markSent(0));
            QVERIFY(journal.markSending(1));
            QVERIFY(journal.markFailed(1, u"550 5.1.1 no such user"_s));
            QVERIFY(journal.markSending(2));
            QVERIFY(journal.markDeferred(2, 12345, u"451 4.3.0 try later"_s));
            QVERIFY(journal.markSending(3)); // dies here
        }
        // WHEN
        MailingJournal reader(path);
        QVERIFY(reader.load(false));
        // THEN
        QCOMPARE(reader.state(0), State::Sent);
        QCOMPARE(reader.state(1), State::Failed);
        QCOMPARE(reader.reason(1), u"550 5.1.1 no such user"_s);
        QCOMPARE(reader.state(2), State::Deferred);
        QCOMPARE(reader.notBeforeMs(2), 12345);
        QCOMPARE(reader.attempts(2), 1);
        QCOMPARE(reader.state(3), State::Sending);
        QCOMPARE(reader.state(4), State::Queued);
        QCOMPARE(reader.count(State::Queued, 10), 6);
    }

    void shouldReportInterruptedAsUncertainAndRequeueOnRequest()
    {
        // GIVEN a sender that died after "sending"
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal"_s);
        {
            MailingJournal journal(path);
            QVERIFY(journal.load(true));
            journal.markSending(0);
            journal.markSent(0);
            journal.markSending(1);
        }
        // WHEN the next sender starts
        {
            MailingJournal journal(path);
            QVERIFY(journal.load(true));
            QCOMPARE(journal.recoverInterrupted(), 1);
        }
        // THEN it is uncertain, durably, and not queued again
        MailingJournal journal(path);
        QVERIFY(journal.load(true));
        QCOMPARE(journal.state(1), State::Uncertain);
        QCOMPARE(journal.recoverInterrupted(), 0);
        // WHEN the user says to send it again
        QCOMPARE(journal.requeueUncertain(), 1);
        QCOMPARE(journal.state(1), State::Queued);
        QCOMPARE(journal.state(0), State::Sent);
    }

    void shouldCutATornTail()
    {
        // GIVEN a journal whose last record was cut short and one with garbage appended
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal"_s);
        {
            MailingJournal journal(path);
            QVERIFY(journal.load(true));
            journal.markSending(0);
            journal.markSent(0);
            journal.markSending(1);
            journal.markSent(1);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.resize(file.size() - 3);
        file.close();
        // WHEN
        {
            MailingJournal journal(path);
            QVERIFY(journal.load(true));
            // THEN the records before the tear stand
            QCOMPARE(journal.state(0), State::Sent);
            QCOMPARE(journal.state(1), State::Sending);
            QVERIFY(journal.damagedBytes() > 0);
            // and appending goes on after them
            QVERIFY(journal.markSent(1));
        }
        QVERIFY(file.open(QIODevice::Append));
        file.write(QByteArray("\x05\x00\x00\x00garbage!", 12));
        file.close();
        MailingJournal journal(path);
        QVERIFY(journal.load(false));
        QCOMPARE(journal.state(1), State::Sent);
        QCOMPARE(journal.damagedBytes(), 12);
    }

    void shouldRefuseAFileThatIsNoJournal()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"journal"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a journal at all");
        file.close();
        MailingJournal journal(file.fileName());
        QString error;
        QVERIFY(!journal.load(true, &error));
        QVERIFY(error.contains(u"not a mailing journal"_s));
    }

    void shouldLoadAHundredThousandRecipientsQuickly()
    {
        // GIVEN a journal of 100,000 sent recipients
        QTemporaryDir dir;
        const QString path = dir.filePath(u"journal"_s);
        {
            MailingJournal journal(path);
            QVERIFY(journal.load(true));
            for (int i = 0; i < 100000; ++i) {
                journal.markSent(i);
            }
        }
        // WHEN
        QElapsedTimer timer;
        timer.start();
        MailingJournal journal(path);
        QVERIFY(journal.load(false));
        // THEN
        QCOMPARE(journal.count(State::Sent, 100000), 100000);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(MailingJournalTest)
#include "mailingjournaltest.moc"
