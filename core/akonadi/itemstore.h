// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>

#include <QDateTime>
#include <QList>

#include <functional>

namespace Crm
{

/// Reads and writes the CRM's items (vCards, incidences) in Akonadi. Calls
/// block in a local event loop (KJob::exec), which is what crmctl and the
/// agents want; a widget front-end runs them from a worker or uses the jobs
/// directly.
class KONTACTCRMCORE_EXPORT ItemStore
{
public:
    /// Items with their payload; ids that no longer exist are left out.
    Akonadi::Item::List fetch(const QList<Akonadi::Item::Id> &ids, QString *error = nullptr) const;
    /// Every item of @p collection (or those changed since @p changedSince),
    /// with payload and modification time, handed to @p visit as they arrive
    /// and kept by nobody: reading 40,000 vCards does not hold them at once.
    bool visitCollection(const Akonadi::Collection &collection,
                         const QDateTime &changedSince,
                         const std::function<void(const Akonadi::Item &)> &visit,
                         QString *error = nullptr) const;

    /// One item to create (item id < 0) or to replace; its payload and MIME
    /// type are set (see withPayload).
    struct Write {
        Akonadi::Item item;
        Akonadi::Collection collection; ///< where a new item goes
    };
    /// @p base (an item read before, or a new one) carrying @p payload.
    template<typename T>
    static Akonadi::Item withPayload(Akonadi::Item base, const T &payload, const QString &mimeType)
    {
        base.setMimeType(mimeType);
        base.setPayload<T>(payload);
        return base;
    }
    struct Written {
        Akonadi::Item item; ///< valid when it was written, by its resource too
        QString error; ///< why it was not
    };
    /// Writes in transactions of @p batchSize items. When a transaction
    /// fails, its items are written one by one, so one bad record costs only
    /// itself and nothing is half-written. Returns once the items' resources
    /// have written them (to their files or server); an item its resource
    /// did not write has an error. Results are in the order given.
    QList<Written> write(const QList<Write> &writes, int batchSize = 200) const;

    bool remove(const QList<Akonadi::Item::Id> &ids, QString *error = nullptr) const;

private:
    static void waitUntilWritten(QList<Written> &results);
};

} // namespace Crm
