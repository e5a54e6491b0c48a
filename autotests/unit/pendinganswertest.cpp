// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "blocking/blockingstorage.h"

#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

/// crmctl runs two asynchronous calls side by side (a card's calendar
/// refresh beside its directory look-up): the first one's answer may come
/// while crmctl waits for the second, and must be there when it is asked for.
class PendingAnswerTest : public QObject
{
    Q_OBJECT

    /// A call that answers @p answer after @p ms from the event loop.
    static std::function<void(const std::function<void(const QString &)> &)> answerLater(int ms, const QString &answer, QObject *context)
    {
        return [=](const std::function<void(const QString &)> &done) {
            QTimer::singleShot(ms, context, [done, answer] {
                done(answer);
            });
        };
    }

private Q_SLOTS:
    void shouldKeepAnAnswerThatCameDuringAnotherWait()
    {
        QObject context;
        Crm::PendingAnswer<QString> first(answerLater(10, u"calendar"_s, &context));
        // The second wait runs the loop long enough for the first to answer.
        QCOMPARE(Crm::waitForAnswer<QString>(answerLater(100, u"directory"_s, &context)), u"directory"_s);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(first.wait(), u"calendar"_s);
        QVERIFY2(timer.elapsed() < 1000, "the answer that had come was waited for again");
    }

    void shouldWaitForAnAnswerStillToCome()
    {
        QObject context;
        Crm::PendingAnswer<QString> first(answerLater(100, u"calendar"_s, &context));
        QCOMPARE(Crm::waitForAnswer<QString>(answerLater(1, u"directory"_s, &context)), u"directory"_s);
        QCOMPARE(first.wait(), u"calendar"_s);
        // Asked again, the same answer without another wait.
        QCOMPARE(first.wait(), u"calendar"_s);
    }

    void shouldTakeAnAnswerGivenAtOnce()
    {
        Crm::PendingAnswer<QString> now([](const std::function<void(const QString &)> &done) {
            done(u"at once"_s);
        });
        QCOMPARE(now.wait(), u"at once"_s);
    }
};

QTEST_GUILESS_MAIN(PendingAnswerTest)
#include "pendinganswertest.moc"
