// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>

#include <QHash>
#include <QStringList>

#include <functional>

class QObject;

namespace Crm
{

/// Akonadi stores a new or changed item in its database at once, but the
/// file (or server) behind it is written later by the item's resource,
/// which then gives the item its remote id. If the server or the resource
/// stops before that, the change notification is lost: the item lives only
/// in Akonadi's cache, and nothing resends it. The barrier waits until the
/// resource has committed the CRM's writes; the repair finds items a
/// resource never wrote and gets them written.
namespace WriteBarrier
{
/// How long a wait may go on without any item being committed
/// (CRM_WRITE_STALL_MS, default 30 s): a slow resource that makes progress
/// is waited for, a stopped one is not.
KONTACTCRMCORE_EXPORT int stallTimeoutMs();

/// Whether the resource has written @p now since the write that returned
/// @p written: a new item has a remote id, a changed one a newer
/// modification time or a new remote id or revision.
KONTACTCRMCORE_EXPORT bool isCommitted(const Akonadi::Item &now, const Akonadi::Item &written);

/// Whether the commit of the change that returned @p written could have
/// happened unseen: the server keeps whole seconds (PostgreSQL, MySQL) and
/// @p now still has the write's second. The barrier then goes by the
/// state of the resource, when it keeps local files.
KONTACTCRMCORE_EXPORT bool isCommitUnseeable(const Akonadi::Item &now, const Akonadi::Item &written);

/// The CalDAV/CardDAV accounts (resource names) this process stored
/// changes for while they were offline: Akonadi keeps the changes and the resource sends them
/// when it connects; waitCommitted() does not wait for them.
KONTACTCRMCORE_EXPORT QStringList offlineAccounts();

/// Told what the resources wrote of some items: by id, the items as they
/// are now (with their remote id), and those not written when it stalled.
using CommittedCallback = std::function<void(const QHash<Akonadi::Item::Id, Akonadi::Item> &committed, const Akonadi::Item::List &stalled)>;

/// Follows @p items, as the write jobs returned them, until their resources
/// have written them (a new item has a remote id, a changed one also a newer
/// modification time), without blocking: polls the oldest 200 pending from
/// a timer and gives up after @p stallMs without progress. A resource whose
/// queue of changes moves counts as making progress: with a backlog of
/// thousands it may write nothing of ours for minutes. Items of a
/// CalDAV/CardDAV account that is offline count as committed at once (see
/// offlineAccounts()). @p done is called
/// once, from the event loop, unless @p context is deleted first. Items
/// removed meanwhile are in neither list.
KONTACTCRMCORE_EXPORT void waitCommitted(const Akonadi::Item::List &items, QObject *context, const CommittedCallback &done, int stallMs = stallTimeoutMs());

/// Gets @p items written that their resource has not written (its change
/// notification was lost): an incidence is stored again, which makes the
/// iCal-directory resource write its file and keeps the item; a vCard is
/// saved aside, removed and created anew, because the contacts resource
/// only writes a file for a new item. Returns the items as they are now
/// stored, by the id they had; those missing failed (see @p failures).
using RewriteCallback = std::function<void(const QHash<Akonadi::Item::Id, Akonadi::Item> &written, const QStringList &failures)>;
KONTACTCRMCORE_EXPORT void rewrite(const Akonadi::Item::List &items, QObject *context, const RewriteCallback &done);

struct KONTACTCRMCORE_EXPORT RepairReport {
    int unwritten = 0; ///< items found without a remote id
    int rewritten = 0; ///< of them, written now
    int duplicates = 0; ///< unwritten copies of a stored record, removed
    int rescued = 0; ///< records restored from an interrupted repair
    QStringList failures; ///< one line per record that could not be repaired
};

using RepairCallback = std::function<void(const RepairReport &report)>;

/// Brings every item of @p collections to disk: first restores records an
/// interrupted repair had saved aside, then waits for the resources to
/// replay their own journals (@p graceMs without progress for a resource
/// with nothing queued, whose notifications were lost; stallTimeoutMs() for
/// one with changes queued that stopped moving; as long as it takes for
/// one that is busy and moving), then rewrites what is still unwritten.
/// An unwritten copy of a record that is stored (same UID) is removed, its
/// payload kept when it is the newer. Items end up exactly once. A chain of
/// jobs: @p done is called once, from the event loop, unless @p context is
/// deleted first.
KONTACTCRMCORE_EXPORT void repair(const Akonadi::Collection::List &collections, QObject *context, const RepairCallback &done, int graceMs = 2000);

/// Marks writes to some collections as not yet confirmed by this process
/// (a file per collection and process under kontact-crm/unconfirmed/) for
/// its lifetime. A process that dies while waiting leaves the mark behind,
/// and the next start repairs those collections. Several holders in one
/// process share a mark: it goes with the last.
class KONTACTCRMCORE_EXPORT UnconfirmedWrites
{
public:
    explicit UnconfirmedWrites(const QSet<Akonadi::Collection::Id> &collections);
    ~UnconfirmedWrites();
    UnconfirmedWrites(const UnconfirmedWrites &) = delete;
    UnconfirmedWrites &operator=(const UnconfirmedWrites &) = delete;

private:
    QStringList m_marks;
};

/// repair() of those of @p collections a process that died left writes
/// unconfirmed in, once per process, before a writing command reads its
/// index (a re-created item gets a new id). Costs a directory listing when
/// there is nothing to repair; problems are logged, and "crmctl store sync"
/// (which checks everything) reports them. @p done is called once the
/// repair is over, at once when there is nothing to repair.
KONTACTCRMCORE_EXPORT void repairAtStart(const Akonadi::Collection::List &collections, QObject *context, const std::function<void()> &done);

} // namespace WriteBarrier

} // namespace Crm
