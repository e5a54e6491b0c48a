// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cycleeditor.h"
#include "cyclespage.h"
#include "domain/letter.h"
#include "kindspage.h"
#include "kontactcrmsettings.h"
#include "mailing/mailingcontrol.h"
#include "mailing/mailtransports.h"
#include "mailingpage.h"
#include "ownhome.h"
#include "registerpage.h"
#include "reminderspage.h"
#include "tasks/taskservice.h"

#include <KConfigGroup>
#include <KPluginFactory>
#include <KPluginMetaData>
#include <KSharedConfig>

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The settings module offscreen: it loads as System Settings loads it, a
/// changed value is saved, and a broken business cycle is refused with the
/// reason while nothing of it is written.
class KcmTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

    std::unique_ptr<KCModule> module;

    Crm::KontactCrmSettings *settings() const
    {
        return qobject_cast<Crm::KontactCrmSettings *>(module.get());
    }

    static KConfigGroup taskCycles()
    {
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"TaskCycle"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QFile::remove(config + u"/kontactcrmrc"_s);
        QFile::remove(config + u"/kontactcrm_remindersrc"_s);
        QFile::remove(config + u"/mailtransports"_s); // the transports a test adds
    }

    void shouldLoadAsSystemSettingsLoadsIt()
    {
        // WHEN the plugin is loaded from the build tree by its metadata
        const KPluginMetaData data(QStringLiteral(CRM_KCM_PLUGIN));
        QVERIFY2(data.isValid(), CRM_KCM_PLUGIN);
        QCOMPARE(data.name(), u"Kontact CRM"_s);
        auto result = KPluginFactory::instantiatePlugin<KCModule>(data, this);
        QVERIFY2(result, qPrintable(result.errorText));
        std::unique_ptr<KCModule> loaded(result.plugin);
        loaded->load();
        QVERIFY(loaded->widget()->findChild<QTabWidget *>());
        QCOMPARE(loaded->widget()->findChild<QTabWidget *>()->count(), 6);
        // The plugin holds its own copy of the pages' classes: the rest of the
        // test drives the module built into this test from the same code.
        module = std::make_unique<Crm::KontactCrmSettings>(nullptr, data);
        module->load();
        // THEN its pages show what is in force: the default cycle, the default lead time
        QVERIFY(settings()->cycles()->editor()->statesTable()->rowCount() >= 3);
        QVERIFY(settings()->cycles()->problem().isEmpty());
        QCOMPARE(settings()->reminders()->deadlineLead()->value(), 1440);
        QVERIFY(!module->needsSave());
    }

    void shouldSaveAChangedLeadTime()
    {
        // WHEN the lead time is changed and saved
        settings()->reminders()->deadlineLead()->setValue(90);
        QVERIFY(module->needsSave());
        module->save();
        // THEN the agent's file holds it
        const KSharedConfig::Ptr config = KSharedConfig::openConfig(u"kontactcrm_remindersrc"_s);
        config->reparseConfiguration();
        QCOMPARE(config->group(u"Reminders"_s).readEntry("DeadlineLeadMinutes", 0), 90);
        QVERIFY(!module->needsSave());
        // AND the default cycle, unchanged, was not written (its state names stay translatable)
        QVERIFY(!taskCycles().hasKey("States"));
    }

    void shouldRefuseABrokenCycleWithTheReason()
    {
        // GIVEN a kind with a cycle of its own
        Crm::CyclesPage *page = settings()->cycles();
        page->addKind(u"Contract"_s);
        Crm::CycleEditor *editor = page->editor();
        QTableWidget *states = editor->statesTable();
        // WHEN no state of it is an end state any more
        QList<int> ends;
        for (int row = 0; row < states->rowCount(); ++row) {
            if (states->item(row, Crm::CycleEditor::EndColumn)->checkState() == Qt::Checked) {
                ends << row;
            }
            states->item(row, Crm::CycleEditor::EndColumn)->setCheckState(Qt::Unchecked);
        }
        QVERIFY(!ends.isEmpty());
        // THEN the reason is shown, and saving writes nothing of it
        QVERIFY2(page->problem().contains(u"end"_s, Qt::CaseInsensitive), qPrintable(page->problem()));
        module->save();
        QVERIFY(module->needsSave());
        QVERIFY(!taskCycles().group(u"Contract"_s).exists());

        // WHEN the end states are end states again, and the first state may no longer go to the second
        for (const int row : std::as_const(ends)) {
            states->item(row, Crm::CycleEditor::EndColumn)->setCheckState(Qt::Checked);
        }
        const int last = ends.constLast();
        editor->setAllowed(0, 1, false);
        QVERIFY2(page->problem().isEmpty(), qPrintable(page->problem()));
        module->save();
        // THEN it is saved and loads back as the kind's cycle
        QVERIFY(!module->needsSave());
        QVERIFY(taskCycles().group(u"Contract"_s).hasKey("States"));
        const Crm::BusinessCycles cycles = Crm::loadBusinessCycles();
        QVERIFY(cycles.kinds().contains(u"Contract"_s));
        const Crm::BusinessCycle &contract = cycles.cycleFor(u"Contract"_s);
        QVERIFY(contract.isEnd(states->item(last, Crm::CycleEditor::NameColumn)->text()));
        QVERIFY(!contract.allows(states->item(0, Crm::CycleEditor::NameColumn)->text(), states->item(1, Crm::CycleEditor::NameColumn)->text()));
        QVERIFY(Crm::BusinessCycle::defaultCycle().allows(contract.states().at(0).name, contract.states().at(1).name));
    }

    void shouldSaveTheKindsUsersDefine()
    {
        // GIVEN the built-in kinds of interactions, and none of events
        Crm::KindsPage *page = settings()->kinds();
        QVERIFY(page->editorOf(Crm::CrmKinds::Of::Interactions)->toPlainText().contains(u"call"_s));
        QVERIFY(page->editorOf(Crm::CrmKinds::Of::Events)->toPlainText().isEmpty());
        // WHEN kinds are typed, one per line, with a blank line and a repeat
        page->editorOf(Crm::CrmKinds::Of::Events)->setPlainText(u"Виставка\n\nHoliday\nвиставка\n"_s);
        page->editorOf(Crm::CrmKinds::Of::Interactions)->setPlainText(u"call\nДегустація"_s);
        QVERIFY(module->needsSave());
        module->save();
        // THEN the editors get them, clean
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        QCOMPARE(Crm::CrmKinds::list(Crm::CrmKinds::Of::Events), (QStringList{u"Виставка"_s, u"Holiday"_s}));
        QCOMPARE(Crm::CrmKinds::list(Crm::CrmKinds::Of::Interactions), (QStringList{u"call"_s, u"Дегустація"_s}));
    }

    void shouldRefuseABadNumberingPatternWithTheReason()
    {
        Crm::RegisterPage *page = settings()->registerPage();
        QCOMPARE(page->incoming()->text(), u"ВХ-{year}/{seq:4}"_s);
        // WHEN the incoming pattern loses its sequence
        page->incoming()->setText(u"ВХ-{year}"_s);
        // THEN the reason is shown and the pattern is not written
        QVERIFY2(page->problem().contains(u"{seq}"_s), qPrintable(page->problem()));
        module->save();
        QVERIFY(module->needsSave());
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        QString error;
        QCOMPARE(Crm::NumberPattern::configured(Crm::Letter::Direction::Incoming, &error)->pattern(), u"ВХ-{year}/{seq:4}"_s);
        // WHEN it is fixed
        page->incoming()->setText(u"IN-{yy}-{seq:3}"_s);
        QVERIFY(page->problem().isEmpty());
        module->save();
        // THEN the register numbers with it
        QVERIFY(!module->needsSave());
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        QCOMPARE(Crm::NumberPattern::configured(Crm::Letter::Direction::Incoming, &error)->format(2026, 7), u"IN-26-007"_s);
    }

    void shouldSetUpTheMailingsTransportAndLimits()
    {
        Crm::MailingPage *page = settings()->mailingPage();
        module->load();
        QCOMPARE(page->transport()->currentData().toInt(), -1);
        // WHEN an SMTP server is added on the page, limits set and saved
        const int id = page->addTransport(u"smtp.firm.example"_s, 587, 2, u"olena"_s);
        // THEN it is a MailTransport transport as KMail sees them, picked for mailings
        QVERIFY(id > 0);
        const auto transport = Crm::MailTransports::find(id);
        QVERIFY(transport);
        QCOMPARE(transport->name, u"smtp.firm.example"_s);
        QCOMPARE(page->transport()->currentData().toInt(), id);
        page->perMinute()->setValue(30);
        module->save();
        QVERIFY(!module->needsSave());
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        const KConfigGroup mailing = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s);
        QCOMPARE(mailing.readEntry("PerMinute", 0), 30);
        QCOMPARE(mailing.readEntry("SentCopies", false), true); // KMail keeps a copy too
        // and a new mailing goes through it
        QCOMPARE(Crm::MailingControl::newDraft().transportId, id);

        // WHEN the one-click URL is not https
        page->unsubscribeUrl()->setText(u"http://firm.example/u?m={email}"_s);
        // THEN the reason is shown and nothing of it is written
        QVERIFY2(page->problem().contains(u"https"_s), qPrintable(page->problem()));
        module->save();
        QVERIFY(module->needsSave());
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        QCOMPARE(KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s).readEntry("UnsubscribeUrl", QString()), QString());
        // WHEN it is fixed, it is saved and new mailings carry it
        page->unsubscribeUrl()->setText(u"https://firm.example/u?m={email}"_s);
        module->save();
        QVERIFY(!module->needsSave());
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        QCOMPARE(Crm::MailingControl::newDraft().unsubscribeUrl, u"https://firm.example/u?m={email}"_s);
    }

    void shouldKeepTheMovesOfARenamedState()
    {
        Crm::CycleEditor editor;
        editor.setCycle(Crm::BusinessCycle::defaultCycle());
        const Crm::BusinessCycle before = editor.cycle();
        const int moves = int(before.transitions().size());
        QVERIFY(moves > 0);
        const QString first = editor.statesTable()->item(0, Crm::CycleEditor::NameColumn)->text();
        editor.statesTable()->item(0, Crm::CycleEditor::NameColumn)->setText(u"Incoming"_s);
        const Crm::BusinessCycle after = editor.cycle();
        QCOMPARE(after.transitions().size(), moves);
        QCOMPARE(after.next(u"Incoming"_s), before.next(first));
    }
};

QTEST_MAIN(KcmTest)
#include "kcmtest.moc"
