// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "views/correspondenceview.h"
#include "crmtestutils.h"
#include "domain/clock.h"
#include "editors/counterpartyfield.h"
#include "editors/letterform.h"
#include "models/crmsession.h"
#include "models/letterjournalmodel.h"

#include <Akonadi/CollectionCreateJob>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/Control>
#include <Akonadi/ItemCreateJob>
#include <KMime/Message>
#include <akonadi/qtest_akonadi.h>

#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

using namespace Qt::Literals::StringLiterals;

/// The Correspondence page on a real, isolated Akonadi with the real
/// maildir resource: the first letter registered from the form makes the
/// register and shows up in the journal; an archive done elsewhere (crmctl)
/// reaches the page through its monitor; a letter opens with its attachment.
class CorrespondenceViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        Crm::Clock::setNow(QDateTime(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::UTC));
    }

    void shouldRegisterFromTheFormAndFollowTheRegister()
    {
        // GIVEN a counterparty, and the page open on a store without a register
        QTemporaryDir files;
        QFile csv(files.filePath(u"c.csv"_s));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("Найменування;Код ЄДРПОУ;Телефон;Примітка\nТОВ «Зерно»;1234567890;+380 44 1000001;\n");
        csv.close();
        auto run = CrmTest::crmctl({u"counterparty"_s, u"import"_s, csv.fileName()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        Crm::CrmSession session;
        QSignalSpy directoryReady(&session, &Crm::CrmSession::directoryReady);
        session.open();
        QVERIFY(directoryReady.wait(60000));
        Crm::CorrespondenceView view(&session);
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading(), 30000);
        QCOMPARE(view.rows().size(), 0);

        // WHEN a letter with a file is registered from the form
        view.registerLetter();
        auto form = view.findChild<Crm::LetterForm *>();
        QVERIFY(form);
        form->counterpartyField()->setText(u"ТОВ «Зерно»"_s);
        form->kindBox()->setCurrentIndex(form->kindBox()->findData(u"Contract"_s));
        form->subjectEdit()->setText(u"Договір № 15"_s);
        QFile scan(files.filePath(u"скан.pdf"_s));
        QVERIFY(scan.open(QIODevice::WriteOnly));
        scan.write(QByteArray(5000, 's'));
        scan.close();
        QString error;
        QVERIFY2(form->addFile(scan.fileName(), &error), qPrintable(error));
        QVERIFY2(form->registerButton()->isEnabled(), qPrintable(form->shownProblem()));
        form->registerButton()->click();

        // THEN the register is made and the journal shows the letter
        const QString row =
            u"ВХ-2026/0001 | %1 | Incoming | ТОВ «Зерно» | Contract | Договір № 15"_s.arg(QLocale().toString(QDate(2026, 12, 1), QLocale::ShortFormat));
        QTRY_COMPARE_WITH_TIMEOUT(view.rows(), QStringList{row}, 60000);
        const qint64 id = view.model()->itemId(0);

        // WHEN crmctl archives it
        run = CrmTest::crmctl({u"letter"_s, u"archive"_s, u"ВХ-2026/0001"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN the journal follows, and the archive's node shows it
        QTRY_VERIFY_WITH_TIMEOUT(view.rows().isEmpty(), 30000);
        view.model()->setSelection({true, {}});
        QCOMPARE(view.rows().size(), 1);

        // WHEN it is opened
        view.showLetter(id);
        // THEN it shows with its attachment
        QListWidget *attachments = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((attachments = view.findChild<QListWidget *>(QString(), Qt::FindChildrenRecursively)) && attachments->isVisible(), 30000);
        QCOMPARE(attachments->count(), 1);
        QCOMPARE(attachments->item(0)->text(), u"скан.pdf"_s);
    }

    void shouldRegisterAnEmailDraggedFromKMail()
    {
        // GIVEN an e-mail in a mail folder, as KMail has it
        Crm::CrmSession session;
        QSignalSpy directoryReady(&session, &Crm::CrmSession::directoryReady);
        session.open();
        QVERIFY(directoryReady.wait(60000));
        Crm::CorrespondenceView view(&session);
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading(), 30000);
        auto fetch = new Akonadi::CollectionFetchJob(Akonadi::Collection::root(), Akonadi::CollectionFetchJob::Recursive);
        QVERIFY(fetch->exec());
        Akonadi::Collection mailRoot;
        for (const Akonadi::Collection &c : fetch->collections()) {
            if (c.contentMimeTypes().contains(KMime::Message::mimeType()) && c.parentCollection() == Akonadi::Collection::root()) {
                mailRoot = c;
            }
        }
        QVERIFY(mailRoot.isValid());
        Akonadi::Collection inbox;
        inbox.setName(u"inbox"_s);
        inbox.setParentCollection(mailRoot);
        inbox.setContentMimeTypes({KMime::Message::mimeType()});
        auto create = new Akonadi::CollectionCreateJob(inbox);
        QVERIFY2(create->exec(), qPrintable(create->errorString()));
        const QByteArray raw =
            "From: Olena Petrenko <olena@zerno.example>\r\nTo: office@firm.example\r\nSubject: Price list 2027\r\n"
            "Date: Mon, 30 Nov 2026 09:15:00 +0200\r\nMessage-ID: <prices-2027@zerno.example>\r\nX-Mailer: KMail\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOur prices for 2027.\r\n";
        KMime::Message::Ptr message(new KMime::Message);
        message->setContent(raw);
        message->parse();
        Akonadi::Item item;
        item.setMimeType(KMime::Message::mimeType());
        item.setPayload(message);
        auto itemCreate = new Akonadi::ItemCreateJob(item, create->collection());
        QVERIFY2(itemCreate->exec(), qPrintable(itemCreate->errorString()));

        // WHEN it is dragged from KMail onto the registration form
        view.registerLetter();
        auto form = view.findChild<Crm::LetterForm *>();
        QVERIFY(form);
        QMimeData data;
        data.setUrls({itemCreate->item().url()});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(form, &enter);
        QDropEvent dropped(QPointF(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(form, &dropped);
        // THEN the form takes it as it came
        QTRY_COMPARE_WITH_TIMEOUT(form->subjectEdit()->text(), u"Price list 2027"_s, 30000);
        form->counterpartyField()->setText(u"ТОВ «Зерно»"_s);
        form->kindBox()->setCurrentIndex(form->kindBox()->findData(u"Letter"_s));
        QVERIFY2(form->registerButton()->isEnabled(), qPrintable(form->shownProblem()));
        form->registerButton()->click();
        // and the register keeps the e-mail's own headers
        QTRY_VERIFY_WITH_TIMEOUT(view.rows().join(u'\n').contains(u"Price list 2027"_s), 60000);
        const auto shown = CrmTest::crmctl({u"letter"_s, u"show"_s, u"ВХ-2026/0002"_s, u"--json"_s});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QVERIFY2(shown.out.contains(u"prices-2027@zerno.example"_s), qPrintable(shown.out));
    }
};

QTEST_AKONADIMAIN(CorrespondenceViewTest)
#include "correspondenceviewtest.moc"
