// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/letter.h"
#include "domain/letterjournal.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class LetterTest : public QObject
{
    Q_OBJECT

private:
    static Crm::Letter letter()
    {
        Crm::Letter l;
        l.direction = Crm::Letter::Direction::Incoming;
        l.counterpartyUid = u"urn:uuid:aaaaaaaa-0000-4000-8000-000000000001"_s;
        l.registrationDate = QDate(2026, 11, 27);
        l.documentDate = QDate(2026, 11, 25);
        l.kind = {u"Contract"_s};
        l.subject = u"Договір постачання"_s;
        l.attachments = {Crm::Attachment{u"scan.pdf"_s, {}, QByteArray(100, 'x'), u"application/pdf"_s}};
        return l;
    }
    static Crm::LetterContext context()
    {
        Crm::LetterContext c;
        c.counterpartyExists = [](const QString &uid) {
            return uid == u"urn:uuid:aaaaaaaa-0000-4000-8000-000000000001"_s;
        };
        c.kindExists = [](const QStringList &path) {
            return Crm::standardLetterKinds().contains(path);
        };
        c.maxAttachmentBytes = 1000;
        return c;
    }

private Q_SLOTS:
    void shouldGiveACounterpartysLatestLettersNewestFirst()
    {
        // GIVEN seven letters of one counterparty over three days and one of another
        QList<Crm::Letter> letters;
        const auto add = [&letters](const QString &uid, int day, Crm::Letter::Direction direction, int sequence) {
            Crm::Letter l;
            l.counterpartyUid = uid;
            l.registrationDate = QDate(2026, 12, day);
            l.direction = direction;
            l.sequence = sequence;
            l.number = u"%1-%2"_s.arg(Crm::directionName(direction)).arg(sequence);
            letters.append(l);
        };
        add(u"a"_s, 1, Crm::Letter::Direction::Incoming, 1);
        add(u"a"_s, 1, Crm::Letter::Direction::Outgoing, 1);
        add(u"a"_s, 2, Crm::Letter::Direction::Outgoing, 2);
        add(u"b"_s, 3, Crm::Letter::Direction::Incoming, 2);
        add(u"a"_s, 2, Crm::Letter::Direction::Incoming, 3);
        add(u"a"_s, 3, Crm::Letter::Direction::Outgoing, 3);
        add(u"a"_s, 1, Crm::Letter::Direction::Incoming, 4);
        add(u"a"_s, 2, Crm::Letter::Direction::Outgoing, 4);
        // WHEN its latest five are asked for
        QStringList numbers;
        for (const Crm::Letter &l : Crm::latestLetters(letters, u"a"_s, 5)) {
            numbers << l.number;
        }
        // THEN they are the newest by date, then incoming before outgoing, then number
        QCOMPARE(numbers, (QStringList{u"outgoing-3"_s, u"incoming-3"_s, u"outgoing-4"_s, u"outgoing-2"_s, u"incoming-4"_s}));
        QCOMPARE(Crm::latestLetters(letters, u"b"_s).size(), 1);
        QVERIFY(Crm::latestLetters(letters, u"c"_s).isEmpty());
        QVERIFY(Crm::latestLetters(letters, QString()).isEmpty());
    }

    void shouldFormatNumbersByPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("sequence");
        QTest::addColumn<QString>("expected");
        QTest::newRow("issue example") << u"ВХ-{year}/{seq:4}"_s << 2026 << 7 << u"ВХ-2026/0007"_s;
        QTest::newRow("wider than the padding") << u"ВХ-{year}/{seq:4}"_s << 2026 << 12345 << u"ВХ-2026/12345"_s;
        QTest::newRow("short year, plain seq") << u"{seq}/{yy}"_s << 2026 << 42 << u"42/26"_s;
        QTest::newRow("literal braces") << u"{{{seq:2}}}"_s << 2026 << 3 << u"{03}"_s;
        QTest::newRow("seq only") << u"{seq:1}"_s << 2027 << 9 << u"9"_s;
    }
    void shouldFormatNumbersByPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(int, year);
        QFETCH(int, sequence);
        QFETCH(QString, expected);
        QString error;
        const auto p = Crm::NumberPattern::parse(pattern, &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->format(year, sequence), expected);
        // GIVEN a formatted number THEN its sequence is read back, for that year only
        QCOMPARE(p->sequenceOf(expected, year), std::optional<int>(sequence));
        if (pattern.contains(u"year"_s) || pattern.contains(u"yy"_s)) {
            QCOMPARE(p->sequenceOf(expected, year + 1), std::nullopt);
        }
    }

    void shouldNotReadForeignNumbers()
    {
        const auto p = Crm::NumberPattern::defaultFor(Crm::Letter::Direction::Incoming);
        QCOMPARE(p.pattern(), u"ВХ-{year}/{seq:4}"_s);
        QCOMPARE(p.sequenceOf(u"ВИХ-2026/0001"_s, 2026), std::nullopt);
        QCOMPARE(p.sequenceOf(u"ВХ-2026/00x1"_s, 2026), std::nullopt);
        QCOMPARE(p.sequenceOf(u"ВХ-2026/"_s, 2026), std::nullopt);
        QCOMPARE(p.sequenceOf(u"ВХ-2026/0000"_s, 2026), std::nullopt);
        QCOMPARE(p.sequenceOf(u"ВХ-2026/01"_s, 2026), std::nullopt); // not as this pattern writes it
        QCOMPARE(Crm::NumberPattern::defaultFor(Crm::Letter::Direction::Outgoing).format(2026, 1), u"ВИХ-2026/0001"_s);
    }

    void shouldNameWhatIsWrongInABadPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no seq") << u"ВХ-{year}"_s << u"no {seq}"_s;
        QTest::newRow("unknown placeholder") << u"ВХ-{year}/{sequence}"_s << u"{sequence} at position 11"_s;
        QTest::newRow("unclosed") << u"ВХ-{year/{seq}"_s << u"position 4 is not closed"_s;
        QTest::newRow("stray close") << u"ВХ}-{seq}"_s << u"at position 3"_s;
        QTest::newRow("bad width") << u"{seq:x}"_s << u"{seq:x}"_s;
        QTest::newRow("zero width") << u"{seq:0}"_s << u"1 to 9"_s;
        QTest::newRow("two seqs") << u"{seq}-{seq:2}"_s << u"more than once"_s;
        QTest::newRow("control character") << u"ВХ\n{seq}"_s << u"control character at position 3"_s;
        QTest::newRow("empty") << QString() << u"no {seq}"_s;
    }
    void shouldNameWhatIsWrongInABadPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!Crm::NumberPattern::parse(pattern, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY2(error.contains(pattern), qPrintable(error));
    }

    void shouldRoundTripKindPaths_data()
    {
        QTest::addColumn<QStringList>("path");
        QTest::addColumn<QString>("joined");
        QTest::newRow("one") << QStringList{u"Договори"_s} << u"Договори"_s;
        QTest::newRow("nested") << QStringList{u"Договори"_s, u"Постачання"_s} << u"Договори/Постачання"_s;
        QTest::newRow("slash in a name") << QStringList{u"Acts"_s, u"In/out"_s} << u"Acts/In\\/out"_s;
        QTest::newRow("backslash in a name") << QStringList{u"a\\b"_s} << u"a\\\\b"_s;
    }
    void shouldRoundTripKindPaths()
    {
        QFETCH(QStringList, path);
        QFETCH(QString, joined);
        QCOMPARE(Crm::joinKindPath(path), joined);
        QCOMPARE(Crm::splitKindPath(joined), path);
    }

    void shouldAcceptAGoodLetter()
    {
        const auto problems = Crm::validateLetter(letter(), context());
        QVERIFY(problems.isEmpty());
        QVERIFY(!Crm::hasErrors(problems));
    }

    void shouldRefuseUnknownCounterpartyAndKind()
    {
        Crm::Letter l = letter();
        l.counterpartyUid = u"urn:uuid:nobody"_s;
        l.kind = {u"Contract"_s, u"Lease"_s};
        const auto problems = Crm::validateLetter(l, context());
        QCOMPARE(problems.size(), 2);
        QVERIFY(Crm::hasErrors(problems));
        QCOMPARE(problems.at(0).field, u"counterparty"_s);
        QVERIFY(problems.at(0).message.contains(u"urn:uuid:nobody"_s));
        QCOMPARE(problems.at(1).field, u"kind"_s);
        QVERIFY2(problems.at(1).message.contains(u"Contract/Lease"_s), qPrintable(problems.at(1).message));
    }

    void shouldRefuseMissingFields()
    {
        Crm::Letter l = letter();
        l.counterpartyUid.clear();
        l.kind.clear();
        l.subject = u"  "_s;
        l.registrationDate = QDate();
        const auto problems = Crm::validateLetter(l, context());
        QStringList fields;
        for (const auto &p : problems) {
            QCOMPARE(p.severity, Crm::LetterProblem::Severity::Error);
            fields.append(p.field);
        }
        QCOMPARE(fields, (QStringList{u"counterparty"_s, u"kind"_s, u"subject"_s, u"registration-date"_s}));
    }

    void shouldWarnWhenTheDocumentIsDatedAfterItsRegistration()
    {
        Crm::Letter l = letter();
        l.documentDate = l.registrationDate.addDays(1);
        const auto problems = Crm::validateLetter(l, context());
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).severity, Crm::LetterProblem::Severity::Warning);
        QCOMPARE(problems.at(0).field, u"document-date"_s);
        QVERIFY(problems.at(0).message.contains(u"2026-11-28"_s));
        QVERIFY(!Crm::hasErrors(problems));
        // the same day is fine
        l.documentDate = l.registrationDate;
        QVERIFY(Crm::validateLetter(l, context()).isEmpty());
    }

    void shouldRefuseAnAttachmentOverTheLimitNamingTheFile()
    {
        Crm::Letter l = letter();
        l.attachments.append(Crm::Attachment{u"big scan.tiff"_s, {}, QByteArray(1001, 'x'), u"image/tiff"_s});
        l.attachments.append(Crm::Attachment{u"exact.pdf"_s, {}, QByteArray(1000, 'x'), u"application/pdf"_s});
        const auto problems = Crm::validateLetter(l, context());
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).severity, Crm::LetterProblem::Severity::Error);
        QCOMPARE(problems.at(0).field, u"attachment"_s);
        QVERIFY2(problems.at(0).message.contains(u"big scan.tiff"_s), qPrintable(problems.at(0).message));
        QVERIFY(problems.at(0).message.contains(u"1000"_s));
    }

    void shouldRefuseALinkInsteadOfAFile()
    {
        Crm::Letter l = letter();
        l.attachments = {Crm::Attachment{QString(), u"https://example.ua/scan.pdf"_s, {}, QString()}};
        const auto problems = Crm::validateLetter(l, context());
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).field, u"attachment"_s);
    }

    void shouldFilterLikeAJournal()
    {
        Crm::Letter a = letter();
        a.kind = {u"Contract"_s, u"Supplementary agreement"_s};
        a.number = u"ВХ-2026/0003"_s;
        Crm::Letter b = letter();
        b.direction = Crm::Letter::Direction::Outgoing;
        b.registrationDate = QDate(2026, 10, 1);
        b.kind = {u"Contractor"_s};
        b.subject = u"Prices"_s;
        b.priority = Crm::Letter::Priority::Urgent;
        Crm::LetterFilter f;
        QVERIFY(f.matches(a) && f.matches(b));
        f.kind = {u"Contract"_s}; // its subtree, not a kind whose name starts alike
        QVERIFY(f.matches(a) && !f.matches(b));
        f = {};
        f.direction = Crm::Letter::Direction::Outgoing;
        QVERIFY(!f.matches(a) && f.matches(b));
        f = {};
        f.from = QDate(2026, 11, 1);
        f.to = QDate(2026, 11, 27);
        QVERIFY(f.matches(a) && !f.matches(b));
        f.to = QDate(2026, 11, 26);
        QVERIFY(!f.matches(a));
        f = {};
        f.text = u"ДОГОВІР"_s;
        QVERIFY(f.matches(a) && !f.matches(b));
        f.text = u"2026/0003"_s;
        QVERIFY(f.matches(a) && !f.matches(b));
        f = {};
        f.counterpartyUid = u"urn:uuid:other"_s;
        QVERIFY(!f.matches(a));
        f = {};
        f.priority = Crm::Letter::Priority::Urgent;
        QVERIFY(!f.matches(a) && f.matches(b));
        // newest first
        QVERIFY(Crm::registeredLater(a, b));
        Crm::Letter a2 = a;
        a2.sequence = a.sequence + 1;
        QVERIFY(Crm::registeredLater(a2, a) && !Crm::registeredLater(a, a2));
    }

    void shouldReadDirectionAndPriority()
    {
        QCOMPARE(Crm::parseLetterDirection(u"Incoming"_s), Crm::Letter::Direction::Incoming);
        QCOMPARE(Crm::parseLetterDirection(u"out"_s), Crm::Letter::Direction::Outgoing);
        QCOMPARE(Crm::parseLetterDirection(u"sideways"_s), std::nullopt);
        for (auto p : {Crm::Letter::Priority::Low, Crm::Letter::Priority::Normal, Crm::Letter::Priority::Urgent}) {
            QCOMPARE(Crm::parseLetterPriority(Crm::priorityName(p)), p);
        }
        QCOMPARE(Crm::parseLetterPriority(u"whenever"_s), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(LetterTest)
#include "lettertest.moc"
