// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/clock.h"
#include "reminders/reminder.h"

#include <KLocalizedString>

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Crm::Reminders::Kind;
using Crm::Reminders::Reminder;

/// What the reminder agent's notifications say, in Ukrainian: the heading
/// and text come from core (Reminders::heading/describe, as the agent's
/// Notifier and the Kontact summary use them), the buttons from the agent's
/// own catalog. Both catalogs are those of po/uk compiled into the build tree.
class ReminderTextUkTest : public QObject
{
    Q_OBJECT

    static Reminder reminder(Kind kind, const QString &title, const QDateTime &occurrence)
    {
        Reminder r;
        r.kind = kind;
        r.title = title;
        r.occurrence = occurrence;
        r.due = occurrence;
        return r;
    }

public:
    /// Before the application exists: what a user with a Ukrainian desktop has.
    static void initMain()
    {
        qputenv("LANGUAGE", "uk");
        qputenv("LANG", "uk_UA.UTF-8");
        qunsetenv("LC_ALL");
        qputenv("XDG_DATA_DIRS", CRM_BUILD_SHARE_DIR ":/usr/local/share:/usr/share");
    }

private Q_SLOTS:
    void shouldWordEachReminderInUkrainian_data()
    {
        const QDateTime at(QDate(2026, 12, 1), QTime(14, 30), Crm::Clock::zone());
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QDateTime>("occurrence");
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("text");
        QTest::newRow("assigned") << int(Kind::TaskAssigned) << u"Підготувати пропозицію"_s << at << u"Нове завдання для вас"_s << u"Підготувати пропозицію"_s;
        QTest::newRow("deadline soon") << int(Kind::TaskDeadlineSoon) << u"Підготувати пропозицію"_s << at << u"Наближається термін завдання"_s
                                       << u"Підготувати пропозицію — виконати до 01.12.26 14:30"_s;
        QTest::newRow("deadline passed") << int(Kind::TaskDeadlinePassed) << u"Надіслати договір"_s << at << u"Завдання прострочене"_s
                                         << u"Надіслати договір — термін минув 01.12.26 14:30"_s;
        QTest::newRow("planned contact") << int(Kind::InteractionBefore) << u"Дзвінок Соняшник"_s << at << u"Запланований контакт"_s
                                         << u"Дзвінок Соняшник — 01.12.26 14:30"_s;
        QTest::newRow("contact now") << int(Kind::InteractionAt) << u"Дзвінок Соняшник"_s << at << u"Час зв’язатися"_s
                                     << u"Дзвінок Соняшник — 01.12.26 14:30"_s;
        QTest::newRow("event") << int(Kind::EventAlarm) << u"Планування"_s << at << u"Подія"_s << u"Планування — 01.12.26 14:30"_s;
        // A birthday: the long date, with the month's name in the genitive (as
        // Qt's CLDR data write it, with a narrow no-break space before "р.").
        QTest::newRow("birthday") << int(Kind::Birthday) << u"Олена Коваль"_s << QDateTime(QDate(2026, 11, 27), QTime(0, 0), Crm::Clock::zone())
                                  << u"День народження"_s << u"День народження Олена Коваль: пʼятниця, 27 листопада 2026\u202fр."_s;
    }

    void shouldWordEachReminderInUkrainian()
    {
        QFETCH(int, kind);
        QFETCH(QString, title);
        QFETCH(QDateTime, occurrence);
        QFETCH(QString, heading);
        QFETCH(QString, text);
        const Reminder r = reminder(Kind(kind), title, occurrence);
        QCOMPARE(Crm::Reminders::heading(r), heading);
        const QString described = Crm::Reminders::describe(r);
        QVERIFY2(described == text, qPrintable(described));
    }

    void shouldLabelTheAgentsButtonsInUkrainian()
    {
        // The agent's Notifier asks its own domain for these.
        const char *domain = "akonadi_kontactcrm_reminders_agent";
        QCOMPARE(i18ndc(domain, "@action:button", "Open"), u"Відкрити"_s);
        QCOMPARE(i18ndc(domain, "@action:button", "Snooze 15 minutes"), u"Відкласти на 15 хвилин"_s);
        QCOMPARE(i18ndc(domain, "@action:button", "Snooze 1 hour"), u"Відкласти на 1 годину"_s);
        QCOMPARE(i18ndc(domain, "@action:button", "Tomorrow"), u"Завтра"_s);
        QCOMPARE(i18ndc(domain, "@action:button", "Done"), u"Виконано"_s);
    }

    /// Each part's catalog is compiled and found, the ones no other test
    /// here reads included (the plugin's and the settings module's).
    void shouldFindTheCatalogOfEveryPart_data()
    {
        QTest::addColumn<QByteArray>("domain");
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("english");
        QTest::addColumn<QString>("ukrainian");
        QTest::newRow("core") << "kontactcrm"_ba << "@item task state"_ba << "In progress"_ba << u"Виконується"_s;
        QTest::newRow("crmctl") << "crmctl"_ba << "@title"_ba << "Timeline:"_ba << u"Хронологія:"_s;
        QTest::newRow("agent") << "akonadi_kontactcrm_reminders_agent"_ba << "@action:button"_ba << "Open"_ba << u"Відкрити"_s;
        QTest::newRow("plugin") << "kontactcrm_plugin"_ba << "@title:tab"_ba << "Counterparties"_ba << u"Контрагенти"_s;
        QTest::newRow("settings module") << "kcm_kontactcrm"_ba << "@title:tab"_ba << "Business Cycles"_ba << u"Бізнес-цикли"_s;
    }

    void shouldFindTheCatalogOfEveryPart()
    {
        QFETCH(QByteArray, domain);
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, english);
        QFETCH(QString, ukrainian);
        QCOMPARE(i18ndc(domain.constData(), context.constData(), english.constData()), ukrainian);
    }
};

QTEST_GUILESS_MAIN(ReminderTextUkTest)

#include "remindertextuktest.moc"
