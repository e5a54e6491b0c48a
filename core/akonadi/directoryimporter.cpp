// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "directoryimporter.h"

#include "akonadi/directory.h"
#include "crmcore_debug.h"

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

DirectoryImporter::DirectoryImporter(Directory &directory, std::vector<std::unique_ptr<ImportSource>> sources, QObject *parent)
    : KJob(parent)
    , m_directory(directory)
    , m_sources(std::move(sources))
    , m_lock(u"import"_s)
{
}

namespace
{
std::vector<std::unique_ptr<ImportSource>> sourcesOf(QList<ImportBatch> batches)
{
    std::vector<std::unique_ptr<ImportSource>> sources;
    for (ImportBatch &batch : batches) {
        sources.push_back(ImportSource::fromBatch(std::move(batch)));
    }
    return sources;
}
} // namespace

DirectoryImporter::DirectoryImporter(Directory &directory, QList<ImportBatch> batches, QObject *parent)
    : DirectoryImporter(directory, sourcesOf(std::move(batches)), parent)
{
}

void DirectoryImporter::setSliceSize(int records)
{
    m_sliceSize = std::max(1, records);
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
            announceRecordCount(); // batches are counted already; files after the first pass
            nextSlice();
        });
    });
}

const ImportReport &DirectoryImporter::report() const
{
    return m_report;
}

void DirectoryImporter::announceRecordCount()
{
    if (totalAmount(KJob::Items) > 0) {
        return;
    }
    qsizetype total = 0;
    for (const auto &source : m_sources) {
        if (source->recordCount() < 0) {
            return; // a file not read through yet
        }
        total += source->recordCount();
    }
    setTotalAmount(KJob::Items, total);
}

void DirectoryImporter::nextSlice()
{
    while (true) {
        if (m_source >= m_sources.size()) {
            if (m_pass == Pass::People) {
                finishImport();
                return;
            }
            // The people now find every counterparty of the files in the index.
            m_pass = Pass::People;
            announceRecordCount();
            m_source = 0;
            for (const auto &source : m_sources) {
                source->rewind();
            }
            continue;
        }
        ImportSource &source = *m_sources[m_source];
        if (source.atEnd()) {
            ++m_source;
            continue;
        }
        ImportBatch slice = source.next(m_sliceSize);
        if (m_pass == Pass::Counterparties) {
            // Each record is read twice; its problems are told once.
            m_report.errors << slice.errors;
            m_report.warnings << slice.warnings;
        }
        slice.errors.clear();
        slice.warnings.clear();
        slice.records.removeIf([this](const ImportRecord &r) {
            return (r.kind == ImportRecord::Kind::Counterparty) != (m_pass == Pass::Counterparties);
        });
        if (!slice.records.isEmpty()) {
            plan(slice);
            return;
        }
    }
}

void DirectoryImporter::plan(const ImportBatch &slice)
{
    m_plan = std::make_unique<ImportPlan>(m_directory.index(), m_report);
    m_plan->setEarlierSlices([this](qint64 itemId) {
        return m_writtenCounterparties.contains(itemId) ? std::optional(m_writtenCounterparties.value(itemId)) : std::nullopt;
    });
    m_plan->add(slice);
    m_stored.clear();
    m_readError.clear();

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
    setProcessedAmount(KJob::Items, m_processed + at - written.size());
    if (writes.isEmpty()) {
        if (at < records.size()) {
            writeFrom(at);
        } else {
            m_processed += records.size();
            nextSlice();
        }
        return;
    }
    auto job = m_directory.storage().write(writes, batchSize);
    connect(job, &KJob::result, this, [this, job, writes, written, at] {
        const auto results = job->written();
        for (qsizetype i = 0; i < written.size(); ++i) {
            const PlannedRecord &p = m_plan->records().at(written[i]);
            const QString error = i < results.size() ? results[i].error : job->errorString();
            if (!error.isEmpty()) {
                m_report.errors << ImportProblem{p.fileName, p.line, p.name, {}, i18n("Akonadi refused to store it: %1", error)};
                continue;
            }
            if (p.existingId >= 0) {
                ++m_report.updated;
            } else {
                ++m_report.created;
            }
            // Into the index now: the next slices match against it.
            Akonadi::Item indexed = writes[i].item;
            indexed.setId(results[i].item.id());
            if (p.kind == ImportRecord::Kind::Counterparty && !m_writtenCounterparties.contains(indexed.id())) {
                m_writtenCounterparties.insert(indexed.id(), {p.fileName, p.line});
            }
            m_directory.cache().applyChange(indexed, writes[i].collection);
        }
        setProcessedAmount(KJob::Items, m_processed + at);
        if (at < m_plan->records().size()) {
            writeFrom(at);
        } else {
            m_processed += at;
            // The pages of the index file this slice's lookups read stay in
            // the page cache; the import need not keep them as its own.
            m_directory.cache().index().releasePages();
            nextSlice();
        }
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
    for (const auto &source : m_sources) {
        source->rewind();
        while (!source->atEnd()) {
            const ImportBatch slice = source->next(m_sliceSize);
            m_report.errors << slice.errors;
            m_report.warnings << slice.warnings;
            for (const ImportRecord &r : slice.records) {
                m_report.errors << ImportProblem{slice.fileName, r.line, r.displayName(), {}, why};
            }
        }
    }
    setError(KJob::UserDefinedError);
    setErrorText(why);
    emitResult();
}

} // namespace Crm
