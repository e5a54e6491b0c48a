// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/crmlock.h"
#include "import/importplan.h"
#include "import/importsource.h"
#include "kontactcrmcore_export.h"

#include <Akonadi/Item>
#include <KJob>

#include <QElapsedTimer>

#include <memory>
#include <vector>

namespace Crm
{

class Directory;

/// Brings records into the directory without waiting: takes the import
/// lock, refreshes the index, then reads its sources a slice at a time, and
/// for each slice plans (ImportPlan), reads the stored vCards the plan
/// updates, writes them and puts what it wrote into the index, so the next
/// slice finds it; at the end it refreshes the index again. The sources are
/// read twice: the counterparties first, then the people, who find their
/// counterparty in the index wherever it stood in the files. So an import
/// holds one slice, however large its files. Each record is one vCard,
/// written whole or not at all. Imports of several processes run one after
/// the other (see CrmLock). Progress is reported in KJob::Items.
class KONTACTCRMCORE_EXPORT DirectoryImporter : public KJob
{
    Q_OBJECT
public:
    DirectoryImporter(Directory &directory, std::vector<std::unique_ptr<ImportSource>> sources, QObject *parent = nullptr);
    /// Records already read, one batch per file.
    DirectoryImporter(Directory &directory, QList<ImportBatch> batches, QObject *parent = nullptr);
    void start() override;

    /// What was imported and what was not; read it in the result slot. The
    /// job itself fails only when nothing could be attempted.
    const ImportReport &report() const;

    /// How long an import waits for another one to finish.
    static constexpr int lockTimeoutMs = 30 * 60 * 1000;
    /// vCards per write (one transaction, one wait for the resource).
    static constexpr int batchSize = 200;
    /// Records planned and written together; records of one slice that are
    /// the same thing are merged before writing, those of later slices
    /// update what the earlier ones wrote.
    void setSliceSize(int records);

private:
    enum class Pass {
        Counterparties,
        People,
    };
    /// Plans and writes the next slice of records, or finishes.
    /// Tells the job how many records there are, once every source knows.
    void announceRecordCount();
    void nextSlice();
    void plan(const ImportBatch &slice);
    /// Merges and writes the planned records from @p from on, one batch.
    void writeFrom(qsizetype from);
    void finishImport();
    void failEverything(const QString &why);

    Directory &m_directory;
    std::vector<std::unique_ptr<ImportSource>> m_sources;
    size_t m_source = 0;
    Pass m_pass = Pass::Counterparties;
    int m_sliceSize = 1000;
    qsizetype m_processed = 0;
    CrmLock m_lock;
    ImportReport m_report;
    std::unique_ptr<ImportPlan> m_plan;
    QHash<qint64, Akonadi::Item> m_stored; ///< the items the plan updates
    /// The counterparties earlier slices wrote: 20 bytes or so each.
    QHash<qint64, ImportPlan::EarlierRecord> m_writtenCounterparties;
    QString m_readError; ///< why some of them could not be read
    QElapsedTimer m_timer;
};

} // namespace Crm
