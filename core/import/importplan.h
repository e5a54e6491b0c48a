// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/directoryindex.h"
#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

#include <KContacts/Addressee>

#include <QHash>
#include <QMultiHash>

#include <functional>
#include <optional>

namespace Crm
{

/// What an import did.
struct KONTACTCRMDOMAIN_EXPORT ImportReport {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    QList<ImportProblem> errors; ///< records not imported
    QList<ImportProblem> warnings;
    int imported() const
    {
        return created + updated + unchanged;
    }
    /// The warnings and errors as crmctl prints them and the import dialog
    /// shows them, "warning: …" and "error: …" each; a problem repeated on
    /// every row is listed a few times, then summarised (ImportLimits).
    QStringList problemLines() const;
    /// "@p what: 3 created, 1 updated, 0 unchanged, 2 not imported".
    QString summary(const QString &what) const;
};

/// One vCard an import will write, with the stored item it updates.
struct KONTACTCRMDOMAIN_EXPORT PlannedRecord {
    ImportRecord::Kind kind = ImportRecord::Kind::Counterparty;
    QString fileName;
    int line = 0; ///< where the first record that produced it starts
    QString name; ///< its name, for reports
    qint64 existingId = -1; ///< the stored item it updates, or -1
    Counterparty counterparty;
    ContactPerson person;
    Employee employee;
};

/// Decides what an import writes, without touching any storage: which
/// records of the files are one thing (by UID, tax code, e-mail, a person
/// also by name within its counterparty, a record with none of those by
/// name and phone), which stored record each one updates, and which
/// counterparty each person belongs to. Then, given what is stored, merges:
/// the file's non-empty fields win, lists are merged, nothing stored is
/// dropped. Problems go to the report with file and line.
class KONTACTCRMDOMAIN_EXPORT ImportPlan
{
public:
    /// Plans against @p index, which must stay alive and unchanged meanwhile.
    ImportPlan(const DirectoryIndex &index, ImportReport &report);

    /// Adds the records of one file: counterparties first, so the persons of
    /// the same file find them.
    void add(const ImportBatch &batch);

    /// Where an earlier slice of the same import wrote a record.
    struct EarlierRecord {
        QString fileName;
        int line = 0;
    };
    /// For an import planned a slice at a time (DirectoryImporter): tells
    /// which stored items earlier slices wrote, so a counterparty with their
    /// tax code under another name is reported as within one slice.
    void setEarlierSlices(const std::function<std::optional<EarlierRecord>(qint64 itemId)> &lookup);

    const QList<PlannedRecord> &records() const;
    /// Stored items the plan updates: their vCards are needed to merge.
    QList<qint64> existingIds() const;

    /// The vCard to write for record @p at over @p stored (the stored vCard
    /// of its existingId, or an empty one for a new record), or nothing when
    /// what is stored already says it all. Call in the order of records():
    /// a person takes the name of its counterparty as merged before it.
    std::optional<KContacts::Addressee> merge(qsizetype at, const KContacts::Addressee &stored);

private:
    void addRecord(const QString &fileName, const ImportRecord &record);
    void indexPending(qsizetype at);
    qsizetype findPending(const ImportRecord &record) const;
    qint64 findStored(const ImportRecord &record) const;
    qint64 findByNameAndPhone(const ImportRecord &record) const;
    QString resolveCounterparty(const ImportRecord &record, QString *why) const;
    QString describeCounterparty(const QString &uid) const;
    std::optional<PlannedRecord> earlierRecord(qint64 itemId) const;
    void reportRenamedTwin(const PlannedRecord &first, const QString &fileName, const ImportRecord &record);

    const DirectoryIndex &m_index;
    ImportReport &m_report;
    QList<PlannedRecord> m_records;
    QHash<QString, qsizetype> m_recordByKey;
    QMultiHash<QString, QString> m_counterpartyRefs; ///< UID, tax code or name key -> counterparty UID
    QHash<QString, QString> m_counterpartyNames; ///< UID -> name, as merged, for the ORG of persons
    std::function<std::optional<EarlierRecord>(qint64 itemId)> m_earlierSlices;
};

} // namespace Crm
