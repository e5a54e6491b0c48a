// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "editors/taskeditor.h"
#include "domain/businesscycle.h"
#include "domain/directoryindex.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using Crm::Task;
using Crm::TaskEditor;

/// The task editor's form offscreen: every field goes in and comes out
/// unchanged, the state offers only the moves the cycle allows, and what
/// breaks a rule is named before anything is saved.
class TaskEditorTest : public QObject
{
    Q_OBJECT

private:
    Crm::BusinessCycles cycles;
    Crm::DirectoryIndex directory;
    const QDateTime due{QDate(2026, 12, 1), QTime(18, 0), QTimeZone::LocalTime};

    Task stored() const
    {
        Task t;
        t.uid = u"task-1"_s;
        t.subject = u"Draft contract"_s;
        t.description = u"Two copies"_s;
        t.responsible = u"olena@firm.example"_s;
        t.issuer = u"boss@firm.example"_s;
        t.counterpartyUid = u"acme"_s;
        t.state = u"accepted"_s;
        t.priority = 2;
        t.direction = Task::Direction::Outgoing;
        t.due = due;
        t.resources = {Crm::ResourceUse{u"labour"_s, u"h"_s, 4, 1.5}};
        t.attachments = {Crm::Attachment{u"offer.txt"_s, QString(), "offer", u"text/plain"_s}};
        t.history = {Crm::StateChange{due.addDays(-3), QString(), u"new"_s, u"boss@firm.example"_s, QString()},
                     Crm::StateChange{due.addDays(-2), u"new"_s, u"accepted"_s, u"olena@firm.example"_s, QString()}};
        return t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Crm::DirectoryEntry acme;
        acme.itemId = 10;
        acme.uid = u"acme"_s;
        acme.displayName = u"Acme Ltd"_s;
        acme.nameKeys = {u"acme ltd"_s};
        directory.insert(acme);
        QString error;
        const auto delivery = Crm::BusinessCycle::parse(u"delivery"_s,
                                                        {u"ordered|NEEDS-ACTION|0"_s, u"shipped|IN-PROCESS|50"_s, u"delivered|COMPLETED|100|end"_s},
                                                        {u"ordered>shipped"_s, u"shipped>delivered"_s},
                                                        &error);
        QVERIFY2(delivery, qPrintable(error));
        QVERIFY(cycles.set(*delivery, &error));
    }

    void shouldGiveBackEveryFieldItWasGiven()
    {
        TaskEditor editor;
        editor.setContext(&cycles, &directory);
        editor.setTask(stored());
        QVERIFY2(editor.problem().isEmpty(), qPrintable(editor.problem()));
        QCOMPARE(editor.counterpartyEdit()->text(), u"Acme Ltd"_s);
        QCOMPARE(editor.historyView()->topLevelItemCount(), 2);
        const Task back = editor.task();
        QCOMPARE(back.subject, stored().subject);
        QCOMPARE(back.description, stored().description);
        QCOMPARE(back.counterpartyUid, u"acme"_s);
        QCOMPARE(back.priority, 2);
        QCOMPARE(back.direction, Task::Direction::Outgoing);
        QCOMPARE(back.due, due);
        QVERIFY(!back.start.isValid());
        QCOMPARE(back.resources, stored().resources);
        QCOMPARE(back.attachments, stored().attachments);
        QCOMPARE(back.history, stored().history);
        QCOMPARE(back.state, u"accepted"_s);
    }

    void shouldOfferOnlyTheMovesTheCycleAllows()
    {
        TaskEditor editor;
        editor.setContext(&cycles, &directory);
        editor.setTask(stored());
        // The default cycle: from "accepted" to in progress, postponed or rejected
        QStringList offered;
        for (int i = 0; i < editor.stateBox()->count(); ++i) {
            offered << editor.stateBox()->itemData(i).toString();
        }
        QCOMPARE(offered.constFirst(), u"accepted"_s);
        QVERIFY(offered.contains(u"in-progress"_s));
        QVERIFY(!offered.contains(u"new"_s));
        QVERIFY(!offered.contains(u"done"_s));
        editor.stateBox()->setCurrentIndex(offered.indexOf(u"in-progress"_s));
        QCOMPARE(editor.task().state, u"in-progress"_s);
        // A new task has no choice: it starts in the first state
        editor.setTask(Task{});
        QCOMPARE(editor.stateBox()->count(), 1);
        QVERIFY(!editor.stateBox()->isEnabled());
    }

    void shouldNameWhatBreaksARule_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("named");
        QTest::newRow("no subject") << 0 << u"subject"_s;
        QTest::newRow("no responsible") << 1 << u"responsible"_s;
        QTest::newRow("deadline before start") << 2 << u"deadline"_s;
        QTest::newRow("unknown counterparty") << 3 << u"\"Nobody Inc\""_s;
        QTest::newRow("quantity not a number") << 4 << u"\"lots\""_s;
        QTest::newRow("resource without name") << 5 << u"resource"_s;
        QTest::newRow("kind whose cycle lacks the state") << 6 << u"\"accepted\""_s;
    }

    void shouldNameWhatBreaksARule()
    {
        QFETCH(int, breakage);
        QFETCH(QString, named);
        TaskEditor editor;
        editor.setContext(&cycles, &directory);
        editor.setTask(stored());
        QSignalSpy changed(&editor, &TaskEditor::changed);
        switch (breakage) {
        case 0:
            editor.subjectEdit()->clear();
            break;
        case 1:
            editor.responsibleEdit()->clear();
            break;
        case 2:
            editor.hasStartBox()->setChecked(true);
            editor.startEdit()->setDateTime(due.addDays(1));
            break;
        case 3:
            editor.counterpartyEdit()->setText(u"Nobody Inc"_s);
            break;
        case 4:
            editor.resourceTable()->item(0, 2)->setText(u"lots"_s);
            break;
        case 5:
            editor.resourceTable()->item(0, 0)->setText(QString());
            break;
        case 6:
            editor.kindBox()->setCurrentText(u"delivery"_s);
            break;
        }
        QVERIFY(changed.count() > 0);
        const QString problem = editor.problem();
        QVERIFY2(problem.contains(named, Qt::CaseInsensitive), qPrintable(problem));
    }

    void shouldKeepAnAddedFileAndRefuseAMissingOne()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"scan.pdf"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4 scan");
        file.close();
        TaskEditor editor;
        editor.setContext(&cycles, &directory);
        editor.setTask(stored());
        QString error;
        QVERIFY2(editor.addAttachment(path, &error), qPrintable(error));
        QCOMPARE(editor.task().attachments.size(), 2);
        QCOMPARE(editor.task().attachments.constLast().label, u"scan.pdf"_s);
        QCOMPARE(editor.task().attachments.constLast().data, QByteArray("%PDF-1.4 scan"));
        QVERIFY(!editor.addAttachment(dir.filePath(u"missing.pdf"_s), &error));
        QVERIFY2(error.contains(u"missing.pdf"_s), qPrintable(error));
        QCOMPARE(editor.task().attachments.size(), 2);
    }
};

QTEST_MAIN(TaskEditorTest)
#include "taskeditortest.moc"
