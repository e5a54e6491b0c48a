// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/indexvouch.h"
#include "domain/itemmembers.h"
#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>

#include <QDataStream>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace Crm
{

class ItemStorage;
class MappedFile;
class StorageMonitor;

/// An index over the items of some collections, kept on disk between runs
/// so that a cold crmctl does not read every item. On open it asks the
/// storage only for what changed since the last run (by modification time)
/// and for each collection's item count; a count that disagrees (items
/// deleted elsewhere) makes it re-read that collection. For a collection on
/// a server (CalDAV/CardDAV, IMAP) it compares every item's revision too:
/// what its resource brings in from the server keeps an older modification
/// time. Edits made in
/// KAddressBook, KOrganizer or on a phone are therefore seen on the next
/// open, and at once by an index that follows the storage's changes.
/// Everything is asynchronous: calls return at once and report to @p done.
/// Subclasses say what an item contributes to their index.
class KONTACTCRMCORE_EXPORT ItemIndexCache : public QObject
{
    Q_OBJECT
public:
    ~ItemIndexCache() override;

    /// Empty when it worked.
    using Done = std::function<void(const QString &error)>;
    /// Loads the file and brings it up to date with the storage.
    void open(const Done &done);
    /// Applies what changed in the storage since the last refresh, and
    /// saves when that is worth it (a few changed items are left for the
    /// next open to read again; see needsSave()).
    void refresh(const Done &done);
    /// Keeps the index current from now on with a StorageMonitor on its
    /// collections, saving a moment after changes (unless a keeper vouches
    /// for the file then: it writes it); changed() tells views.
    void follow();

    /// Applies one change notification (an agent's change recorder, a
    /// monitor): the item as it is now, with its payload. Returns false when
    /// its payload cannot be read (it is then left out).
    bool applyChange(const Akonadi::Item &item, const Akonadi::Collection &collection);
    /// Forgets an item of the index (any other id is ignored).
    void applyRemoval(qint64 itemId);

    /// Writes the index file now (an agent saves a moment after changes, and
    /// on quit). An index read in place from its file (readsIndexInPlace())
    /// then reads it back, so that what it held in memory is let go.
    bool save();
    /// Whether the changes since the file was read or written are worth
    /// writing it (a few changed items are left to the next open).
    bool needsSave() const;

    /// Asks whoever keeps this index's file current (IndexKeeper::asker())
    /// what it vouches for; answers once, from the event loop, with nothing
    /// when nobody does.
    using KeeperAnswer = std::function<void(const std::optional<IndexVouch> &vouch)>;
    using AskKeeper = std::function<void(const QString &filePath, const KeeperAnswer &answer)>;
    /// open() then asks @p ask first, and when the keeper vouches for the
    /// very file it read, reads the few items the keeper names instead of
    /// asking the storage what changed (see IndexVouch).
    void setKeeper(const AskKeeper &ask);
    /// What this process vouches for (it keeps the index; see IndexKeeper):
    /// the file in place is the one it last read or wrote, and every change
    /// it applied since is named. Nothing when the file was replaced by
    /// another process, or when too much changed since (it should be
    /// written then).
    std::optional<IndexVouch> vouch() const;

    const Akonadi::Collection::List &collections() const;

    QString filePath() const;
    /// How the last open went, for benchmarks and tests.
    struct Stats {
        bool loadedFromFile = false;
        /// The file was summed and walked whole (the first open of a file
        /// this code did not write); false when its mark said it passed
        /// before or its writer marked it (CheckedFile).
        bool checkedWhole = false;
        int changedItems = 0;
        int rebuiltCollections = 0;
        /// Brought up to date as its keeper vouched, without a listing.
        bool vouched = false;
    };
    Stats lastStats() const;

Q_SIGNALS:
    /// The index changed after a change notification.
    void changed();

protected:
    ItemIndexCache(const Akonadi::Collection::List &collections, ItemStorage &storage, const QString &name, quint32 formatVersion);

    /// Puts what @p item says into the index (replacing what it said
    /// before). Returns false when its payload cannot be read: the item is
    /// then left out, and counted so its collection's count still matches.
    virtual bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) = 0;
    virtual void unindexItem(qint64 itemId) = 0;
    virtual void clearIndex() = 0;
    virtual void writeIndex(QDataStream &out) const = 0;
    virtual void readIndex(QDataStream &in) = 0;
    /// Whether readIndex() leaves the index where it lies in the mapped file
    /// (changes since then are held in memory beside it until read back).
    virtual bool readsIndexInPlace() const
    {
        return false;
    }

    /// While readIndex() runs: the file, mapped, and a block that
    /// writeIndex() wrote as a QByteArray at the stream's position, where it
    /// lies in the file (the caller keeps @p file; the block is skipped in
    /// @p in). False when the stream holds no such block.
    bool blockInFile(QDataStream &in, std::shared_ptr<const MappedFile> *file, QByteArrayView *block) const;
    /// While readIndex() reads: this very file passed its whole check
    /// before (see CheckedFile), so a block in it need not be walked again.
    bool loadingCheckedFile() const;

private:
    struct Refresh;
    bool load();
    bool loadFrom(const std::shared_ptr<const MappedFile> &file);
    void readBack(const std::shared_ptr<const MappedFile> &written);
    static quint32 checksumOf(const MappedFile &file, QByteArrayView payload);
    QByteArray writeMembers() const;
    bool readMembers(const QByteArray &bytes);
    bool apply(const Akonadi::Item &item, const Akonadi::Collection &collection);
    void visitChanged(const std::shared_ptr<Refresh> &refresh, qsizetype at);
    void compareRevisions(const std::shared_ptr<Refresh> &refresh, qsizetype at);
    void compareCounts(const std::shared_ptr<Refresh> &refresh);
    void rebuild(const std::shared_ptr<Refresh> &refresh, qsizetype at);
    void finish(const std::shared_ptr<Refresh> &refresh, const QString &error);
    int countOf(Akonadi::Collection::Id collection) const;
    void openAsVouched(const std::optional<IndexVouch> &vouch, const Done &done);
    /// Notes what a vouch must name (see vouch()).
    void noteChanged(qint64 itemId);
    void noteRemoved(qint64 itemId);
    /// Moves itemId into `into` and out of `from`, or gives up past maxVouchedItems.
    void noteSinceFile(qint64 itemId, QSet<qint64> &into, QSet<qint64> &from);
    void forgetNotes() const;

    Akonadi::Collection::List m_collections;
    ItemStorage &m_storage;
    std::shared_ptr<const MappedFile> m_loading; ///< the file while load() reads it
    bool m_loadingChecked = false;
    QString m_name;
    quint32 m_formatVersion;
    QDateTime m_watermark;
    ItemMembers m_members; ///< every item seen, readable or not, with the revision it had when indexed
    std::shared_ptr<const MappedFile> m_membersFile; ///< where m_members' records may lie
    Stats m_stats;
    std::unique_ptr<StorageMonitor> m_monitor;
    QTimer *m_saveTimer = nullptr;
    /// What changed since the file was read or written.
    struct Unsaved {
        qsizetype items = 0; ///< items added or changed
        bool mustSave = false; ///< something the next open would not find again
    };
    mutable Unsaved m_unsaved; // reset by save()
    qsizetype m_appliedSinceRead = 0; ///< changes applied since the file was last read
    /// The header of the file this process last read or wrote.
    struct FileIdentity {
        quint64 payloadSize = 0;
        quint32 checksum = 0;
    };
    mutable std::optional<FileIdentity> m_file;
    /// Items changed and removed since that file, for vouch(); left
    /// uncounted (and no vouch given) once there are too many.
    mutable QSet<qint64> m_changedSinceFile;
    mutable QSet<qint64> m_removedSinceFile;
    mutable bool m_tooManySinceFile = false;
    AskKeeper m_askKeeper;
};

} // namespace Crm
