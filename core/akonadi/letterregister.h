// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/kindtree.h"
#include "domain/letter.h"
#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>
#include <KJob>

#include <memory>

namespace Crm
{

class CrmLock;
class ItemStorage;
class LetterIndexCache;

/// The lock (see CrmLock) under which a number is given and the letter
/// written, and how long a registration waits for it.
KONTACTCRMCORE_EXPORT QString registerLockName();

/// Registers one letter in the register folder: under the "register"
/// CrmLock it reads the highest number of the letter's year and direction,
/// gives the next one and writes the message, so that two processes never
/// give the same number and none is skipped. The letter is checked by the
/// caller (validateLetter) before: nothing is numbered until it is written,
/// so a refused or failed registration uses up no number.
///
/// A register shared through a server (an IMAP folder, RegisterSyncJob) is
/// written by other machines that the lock does not reach. There the number
/// is settled after the message is on the server: the register is read
/// again, and when another letter of the folder carries the same number, the
/// one the server took first keeps it: the lower IMAP UID (the item's remote
/// id; UIDs grow in the order the server stores messages), and a letter in
/// the archive always. The other takes the next free number, under the lock,
/// and checks again. A letter that sees no earlier rival keeps its number
/// for good: every letter stored before it is visible to its check, and any
/// later one loses to it. Only a letter's own holder gives a number up, and
/// only to an earlier holder, so no number is left unused.
class KONTACTCRMCORE_EXPORT RegisterLetterJob : public KJob
{
    Q_OBJECT
public:
    RegisterLetterJob(const Letter &letter, const NumberPattern &pattern, const Akonadi::Collection &folder, QObject *parent = nullptr);
    ~RegisterLetterJob() override;
    void start() override;

    /// Registers @p email (an e-mail from KMail, as its raw bytes) as the
    /// letter: its headers and parts are kept, the register's headers added
    /// (LetterMapping::fileEmail). The letter's uid must be the e-mail's
    /// Message-ID: one e-mail is registered once.
    void setEmail(const QByteArray &email);
    /// The letter as registered: uid, number and sequence filled in.
    StoredLetter registered() const;

private:
    void readHighest();
    void readIndex();
    void write(int sequence);
    void settle(const Akonadi::Item &written, int round);
    void renumber(const Akonadi::Item &written, int round);
    void fail(const QString &error);
    void unsettled(const QString &error);

    Letter m_letter;
    NumberPattern m_pattern;
    Akonadi::Collection m_folder;
    Akonadi::Collection m_archive;
    bool m_shared = false;
    QByteArray m_email;
    std::unique_ptr<CrmLock> m_lock;
    std::unique_ptr<ItemStorage> m_storage;
    std::unique_ptr<LetterIndexCache> m_index;
    StoredLetter m_registered;
};

/// The name of the register's archive: a child folder of the register's
/// folder (DESIGN.md §3: "archive = a sub-folder"), so KMail shows it as a
/// folder of its own. Not translated: every process must find the same one.
KONTACTCRMCORE_EXPORT QString archiveFolderName();

/// Finds the archive folder below the register's folder, or creates it
/// (@p create) on first use. Without @p create and with no archive yet it
/// succeeds with an invalid collection. Creating runs under the caller's
/// "register" lock, so two processes never make two archives; should an
/// older version have made two, the oldest is used.
class KONTACTCRMCORE_EXPORT ArchiveFolderJob : public KJob
{
    Q_OBJECT
public:
    ArchiveFolderJob(const Akonadi::Collection &registerFolder, bool create, QObject *parent = nullptr);
    void start() override;
    Akonadi::Collection archive() const;

private:
    Akonadi::Collection m_register;
    bool m_create;
    Akonadi::Collection m_archive;
};

/// The letters of the register, by default those not archived; the
/// archive alone or both on request. Letters read from the archive have
/// archived set. Headers come from the register's LetterIndexCache, which
/// reads only what changed since the last run; the full letters (note and
/// attachments) are read from the messages.
class KONTACTCRMCORE_EXPORT ListLettersJob : public KJob
{
    Q_OBJECT
public:
    enum class Detail {
        Headers, ///< no note, no attachments: what a journal shows
        Full,
    };
    enum class Scope {
        Current, ///< the register's folder: not archived
        Archived, ///< the archive folder only
        All,
    };
    ListLettersJob(const Akonadi::Collection &folder, Detail detail, QObject *parent = nullptr);
    ~ListLettersJob() override;
    void setScope(Scope scope);
    /// Only the letters @p filter matches (its archived is set by the scope).
    void setFilter(const LetterFilter &filter);
    /// Only the letter @p ref names (see letterMatches).
    void setReference(const QString &ref);
    /// Items a monitor saw added, changed, moved or removed: read again by
    /// id, whatever their modification time and the folders' counts say (a
    /// letter archived elsewhere keeps its time, and right after the move
    /// the server may still count as before).
    void setChangedItems(const QList<qint64> &ids);
    void start() override;
    /// Newest first.
    QList<StoredLetter> letters() const;

private:
    void readIndex(const Akonadi::Collection &archive);
    void readMessages();
    void readChanged(const Akonadi::Collection &archive);
    void answer();
    LetterFilter scopedFilter() const;

    Akonadi::Collection m_folder;
    Detail m_detail;
    Scope m_scope = Scope::Current;
    LetterFilter m_filter;
    QString m_reference;
    QList<qint64> m_changed;
    std::unique_ptr<ItemStorage> m_storage; ///< the headers, for the index
    std::unique_ptr<LetterIndexCache> m_index;
    std::unique_ptr<ItemStorage> m_messages; ///< whole messages
    QList<StoredLetter> m_letters;
};

/// Moves letters into the archive (creating it on first use) or back into
/// the register's folder. Each letter is named by its number, its uid or
/// "#item id". Nothing is moved when any of them is unknown or already where
/// it should go (the error names it). The message is moved as it is, its
/// headers untouched. Runs under the "register" lock: a registration reads
/// the highest number from both folders, and must not miss a letter that is
/// between them.
class KONTACTCRMCORE_EXPORT ArchiveLettersJob : public KJob
{
    Q_OBJECT
public:
    enum class Action {
        Archive,
        Restore,
    };
    ArchiveLettersJob(const Akonadi::Collection &registerFolder, Action action, const QStringList &refs, QObject *parent = nullptr);
    ~ArchiveLettersJob() override;
    void start() override;
    /// The letters moved, as they are now.
    QList<StoredLetter> moved() const;

private:
    void withArchive(const Akonadi::Collection &archive);
    void fail(const QString &error);

    Akonadi::Collection m_register;
    Action m_action;
    QStringList m_refs;
    std::unique_ptr<CrmLock> m_lock;
    QList<StoredLetter> m_moved;
};

/// One edit of the register's classifier tree.
struct KONTACTCRMCORE_EXPORT KindEdit {
    enum class Type {
        Add,
        Rename,
        Move,
        Remove,
    };
    Type type = Type::Add;
    QStringList path;
    QString newName; ///< Rename
    QStringList newParent; ///< Move; empty: the top level
};

/// Edits the classifier tree kept in kontactcrmrc (KindTree) and makes the
/// letters follow: a rename or a move rewrites the kind header of every
/// letter of the kind or below it, archived ones included, before the tree
/// is saved (interrupted, the same edit again finishes it); removing a kind
/// that a letter uses, of its own or of a sub-kind, is refused with the
/// count of those letters. Runs under the "register" lock, so no letter is
/// registered or moved meanwhile. @p registerFolder may be invalid while
/// the register does not exist: then only the tree is edited.
class KONTACTCRMCORE_EXPORT EditKindsJob : public KJob
{
    Q_OBJECT
public:
    EditKindsJob(const Akonadi::Collection &registerFolder, const KindEdit &edit, QObject *parent = nullptr);
    ~EditKindsJob() override;
    void start() override;
    /// The tree as saved.
    KindTree tree() const;
    /// How many letters got a new kind.
    int rewritten() const;

private:
    void withLetters(const QList<StoredLetter> &letters);
    void rewrite(const Akonadi::Item::List &items, const QStringList &from, const QStringList &to);
    void save();
    void fail(const QString &error);

    Akonadi::Collection m_register;
    KindEdit m_edit;
    KindTree m_tree;
    int m_rewritten = 0;
    std::unique_ptr<CrmLock> m_lock;
};

/// Whether @p ref (a number, a uid or "#item id") names @p letter.
KONTACTCRMCORE_EXPORT bool letterMatches(const StoredLetter &letter, const QString &ref);

} // namespace Crm
