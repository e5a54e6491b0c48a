// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/searchkeys.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Crm;

class SearchKeysTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldNormalizePhoneInAnyNotation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("international with spaces and dashes") << u"+380 44 123-45-67"_s << u"380441234567"_s;
        QTest::newRow("national with parentheses") << u"(044) 123 45 67"_s << u"380441234567"_s;
        QTest::newRow("national digits") << u"0441234567"_s << u"380441234567"_s;
        QTest::newRow("international without plus") << u"380441234567"_s << u"380441234567"_s;
        QTest::newRow("00 international prefix") << u"00380441234567"_s << u"380441234567"_s;
        QTest::newRow("extension dropped") << u"+380 44 123-45-67 доб. 12"_s << u"380441234567"_s;
        QTest::newRow("foreign number kept") << u"+48 22 123 45 67"_s << u"48221234567"_s;
        QTest::newRow("too short") << u"12-34"_s << QString();
        QTest::newRow("no digits") << u"n/a"_s << QString();
    }
    void shouldNormalizePhoneInAnyNotation()
    {
        // GIVEN
        QFETCH(QString, input);
        QFETCH(QString, expected);
        // WHEN
        const QString normalized = SearchKeys::phone(input);
        // THEN
        QCOMPARE(normalized, expected);
    }

    void shouldKeepLastNineDigitsAsPhoneSuffix()
    {
        // GIVEN
        const QString normalized = SearchKeys::phone(u"+380 44 123-45-67");
        // WHEN
        const QString suffix = SearchKeys::phoneSuffix(normalized);
        // THEN
        QCOMPARE(suffix, u"441234567"_s);
    }

    void shouldFoldNamesWithQuotesAndApostrophes_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("guillemets and case") << u"ТОВ «Сонях»"_s << u"тов сонях"_s;
        QTest::newRow("straight double quotes") << u"ТОВ \"Сонях\""_s << u"тов сонях"_s;
        QTest::newRow("typographic apostrophe") << u"Кам’янець"_s << u"Кам'янець"_s;
        QTest::newRow("modifier letter apostrophe") << u"Камʼянець"_s << u"кам'янець"_s;
        QTest::newRow("white space collapsed") << u"  Іван   Петренко "_s << u"іван петренко"_s;
        QTest::newRow("punctuation as space") << u"Петренко-Шевчук, І.П."_s << u"петренко шевчук і п"_s;
        QTest::newRow("latin") << u"Acme Ltd."_s << u"ACME LTD"_s;
    }
    void shouldFoldNamesWithQuotesAndApostrophes()
    {
        // GIVEN
        QFETCH(QString, a);
        QFETCH(QString, b);
        // WHEN
        const QString keyA = SearchKeys::name(a);
        const QString keyB = SearchKeys::name(b);
        // THEN
        QCOMPARE(keyA, keyB);
        QVERIFY(!keyA.isEmpty());
    }

    void shouldGiveReadableNameKey()
    {
        // GIVEN
        const QString text = u"ТОВ «Кам’янець-Сервіс»"_s;
        // WHEN
        const QString key = SearchKeys::name(text);
        // THEN
        QCOMPARE(key, u"тов камянець сервіс"_s);
    }

    void shouldNormalizeEmailAndTaxCode()
    {
        // GIVEN
        const QString email = u"  mailto:Ivan.Petrenko@Example.COM "_s;
        const QString tax = u"14 36-05 70"_s;
        // WHEN
        const QString emailKey = SearchKeys::email(email);
        const QString taxKey = SearchKeys::taxCode(tax);
        // THEN
        QCOMPARE(emailKey, u"ivan.petrenko@example.com"_s);
        QCOMPARE(taxKey, u"14360570"_s);
    }

    void shouldCheckEdrpouDigit_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("valid");
        // Published codes: PrivatBank and Oschadbank.
        QTest::newRow("PrivatBank 14360570") << u"14360570"_s << true;
        QTest::newRow("Oschadbank 00032129") << u"00032129"_s << true;
        // Computed by hand: 0+0+0+3*4+2*5+1*6+1*7 = 35, 35 mod 11 = 2.
        QTest::newRow("00032112") << u"00032112"_s << true;
        // Between 30,000,000 and 60,000,000 the weights are 7,1,2,3,4,5,6:
        // 21+2+16+15+20+45+36 = 155, 155 mod 11 = 1.
        QTest::newRow("shifted weights 32855961") << u"32855961"_s << true;
        QTest::newRow("shifted weights, wrong digit") << u"32855962"_s << false;
        // 3*7 = 21, 21 mod 11 = 10: second pass with weights +2 gives 3*9 = 27, 27 mod 11 = 5.
        QTest::newRow("second pass 00000035") << u"00000035"_s << true;
        QTest::newRow("second pass, wrong digit") << u"00000030"_s << false;
        QTest::newRow("typo in PrivatBank") << u"14360571"_s << false;
        QTest::newRow("seven digits") << u"1436057"_s << false;
        QTest::newRow("letters") << u"1436057A"_s << false;
    }
    void shouldCheckEdrpouDigit()
    {
        // GIVEN
        QFETCH(QString, code);
        QFETCH(bool, valid);
        // WHEN
        const bool result = SearchKeys::isValidEdrpou(code);
        // THEN
        QCOMPARE(result, valid);
    }

    void shouldTellPhonesFromNames()
    {
        // GIVEN / WHEN / THEN
        QVERIFY(SearchKeys::looksLikePhone(u"+380 (44) 123-45-67"));
        QVERIFY(SearchKeys::looksLikePhone(u"14360570"));
        QVERIFY(!SearchKeys::looksLikePhone(u"Петренко"));
        QVERIFY(!SearchKeys::looksLikePhone(u"123"));
    }
};

QTEST_GUILESS_MAIN(SearchKeysTest)
#include "searchkeystest.moc"
