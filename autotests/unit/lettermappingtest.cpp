// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mime/lettermapping.h"

#include <KMime/Headers>
#include <KMime/Message>

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class LetterMappingTest : public QObject
{
    Q_OBJECT

private:
    static Crm::Letter letter()
    {
        Crm::Letter l;
        l.uid = u"0a1b2c3d-1111-4222-8333-444455556666@kontact-crm"_s;
        l.direction = Crm::Letter::Direction::Incoming;
        l.counterpartyUid = u"urn:uuid:aaaaaaaa-0000-4000-8000-000000000001"_s;
        l.addressee = Crm::Participant{u"urn:uuid:p1"_s, u"Петренко, Олена"_s, u"o.petrenko@example.ua"_s};
        l.registrationDate = QDate(2026, 11, 27);
        l.documentDate = QDate(2026, 11, 25);
        l.number = u"ВХ-2026/0007"_s;
        l.sequence = 7;
        l.kind = {u"Договори"_s, u"Постачання/оренда"_s};
        l.priority = Crm::Letter::Priority::Urgent;
        l.subject = u"Договір постачання № 15 — підписаний"_s;
        l.note = u"Оригінал у папці 3.\nКопія — бухгалтерії.\n"_s;
        l.notify = {Crm::Participant{{}, u"Оксана Іваненко"_s, u"oksana@our-firm.example"_s}, Crm::Participant{{}, QString(), u"boss@our-firm.example"_s}};
        QByteArray binary;
        for (int i = 0; i < 70000; ++i) {
            binary.append(char(i * 7 % 256));
        }
        l.attachments = {Crm::Attachment{u"скан договору.pdf"_s, {}, binary, u"application/pdf"_s},
                         Crm::Attachment{u"notes.txt"_s, {}, QByteArray("line 1\r\nline 2\n\x01 end"), u"text/plain"_s}};
        return l;
    }

    /// What another program sees: the bytes parsed afresh by KMime.
    static KMime::Message::Ptr reread(const KMime::Message::Ptr &message)
    {
        KMime::Message::Ptr copy(new KMime::Message);
        copy->setContent(message->encodedContent());
        copy->parse();
        return copy;
    }

private Q_SLOTS:
    void shouldRoundTripEveryFieldAndAttachment()
    {
        // GIVEN a letter with every field set
        const Crm::Letter original = letter();
        // WHEN it is written as MIME and read back by KMime from the bytes
        const QByteArray bytes = Crm::LetterMapping::toMessage(original)->encodedContent();
        KMime::Message::Ptr message(new KMime::Message);
        message->setContent(bytes);
        message->parse();
        // THEN the headers other programs read are there
        QVERIFY(Crm::LetterMapping::isLetter(message));
        QCOMPARE(message->subject()->asUnicodeString(), original.subject);
        QCOMPARE(message->messageID()->identifier(), original.uid.toUtf8());
        QCOMPARE(message->from()->mailboxes().constFirst().address(), QByteArray("o.petrenko@example.ua"));
        QCOMPARE(message->date()->dateTime().date(), original.documentDate);
        QCOMPARE(message->headerByType("Importance")->asUnicodeString(), u"high"_s);
        QCOMPARE(message->headerByType("X-KDE-CRM-NUMBER")->asUnicodeString(), original.number);
        QCOMPARE(message->headerByType("X-KDE-CRM-DIRECTION")->asUnicodeString(), u"incoming"_s);
        QCOMPARE(message->headerByType("X-KDE-CRM-REGISTRATION-DATE")->asUnicodeString(), u"2026-11-27"_s);
        // and every byte of the message is 7-bit, as mail transports need
        for (const char c : bytes) {
            QVERIFY2(uchar(c) < 128, "an 8-bit byte in the message");
        }
        // and the attachments are MIME parts with their names and types
        const auto parts = message->attachments();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0)->contentDisposition()->filename(), u"скан договору.pdf"_s);
        QCOMPARE(parts.at(0)->contentType()->mimeType(), QByteArray("application/pdf"));
        QCOMPARE(parts.at(0)->decodedContent(), original.attachments.at(0).data);
        // and the whole letter comes back equal, field by field
        const Crm::Letter back = Crm::LetterMapping::letterFrom(message);
        QCOMPARE(back.uid, original.uid);
        QCOMPARE(back.direction, original.direction);
        QCOMPARE(back.counterpartyUid, original.counterpartyUid);
        QCOMPARE(back.addressee, original.addressee);
        QCOMPARE(back.registrationDate, original.registrationDate);
        QCOMPARE(back.documentDate, original.documentDate);
        QCOMPARE(back.number, original.number);
        QCOMPARE(back.sequence, original.sequence);
        QCOMPARE(back.kind, original.kind);
        QCOMPARE(back.priority, original.priority);
        QCOMPARE(back.subject, original.subject);
        QCOMPARE(back.note, original.note);
        QCOMPARE(back.notify, original.notify);
        QCOMPARE(back.attachments.size(), original.attachments.size());
        for (qsizetype i = 0; i < back.attachments.size(); ++i) {
            QCOMPARE(back.attachments.at(i).label, original.attachments.at(i).label);
            QCOMPARE(back.attachments.at(i).mimeType, original.attachments.at(i).mimeType);
            QCOMPARE(back.attachments.at(i).data, original.attachments.at(i).data);
        }
        QCOMPARE(back, original);
    }

    void shouldRoundTripAMinimalLetter()
    {
        Crm::Letter l;
        l.direction = Crm::Letter::Direction::Outgoing;
        l.counterpartyUid = u"urn:uuid:c"_s;
        l.registrationDate = QDate(2026, 1, 2);
        l.documentDate = l.registrationDate;
        l.kind = {u"Letter"_s};
        l.subject = u"Hello"_s;
        const Crm::Letter back = Crm::LetterMapping::letterFrom(reread(Crm::LetterMapping::toMessage(l)));
        QCOMPARE(back, l);
    }

    void shouldNotLetAValueAddAHeader_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("subject") << u"subject"_s;
        QTest::newRow("note") << u"note"_s;
        QTest::newRow("number") << u"number"_s;
        QTest::newRow("kind") << u"kind"_s;
        QTest::newRow("counterparty") << u"counterparty"_s;
        QTest::newRow("addressee name") << u"addressee"_s;
        QTest::newRow("attachment name") << u"attachment"_s;
        QTest::newRow("notify name") << u"notify"_s;
    }
    void shouldNotLetAValueAddAHeader()
    {
        QFETCH(QString, field);
        // GIVEN a value with CR, LF and NUL that tries to add headers and a part
        const QString hostile = u"x\r\nBcc: victim@example.org\nX-KDE-CRM-DIRECTION: outgoing\r\n\r\n--boundary\n\0y"_s;
        Crm::Letter l = letter();
        if (field == u"subject"_s) {
            l.subject = hostile;
        } else if (field == u"note"_s) {
            l.note = hostile;
        } else if (field == u"number"_s) {
            l.number = hostile;
        } else if (field == u"kind"_s) {
            l.kind = {hostile};
        } else if (field == u"counterparty"_s) {
            l.counterpartyUid = hostile;
        } else if (field == u"addressee"_s) {
            l.addressee.name = hostile;
        } else if (field == u"attachment"_s) {
            l.attachments[0].label = hostile;
        } else if (field == u"notify"_s) {
            l.notify[0].name = hostile;
        }
        // WHEN it is written and parsed back from the bytes
        const KMime::Message::Ptr message = reread(Crm::LetterMapping::toMessage(l));
        // THEN no header was added and none changed
        QVERIFY(!message->headerByType("Bcc"));
        QCOMPARE(message->headerByType("X-KDE-CRM-DIRECTION")->asUnicodeString(), u"incoming"_s);
        QCOMPARE(message->attachments().size(), 2);
        const Crm::Letter back = Crm::LetterMapping::letterFrom(message);
        QCOMPARE(back.direction, Crm::Letter::Direction::Incoming);
        QCOMPARE(back.attachments.at(0).data, l.attachments.at(0).data);
        if (field == u"note"_s) {
            QCOMPARE(back.note, hostile); // a body keeps its line breaks
        }
        if (field == u"subject"_s) {
            QVERIFY(!back.subject.contains(u'\n'));
            QVERIFY(back.subject.contains(u"Bcc: victim@example.org"_s));
        }
    }

    void shouldReadAnEmailFiledFromKMail()
    {
        // GIVEN a plain e-mail without the CRM's headers
        KMime::Message::Ptr mail(new KMime::Message);
        mail->setContent(
            "From: Olena <o@example.ua>\nSubject: Prices\nDate: Wed, 25 Nov 2026 10:00:00 +0200\nMessage-ID: <abc@example.ua>\n"
            "Content-Type: text/plain; charset=utf-8\n\nHello\n");
        mail->parse();
        // THEN what it has is read, and it is not taken for a register entry
        QVERIFY(!Crm::LetterMapping::isLetter(mail));
        const Crm::Letter l = Crm::LetterMapping::letterFrom(mail);
        QCOMPARE(l.subject, u"Prices"_s);
        QCOMPARE(l.addressee.email, u"o@example.ua"_s);
        QCOMPARE(l.documentDate, QDate(2026, 11, 25));
        QCOMPARE(l.uid, u"abc@example.ua"_s);
        QVERIFY(l.note.startsWith(u"Hello"_s));
        QVERIFY(l.attachments.isEmpty());
    }
};

QTEST_GUILESS_MAIN(LetterMappingTest)
#include "lettermappingtest.moc"
