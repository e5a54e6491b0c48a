// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/mailmerge.h"
#include "domain/mailingrecipients.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

namespace
{
MailingRecipient recipient(const QString &email, const QString &source = u"test"_s)
{
    MailingRecipient r;
    r.email = email;
    r.source = source;
    return r;
}
} // namespace

class MailMergeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMergeFields_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("full name") << u"Dear {fullName}"_s << u"Dear Петренко Олена Іванівна"_s;
        QTest::newRow("any case") << u"{FIRSTNAME}/{firstname}"_s << u"Олена/Олена"_s;
        QTest::newRow("counterparty and position") << u"{position} of {counterparty}"_s << u"director of Сонях"_s;
        QTest::newRow("vCard field") << u"{TITLE} {x-custom}"_s << u"Dr. custom value"_s;
        QTest::newRow("default unused") << u"{firstName|colleague}"_s << u"Олена"_s;
        QTest::newRow("default used") << u"Dear {nickname|colleague}!"_s << u"Dear colleague!"_s;
        QTest::newRow("default for a blank value") << u"{blank|friend}"_s << u"friend"_s;
        QTest::newRow("missing, no default") << u"[{nickname}]"_s << u"[]"_s;
        QTest::newRow("escaped braces") << u"{{firstName}} {{ }}"_s << u"{firstName} { }"_s;
        QTest::newRow("CSS stays text") << u"p { color: red } a{b:c}"_s << u"p { color: red } a{b:c}"_s;
        QTest::newRow("unclosed") << u"{firstName"_s << u"{firstName"_s;
        QTest::newRow("unclosed default") << u"{firstName|abc"_s << u"{firstName|abc"_s;
        QTest::newRow("value not merged again") << u"{note}"_s << u"{firstName}"_s;
    }

    void shouldMergeFields()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        // GIVEN
        MailingRecipient r = recipient(u"olena@client.example"_s);
        r.setField(u"fullName"_s, u"Петренко Олена Іванівна"_s);
        r.setField(u"firstName"_s, u"Олена"_s);
        r.setField(u"counterparty"_s, u"Сонях"_s);
        r.setField(u"position"_s, u"director"_s);
        r.setField(u"TITLE"_s, u"Dr."_s);
        r.setField(u"X-CUSTOM"_s, u"custom value"_s);
        r.setField(u"blank"_s, u"  "_s);
        r.setField(u"note"_s, u"{firstName}"_s);
        // WHEN / THEN
        QCOMPARE(MergeTemplate::parse(text).merge(r), expected);
    }

    void shouldEscapeValuesInHtml()
    {
        Mailing m;
        m.subject = u"{counterparty}"_s;
        m.plainBody = u"{counterparty}"_s;
        m.htmlBody = u"<p>{counterparty}</p>"_s;
        MailingRecipient r = recipient(u"a@b.example"_s);
        r.setField(u"counterparty"_s, u"Tom & Jerry <Ltd>"_s);
        const auto result = MailMerge(m).merge(r);
        QVERIFY(result.texts);
        QCOMPARE(result.texts->subject, u"Tom & Jerry <Ltd>"_s);
        QCOMPARE(result.texts->plainBody, u"Tom & Jerry <Ltd>"_s);
        QCOMPARE(result.texts->htmlBody, u"<p>Tom &amp; Jerry &lt;Ltd&gt;</p>"_s);
    }

    void shouldListFieldNames()
    {
        Mailing m;
        m.subject = u"{firstName} {counterparty|you}"_s;
        m.plainBody = u"{FIRSTNAME} {position}"_s;
        QCOMPARE(MailMerge(m).fieldNames(), (QStringList{u"firstname"_s, u"counterparty"_s, u"position"_s}));
    }

    void shouldJudgeValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("safe");
        QTest::newRow("plain") << u"Олена"_s << true;
        QTest::newRow("tab") << u"a\tb"_s << true;
        QTest::newRow("LF") << u"a\nb"_s << false;
        QTest::newRow("CR") << u"a\rb"_s << false;
        QTest::newRow("NUL") << QString(u"a"_s + QChar(0) + u"b"_s) << false;
        QTest::newRow("line separator") << QString(u"a"_s + QChar(0x2028) + u"b"_s) << false;
        QTest::newRow("encoded safe") << u"=?utf-8?q?Ol=C3=A9na?="_s << true;
        QTest::newRow("encoded Q LF") << u"=?utf-8?q?a=0Ab?="_s << false;
        QTest::newRow("encoded B CRLF") << u"=?utf-8?B?YQ0KYg==?="_s << false;
        QTest::newRow("encoded UTF-16 CR") << u"=?utf-16be?b?AGEADQBi?="_s << false;
        QTest::newRow("encoded unknown charset") << u"=?x-unknown?q?a=0Db?="_s << false;
        QTest::newRow("not an encoded word") << u"=?broken"_s << true;
    }

    void shouldJudgeValues()
    {
        QFETCH(QString, value);
        QFETCH(bool, safe);
        QCOMPARE(isSafeMergeValue(value), safe);
    }

    void shouldValidateAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << u"olena@client.example"_s << true;
        QTest::newRow("plus and dots") << u"o.petrenko+offers@mail.client.example"_s << true;
        QTest::newRow("IDN domain") << u"info@сонях.укр"_s << true;
        QTest::newRow("no at") << u"olena.client.example"_s << false;
        QTest::newRow("two at") << u"a@b@c.example"_s << false;
        QTest::newRow("no domain dot") << u"root@localhost"_s << false;
        QTest::newRow("space") << u"olena petrenko@client.example"_s << false;
        QTest::newRow("double dot") << u"a..b@client.example"_s << false;
        QTest::newRow("non-ASCII local part") << u"олена@client.example"_s << false;
        QTest::newRow("CRLF") << u"a@b.example\r\nBcc: c@d.example"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("hyphen label") << u"a@-b.example"_s << false;
    }

    void shouldValidateAddresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, valid);
        QCOMPARE(isValidMailAddress(address), valid);
    }

    void shouldRemoveDuplicatesInvalidAndOptedOutWithAReport()
    {
        // GIVEN
        RecipientListBuilder builder;
        builder.setOptOut({u"Gone@Client.Example"_s});
        // WHEN
        QVERIFY(builder.add(recipient(u"olena@client.example"_s, u"group Клієнти"_s)));
        QVERIFY(!builder.add(recipient(u"OLENA@Client.example"_s, u"people.csv:3"_s)));
        QVERIFY(!builder.add(recipient(u"not an address"_s, u"people.csv:4"_s)));
        QVERIFY(!builder.add(recipient(u"gone@client.example"_s, u"people.csv:5"_s)));
        QVERIFY(builder.add(recipient(u" petro@client.example "_s, u"people.csv:6"_s)));
        // THEN
        QCOMPARE(builder.recipients().size(), 2);
        QCOMPARE(builder.recipients().at(1).email, u"petro@client.example"_s);
        QCOMPARE(builder.recipients().at(1).field(u"email"_s), u"petro@client.example"_s);
        QCOMPARE(builder.removed().size(), 3);
        QCOMPARE(builder.removed().at(0).reason, RemovedRecipient::Reason::Duplicate);
        QCOMPARE(builder.removed().at(0).describe(), u"OLENA@Client.example (people.csv:3): a duplicate of the address from group Клієнти"_s);
        QCOMPARE(builder.removed().at(1).reason, RemovedRecipient::Reason::Invalid);
        QCOMPARE(builder.removed().at(1).describe(), u"not an address (people.csv:4): not a valid e-mail address"_s);
        QCOMPARE(builder.removed().at(2).reason, RemovedRecipient::Reason::OptedOut);
        QCOMPARE(builder.removed().at(2).describe(), u"gone@client.example (people.csv:5): on the opt-out list"_s);
    }
};

QTEST_GUILESS_MAIN(MailMergeTest)
#include "mailmergetest.moc"
