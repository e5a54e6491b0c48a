// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/crmlock.h"
#include "import/importplan.h"
#include "kontactcrmcore_export.h"

#include <Akonadi/Item>
#include <KJob>

#include <QElapsedTimer>

namespace Crm
{

class Directory;

/// Brings parsed records into the directory without waiting: takes the
/// import lock, refreshes the index, plans (ImportPlan), reads the stored
/// vCards the plan updates, writes a batch at a time and refreshes the
/// index again. Each record is one vCard, written whole or not at all.
/// Imports of several processes run one after the other (see CrmLock).
/// Progress is reported in KJob::Items, for a status bar.
class KONTACTCRMCORE_EXPORT DirectoryImporter : public KJob
{
    Q_OBJECT
public:
    DirectoryImporter(Directory &directory, QList<ImportBatch> batches, QObject *parent = nullptr);
    void start() override;

    /// What was imported and what was not; read it in the result slot. The
    /// job itself fails only when nothing could be attempted.
    const ImportReport &report() const;

    /// How long an import waits for another one to finish.
    static constexpr int lockTimeoutMs = 30 * 60 * 1000;
    /// vCards per write, so a large import never holds every vCard at once.
    static constexpr int batchSize = 200;

private:
    void plan();
    /// Merges and writes the planned records from @p from on, one batch.
    void writeFrom(qsizetype from);
    void finishImport();
    void failEverything(const QString &why);

    Directory &m_directory;
    QList<ImportBatch> m_batches;
    CrmLock m_lock;
    ImportReport m_report;
    std::unique_ptr<ImportPlan> m_plan;
    QHash<qint64, Akonadi::Item> m_stored; ///< the items the plan updates
    QString m_readError; ///< why some of them could not be read
    QElapsedTimer m_timer;
};

} // namespace Crm
