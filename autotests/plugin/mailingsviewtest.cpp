// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "views/mailingsview.h"
#include "domain/mailingjournal.h"
#include "editors/mailingeditor.h"
#include "mailing/mailingstore.h"
#include "models/crmsession.h"
#include "models/mailinglistmodel.h"
#include "models/mailingrecipientmodel.h"
#include "ownhome.h"
#include "views/mailingpreviewpage.h"
#include "views/mailingprogresspage.h"
#include "views/mailingrecipientspage.h"

#include <KConfigGroup>
#include <KMessageWidget>

#include <KSharedConfig>
#include <QComboBox>
#include <QDir>

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The Mailings page, offscreen, over mailings in a temporary folder (the
/// files the mailing agent reads): a new draft is edited and saved,
/// recipients come from a file with the left-out ones reported, the preview
/// is the merged message (or the refusal of a hostile value), Send hands it
/// to the agent and the journal the agent writes shows as progress.
class MailingsViewTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(m_home.filePath(name));
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        f.write(data);
        return f.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home); // so no mail transport either
        qputenv("CRM_MAILINGS_DIR", m_home.filePath(u"mailings"_s).toUtf8());
        qputenv("CRM_USER_EMAIL", "olena@firm.example");
        const QString optOut = writeFile(u"optout.txt"_s, "gone@client.example\n");
        // Two sending identities, as KMail keeps them (read when first asked).
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QVERIFY(QDir().mkpath(config));
        QFile identities(config + u"/emailidentities"_s);
        QVERIFY(identities.open(QIODevice::WriteOnly));
        identities.write(
            "[General]\nDefault Identity=1001\n\n"
            "[Identity #0]\nIdentity=Work\nName=Olena Koval\nEmail Address=olena@firm.example\nuoid=1001\n\n"
            "[Identity #1]\nIdentity=Sales\nName=Firm Sales\nEmail Address=sales@firm.example\nuoid=1002\n");
        identities.close();
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s).writeEntry("OptOutFile", optOut);
    }

    void shouldMakeEditFillPreviewAndSendAMailing()
    {
        Crm::CrmSession session; // not opened: no directory, files still work
        Crm::MailingsView view(&session);
        QCOMPARE(view.model()->rowCount(), 0);

        // WHEN the user makes a new mailing
        const QString id = view.newMailing();
        // THEN it is listed as a draft, sent from the user's address
        QVERIFY(!id.isEmpty());
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.currentId(), id);
        QCOMPARE(view.editor()->mailing().fromAddress, u"olena@firm.example"_s);
        // sent as the identity of that address, another one a pick away
        QCOMPARE(view.editor()->identityBox()->count(), 2);
        QCOMPARE(view.editor()->mailing().identityId, 1001u);
        view.editor()->identityBox()->setCurrentIndex(1);
        Q_EMIT view.editor()->identityBox()->activated(1);
        QCOMPARE(view.editor()->mailing().fromAddress, u"sales@firm.example"_s);
        QCOMPARE(view.editor()->mailing().fromName, u"Firm Sales"_s);
        QCOMPARE(view.editor()->mailing().identityId, 1002u);
        QVERIFY(view.rows().constFirst().contains(u"Draft"_s));

        // WHEN the subject and body are typed with merge fields and saved
        view.editor()->subjectEdit()->setText(u"Offer for {counterparty}"_s);
        Q_EMIT view.editor()->subjectEdit()->textEdited(view.editor()->subjectEdit()->text());
        view.editor()->plainEdit()->setPlainText(u"Dear {fullName|colleague},\nour prices fell."_s);
        QVERIFY(view.editor()->saveButton()->isEnabled());
        view.editor()->saveButton()->click();
        // THEN they are stored
        Crm::MailingStore store;
        QCOMPARE(store.load(id)->subject, u"Offer for {counterparty}"_s);
        QCOMPARE(store.load(id)->fromAddress, u"sales@firm.example"_s);
        QVERIFY(!view.editor()->saveButton()->isEnabled());

        // WHEN recipients come from a file with a duplicate, an invalid and
        // an opted-out address
        const QString csv = writeFile(u"people.csv"_s,
                                      "Name,Counterparty,Position,Email\n"
                                      "Ivan Petrenko,Zerno,director,ivan@zerno.example\n"
                                      "Ivan P.,Zerno,director,IVAN@zerno.example\n"
                                      "Nobody,Zerno,,not-an-address\n"
                                      "Gone,Old Firm,,gone@client.example\n"
                                      "Maria Koval,Steel,buyer,maria@steel.example\n");
        view.recipientsPage()->addFile(csv);
        // THEN the two good ones are the recipients, the three others reported by address
        QTRY_COMPARE(view.recipientsPage()->model()->rowCount(), 2);
        QCOMPARE(store.recipientCount(id), 2);
        const QStringList report = view.recipientsPage()->report();
        QCOMPARE(report.size(), 3);
        QVERIFY(report.join(u'\n').contains(u"IVAN@zerno.example"_s));
        QVERIFY(report.join(u'\n').contains(u"not-an-address"_s));
        QVERIFY(report.join(u'\n').contains(u"gone@client.example"_s));
        QCOMPARE(store.removedReport(id), report);

        // THEN the preview of the second recipient is its merged message
        view.previewPage()->setMailing(id);
        view.previewPage()->showRecipient(2);
        const QString shown = view.previewPage()->shownText();
        QVERIFY2(shown.contains(u"Offer for Steel"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"Dear Maria Koval,"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"maria@steel.example"_s), qPrintable(shown));
        QVERIFY(!shown.contains(u"ivan@zerno.example"_s)); // no other recipient named

        // WHEN Send is pressed
        QVERIFY(view.progressPage()->sendButton()->isEnabled());
        // (no mail transport is set up here: the page says how to get one)
        view.progressPage()->sendButton()->click();
        QCOMPARE(store.control(id), Crm::MailingStore::Control::Draft);
        const auto *message = view.progressPage()->findChild<KMessageWidget *>();
        QVERIFY2(message->text().contains(u"No mail transport"_s), qPrintable(message->text()));
        QCOMPARE(message->actions().size(), 1); // and offers to set one up

        // WHEN the agent (here: the test) takes it and writes its journal
        QVERIFY(store.setControl(id, Crm::MailingStore::Control::Send));
        {
            Crm::MailingJournal journal(store.journalPath(id));
            QVERIFY(journal.load(true));
            QVERIFY(journal.markSending(0));
            QVERIFY(journal.markSent(0));
            QVERIFY(journal.markSending(1));
            QVERIFY(journal.markFailed(1, u"550 no such user"_s));
        }
        view.showMailing(id, 3);
        QCOMPARE(view.findChild<QTabWidget *>()->currentWidget(), view.progressPage());
        view.refresh();
        // THEN the progress, the list and the recipients' states show it
        const QString summary = view.progressPage()->summary();
        QVERIFY2(summary.contains(u"1 sent, 1 failed"_s), qPrintable(summary));
        QVERIFY2(view.rows().constFirst().contains(u"Done, with problems"_s), qPrintable(view.rows().constFirst()));
        const auto *states = view.recipientsPage()->model();
        QCOMPARE(states->index(1, Crm::MailingRecipientModel::State).data().toString(), u"failed: 550 no such user"_s);
        // and a sent mailing can no longer be edited
        QVERIFY(view.editor()->subjectEdit()->isReadOnly());

        // WHEN it is copied
        view.copyMailing();
        // THEN a new draft has its message and recipients, editable
        QCOMPARE(view.model()->rowCount(), 2);
        QVERIFY(view.currentId() != id);
        QCOMPARE(store.recipientCount(view.currentId()), 2);
        QCOMPARE(view.editor()->subjectEdit()->text(), u"Offer for {counterparty}"_s);
        QVERIFY(!view.editor()->subjectEdit()->isReadOnly());
    }

    void shouldShowTheRefusalOfAHostileMergeValue()
    {
        Crm::CrmSession session;
        Crm::MailingsView view(&session);
        const QString id = view.newMailing();
        view.editor()->plainEdit()->setPlainText(u"Dear {fullName}"_s);
        view.editor()->saveButton()->click();
        // a name that decodes to a line break and a header of its own
        const QString csv = writeFile(u"hostile.csv"_s, "Name,Email\n\"=?utf-8?q?Eve=0D=0ABcc:_all@evil.example?=\",eve@evil.example\n");
        view.recipientsPage()->addFile(csv);
        QTRY_COMPARE(view.recipientsPage()->model()->rowCount(), 1);
        view.previewPage()->setMailing(id);
        const QString shown = view.previewPage()->shownText();
        QVERIFY2(shown.contains(u"eve@evil.example"_s), qPrintable(shown));
        QVERIFY2(!shown.contains(u"Dear"_s), qPrintable(shown)); // refused, not shown merged
    }

    void shouldReadAgainOnlyTheMailingsThatChanged()
    {
        Crm::CrmSession session;
        Crm::MailingsView view(&session);
        const QString id = view.newMailing();
        const int rows = view.model()->rowCount();
        QVERIFY(rows >= 2);
        // WHEN the list is refreshed with nothing changed
        const int read = view.model()->rowsRead();
        view.model()->refresh();
        // THEN no mailing is read again
        QCOMPARE(view.model()->rowsRead(), read);
        // WHEN a draft is changed by another program (crmctl)
        Crm::MailingStore store;
        auto mailing = *store.load(id);
        mailing.subject = u"Changed elsewhere, a longer subject"_s;
        QVERIFY(store.save(mailing));
        view.model()->refresh();
        // THEN that one alone is read again, and shows the change
        QCOMPARE(view.model()->rowsRead(), read + 1);
        QCOMPARE(view.model()->rowAt(view.model()->rowOf(id)).subject, u"Changed elsewhere, a longer subject"_s);
    }
};

QTEST_MAIN(MailingsViewTest)
#include "mailingsviewtest.moc"
