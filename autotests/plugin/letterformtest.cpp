// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "editors/letterform.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/directoryindex.h"
#include "editors/counterpartyfield.h"
#include "ownhome.h"

#include <QComboBox>
#include <QDropEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

/// The registration form, offscreen: the core's rules decide when Register
/// is enabled; files dropped onto it are kept with the letter, one that
/// cannot be read is refused by name.
class LetterFormTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

    Crm::DirectoryIndex m_directory;
    QTemporaryDir m_files;

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(m_files.filePath(name));
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        f.write(data);
        return f.fileName();
    }

    static void drop(QWidget *target, const QList<QUrl> &urls)
    {
        QMimeData data;
        data.setUrls(urls);
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        QDropEvent dropped(QPointF(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &dropped);
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
        Crm::Clock::setNow(QDateTime(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::UTC));
        Crm::Counterparty zerno;
        zerno.uid = u"urn:uuid:zerno"_s;
        zerno.name = u"ТОВ «Зерно»"_s;
        m_directory.insert(Crm::DirectoryEntry::from(zerno, 1));
        Crm::ContactPerson olena;
        olena.uid = u"urn:uuid:olena"_s;
        olena.counterpartyUid = zerno.uid;
        olena.name = u"Olena Petrenko"_s;
        olena.emails = {u"o.petrenko@zerno.example"_s};
        m_directory.insert(Crm::DirectoryEntry::from(olena, 2));
    }

    void shouldEnableRegisterOnlyForALetterTheRulesAccept()
    {
        // GIVEN an empty form
        Crm::LetterForm form;
        form.setDirectory(&m_directory);
        form.setKinds(Crm::KindTree::standard());
        // THEN Register is disabled, the first error shown
        QVERIFY(!form.registerButton()->isEnabled());
        QVERIFY(!form.shownProblem().isEmpty());
        // WHEN it names a counterparty, a kind and a subject
        form.counterpartyField()->setText(u"ТОВ «Зерно»"_s);
        form.kindBox()->setCurrentIndex(form.kindBox()->findData(u"Contract/Supplementary agreement"_s));
        form.subjectEdit()->setText(u"Додаткова угода № 2"_s);
        form.notifyEdit()->setText(u"oksana@firm.example, dmytro@firm.example"_s);
        // THEN Register is enabled and the letter is what was filled in
        QVERIFY2(form.registerButton()->isEnabled(), qPrintable(form.shownProblem()));
        const Crm::Letter letter = form.letter();
        QCOMPARE(letter.counterpartyUid, u"urn:uuid:zerno"_s);
        QCOMPARE(letter.kind, (QStringList{u"Contract"_s, u"Supplementary agreement"_s}));
        QCOMPARE(letter.registrationDate, QDate(2026, 12, 1));
        QCOMPARE(letter.notify.size(), 2);
        QCOMPARE(letter.notify.at(1).email, u"dmytro@firm.example"_s);
        // WHEN Register is pressed
        QSignalSpy requested(&form, &Crm::LetterForm::registerRequested);
        form.registerButton()->click();
        // THEN the letter is handed over once, and Register waits for the answer
        QCOMPARE(requested.size(), 1);
        QVERIFY(!form.registerButton()->isEnabled());
        form.showFailure(u"register locked"_s);
        QVERIFY(form.registerButton()->isEnabled());
        QCOMPARE(form.shownProblem(), u"register locked"_s);
        // WHEN the counterparty is one the directory does not know
        form.counterpartyField()->setText(u"Нікого"_s);
        QVERIFY(!form.registerButton()->isEnabled());
    }

    void shouldRefuseToNotifySomebodyWhoIsNoEmployee()
    {
        // GIVEN a directory with one employee
        Crm::DirectoryIndex directory = m_directory;
        Crm::Employee oksana;
        oksana.uid = u"urn:uuid:oksana"_s;
        oksana.name = u"Оксана Мельник"_s;
        oksana.emails = {u"oksana@firm.example"_s};
        directory.insert(Crm::DirectoryEntry::from(oksana, 2));
        Crm::LetterForm form;
        form.setDirectory(&directory);
        form.setKinds(Crm::KindTree::standard());
        form.counterpartyField()->setText(u"ТОВ «Зерно»"_s);
        form.kindBox()->setCurrentIndex(form.kindBox()->findData(u"Contract"_s));
        form.subjectEdit()->setText(u"Договір"_s);
        // WHEN a stranger is to be notified beside her
        form.notifyEdit()->setText(u"Oksana@firm.example, stranger@elsewhere.example"_s);
        // THEN Register is disabled, naming the stranger
        QVERIFY(!form.registerButton()->isEnabled());
        QVERIFY2(form.shownProblem().contains(u"stranger@elsewhere.example"_s), qPrintable(form.shownProblem()));
        // WHEN only she is
        form.notifyEdit()->setText(u"Oksana@firm.example"_s);
        // THEN it may be registered
        QVERIFY2(form.registerButton()->isEnabled(), qPrintable(form.shownProblem()));
    }

    void shouldKeepDroppedFilesAndRefuseAnUnreadableOneByName()
    {
        Crm::LetterForm form;
        form.setDirectory(&m_directory);
        const QString scan = writeFile(u"скан.pdf"_s, QByteArray(1000, 'x'));
        // WHEN a readable file and a missing one are dropped
        drop(&form, {QUrl::fromLocalFile(scan), QUrl::fromLocalFile(m_files.filePath(u"зник.pdf"_s))});
        // THEN the first is kept with its bytes, the second refused by name
        const Crm::Letter letter = form.letter();
        QCOMPARE(letter.attachments.size(), 1);
        QCOMPARE(letter.attachments.at(0).label, u"скан.pdf"_s);
        QCOMPARE(letter.attachments.at(0).data, QByteArray(1000, 'x'));
        QVERIFY2(form.shownProblem().contains(u"зник.pdf"_s), qPrintable(form.shownProblem()));
    }

    void shouldRegisterAnEmailDroppedOnItAsItCame_data()
    {
        QTest::addColumn<bool>("asFile");
        QTest::newRow("a saved .eml file") << true;
        QTest::newRow("the message dragged from KMail") << false;
    }

    void shouldRegisterAnEmailDroppedOnItAsItCame()
    {
        QFETCH(bool, asFile);
        const QByteArray raw =
            "From: Olena Petrenko <o.petrenko@zerno.example>\r\n"
            "To: office@firm.example\r\n"
            "Subject: =?UTF-8?B?0JDQutGCINC30LLRltGA0LrQuA==?=\r\n"
            "Date: Wed, 25 Nov 2026 16:01:40 +0200\r\n"
            "Message-ID: <act-11@zerno.example>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe act is attached.\r\n"
            "--b1\r\nContent-Type: application/pdf; name=\"act.pdf\"\r\nContent-Disposition: attachment; filename=\"act.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n";
        Crm::LetterForm form;
        form.setDirectory(&m_directory);
        form.setKinds(Crm::KindTree::standard());
        // WHEN an e-mail is dropped on the empty form
        if (asFile) {
            drop(&form, {QUrl::fromLocalFile(writeFile(u"act.eml"_s, raw))});
        } else {
            QMimeData data;
            data.setData(u"message/rfc822"_s, raw);
            QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&form, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent dropped(QPointF(5, 5), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&form, &dropped);
        }
        // THEN the letter is that e-mail: its bytes, subject, date and parts,
        // not editable here; the sender's counterparty found by the address
        QCOMPARE(form.email(), raw);
        const Crm::Letter letter = form.letter();
        QCOMPARE(letter.subject, u"Акт звірки"_s);
        QVERIFY(form.subjectEdit()->isReadOnly());
        QCOMPARE(letter.documentDate, QDate(2026, 11, 25));
        QCOMPARE(letter.attachments.size(), 1);
        QCOMPARE(letter.attachments.at(0).label, u"act.pdf"_s);
        QCOMPARE(letter.addressee.email, u"o.petrenko@zerno.example"_s);
        QVERIFY(!letter.uid.isEmpty());
        QCOMPARE(letter.counterpartyUid, u"urn:uuid:zerno"_s);
        // and with a kind it can be registered
        QVERIFY2(form.registerButton()->isEnabled(), qPrintable(form.shownProblem()));
    }

    void shouldRefuseADroppedFileThatIsNoEmailAsAnEmail()
    {
        Crm::LetterForm form;
        QString error;
        QVERIFY(!form.setEmail("just some text\n", &error));
        QVERIFY2(error.contains(u"not an e-mail"_s), qPrintable(error));
        QVERIFY(form.email().isEmpty());
        QVERIFY(!form.subjectEdit()->isReadOnly());
    }
};

QTEST_MAIN(LetterFormTest)
#include "letterformtest.moc"
