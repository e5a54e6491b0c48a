// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "itemstorage.h"

namespace Crm
{

ItemStorage::~ItemStorage() = default;

void StorageJob::start()
{
    // The storage starts the work when it creates the job.
}

Akonadi::Item::List StorageJob::items() const
{
    return m_items;
}

QList<StorageJob::Written> StorageJob::written() const
{
    return m_written;
}

QHash<Akonadi::Collection::Id, qint64> StorageJob::counts() const
{
    return m_counts;
}

void StorageJob::setCounts(const QHash<Akonadi::Collection::Id, qint64> &counts)
{
    m_counts = counts;
}

void StorageJob::setItems(const Akonadi::Item::List &items)
{
    m_items = items;
}

void StorageJob::setWritten(const QList<Written> &written)
{
    m_written = written;
}

void StorageJob::finish(const QString &error)
{
    if (!error.isEmpty()) {
        setError(UserDefinedError);
        setErrorText(error);
    }
    emitResult();
}

} // namespace Crm
