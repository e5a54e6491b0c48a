// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/counterpartyresolver.h"
#include "domain/counterparty.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Crm::CounterpartyMatch;
using Crm::DirectoryEntry;

/// Which counterparty a user means, in milliseconds over an in-memory index.
class CounterpartyResolverTest : public QObject
{
    Q_OBJECT

private:
    Crm::DirectoryIndex index;

    static Crm::Counterparty counterparty(const QString &uid, const QString &name, const QString &taxCode, const QString &phone)
    {
        Crm::Counterparty c;
        c.uid = uid;
        c.name = name;
        c.taxCode = taxCode;
        c.phones = {phone};
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        index.insert(DirectoryEntry::from(counterparty(u"urn:uuid:1"_s, u"Сонях Агро"_s, u"32456711"_s, u"+380 44 123 45 67"_s), 1));
        index.insert(DirectoryEntry::from(counterparty(u"urn:uuid:2"_s, u"Сонях"_s, u"40987654"_s, u"+380 57 700 12 34"_s), 2));
        index.insert(DirectoryEntry::from(counterparty(u"urn:uuid:3"_s, u"Acme Logistics"_s, u"GB123"_s, u"+44 20 7946 0958"_s), 3));
        Crm::ContactPerson olena;
        olena.uid = u"urn:uuid:p1"_s;
        olena.counterpartyUid = u"urn:uuid:3"_s;
        olena.name = u"Olena Petrenko"_s;
        olena.phones = {u"+380 67 111 22 33"_s};
        olena.emails = {u"o.petrenko@acme.example"_s};
        index.insert(DirectoryEntry::from(olena, 4));
        Crm::ContactPerson orphan;
        orphan.uid = u"urn:uuid:p2"_s;
        orphan.counterpartyUid = u"urn:uuid:gone"_s;
        orphan.name = u"Ivan Orphan"_s;
        index.insert(DirectoryEntry::from(orphan, 5));
    }

    void shouldResolve_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("uid");
        QTest::addColumn<int>("candidates");
        QTest::newRow("tax code") << u"32456711"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:1"_s << 0;
        QTest::newRow("phone in another notation") << u"(044) 123-45-67"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:1"_s << 0;
        QTest::newRow("exact name among name parts") << u"сонях"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:2"_s << 0;
        QTest::newRow("name part of one") << u"Acme"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:3"_s << 0;
        QTest::newRow("phone in E.164") << u"+380441234567"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:1"_s << 0;
        QTest::newRow("UID") << u"urn:uuid:2"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:2"_s << 0;
        QTest::newRow("e-mail of a person") << u"O.Petrenko@acme.example"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:3"_s << 0;
        QTest::newRow("phone of a person") << u"067 111 22 33"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:3"_s << 0;
        QTest::newRow("a person stands for its counterparty") << u"Petrenko"_s << int(CounterpartyMatch::Outcome::Found) << u"urn:uuid:3"_s << 0;
        QTest::newRow("ambiguous part") << u"Со"_s << int(CounterpartyMatch::Outcome::Ambiguous) << QString() << 2;
        QTest::newRow("nothing") << u"Initech"_s << int(CounterpartyMatch::Outcome::None) << QString() << 0;
        QTest::newRow("orphan person") << u"Orphan"_s << int(CounterpartyMatch::Outcome::OrphanPerson) << QString() << 1;
    }

    void shouldResolve()
    {
        QFETCH(QString, typed);
        QFETCH(int, outcome);
        QFETCH(QString, uid);
        QFETCH(int, candidates);
        const auto match = CounterpartyMatch::resolve(index, typed);
        QCOMPARE(int(match.outcome), outcome);
        QCOMPARE(match.counterparty.uid, uid);
        QCOMPARE(match.candidates.size(), candidates);
    }

    void shouldResolveAContactPerson_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("uid");
        QTest::addColumn<int>("candidates");
        QTest::newRow("name part of one") << u"petrenko"_s << int(Crm::ContactPersonMatch::Outcome::Found) << u"urn:uuid:p1"_s << 0;
        QTest::newRow("e-mail in other case") << u"O.Koval@Sonyakh.example"_s << int(Crm::ContactPersonMatch::Outcome::Found) << u"urn:uuid:p3"_s << 0;
        QTest::newRow("exact name among name parts") << u"Олена"_s << int(Crm::ContactPersonMatch::Outcome::Found) << u"urn:uuid:p4"_s << 0;
        QTest::newRow("part of several") << u"Олен"_s << int(Crm::ContactPersonMatch::Outcome::Ambiguous) << QString() << 2;
        QTest::newRow("nobody") << u"Taras"_s << int(Crm::ContactPersonMatch::Outcome::None) << QString() << 0;
        QTest::newRow("blank") << u"  "_s << int(Crm::ContactPersonMatch::Outcome::None) << QString() << 0;
    }

    void shouldResolveAContactPerson()
    {
        // GIVEN a counterparty's people, two of whom share a first name
        const auto person = [](const QString &uid, const QString &name, const QString &email) {
            Crm::ContactPerson p;
            p.uid = uid;
            p.counterpartyUid = u"urn:uuid:1"_s;
            p.name = name;
            p.emails = email.isEmpty() ? QStringList() : QStringList{email};
            return p;
        };
        const QList<Crm::ContactPerson> persons{person(u"urn:uuid:p1"_s, u"Olena Petrenko"_s, QString()),
                                                person(u"urn:uuid:p3"_s, u"Олена Коваль"_s, u"o.koval@sonyakh.example"_s),
                                                person(u"urn:uuid:p4"_s, u"Олена"_s, u"olena@sonyakh.example"_s)};
        QFETCH(QString, typed);
        QFETCH(int, outcome);
        QFETCH(QString, uid);
        QFETCH(int, candidates);
        // WHEN somebody names one
        const auto match = Crm::ContactPersonMatch::resolve(persons, typed);
        // THEN it is the one, nobody, or the list to choose from
        QCOMPARE(int(match.outcome), outcome);
        QCOMPARE(match.person.uid, uid);
        QCOMPARE(match.candidates.size(), candidates);
        if (match.outcome == Crm::ContactPersonMatch::Outcome::Found) {
            QCOMPARE(match.participant().uid, uid);
            QCOMPARE(match.participant().email, match.person.emails.value(0));
        }
    }

    void shouldTellAnEmployeeByEMail()
    {
        // GIVEN a directory without employees: nothing can be checked
        QCOMPARE(Crm::EmployeeMatch::resolve(index, u"oksana@firm.example"_s).outcome, Crm::EmployeeMatch::Outcome::NoEmployees);
        // WHEN two employees are known
        Crm::DirectoryIndex withStaff = index;
        Crm::Employee oksana;
        oksana.uid = u"urn:uuid:e1"_s;
        oksana.name = u"Oksana"_s;
        oksana.emails = {u"oksana@firm.example"_s};
        Crm::Employee dmytro;
        dmytro.uid = u"urn:uuid:e2"_s;
        dmytro.name = u"Dmytro"_s;
        dmytro.emails = {u"dmytro@firm.example"_s};
        withStaff.insert(DirectoryEntry::from(oksana, 10));
        withStaff.insert(DirectoryEntry::from(dmytro, 11));
        // THEN an employee's e-mail in any case is found
        const auto found = Crm::EmployeeMatch::resolve(withStaff, u"Oksana@Firm.example"_s);
        QCOMPARE(found.outcome, Crm::EmployeeMatch::Outcome::Found);
        QCOMPARE(found.employee.uid, u"urn:uuid:e1"_s);
        // AND anybody else is refused with the employees by name, a person of a counterparty too
        const auto stranger = Crm::EmployeeMatch::resolve(withStaff, u"o.petrenko@acme.example"_s);
        QCOMPARE(stranger.outcome, Crm::EmployeeMatch::Outcome::NotAnEmployee);
        QCOMPARE(stranger.employees.size(), 2);
        QCOMPARE(stranger.employees.constFirst().displayName, u"Dmytro"_s);
        QCOMPARE(Crm::EmployeeMatch::resolve(withStaff, QString()).outcome, Crm::EmployeeMatch::Outcome::NotAnEmployee);
    }
};

QTEST_GUILESS_MAIN(CounterpartyResolverTest)
#include "counterpartyresolvertest.moc"
