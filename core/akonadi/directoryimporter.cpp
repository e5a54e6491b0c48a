// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryimporter.h"

#include "akonadi/directory.h"
#include "crmcore_debug.h"

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

DirectoryImporter::DirectoryImporter(Directory &directory, QList<ImportBatch> batches, QObject *parent)
    : KJob(parent)
    , m_directory(directory)
    , m_batches(std::move(batches))
    , m_lock(u"import"_s)
{
}

void DirectoryImporter::start()
{
    m_timer.start();
    // Two imports at once would each plan against a directory without the
    // other's records and both create them: plan and write under a lock all
    // CRM processes share, planning against what is stored once it is ours.
    m_lock.lockLater(lockTimeoutMs, this, [this](const QString &lockError) {
        if (!lockError.isEmpty()) {
            failEverything(lockError);
            return;
        }
        m_directory.cache().refresh([this](const QString &refreshError) {
            if (!refreshError.isEmpty()) {
                qCWarning(CRM_CORE_LOG) << "index refresh before import failed:" << refreshError;
            }
            qCDebug(CRM_CORE_LOG) << "import lock taken and index refreshed in" << m_timer.elapsed() << "ms";
            plan();
        });
    });
}

const ImportReport &DirectoryImporter::report() const
{
    return m_report;
}

void DirectoryImporter::plan()
{
    m_plan = std::make_unique<ImportPlan>(m_directory.index(), m_report);
    for (const ImportBatch &batch : std::as_const(m_batches)) {
        m_report.errors << batch.errors;
        m_report.warnings << batch.warnings;
        m_plan->add(batch);
    }
    // The plan holds what it needs; a 40,000-record file need not stay twice.
    m_batches.clear();
    setTotalAmount(KJob::Items, m_plan->records().size());

    // The stored vCards of the records that update something, to merge with.
    auto fetch = m_directory.storage().fetch(m_plan->existingIds());
    connect(fetch, &KJob::result, this, [this, fetch] {
        if (fetch->error()) {
            m_readError = fetch->errorString();
        }
        const auto items = fetch->items();
        for (const Akonadi::Item &item : items) {
            m_stored.insert(item.id(), item);
        }
        writeFrom(0);
    });
}

void DirectoryImporter::writeFrom(qsizetype from)
{
    const QList<PlannedRecord> &records = m_plan->records();
    QList<ItemStorage::Write> writes;
    QList<qsizetype> written; // which record each write is
    qsizetype at = from;
    for (; at < records.size() && writes.size() < batchSize; ++at) {
        const PlannedRecord &p = records[at];
        ItemStorage::Write w;
        w.collection = p.kind == ImportRecord::Kind::Employee ? m_directory.collections().employees() : m_directory.collections().counterparties();
        KContacts::Addressee stored;
        if (p.existingId >= 0) {
            const auto it = m_stored.constFind(p.existingId);
            if (it == m_stored.cend() || !it->hasPayload<KContacts::Addressee>()) {
                m_report.errors << ImportProblem{p.fileName, p.line, p.name, {}, i18n("the stored record it updates could not be read: %1", m_readError)};
                continue;
            }
            w.item = *it;
            stored = it->payload<KContacts::Addressee>();
        }
        const auto addressee = m_plan->merge(at, stored);
        if (!addressee) {
            ++m_report.unchanged;
            continue;
        }
        w.item = ItemStorage::withPayload(w.item, *addressee, KContacts::Addressee::mimeType());
        writes << w;
        written << at;
    }
    setProcessedAmount(KJob::Items, at - written.size());
    if (writes.isEmpty()) {
        if (at < records.size()) {
            writeFrom(at);
        } else {
            finishImport();
        }
        return;
    }
    auto job = m_directory.storage().write(writes, batchSize);
    connect(job, &KJob::result, this, [this, job, written, at] {
        const auto results = job->written();
        for (qsizetype i = 0; i < written.size(); ++i) {
            const PlannedRecord &p = m_plan->records().at(written[i]);
            const QString error = i < results.size() ? results[i].error : job->errorString();
            if (!error.isEmpty()) {
                m_report.errors << ImportProblem{p.fileName, p.line, p.name, {}, i18n("Akonadi refused to store it: %1", error)};
            } else if (p.existingId >= 0) {
                ++m_report.updated;
            } else {
                ++m_report.created;
            }
        }
        setProcessedAmount(KJob::Items, at);
        writeFrom(at);
    });
}

void DirectoryImporter::finishImport()
{
    qCDebug(CRM_CORE_LOG) << "import took" << m_timer.restart() << "ms";
    m_directory.cache().refresh([this](const QString &refreshError) {
        if (!refreshError.isEmpty()) {
            qCWarning(CRM_CORE_LOG) << "index refresh after import failed:" << refreshError;
        }
        qCDebug(CRM_CORE_LOG) << "import refreshed the index in" << m_timer.elapsed() << "ms";
        m_lock.unlock();
        emitResult();
    });
}

void DirectoryImporter::failEverything(const QString &why)
{
    for (const ImportBatch &batch : std::as_const(m_batches)) {
        m_report.errors << batch.errors;
        m_report.warnings << batch.warnings;
        for (const ImportRecord &r : batch.records) {
            m_report.errors << ImportProblem{batch.fileName, r.line, r.displayName(), {}, why};
        }
    }
    m_batches.clear();
    setError(KJob::UserDefinedError);
    setErrorText(why);
    emitResult();
}

} // namespace Crm
