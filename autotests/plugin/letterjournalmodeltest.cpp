// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "models/letterjournalmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The Correspondence page's models, offscreen: the journal shows the
/// letters of the chosen kind and the kinds below it, or the archive,
/// newest first; the tree has the classifier below "Journal" and "Archive"
/// beside it. Both pass QAbstractItemModelTester through every change.
class LetterJournalModelTest : public QObject
{
    Q_OBJECT

private:
    static Crm::StoredLetter
    letter(qint64 id, const QString &number, int day, Crm::Letter::Direction d, int sequence, const QString &kind, bool archived = false)
    {
        Crm::StoredLetter s;
        s.itemId = id;
        s.letter.number = number;
        s.letter.registrationDate = QDate(2026, 12, day);
        s.letter.direction = d;
        s.letter.sequence = sequence;
        s.letter.kind = Crm::splitKindPath(kind);
        s.letter.subject = u"Subject "_s + number;
        s.letter.counterpartyUid = u"urn:uuid:zerno"_s;
        s.letter.archived = archived;
        return s;
    }

    static QStringList numbers(const Crm::LetterJournalModel &model)
    {
        QStringList out;
        for (int r = 0; r < model.rowCount(); ++r) {
            out << model.index(r, Crm::LetterJournalModel::NumberColumn).data().toString();
        }
        return out;
    }

    static QList<Crm::StoredLetter> register_()
    {
        using D = Crm::Letter::Direction;
        return {
            letter(1, u"ВХ-1"_s, 1, D::Incoming, 1, u"Contract"_s),
            letter(2, u"ВИХ-1"_s, 1, D::Outgoing, 1, u"Letter"_s),
            letter(3, u"ВХ-2"_s, 2, D::Incoming, 2, u"Contract/Supplementary agreement"_s),
            letter(4, u"ВХ-3"_s, 2, D::Incoming, 3, u"Invoice"_s, true),
            letter(5, u"ВИХ-2"_s, 3, D::Outgoing, 2, u"Contract"_s),
            letter(6, u"ВХ-4"_s, 3, D::Incoming, 4, u"Contractor"_s),
        };
    }

private Q_SLOTS:
    void shouldShowTheJournalOfAKindWithItsSubtreeOrTheArchiveNewestFirst()
    {
        // GIVEN the journal model with a tester watching every change
        Crm::LetterJournalModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNameLookup([](const QString &uid) {
            return uid == u"urn:uuid:zerno"_s ? u"ТОВ «Зерно»"_s : uid;
        });
        // WHEN the register's letters arrive
        model.setLetters(register_());
        // THEN the journal shows those not archived, newest first
        QCOMPARE(numbers(model), (QStringList{u"ВХ-4"_s, u"ВИХ-2"_s, u"ВХ-2"_s, u"ВХ-1"_s, u"ВИХ-1"_s}));
        QCOMPARE(model.index(0, Crm::LetterJournalModel::CounterpartyColumn).data().toString(), u"ТОВ «Зерно»"_s);
        QCOMPARE(model.index(0, 0).data(Crm::LetterJournalModel::ItemIdRole).toLongLong(), 6);
        QCOMPARE(model.rowOf(3), 2);
        // WHEN a kind is chosen
        model.setSelection({false, {u"Contract"_s}});
        // THEN its letters and those of the kinds below it, not a kind whose name starts alike
        QCOMPARE(numbers(model), (QStringList{u"ВИХ-2"_s, u"ВХ-2"_s, u"ВХ-1"_s}));
        // WHEN the archive is chosen
        model.setSelection({true, {}});
        QCOMPARE(numbers(model), (QStringList{u"ВХ-3"_s}));
        QVERIFY(model.index(0, 0).data(Crm::LetterJournalModel::ArchivedRole).toBool());
        // WHEN the register changes (a letter restored)
        auto letters = register_();
        letters[3].letter.archived = false;
        model.setLetters(letters);
        QCOMPARE(model.rowCount(), 0);
        model.setSelection({});
        QCOMPARE(model.rowCount(), 6);
    }

    void shouldListTheKindsBelowTheJournalAndTheArchiveBesideIt()
    {
        Crm::LetterKindModel kinds;
        QAbstractItemModelTester tester(&kinds, QAbstractItemModelTester::FailureReportingMode::QtTest);
        kinds.setTree(Crm::KindTree::standard());
        QCOMPARE(kinds.rowCount(), 2);
        const QModelIndex journal = kinds.index(0, 0);
        const QModelIndex archive = kinds.index(1, 0);
        QCOMPARE(journal.data().toString(), u"Journal"_s);
        QCOMPARE(archive.data().toString(), u"Archive"_s);
        QCOMPARE(Crm::LetterKindModel::selectionOf(journal), (Crm::LetterJournalModel::Selection{false, {}}));
        QCOMPARE(Crm::LetterKindModel::selectionOf(archive), (Crm::LetterJournalModel::Selection{true, {}}));
        // the standard kinds, Supplementary agreement below Contract
        QCOMPARE(kinds.rowCount(journal), 6);
        const QModelIndex contract = kinds.index(1, 0, journal);
        QCOMPARE(contract.data().toString(), u"Contract"_s);
        QCOMPARE(kinds.rowCount(contract), 1);
        QCOMPARE(Crm::LetterKindModel::selectionOf(kinds.index(0, 0, contract)),
                 (Crm::LetterJournalModel::Selection{false, {u"Contract"_s, u"Supplementary agreement"_s}}));
        // set again (the tree edited): rebuilt, the tester content
        kinds.setTree(Crm::KindTree({{u"Act"_s}}));
        QCOMPARE(kinds.rowCount(kinds.index(0, 0)), 1);
    }
};

QTEST_MAIN(LetterJournalModelTest)
#include "letterjournalmodeltest.moc"
