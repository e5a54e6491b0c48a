// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmtestutils.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Reading the journals back as a user does: help, JSON, times in the
/// viewer's zone, names instead of keys, who may be named as an employee.
/// The slots run in order: the first one meets a fresh store.
class JournalctlTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::CrmctlRun crmctl(const QStringList &args, const QString &zone = u"Europe/Kyiv"_s)
    {
        return CrmTest::crmctl(
            args,
            {{u"CRM_USER_EMAIL"_s, u"oksana@our-firm.example"_s}, {u"CRM_NOW"_s, u"2026-05-01T12:00:00+03:00"_s}, {u"TZ"_s, zone}, {u"LANG"_s, u"C.UTF-8"_s}});
    }

    static QJsonValue json(const CrmTest::CrmctlRun &run)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            qWarning() << "not JSON:" << run.out << run.err;
            return QJsonValue(QJsonValue::Undefined);
        }
        return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    }

    static QString calendarFolder()
    {
        return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/calendar"_s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
    }

    void shouldAddAnEventToAFreshStore()
    {
        // WHEN the very first command of a user adds an event
        const CrmTest::CrmctlRun run = crmctl({u"event"_s, u"add"_s, u"--subject"_s, u"Inventory"_s, u"--at"_s, u"2026-05-04T09:00:00+03:00"_s, u"--json"_s});
        // THEN it is stored, as task add would be, instead of "the address books do not exist yet"
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(json(run).toObject().value(u"subject"_s).toString(), u"Inventory"_s);
    }

    void shouldPrintTheCommandsOfAGroup_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("command");
        QTest::newRow("task") << u"task"_s << u"task move"_s;
        QTest::newRow("interaction") << u"interaction"_s << u"interaction result"_s;
        QTest::newRow("event") << u"event"_s << u"event upcoming"_s;
        QTest::newRow("counterparty") << u"counterparty"_s << u"counterparty find"_s;
        QTest::newRow("employee") << u"employee"_s << u"employee list"_s;
    }

    void shouldPrintTheCommandsOfAGroup()
    {
        QFETCH(QString, group);
        QFETCH(QString, command);
        const CrmTest::CrmctlRun run = crmctl({group, u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(command), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Usage: crmctl "_s + group), qPrintable(run.out));
        // A command's own help names the command, not the executable's path
        const CrmTest::CrmctlRun own = crmctl(command.split(u' ') + QStringList{u"--help"_s});
        QCOMPARE(own.exitCode, 0);
        QVERIFY2(own.out.startsWith(u"Usage: crmctl "_s + command + u' '), qPrintable(own.out));
    }

    void shouldStoreTimesInTheUsersZoneAndShowThemInTheViewers()
    {
        // GIVEN an event given with an offset, added in Kyiv
        CrmTest::CrmctlRun run = crmctl({u"event"_s, u"add"_s, u"--subject"_s, u"Zone check"_s, u"--at"_s, u"2026-05-04T09:00:00+03:00"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString uid = json(run).toObject().value(u"uid"_s).toString();
        // THEN JSON gives the time with its offset
        QCOMPARE(json(run).toObject().value(u"start"_s).toString(), u"2026-05-04T09:00:00+03:00"_s);

        // WHEN somebody in New York lists it
        run = crmctl({u"event"_s, u"list"_s, u"--json"_s}, u"America/New_York"_s);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QString start;
        for (const QJsonValue &v : json(run).toArray()) {
            if (v.toObject().value(u"uid"_s).toString() == uid) {
                start = v.toObject().value(u"start"_s).toString();
            }
        }
        // THEN it is 02:00 there, in one ISO 8601 form with the offset
        QCOMPARE(start, u"2026-05-04T02:00:00-04:00"_s);
        run = crmctl({u"event"_s, u"list"_s}, u"America/New_York"_s);
        QVERIFY2(run.out.contains(QRegularExpression(u"02:00 +Zone check"_s)), qPrintable(run.out));

        // AND the resource's file names the zone with a VTIMEZONE, as KOrganizer writes it
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(calendarFolder() + u'/' + uid), 10000);
        QFile file(calendarFolder() + u'/' + uid);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray ics = file.readAll();
        QVERIFY2(ics.contains("BEGIN:VTIMEZONE") && ics.contains("TZID:Europe/Kyiv"), ics.constData());
        QVERIFY2(ics.contains("DTSTART;TZID=Europe/Kyiv:20260504T090000"), ics.constData());
    }

    void shouldAnswerEveryCommandInJson()
    {
        // GIVEN the sample directory and an interaction with a result
        QCOMPARE(crmctl({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv")}).exitCode, 0);
        CrmTest::CrmctlRun run = crmctl({u"interaction"_s, u"add"_s, u"--counterparty"_s, u"32456711"_s, u"--at"_s, u"2026-04-30 10:00"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString id = QString::number(json(run).toObject().value(u"id"_s).toInteger());
        // THEN the counterparty is given by name as well as by key
        QCOMPARE(json(run).toObject().value(u"counterpartyName"_s).toString(), u"ТОВ «Сонях Агро»"_s);

        const QList<QStringList> commands{
            {u"interaction"_s, u"result"_s, id, u"--result"_s, u"Agreed"_s, u"--next"_s, u"2026-05-10"_s},
            {u"interaction"_s, u"list"_s},
            {u"event"_s, u"add"_s, u"--subject"_s, u"Planning"_s, u"--at"_s, u"2026-05-02 09:00"_s, u"--rrule"_s, u"FREQ=WEEKLY;BYDAY=MO"_s},
            {u"event"_s, u"list"_s},
            {u"event"_s, u"upcoming"_s, u"--days"_s, u"14"_s},
            {u"counterparty"_s, u"list"_s},
            {u"counterparty"_s, u"find"_s, u"Сонях"_s},
            {u"card"_s, u"32456711"_s},
            {u"employee"_s, u"list"_s},
            {u"task"_s, u"list"_s},
        };
        for (const QStringList &command : commands) {
            run = crmctl(command + QStringList{u"--json"_s});
            QVERIFY2(run.exitCode == 0, qPrintable(command.join(u' ') + u": "_s + run.err));
            QVERIFY2(!json(run).isUndefined(), qPrintable(command.join(u' ') + u" printed: "_s + run.out));
        }
        // AND the follow-up came with the result
        run = crmctl({u"interaction"_s, u"list"_s, u"--planned"_s, u"--json"_s});
        QCOMPARE(json(run).toArray().size(), 1);
    }

    void shouldNotCancelAHeldInteractionWithAResult()
    {
        CrmTest::CrmctlRun run = crmctl({u"interaction"_s, u"list"_s, u"--held"_s, u"--json"_s});
        const QJsonArray held = json(run).toArray();
        QCOMPARE(held.size(), 1);
        const QString id = QString::number(held.at(0).toObject().value(u"id"_s).toInteger());
        run = crmctl({u"interaction"_s, u"cancel"_s, id, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"cannot be cancelled"_s), qPrintable(run.err));
        // A planned one can be, and says so in JSON
        const QJsonArray planned = json(crmctl({u"interaction"_s, u"list"_s, u"--planned"_s, u"--json"_s})).toArray();
        run = crmctl({u"interaction"_s, u"cancel"_s, QString::number(planned.at(0).toObject().value(u"id"_s).toInteger()), u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(json(run).toObject().value(u"state"_s).toString(), u"cancelled"_s);
    }

    void shouldFilterTheInteractionLog()
    {
        QCOMPARE(crmctl({u"employee"_s, u"import"_s, CrmTest::sampleFile("employees.vcf")}).exitCode, 0);
        QCOMPARE(crmctl({u"interaction"_s,
                         u"add"_s,
                         u"--counterparty"_s,
                         u"32456711"_s,
                         u"--kind"_s,
                         u"meeting"_s,
                         u"--at"_s,
                         u"2026-04-20 15:00"_s,
                         u"--employee"_s,
                         u"dmytro@our-firm.example"_s})
                     .exitCode,
                 0);
        const auto count = [this](const QStringList &filter) {
            return json(crmctl(QStringList{u"interaction"_s, u"list"_s, u"--json"_s} + filter)).toArray().size();
        };
        // The filters' rules are InteractionServiceTest::shouldFilterTheLog; here the options reach them
        QCOMPARE(count({u"--kind"_s, u"meeting"_s, u"--employee"_s, u"dmytro@our-firm.example"_s, u"--from"_s, u"2026-04-01"_s, u"--to"_s, u"2026-04-21"_s}),
                 1);
        // The text journal shows who: the counterparty by name and the employee
        const CrmTest::CrmctlRun run = crmctl({u"interaction"_s, u"list"_s, u"--kind"_s, u"meeting"_s});
        QVERIFY2(run.out.contains(u"ТОВ «Сонях Агро»"_s) && run.out.contains(u"dmytro@our-firm.example"_s), qPrintable(run.out));
        QVERIFY2(!run.out.contains(u"urn:uuid:"_s), qPrintable(run.out));
    }

    void shouldRefuseSomebodyWhoIsNotAnEmployee()
    {
        // GIVEN the employees are known (previous slot)
        const CrmTest::CrmctlRun run = crmctl({u"task"_s, u"add"_s, u"Call back"_s, u"--responsible"_s, u"stranger@elsewhere.example"_s});
        // THEN the task is refused and the employees are listed
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"\"stranger@elsewhere.example\" is not an employee"_s) && run.err.contains(u"dmytro@our-firm.example"_s),
                 qPrintable(run.err));
        QVERIFY(crmctl({u"task"_s, u"add"_s, u"Call back"_s, u"--responsible"_s, u"dmytro@our-firm.example"_s}).exitCode == 0);
    }

    void shouldShowEventsByKindWithWhatTheyConcern()
    {
        CrmTest::CrmctlRun run = crmctl({u"event"_s,
                                         u"add"_s,
                                         u"--subject"_s,
                                         u"Stock-taking"_s,
                                         u"--kind"_s,
                                         u"audit"_s,
                                         u"--at"_s,
                                         u"2026-06-01 09:00"_s,
                                         u"--counterparty"_s,
                                         u"32456711"_s,
                                         u"--description"_s,
                                         u"Bring the scanner"_s,
                                         u"--remind"_s,
                                         u"emma@our-firm.example"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = crmctl({u"event"_s, u"list"_s, u"--kind"_s, u"audit"_s});
        QVERIFY2(run.out.startsWith(u"audit:"_s), qPrintable(run.out));
        for (const QString &part : {u"ТОВ «Сонях Агро»"_s, u"Bring the scanner"_s, u"emma@our-firm.example"_s}) {
            QVERIFY2(run.out.contains(part), qPrintable(run.out));
        }
        QCOMPARE(json(crmctl({u"event"_s, u"list"_s, u"--kind"_s, u"audit"_s, u"--json"_s})).toArray().size(), 1);
    }

    void shouldKeepAnInteractionsFileWithTheRecord()
    {
        // GIVEN a file attached to an interaction, then removed from disk
        const QString path = QDir::temp().filePath(u"minutes.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray content("Minutes of the meeting\n\x01\x02 binary too\n");
        file.write(content);
        file.close();
        CrmTest::CrmctlRun run = crmctl({u"interaction"_s,
                                         u"add"_s,
                                         u"--counterparty"_s,
                                         u"32456711"_s,
                                         u"--at"_s,
                                         u"2026-04-29 11:00"_s,
                                         u"--attach"_s,
                                         path,
                                         u"--attach"_s,
                                         u"https://example.org/offer"_s,
                                         u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString id = QString::number(json(run).toObject().value(u"id"_s).toInteger());
        QCOMPARE(json(run).toObject().value(u"attachments"_s).toArray().size(), 2);
        QVERIFY(QFile::remove(path));

        // WHEN it is saved back out
        run = crmctl({u"attachment"_s, u"list"_s, u'#' + id});
        QVERIFY2(run.out.contains(u"minutes.txt"_s) && run.out.contains(u"https://example.org/offer"_s), qPrintable(run.out));
        const QString copy = QDir::temp().filePath(u"copy.txt"_s);
        run = crmctl({u"attachment"_s, u"save"_s, id, u"minutes.txt"_s, u"--output"_s, copy});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN the bytes are the ones attached
        QFile saved(copy);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), content);
        // AND a link is not a file to save
        QCOMPARE(crmctl({u"attachment"_s, u"save"_s, id, u"2"_s, u"--output"_s, copy}).exitCode, 1);
    }

    void shouldRefuseAnAttachmentThatIsNotARegularFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("endless device") << u"/dev/zero"_s;
        QTest::newRow("directory") << QDir::tempPath();
        QTest::newRow("missing") << u"/nonexistent/file.pdf"_s;
    }

    void shouldRefuseAnAttachmentThatIsNotARegularFile()
    {
        QFETCH(QString, path);
        const CrmTest::CrmctlRun run =
            crmctl({u"interaction"_s, u"add"_s, u"--counterparty"_s, u"32456711"_s, u"--at"_s, u"2026-04-29 12:00"_s, u"--attach"_s, path});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(path), qPrintable(run.err));
    }

    void shouldSayRemindersOneWayEverywhere()
    {
        // --remind-before on every command, in minutes, hours, days or weeks
        CrmTest::CrmctlRun run =
            crmctl({u"task"_s, u"add"_s, u"Offer"_s, u"--due"_s, u"2026-05-20"_s, u"--remind-before"_s, u"2h"_s, u"--remind-before"_s, u"1d"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(json(run).toObject().value(u"remindersMinutesBeforeDue"_s).toArray(), (QJsonArray{120, 1440}));
        run = crmctl({u"event"_s,
                      u"add"_s,
                      u"--subject"_s,
                      u"Fair"_s,
                      u"--at"_s,
                      u"2026-06-10 10:00"_s,
                      u"--remind-before"_s,
                      u"90m"_s,
                      u"--notify"_s,
                      u"emma@our-firm.example"_s,
                      u"--json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(json(run).toObject().value(u"remindMinutesBefore"_s).toInt(), 90);
        QCOMPARE(json(run).toObject().value(u"remind"_s).toArray(), (QJsonArray{u"emma@our-firm.example"_s}));
        run = crmctl({u"interaction"_s, u"add"_s, u"--counterparty"_s, u"32456711"_s, u"--at"_s, u"2026-05-15 10:00"_s, u"--remind-before"_s, u"1w"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // The older spellings still work
        QCOMPARE(crmctl({u"task"_s, u"add"_s, u"Old style"_s, u"--due"_s, u"2026-05-20"_s, u"--remind"_s, u"30"_s}).exitCode, 0);
        QCOMPARE(crmctl({u"event"_s,
                         u"add"_s,
                         u"--subject"_s,
                         u"Old"_s,
                         u"--at"_s,
                         u"2026-06-11 10:00"_s,
                         u"--remind"_s,
                         u"emma@our-firm.example"_s,
                         u"--remind-minutes"_s,
                         u"15"_s})
                     .exitCode,
                 0);
        // Nonsense is refused by name
        run = crmctl({u"task"_s, u"add"_s, u"Bad"_s, u"--remind-before"_s, u"soon"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"--remind-before: \"soon\""_s), qPrintable(run.err));
    }
};

QTEST_AKONADIMAIN(JournalctlTest)
#include "journalctltest.moc"
