// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mime/mailingmessage.h"
#include "domain/mailmerge.h"
#include "mailing/mailingsender.h"

#include <KMime/Message>

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

namespace
{

/// The escapes of hostile-values.txt: \r \n \0 \t \\ \xNN \uNNNN.
QString unescape(const QString &in)
{
    QString out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) != u'\\' || i + 1 == in.size()) {
            out += in.at(i);
            continue;
        }
        const QChar c = in.at(++i);
        if (c == u'r') {
            out += u'\r';
        } else if (c == u'n') {
            out += u'\n';
        } else if (c == u'0') {
            out += QChar(0);
        } else if (c == u't') {
            out += u'\t';
        } else if (c == u'x') {
            out += QChar(in.mid(i + 1, 2).toUShort(nullptr, 16));
            i += 2;
        } else if (c == u'u') {
            out += QChar(in.mid(i + 1, 4).toUShort(nullptr, 16));
            i += 4;
        } else {
            out += c;
        }
    }
    return out;
}

Mailing sampleMailing()
{
    Mailing m;
    m.id = u"20261127-offer"_s;
    m.subject = u"Offer for {counterparty}, {firstName|colleague}"_s;
    m.plainBody = u"Dear {fullName},\n\nas {position} of {counterparty} ({TITLE}) you get 5%.\n"_s;
    m.htmlBody = u"<style>p { color: black }</style><p>Dear {fullName|colleague} of {counterparty}</p>"_s;
    m.attachments.append({u"prices.pdf"_s, u"application/pdf"_s, QByteArray("%PDF-1.4 prices")});
    m.priority = Mailing::Priority::High;
    m.kind = u"offer"_s;
    m.fromName = u"Firm Sales"_s;
    m.fromAddress = u"sales@firm.example"_s;
    m.unsubscribeMailto = u"unsubscribe@firm.example"_s;
    return m;
}

MailingRecipient sampleRecipient()
{
    MailingRecipient r;
    r.email = u"olena@client.example"_s;
    r.name = u"Олена Петренко"_s;
    r.setField(u"fullName"_s, u"Петренко Олена Іванівна"_s);
    r.setField(u"firstName"_s, u"Олена"_s);
    r.setField(u"counterparty"_s, u"Сонях"_s);
    r.setField(u"position"_s, u"director"_s);
    r.setField(u"TITLE"_s, u"Dr."_s);
    return r;
}

QStringList headerNames(const KMime::Content *content)
{
    QStringList names;
    const auto headers = content->headers();
    for (const auto *h : headers) {
        names.append(QString::fromLatin1(h->type()).toLower());
    }
    names.sort();
    return names;
}

/// Every part, depth first, with its headers: what a reader of the message sees.
QStringList structure(const KMime::Content *content)
{
    QStringList out{headerNames(content).join(u',') + u" | "_s + QString::fromLatin1(content->contentType()->mimeType())};
    const auto children = content->contents();
    for (const auto *child : children) {
        out += structure(child);
    }
    return out;
}

KMime::Message::Ptr parsed(const KMime::Message::Ptr &message)
{
    KMime::Message::Ptr back(new KMime::Message);
    back->setContent(message->encodedContent());
    back->parse();
    return back;
}

} // namespace

class MailingMessageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldBuildOneMessagePerRecipient()
    {
        // GIVEN
        const Mailing mailing = sampleMailing();
        const MailingRecipient recipient = sampleRecipient();
        // WHEN
        const auto merged = MailMerge(mailing).merge(recipient);
        QVERIFY2(merged.texts, qPrintable(merged.error));
        const auto message = parsed(MailingMessage::mergedMessage(mailing, *merged.texts, recipient, 7, QDateTime::currentDateTimeUtc()));
        // THEN
        QCOMPARE(message->to()->mailboxes().size(), 1);
        QCOMPARE(message->to()->mailboxes().constFirst().address(), QByteArray("olena@client.example"));
        QCOMPARE(message->to()->mailboxes().constFirst().name(), u"Олена Петренко"_s);
        QVERIFY(!message->cc(false) || message->cc(false)->mailboxes().isEmpty());
        QVERIFY(!message->bcc(false) || message->bcc(false)->mailboxes().isEmpty());
        QCOMPARE(message->messageID()->identifier(), QByteArray("mailing.20261127-offer.7@firm.example"));
        QCOMPARE(message->subject()->asUnicodeString(), u"Offer for Сонях, Олена"_s);
        QCOMPARE(message->from()->mailboxes().constFirst().address(), QByteArray("sales@firm.example"));
        QCOMPARE(message->headerByType("X-Priority")->asUnicodeString(), u"2 (High)"_s);
        QCOMPARE(message->headerByType("Priority")->asUnicodeString(), u"urgent"_s);
        QCOMPARE(message->headerByType("Importance")->asUnicodeString(), u"high"_s);
        QCOMPARE(message->headerByType("List-Unsubscribe")->asUnicodeString(),
                 u"<mailto:unsubscribe@firm.example?subject=unsubscribe%20olena%40client.example>"_s);
        QVERIFY(!message->headerByType("List-Unsubscribe-Post")); // no URL: no one-click
        QVERIFY(!message->headerByType("X-KDE-CRM-TYPE"));
        QCOMPARE(message->contentType()->mimeType(), QByteArray("multipart/mixed"));
        const auto *plain = message->contents().at(0)->contents().at(0);
        // (KMime's quoted-printable drops the final line break)
        QCOMPARE(QString::fromUtf8(plain->decodedContent()), u"Dear Петренко Олена Іванівна,\n\nas director of Сонях (Dr.) you get 5%."_s);
        const auto *html = message->contents().at(0)->contents().at(1);
        QCOMPARE(QString::fromUtf8(html->decodedContent()), u"<style>p { color: black }</style><p>Dear Петренко Олена Іванівна of Сонях</p>"_s);
        QCOMPARE(message->contents().at(1)->decodedContent(), QByteArray("%PDF-1.4 prices"));
    }

    void shouldOfferOneClickUnsubscribeWhenAUrlIsConfigured()
    {
        // GIVEN
        Mailing mailing = sampleMailing();
        mailing.unsubscribeUrl = u"https://firm.example/unsubscribe?m={mailing}&e={email}"_s;
        const MailingRecipient recipient = sampleRecipient();
        // WHEN
        const auto merged = MailMerge(mailing).merge(recipient);
        const auto message = parsed(MailingMessage::mergedMessage(mailing, *merged.texts, recipient, 0, QDateTime::currentDateTimeUtc()));
        // THEN (RFC 8058: both headers; the URL names this recipient)
        QCOMPARE(message->headerByType("List-Unsubscribe")->asUnicodeString(),
                 u"<mailto:unsubscribe@firm.example?subject=unsubscribe%20olena%40client.example>, "
                 u"<https://firm.example/unsubscribe?m=20261127-offer&e=olena%40client.example>"_s);
        QCOMPARE(message->headerByType("List-Unsubscribe-Post")->asUnicodeString(), u"List-Unsubscribe=One-Click"_s);
    }

    void shouldWriteLowPriorityAndNoneForNormal()
    {
        Mailing mailing = sampleMailing();
        mailing.priority = Mailing::Priority::Low;
        auto merged = MailMerge(mailing).merge(sampleRecipient());
        auto message = parsed(MailingMessage::mergedMessage(mailing, *merged.texts, sampleRecipient(), 0, QDateTime::currentDateTimeUtc()));
        QCOMPARE(message->headerByType("X-Priority")->asUnicodeString(), u"4 (Low)"_s);
        QCOMPARE(message->headerByType("Priority")->asUnicodeString(), u"non-urgent"_s);
        QCOMPARE(message->headerByType("Importance")->asUnicodeString(), u"low"_s);
        mailing.priority = Mailing::Priority::Normal;
        message = parsed(MailingMessage::mergedMessage(mailing, *merged.texts, sampleRecipient(), 0, QDateTime::currentDateTimeUtc()));
        QVERIFY(!message->headerByType("X-Priority"));
        QVERIFY(!message->headerByType("Importance"));
    }

    void shouldKeepThePlainMessageSimple()
    {
        Mailing mailing;
        mailing.id = u"m1"_s;
        mailing.subject = u"Hello {firstName|colleague}"_s;
        mailing.plainBody = u"Line one\nLine two\n"_s;
        MailingRecipient r;
        r.email = u"a@b.example"_s;
        const auto merged = MailMerge(mailing).merge(r);
        const auto message = parsed(MailingMessage::mergedMessage(mailing, *merged.texts, r, 3, QDateTime::currentDateTimeUtc()));
        QCOMPARE(message->contentType()->mimeType(), QByteArray("text/plain"));
        QCOMPARE(message->subject()->asUnicodeString(), u"Hello colleague"_s);
        QCOMPARE(QString::fromUtf8(message->decodedContent()), u"Line one\nLine two"_s);
        QCOMPARE(message->messageID()->identifier(), QByteArray("mailing.m1.3@kontact-crm"));
    }

    void shouldRoundTripTheTemplate()
    {
        // GIVEN
        Mailing mailing = sampleMailing();
        mailing.identityId = 12345;
        mailing.transportId = 678;
        mailing.unsubscribeUrl = u"https://firm.example/u?e={email}"_s;
        // WHEN
        const Mailing back = MailingMessage::mailingFrom(parsed(MailingMessage::templateMessage(mailing)));
        // THEN
        QCOMPARE(back, mailing);
    }

    void shouldRefuseOrContainHostileValues_data()
    {
        QTest::addColumn<bool>("refuse");
        QTest::addColumn<QString>("value");
        QFile file(QStringLiteral(CRM_DATA_DIR "/mailing/hostile-values.txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        int line = 0;
        while (!file.atEnd()) {
            ++line;
            const QString text = QString::fromUtf8(file.readLine()).chopped(1);
            if (text.isEmpty() || text.startsWith(u'#')) {
                continue;
            }
            const qsizetype tab = text.indexOf(u'\t');
            QTest::addRow("line %d", line) << (text.left(tab) == u"refuse"_s) << unescape(text.mid(tab + 1));
        }
    }

    void shouldRefuseOrContainHostileValues()
    {
        QFETCH(bool, refuse);
        QFETCH(QString, value);
        const Mailing mailing = sampleMailing();
        const MailingRecipient clean = sampleRecipient();
        const auto cleanMessage =
            parsed(MailingMessage::mergedMessage(mailing, *MailMerge(mailing).merge(clean).texts, clean, 1, QDateTime::currentDateTimeUtc()));
        const QStringList expected = structure(cleanMessage.data());

        for (const QString &field : {u"name"_s, u"firstName"_s, u"counterparty"_s, u"fullName"_s, u"TITLE"_s}) {
            // GIVEN a recipient with the value in one field
            MailingRecipient r = clean;
            if (field == u"name"_s) {
                r.name = value;
            } else {
                r.setField(field, value);
            }
            // WHEN
            const auto merged = MailMerge(mailing).merge(r);
            // THEN
            if (refuse) {
                QVERIFY2(!merged.texts, qPrintable(field));
                QVERIFY2(merged.error.contains(u"olena@client.example"_s), qPrintable(merged.error));
                QVERIFY2(merged.error.contains(u"\"%1\""_s.arg(field.toLower())), qPrintable(merged.error));
                continue;
            }
            QVERIFY2(merged.texts, qPrintable(merged.error));
            const auto message = parsed(MailingMessage::mergedMessage(mailing, *merged.texts, r, 1, QDateTime::currentDateTimeUtc()));
            QCOMPARE(structure(message.data()), expected); // no header or part added
            QCOMPARE(message->to()->mailboxes().size(), 1);
            QCOMPARE(message->to()->mailboxes().constFirst().address(), QByteArray("olena@client.example"));
            QVERIFY(!message->bcc(false) || message->bcc(false)->mailboxes().isEmpty());
            QVERIFY(!message->cc(false) || message->cc(false)->mailboxes().isEmpty());
            // (KMime decodes an encoded word in a display name and folds a tab)
            if (field == u"name"_s && !value.contains(u"=?"_s) && !value.contains(u'\t')) {
                QCOMPARE(message->to()->mailboxes().constFirst().name(), value);
            }
        }
    }

    void shouldThrottlePerMinuteAndPerHour()
    {
        // GIVEN at most 3 a minute and 5 an hour
        Throttle throttle(3, 5);
        const qint64 t0 = 1000000;
        // WHEN 3 go out at once
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(throttle.waitMs(t0), 0);
            throttle.record(t0);
        }
        // THEN the 4th waits for the minute, then goes
        QCOMPARE(throttle.waitMs(t0 + 1000), 59000);
        QCOMPARE(throttle.waitMs(t0 + 60000), 0);
        throttle.record(t0 + 60000);
        throttle.record(t0 + 60001);
        // and the 6th waits for the hour
        QCOMPARE(throttle.waitMs(t0 + 120000), 3600000 - 120000);
        QCOMPARE(throttle.waitMs(t0 + 3600000), 0);
        // no limits: never waits
        Throttle free;
        free.record(t0);
        QCOMPARE(free.waitMs(t0), 0);
    }

    void shouldKeepTheHourOfSendsAcrossARestart()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(u"send-log/transport-7"_s);
        const qint64 t0 = 1000000000;
        {
            // GIVEN an agent that sent 3 of its 3 an hour, then died
            Throttle throttle(0, 3);
            QVERIFY(throttle.setLogFile(log, t0));
            for (int i = 0; i < 3; ++i) {
                QCOMPARE(throttle.waitMs(t0 + i), 0);
                throttle.record(t0 + i);
            }
        }
        // WHEN a new agent starts 10 minutes later
        Throttle restarted(0, 3);
        QVERIFY(restarted.setLogFile(log, t0 + 600000));
        // THEN the hour still counts: the next waits for the first send to age
        QCOMPARE(restarted.waitMs(t0 + 600000), 3600000 - 600000);
        QCOMPARE(restarted.waitMs(t0 + 3600000), 0);
        // and a reader (crmctl mailing status) sees the same
        Throttle reader(0, 3);
        reader.readLogFile(log, t0 + 600000);
        QCOMPARE(reader.waitMs(t0 + 600000), 3600000 - 600000);
    }

    void shouldIgnoreATornOrFutureSendLog()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(u"transport-1"_s);
        const qint64 t0 = 1000000000;
        {
            Throttle throttle(2, 0);
            QVERIFY(throttle.setLogFile(log, t0));
            throttle.record(t0);
        }
        // GIVEN a torn record at the end and a send stamped in the future (a clock set back)
        QFile file(log);
        QVERIFY(file.open(QIODevice::Append));
        QByteArray future(8, Qt::Uninitialized);
        qToLittleEndian<qint64>(t0 + 3600000 * 5, future.data());
        file.write(future);
        file.write("\x01\x02\x03");
        file.close();
        // WHEN read
        Throttle throttle(2, 0);
        QVERIFY(throttle.setLogFile(log, t0 + 1000));
        // THEN only the real send counts, and the file is whole again
        QCOMPARE(throttle.waitMs(t0 + 1000), 0);
        throttle.record(t0 + 1000);
        QCOMPARE(throttle.waitMs(t0 + 2000), 58000);
        QCOMPARE(QFileInfo(log).size(), 16);
    }

    void shouldRefuseAnAddressWithALineBreak()
    {
        MailingRecipient r = sampleRecipient();
        r.email = u"olena@client.example\r\nBcc: victim@evil.example"_s;
        const auto merged = MailMerge(sampleMailing()).merge(r);
        QVERIFY(!merged.texts);
        QCOMPARE(merged.field, u"email"_s);
    }
};

QTEST_GUILESS_MAIN(MailingMessageTest)
#include "mailingmessagetest.moc"
