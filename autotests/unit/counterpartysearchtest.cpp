// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/counterpartysearch.h"
#include "domain/counterparty.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Crm::CounterpartySearch;
using Crm::DirectoryEntry;

/// What the plugin's counterparties list shows for what a user types.
class CounterpartySearchTest : public QObject
{
    Q_OBJECT

private:
    Crm::DirectoryIndex index;

    static QStringList names(const QList<CounterpartySearch::Hit> &hits)
    {
        QStringList out;
        for (const auto &h : hits) {
            out << h.counterparty.displayName;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        Crm::Counterparty sonyah;
        sonyah.uid = u"urn:uuid:1"_s;
        sonyah.name = u"Сонях Агро"_s;
        sonyah.phones = {u"+380 44 123 45 67"_s};
        sonyah.groups = {u"Клієнти"_s};
        index.insert(DirectoryEntry::from(sonyah, 1));
        Crm::Counterparty acme;
        acme.uid = u"urn:uuid:2"_s;
        acme.name = u"Acme"_s;
        acme.groups = {u"клієнти"_s, u"Suppliers"_s};
        index.insert(DirectoryEntry::from(acme, 2));
        Crm::ContactPerson olena;
        olena.uid = u"urn:uuid:p1"_s;
        olena.counterpartyUid = u"urn:uuid:2"_s;
        olena.name = u"Olena Сонях"_s;
        index.insert(DirectoryEntry::from(olena, 3));
        Crm::ContactPerson orphan;
        orphan.uid = u"urn:uuid:p2"_s;
        orphan.counterpartyUid = u"urn:uuid:gone"_s;
        orphan.name = u"Taras Сонях"_s;
        index.insert(DirectoryEntry::from(orphan, 4));
        Crm::Employee oksana;
        oksana.uid = u"urn:uuid:e1"_s;
        oksana.name = u"Oksana Сонях"_s;
        index.insert(DirectoryEntry::from(oksana, 5));
    }

    void shouldListEveryCounterpartyWithoutText()
    {
        QCOMPARE(names(CounterpartySearch::run(index, u"  "_s)), (QStringList{u"Acme"_s, u"Сонях Агро"_s}));
    }

    void shouldShowEachCounterpartyOnceForItsPeopleAndNotOrphansOrEmployees()
    {
        // "Сонях" names a counterparty, a person of Acme, an orphan person and an employee
        const auto hits = CounterpartySearch::run(index, u"сонях"_s);
        QCOMPARE(names(hits), (QStringList{u"Сонях Агро"_s, u"Acme"_s}));
        QCOMPARE(hits.at(0).viaPerson, QString());
        QCOMPARE(hits.at(1).viaPerson, u"Olena Сонях"_s);
    }

    void shouldFilterByGroupInAnyCase()
    {
        QCOMPARE(names(CounterpartySearch::run(index, {}, u"КЛІЄНТИ"_s)), (QStringList{u"Acme"_s, u"Сонях Агро"_s}));
        QCOMPARE(names(CounterpartySearch::run(index, u"сонях"_s, u"suppliers"_s)), (QStringList{u"Acme"_s}));
        QCOMPARE(names(CounterpartySearch::run(index, u"(044) 123-45-67"_s, u"Suppliers"_s)), QStringList{});
    }

    void shouldListGroupsOnceWhateverTheirCase()
    {
        QCOMPARE(CounterpartySearch::groups(index), (QStringList{u"Suppliers"_s, u"Клієнти"_s}));
    }
};

QTEST_GUILESS_MAIN(CounterpartySearchTest)
#include "counterpartysearchtest.moc"
