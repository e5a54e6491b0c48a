// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/itemindexcache.h"
#include "kontactcrmcore_export.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace Crm
{

/// Keeps an index file current for the other CRM processes. It lives in
/// the reminder agent, which hears every change of the CRM's collections
/// anyway: the index is opened once, told each change, its file written
/// when that is worth it (ItemIndexCache::needsSave()), and other processes
/// ask it over D-Bus (/IndexKeeper/<name>, vouch()) what it vouches for. A
/// cold crmctl that gets an answer reads the few items changed since the
/// file instead of asking the server what changed.
///
/// What that trusts: the agent has applied every change it was told of.
/// A change made elsewhere reaches it a moment after it is stored (the
/// server's notification, then its payload); a process asking within that
/// moment does not see it yet, as a view following the storage would not.
class KONTACTCRMCORE_EXPORT IndexKeeper : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.IndexKeeper")
public:
    /// @p name names the D-Bus object (/IndexKeeper/@p name).
    IndexKeeper(const QString &name, std::unique_ptr<ItemIndexCache> cache, QObject *parent = nullptr);
    ~IndexKeeper() override;

    /// Opens the index and registers on the session bus. Changes told
    /// before it is open are applied once it is.
    void start();
    bool isReady() const;
    /// Whether items of @p collection belong to this index.
    bool covers(const Akonadi::Collection &collection) const;
    const Akonadi::Collection::List &collections() const;
    /// An item as it is now, with its payload and parent collection.
    void itemChanged(const Akonadi::Item &item);
    void itemRemoved(qint64 itemId);
    /// Writes the file if that is worth it (on quit).
    void saveIfWorthIt();

    /// How a CRM process asks the reminder agent's keeper @p name (for
    /// ItemIndexCache::setKeeper()): answers from the event loop, nothing
    /// when the agent does not run or does not answer in time.
    static ItemIndexCache::AskKeeper asker(const QString &name);

public Q_SLOTS:
    /// An IndexVouch as JSON, or an empty string when it cannot vouch for
    /// @p file: not open yet, another index, or the file was replaced by
    /// another process since (then it writes its own a moment later).
    Q_SCRIPTABLE QString vouch(const QString &file);

Q_SIGNALS:
    void ready();
    /// Its file was written.
    void written();

private:
    void scheduleSave();

    QString m_name;
    std::unique_ptr<ItemIndexCache> m_cache;
    bool m_ready = false;
    struct PendingChange {
        Akonadi::Item item;
        bool removed = false;
    };
    QList<PendingChange> m_pending; ///< told while opening
    QTimer m_saveTimer;
};

} // namespace Crm
