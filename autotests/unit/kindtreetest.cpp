// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "domain/kindtree.h"
#include "ownhome.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The register's classifier tree: edits, their refusals, how letters'
/// kinds follow a rename or a move, and the tree kept in kontactcrmrc.
class KindTreeTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

private:
    static QStringList path(const QString &text)
    {
        return Crm::splitKindPath(text);
    }
    static QStringList joined(const Crm::KindTree &tree)
    {
        QStringList out;
        for (const QStringList &p : tree.paths()) {
            out << Crm::joinKindPath(p);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        CrmTest::useOwnHome(m_home);
    }

    void shouldHoldParentsBeforeChildrenInTheirOrder()
    {
        // GIVEN paths whose parent is missing or comes late
        const Crm::KindTree tree({path(u"Contract/Lease"_s), path(u"Letter"_s), path(u"Contract"_s), path(u"Contract/Supply"_s)});
        // THEN the parent is there, once, before its children
        QCOMPARE(joined(tree), (QStringList{u"Contract"_s, u"Contract/Lease"_s, u"Contract/Supply"_s, u"Letter"_s}));
        QVERIFY(tree.contains(path(u"Contract"_s)));
        QVERIFY(!tree.contains(path(u"Contract/Sale"_s)));
        QVERIFY(!tree.contains({}));
        QCOMPARE(tree.children({}), (QStringList{u"Contract"_s, u"Letter"_s}));
    }

    void shouldAddRenameMoveAndRemove()
    {
        // GIVEN the standard tree
        Crm::KindTree tree = Crm::KindTree::standard();
        QString error;
        // WHEN a kind is added below one that does not exist yet
        QVERIFY(tree.add(path(u"Claim/Quality/Grain"_s), &error));
        // THEN its parents are made
        QVERIFY(tree.contains(path(u"Claim/Quality"_s)));
        // WHEN one is renamed
        QVERIFY2(tree.rename(path(u"Contract/Supplementary agreement"_s), u"Addendum"_s, &error), qPrintable(error));
        QVERIFY(tree.contains(path(u"Contract/Addendum"_s)));
        QVERIFY(!tree.contains(path(u"Contract/Supplementary agreement"_s)));
        // WHEN a subtree is moved
        QVERIFY2(tree.move(path(u"Claim/Quality"_s), path(u"Contract"_s), &error), qPrintable(error));
        // THEN it goes with its children
        QVERIFY(tree.contains(path(u"Contract/Quality/Grain"_s)));
        QVERIFY(!tree.contains(path(u"Claim/Quality"_s)));
        QVERIFY(tree.contains(path(u"Claim"_s)));
        // WHEN moved to the top level
        QVERIFY2(tree.move(path(u"Contract/Quality"_s), {}, &error), qPrintable(error));
        QVERIFY(tree.contains(path(u"Quality/Grain"_s)));
        // WHEN removed
        QVERIFY2(tree.remove(path(u"Quality"_s), &error), qPrintable(error));
        // THEN its subtree goes too
        QVERIFY(!tree.contains(path(u"Quality/Grain"_s)));
        QCOMPARE(joined(tree), (QStringList{u"Letter"_s, u"Contract"_s, u"Contract/Addendum"_s, u"Invoice"_s, u"Act"_s, u"Claim"_s, u"Notice"_s}));
    }

    void shouldRefuseEditsThatMakeNoSenseAndKeepTheTree_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("named");
        QTest::newRow("add existing") << u"add"_s << u"Contract"_s << QString() << u"Contract"_s;
        QTest::newRow("add empty") << u"add"_s << QString() << QString() << u"name"_s;
        QTest::newRow("rename missing") << u"rename"_s << u"Lease"_s << u"Rent"_s << u"Lease"_s;
        QTest::newRow("rename onto sibling") << u"rename"_s << u"Act"_s << u"Invoice"_s << u"Invoice"_s;
        QTest::newRow("rename to a path") << u"rename"_s << u"Act"_s << u"Acts/Old"_s << u"Acts/Old"_s;
        QTest::newRow("rename to nothing") << u"rename"_s << u"Act"_s << u"  "_s << u"name"_s;
        QTest::newRow("move into itself") << u"move"_s << u"Contract"_s << u"Contract"_s << u"Contract"_s;
        QTest::newRow("move into its subtree") << u"move"_s << u"Contract"_s << u"Contract/Supplementary agreement"_s << u"Contract"_s;
        QTest::newRow("move where it is") << u"move"_s << u"Contract/Supplementary agreement"_s << u"Contract"_s << u"Supplementary agreement"_s;
        QTest::newRow("move to a missing parent") << u"move"_s << u"Act"_s << u"Lease"_s << u"Lease"_s;
        QTest::newRow("remove missing") << u"remove"_s << u"Lease"_s << QString() << u"Lease"_s;
    }

    void shouldRefuseEditsThatMakeNoSenseAndKeepTheTree()
    {
        QFETCH(QString, edit);
        QFETCH(QString, kind);
        QFETCH(QString, argument);
        QFETCH(QString, named);
        // GIVEN the standard tree and one with a sibling of the moved kind's name
        Crm::KindTree tree = Crm::KindTree::standard();
        const Crm::KindTree before = tree;
        QString error;
        bool done = true;
        if (edit == u"add"_s) {
            done = tree.add(path(kind), &error);
        } else if (edit == u"rename"_s) {
            done = tree.rename(path(kind), argument, &error);
        } else if (edit == u"move"_s) {
            done = tree.move(path(kind), path(argument), &error);
        } else {
            done = tree.remove(path(kind), &error);
        }
        // THEN it is refused, naming what is wrong, and the tree is as it was
        QVERIFY(!done);
        QVERIFY2(error.contains(named), qPrintable(error));
        QCOMPARE(tree, before);
    }

    void shouldRefuseAMoveOntoASiblingOfTheSameName()
    {
        Crm::KindTree tree({path(u"Contract/Act"_s), path(u"Act"_s)});
        QString error;
        QVERIFY(!tree.move(path(u"Contract/Act"_s), {}, &error));
        QVERIFY2(error.contains(u"Act"_s), qPrintable(error));
    }

    void shouldRebaseKindsBelowARenamedOrMovedKind()
    {
        const QStringList from = path(u"Contract"_s);
        const QStringList to = path(u"Archive of deals/Agreement"_s);
        QCOMPARE(Crm::KindTree::rebased(path(u"Contract"_s), from, to), to);
        QCOMPARE(Crm::KindTree::rebased(path(u"Contract/Lease"_s), from, to), path(u"Archive of deals/Agreement/Lease"_s));
        // a kind whose name only starts alike is not below it
        QCOMPARE(Crm::KindTree::rebased(path(u"Contractor"_s), from, to), path(u"Contractor"_s));
        QCOMPARE(Crm::KindTree::rebased(path(u"Letter"_s), from, to), path(u"Letter"_s));
    }

    void shouldCountTheLettersUsingAKindAndItsSubtree()
    {
        QList<Crm::Letter> letters(4);
        letters[0].kind = path(u"Contract"_s);
        letters[1].kind = path(u"Contract/Lease"_s);
        letters[2].kind = path(u"Contractor"_s);
        letters[3].kind = path(u"Letter"_s);
        QCOMPARE(Crm::lettersUsing(letters, path(u"Contract"_s)), 2);
        QCOMPARE(Crm::lettersUsing(letters, path(u"Contract/Lease"_s)), 1);
        QCOMPARE(Crm::lettersUsing(letters, path(u"Act"_s)), 0);
    }

    void shouldKeepTheTreeInTheConfigurationEvenWhenEmpty()
    {
        // GIVEN no tree saved: the standard one
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/kontactcrmrc"_s);
        QCOMPARE(Crm::KindTree::configured(), Crm::KindTree::standard());
        // WHEN an edited one is saved
        Crm::KindTree tree = Crm::KindTree::standard();
        QVERIFY(tree.add(path(u"Contract/Le\\/ase"_s), nullptr));
        tree.save();
        // THEN it is read back, a '/' inside a name included
        QCOMPARE(Crm::KindTree::configured(), tree);
        QVERIFY(Crm::KindTree::configured().contains({u"Contract"_s, u"Le/ase"_s}));
        QCOMPARE(Crm::configuredLetterKinds(), tree.paths());
        // WHEN every kind is removed
        Crm::KindTree empty;
        empty.save();
        // THEN the tree stays empty: the standard kinds do not come back
        QVERIFY(Crm::KindTree::configured().paths().isEmpty());
    }
};

QTEST_GUILESS_MAIN(KindTreeTest)
#include "kindtreetest.moc"
