// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmtestutils.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// crmctl in Ukrainian (LANGUAGE=uk, LANG=uk_UA.UTF-8), as a user in Kyiv runs
/// it, against the test's own Akonadi server: its words come from
/// po/uk/*.po, compiled into the build tree's share/locale; its dates and
/// plural forms follow the Ukrainian locale.
class UkrainianCtlTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_files;

    static CrmTest::CrmctlRun crmctl(const QStringList &args)
    {
        return CrmTest::crmctl(args,
                               {{u"LANGUAGE"_s, u"uk"_s},
                                {u"LANG"_s, u"uk_UA.UTF-8"_s},
                                {u"LC_ALL"_s, QString()},
                                // Where KLocalizedString finds the catalogs of the build tree.
                                {u"XDG_DATA_DIRS"_s, QStringLiteral(CRM_BUILD_SHARE_DIR ":/usr/local/share:/usr/share")},
                                {u"CRM_USER_EMAIL"_s, u"olena@firm.example"_s},
                                {u"CRM_NOW"_s, u"2026-11-26T12:00:00Z"_s}});
    }

    /// A CSV file of @p badRows counterparties whose phones all have the same problem.
    QString csvWithBadPhones(int badRows)
    {
        const QString path = m_files.filePath(u"bad-%1.csv"_s.arg(badRows));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        f.write("Name;Phone\n");
        for (int i = 1; i <= badRows; ++i) {
            f.write(u"ТОВ Ромашка %1;12\n"_s.arg(i).toUtf8());
        }
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        QVERIFY(m_files.isValid());
    }

    void shouldShowATaskInUkrainianWithUkrainianDatesAndPlurals()
    {
        // GIVEN a task due on 1 December at 18:00 with reminders 1, 3, 5, 11, 21 and 22 minutes before
        CrmTest::CrmctlRun run = crmctl({u"task"_s,
                                         u"add"_s,
                                         u"Підготувати пропозицію"_s,
                                         u"--due"_s,
                                         u"2026-12-01 18:00"_s,
                                         u"--remind-before"_s,
                                         u"1m"_s,
                                         u"--remind-before"_s,
                                         u"3m"_s,
                                         u"--remind-before"_s,
                                         u"5m"_s,
                                         u"--remind-before"_s,
                                         u"11m"_s,
                                         u"--remind-before"_s,
                                         u"21m"_s,
                                         u"--remind-before"_s,
                                         u"22m"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN crmctl says so in Ukrainian, with the state's Ukrainian name
        QVERIFY2(run.out.startsWith(u"Додано завдання "_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Підготувати пропозицію (Нове)"_s), qPrintable(run.out));
        // and warns in Ukrainian that it cannot check the responsible yet
        QVERIFY2(run.err.contains(u"crmctl: попередження: у довіднику ще немає працівників"_s), qPrintable(run.err));

        // WHEN the task is shown
        run = crmctl({u"task"_s, u"list"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        // (--json is for scripts: its keys and values stay as they are)
        const QString uid = QJsonDocument::fromJson(run.out.toUtf8()).array().at(0).toObject().value(u"uid"_s).toString();
        QVERIFY2(!uid.isEmpty(), qPrintable(run.out));
        run = crmctl({u"task"_s, u"show"_s, uid});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // THEN its labels are Ukrainian, its deadline is a Ukrainian date
        // (dd.MM.yy, 24-hour clock, no seconds)
        QVERIFY2(run.out.contains(u"  Стан "_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Нове"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"  Термін "_s) && run.out.contains(u"01.12.26 18:00"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"Історія:"_s), qPrintable(run.out));
        // and each reminder takes the plural form Ukrainian grammar wants:
        // one form for 1 and 21, one for 3 and 22, one for 5 and 11
        for (const QString &line : {u"за 1 хвилину до терміну"_s,
                                    u"за 21 хвилину до терміну"_s,
                                    u"за 3 хвилини до терміну"_s,
                                    u"за 22 хвилини до терміну"_s,
                                    u"за 5 хвилин до терміну"_s,
                                    u"за 11 хвилин до терміну"_s}) {
            QVERIFY2(run.out.contains(line), qPrintable(line + u" not in:\n"_s + run.out));
        }
        QVERIFY2(!run.out.contains(u"minute"_s), qPrintable(run.out));
    }

    void shouldShowACardWithItsTimelineInUkrainian()
    {
        // GIVEN a counterparty with a task about it
        const QString file = m_files.filePath(u"sonyakh.csv"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(u"Найменування;Телефон\nТОВ Соняшник;+380441234567\n"_s.toUtf8());
        f.close();
        CrmTest::CrmctlRun run = crmctl({u"counterparty"_s, u"import"_s, file});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(u"створено — 1"_s), qPrintable(run.out));
        run = crmctl({u"task"_s, u"add"_s, u"Надіслати рахунок"_s, u"--counterparty"_s, u"Соняшник"_s, u"--due"_s, u"2026-12-02 18:00"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // WHEN its card is shown
        run = crmctl({u"card"_s, u"Соняшник"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // THEN the card and its timeline speak Ukrainian, the task's state included
        QVERIFY2(run.out.contains(u"Телефони:"_s) && run.out.contains(u"Хронологія:"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"02.12.26 18:00"_s) && run.out.contains(u"завдання"_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"      Нове\n"_s), qPrintable(run.out));
    }

    void shouldSayWhatIsWrongInUkrainian()
    {
        // WHEN a command is mistyped
        CrmTest::CrmctlRun run = crmctl({u"frobnicate"_s});
        // THEN the error is Ukrainian
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"crmctl: невідома команда «frobnicate»"_s), qPrintable(run.err));
        // and nothing was looked up before the application existed
        QVERIFY2(!run.err.contains(u"KCatalog"_s), qPrintable(run.err));

        // WHEN a task is moved to a state its cycle does not have
        run = crmctl({u"task"_s, u"list"_s, u"--json"_s});
        const QString uid = QJsonDocument::fromJson(run.out.toUtf8()).array().at(0).toObject().value(u"uid"_s).toString();
        QVERIFY2(!uid.isEmpty(), qPrintable(run.out));
        run = crmctl({u"task"_s, u"move"_s, uid, u"Готово"_s});
        // THEN the refusal is Ukrainian
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"«Готово» не є станом цього бізнес-циклу"_s), qPrintable(run.err));
    }

    void shouldCountRepeatedImportProblemsInUkrainian_data()
    {
        QTest::addColumn<int>("badRows");
        QTest::addColumn<QString>("expected");
        // The first 20 problems of a kind are listed (MaxProblemsPerKind),
        // the others summed up: "N more times, on lines …" (line 1 is the header).
        QTest::newRow("21 rows: once more") << 21 << u"ще раз, у рядку 22."_s;
        QTest::newRow("23 rows: 3 more, form 1") << 23 << u"ще 3 рази, у рядках 22–24."_s;
        QTest::newRow("25 rows: 5 more, form 2") << 25 << u"ще 5 разів, у рядках 22–26."_s;
        QTest::newRow("31 rows: 11 more, form 2") << 31 << u"ще 11 разів, у рядках 22–32."_s;
        QTest::newRow("41 rows: 21 more, form 0") << 41 << u"ще 21 раз, у рядках 22–42."_s;
    }

    void shouldCountRepeatedImportProblemsInUkrainian()
    {
        QFETCH(int, badRows);
        QFETCH(QString, expected);
        // GIVEN a CSV file whose every row has a phone of two digits
        const QString file = csvWithBadPhones(badRows);
        QVERIFY(!file.isEmpty());
        // WHEN it is imported
        const CrmTest::CrmctlRun run = crmctl({u"counterparty"_s, u"import"_s, file});
        // THEN the problem is named in Ukrainian, and the repeats counted in the right plural form
        QVERIFY2(run.exitCode != 0, qPrintable(run.out + run.err));
        const QString all = run.out + run.err;
        QVERIFY2(all.contains(u"«12» — не номер телефону: у ньому менше п’яти цифр."_s), qPrintable(all));
        QVERIFY2(all.contains(expected), qPrintable(expected + u" not in:\n"_s + all));
    }
};

QTEST_AKONADIMAIN(UkrainianCtlTest)

#include "ukrainianctltest.moc"
