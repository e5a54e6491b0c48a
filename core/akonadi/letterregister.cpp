// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterregister.h"
#include "letterindexcache.h"
#include "registersync.h"
#include "writebarrier.h"

#include "storage/akonadiitemstorage.h"

#include "crmcore_debug.h"
#include "crmlock.h"
#include "mime/lettermapping.h"

#include <Akonadi/CollectionCreateJob>
#include <Akonadi/CollectionFetchJob>
#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/ItemModifyJob>
#include <Akonadi/ItemMoveJob>
#include <KLocalizedString>

#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
/// The payload part of a message's header (Akonadi::MessagePart::Header).
constexpr int registerLockTimeoutMs = 60000;

QList<StoredLetter> lettersOf(const Akonadi::Item::List &items, bool archived)
{
    QList<StoredLetter> letters;
    letters.reserve(items.size());
    for (const Akonadi::Item &item : items) {
        if (!item.hasPayload<KMime::Message::Ptr>()) {
            continue;
        }
        const auto message = item.payload<KMime::Message::Ptr>();
        // Mail filed into the register folder by hand is not a register entry.
        if (!LetterMapping::isLetter(message)) {
            continue;
        }
        Letter letter = LetterMapping::letterFrom(message);
        letter.archived = archived;
        letters.append(StoredLetter{item.id(), letter});
    }
    return letters;
}
/// Calls @p done with the item @p id once its resource has given it a remote
/// id other than @p old: an IMAP resource stores a changed message anew, under
/// a new UID. (WriteBarrier looks at the modification time, which a commit
/// in the same second as the change does not move.) An invalid item when the
/// resource has not done it within WriteBarrier::stallTimeoutMs().
void waitForNewRemoteId(Akonadi::Item::Id id, const QString &old, QObject *context, const std::function<void(const Akonadi::Item &)> &done, int waitedMs = 0)
{
    auto fetch = new Akonadi::ItemFetchJob(Akonadi::Item(id), context);
    QObject::connect(fetch, &KJob::result, context, [fetch, id, old, context, done, waitedMs] {
        const Akonadi::Item now = fetch->error() || fetch->items().isEmpty() ? Akonadi::Item() : fetch->items().constFirst();
        if (now.isValid() && !now.remoteId().isEmpty() && now.remoteId() != old) {
            done(now);
            return;
        }
        if (waitedMs >= WriteBarrier::stallTimeoutMs()) {
            done(Akonadi::Item());
            return;
        }
        const int pause = std::min(20 + waitedMs / 4, 200);
        QTimer::singleShot(pause, context, [id, old, context, done, waitedMs, pause] {
            waitForNewRemoteId(id, old, context, done, waitedMs + pause);
        });
    });
}
} // namespace

QString registerLockName()
{
    return u"register"_s;
}

RegisterLetterJob::RegisterLetterJob(const Letter &letter, const NumberPattern &pattern, const Akonadi::Collection &folder, QObject *parent)
    : KJob(parent)
    , m_letter(letter)
    , m_pattern(pattern)
    , m_folder(folder)
{
}

RegisterLetterJob::~RegisterLetterJob() = default;

StoredLetter RegisterLetterJob::registered() const
{
    return m_registered;
}

void RegisterLetterJob::start()
{
    // Akonadi has no transaction a client can hold from a read to a write:
    // the lock all CRM processes share makes "read the highest, write the
    // next" one step.
    m_lock = std::make_unique<CrmLock>(registerLockName());
    m_lock->lockLater(registerLockTimeoutMs, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        readHighest();
    });
}

void RegisterLetterJob::setEmail(const QByteArray &email)
{
    m_email = email;
}

void RegisterLetterJob::readHighest()
{
    // Archived letters keep their numbers: the archive is read too.
    auto find = new ArchiveFolderJob(m_folder, false, this);
    connect(find, &KJob::result, this, [this, find] {
        if (find->error()) {
            fail(find->errorText());
            return;
        }
        m_archive = find->archive();
        m_shared = RegisterSyncJob::isShared(m_folder);
        if (!m_shared) {
            readIndex();
            return;
        }
        // What the other machines registered counts: read it in first, so
        // that the number given is rarely taken already (settle() decides).
        auto pull = new RegisterSyncJob(m_folder, this);
        connect(pull, &KJob::result, this, [this, pull] {
            if (pull->error()) {
                fail(pull->errorText());
                return;
            }
            readIndex();
        });
        pull->start();
    });
    find->start();
}

void RegisterLetterJob::readIndex()
{
    m_storage = std::make_unique<AkonadiItemStorage>(LetterIndexCache::payloadParts());
    m_index = std::make_unique<LetterIndexCache>(m_folder, m_archive, *m_storage);
    m_index->open([this](const QString &error) {
        if (!error.isEmpty()) {
            fail(i18n("Could not read the register: %1", error));
            return;
        }
        // Checked again under the lock: the kind may have been removed
        // from the tree since the caller validated the letter.
        if (!kindExists(configuredLetterKinds(), m_letter.kind)) {
            fail(i18n("The kind \"%1\" is no longer in the classifier", joinKindPath(m_letter.kind)));
            return;
        }
        const LetterIndex &index = m_index->index();
        if (!m_letter.uid.isEmpty()) {
            if (const auto same = index.findUid(m_letter.uid)) {
                fail(i18n("This document is registered already, as %1", same->number));
                return;
            }
        }
        write(index.highestSequence(m_letter.direction, m_letter.registrationDate.year()) + 1);
    });
}

void RegisterLetterJob::write(int sequence)
{
    Letter letter = m_letter;
    if (letter.uid.isEmpty()) {
        letter.uid = LetterMapping::newLetterUid();
    }
    letter.sequence = sequence;
    letter.number = m_pattern.format(letter.registrationDate.year(), sequence);
    if (!letter.documentDate.isValid()) {
        letter.documentDate = letter.registrationDate;
    }
    Akonadi::Item item;
    item.setMimeType(QString::fromLatin1(LetterMapping::mimeType));
    item.setPayload(m_email.isEmpty() ? LetterMapping::toMessage(letter) : LetterMapping::fileEmail(m_email, letter));
    auto create = new Akonadi::ItemCreateJob(item, m_folder, this);
    connect(create, &KJob::result, this, [this, create, letter] {
        if (create->error()) {
            fail(i18n("Could not store the letter: %1", create->errorString()));
            return;
        }
        // Stored in Akonadi's database: the next process to read sees it.
        m_lock.reset();
        m_registered = StoredLetter{create->item().id(), letter};
        qCDebug(CRM_CORE_LOG) << "registered" << letter.number << "as item" << create->item().id();
        // Done once the maildir holds it: a letter only Akonadi's cache has
        // is lost if the server stops before its resource writes it.
        WriteBarrier::waitCommitted(
            {create->item()},
            this,
            [this](const QHash<Akonadi::Item::Id, Akonadi::Item> &committed, const Akonadi::Item::List &stalled) {
                if (!stalled.isEmpty()) {
                    setError(UserDefinedError);
                    setErrorText(
                        i18n("%1 is registered, but its folder has not written it to disk yet; \"crmctl store sync\" tries again", m_registered.letter.number));
                    emitResult();
                    return;
                }
                if (m_shared && committed.contains(m_registered.itemId)) {
                    settle(committed.value(m_registered.itemId), 0);
                    return;
                }
                emitResult();
            });
    });
}

void RegisterLetterJob::settle(const Akonadi::Item &written, int round)
{
    // The message is on the server now, with its UID: read what the others
    // stored meanwhile, and look for another letter with the same number.
    // The read must begin after our message was stored (fresh).
    auto pull = new RegisterSyncJob(m_folder, this);
    pull->setFresh(true);
    connect(pull, &KJob::result, this, [this, pull, written, round] {
        if (pull->error()) {
            unsettled(pull->errorText());
            return;
        }
        m_index->refresh([this, written, round](const QString &error) {
            if (!error.isEmpty()) {
                unsettled(error);
                return;
            }
            const Letter &mine = m_registered.letter;
            LetterFilter year;
            year.direction = mine.direction;
            year.from = QDate(mine.registrationDate.year(), 1, 1);
            year.to = QDate(mine.registrationDate.year(), 12, 31);
            QList<Akonadi::Item::Id> rivals;
            const QList<StoredLetter> letters = m_index->index().find(year);
            for (const StoredLetter &s : letters) {
                if (s.letter.sequence == mine.sequence && s.itemId != m_registered.itemId) {
                    rivals << s.itemId;
                }
            }
            if (rivals.isEmpty()) {
                emitResult();
                return;
            }
            auto fetch = new Akonadi::ItemFetchJob(rivals, this);
            connect(fetch, &KJob::result, this, [this, fetch, written, round] {
                if (fetch->error()) {
                    unsettled(fetch->errorString());
                    return;
                }
                const qint64 myUid = written.remoteId().toLongLong();
                const auto items = fetch->items();
                const bool earlier = std::any_of(items.cbegin(), items.cend(), [this, myUid](const Akonadi::Item &rival) {
                    // A rival not on the server yet gets a higher UID than ours.
                    bool ok = false;
                    const qint64 uid = rival.remoteId().toLongLong(&ok);
                    return rival.parentCollection().id() == m_archive.id() || (ok && uid < myUid);
                });
                if (!earlier) {
                    emitResult();
                    return;
                }
                qCInfo(CRM_CORE_LOG) << m_registered.letter.number << "was given first on another machine; taking the next free number";
                renumber(written, round);
            });
        });
    });
    pull->start();
}

void RegisterLetterJob::renumber(const Akonadi::Item &written, int round)
{
    // Each round some machine keeps its number: with n machines at once, n
    // rounds at most. Far more means something else is wrong.
    constexpr int maxRounds = 50;
    if (round >= maxRounds) {
        unsettled(i18n("the number was taken %1 times in a row", round));
        return;
    }
    m_lock = std::make_unique<CrmLock>(registerLockName());
    m_lock->lockLater(registerLockTimeoutMs, this, [this, written, round](const QString &lockError) {
        if (!lockError.isEmpty()) {
            unsettled(lockError);
            return;
        }
        m_index->refresh([this, written, round](const QString &error) {
            if (!error.isEmpty()) {
                unsettled(error);
                return;
            }
            Letter &letter = m_registered.letter;
            const QString was = letter.number;
            letter.sequence = m_index->index().highestSequence(letter.direction, letter.registrationDate.year()) + 1;
            letter.number = m_pattern.format(letter.registrationDate.year(), letter.sequence);
            auto fetch = new Akonadi::ItemFetchJob(written, this);
            fetch->fetchScope().fetchFullPayload();
            connect(fetch, &KJob::result, this, [this, fetch, was, written, round] {
                if (fetch->error() || fetch->items().size() != 1 || !fetch->items().constFirst().hasPayload<KMime::Message::Ptr>()) {
                    unsettled(fetch->errorString());
                    return;
                }
                Akonadi::Item item = fetch->items().constFirst();
                const auto message = item.payload<KMime::Message::Ptr>();
                LetterMapping::setNumber(message, m_registered.letter.number, m_registered.letter.sequence);
                item.setPayload(message);
                auto modify = new Akonadi::ItemModifyJob(item, this);
                connect(modify, &KJob::result, this, [this, modify, was, written, round] {
                    if (modify->error()) {
                        unsettled(modify->errorString());
                        return;
                    }
                    m_lock.reset();
                    qCInfo(CRM_CORE_LOG) << was << "is now" << m_registered.letter.number;
                    waitForNewRemoteId(m_registered.itemId, written.remoteId(), this, [this, round](const Akonadi::Item &now) {
                        if (!now.isValid()) {
                            unsettled(i18n("the folder has not written the new number yet"));
                            return;
                        }
                        settle(now, round + 1);
                    });
                });
            });
        });
    });
}

void RegisterLetterJob::unsettled(const QString &error)
{
    m_lock.reset();
    setError(UserDefinedError);
    setErrorText(i18n("%1 is registered, but could not be checked against the other machines sharing the register: %2", m_registered.letter.number, error));
    emitResult();
}

void RegisterLetterJob::fail(const QString &error)
{
    m_lock.reset();
    setError(UserDefinedError);
    setErrorText(error);
    emitResult();
}

QString archiveFolderName()
{
    return u"Archive"_s;
}

bool letterMatches(const StoredLetter &letter, const QString &ref)
{
    return letter.letter.number == ref || letter.letter.uid == ref || u'#' + QString::number(letter.itemId) == ref;
}

ArchiveFolderJob::ArchiveFolderJob(const Akonadi::Collection &registerFolder, bool create, QObject *parent)
    : KJob(parent)
    , m_register(registerFolder)
    , m_create(create)
{
}

Akonadi::Collection ArchiveFolderJob::archive() const
{
    return m_archive;
}

void ArchiveFolderJob::start()
{
    auto fetch = new Akonadi::CollectionFetchJob(m_register, Akonadi::CollectionFetchJob::FirstLevel, this);
    connect(fetch, &KJob::result, this, [this, fetch] {
        if (fetch->error()) {
            setError(UserDefinedError);
            setErrorText(i18n("Could not read the register's folders: %1", fetch->errorString()));
            emitResult();
            return;
        }
        Akonadi::Collection::List named = fetch->collections();
        named.removeIf([](const Akonadi::Collection &c) {
            return c.name() != archiveFolderName();
        });
        if (!named.isEmpty() || !m_create) {
            std::sort(named.begin(), named.end(), [](const Akonadi::Collection &a, const Akonadi::Collection &b) {
                return a.id() < b.id();
            });
            m_archive = named.value(0);
            emitResult();
            return;
        }
        Akonadi::Collection archive;
        archive.setParentCollection(m_register);
        archive.setName(archiveFolderName());
        archive.setContentMimeTypes({QString::fromLatin1(LetterMapping::mimeType), Akonadi::Collection::mimeType()});
        auto create = new Akonadi::CollectionCreateJob(archive, this);
        connect(create, &KJob::result, this, [this, create] {
            if (create->error()) {
                setError(UserDefinedError);
                setErrorText(i18n("Could not create the register's archive: %1", create->errorString()));
            } else {
                m_archive = create->collection();
                qCDebug(CRM_CORE_LOG) << "created the register's archive" << m_archive.id();
            }
            emitResult();
        });
    });
}

ListLettersJob::ListLettersJob(const Akonadi::Collection &folder, Detail detail, QObject *parent)
    : KJob(parent)
    , m_folder(folder)
    , m_detail(detail)
{
}

ListLettersJob::~ListLettersJob() = default;

QList<StoredLetter> ListLettersJob::letters() const
{
    return m_letters;
}

void ListLettersJob::setScope(Scope scope)
{
    m_scope = scope;
}

void ListLettersJob::setFilter(const LetterFilter &filter)
{
    m_filter = filter;
}

LetterFilter ListLettersJob::scopedFilter() const
{
    LetterFilter filter = m_filter;
    if (m_scope != Scope::All) {
        filter.archived = m_scope == Scope::Archived;
    }
    return filter;
}

void ListLettersJob::setReference(const QString &ref)
{
    m_reference = ref;
}

void ListLettersJob::start()
{
    auto find = new ArchiveFolderJob(m_folder, false, this);
    connect(find, &KJob::result, this, [this, find] {
        if (find->error()) {
            setError(UserDefinedError);
            setErrorText(find->errorText());
            emitResult();
            return;
        }
        readIndex(find->archive());
    });
    find->start();
}

void ListLettersJob::readIndex(const Akonadi::Collection &archive)
{
    m_storage = std::make_unique<AkonadiItemStorage>(LetterIndexCache::payloadParts());
    m_index = std::make_unique<LetterIndexCache>(m_folder, archive, *m_storage);
    m_index->open([this, archive](const QString &error) {
        if (!error.isEmpty()) {
            setError(UserDefinedError);
            setErrorText(i18n("Could not read the register: %1", error));
            emitResult();
            return;
        }
        if (m_changed.isEmpty()) {
            answer();
        } else {
            readChanged(archive);
        }
    });
}

void ListLettersJob::setChangedItems(const QList<qint64> &ids)
{
    m_changed = ids;
}

void ListLettersJob::readChanged(const Akonadi::Collection &archive)
{
    StorageJob *job = m_storage->fetch(m_changed);
    connect(job, &KJob::result, this, [this, job, archive] {
        if (job->error()) {
            setError(UserDefinedError);
            setErrorText(i18n("Could not read the register: %1", job->errorString()));
            emitResult();
            return;
        }
        QSet<qint64> found;
        const Akonadi::Item::List items = job->items();
        for (const Akonadi::Item &item : items) {
            const Akonadi::Collection::Id in = item.parentCollection().id();
            if (in == m_folder.id() || (archive.isValid() && in == archive.id())) {
                m_index->applyChange(item, item.parentCollection());
                found.insert(item.id());
            }
        }
        for (const qint64 id : std::as_const(m_changed)) {
            if (!found.contains(id)) {
                m_index->applyRemoval(id); // gone, or moved out of the register
            }
        }
        m_index->save();
        answer();
    });
}

void ListLettersJob::answer()
{
    m_letters = m_index->index().find(scopedFilter());
    if (!m_reference.isEmpty()) {
        m_letters.removeIf([this](const StoredLetter &s) {
            return !letterMatches(s, m_reference);
        });
    }
    if (m_detail == Detail::Full) {
        readMessages();
    } else {
        emitResult();
    }
}

void ListLettersJob::readMessages()
{
    // The index found which letters; their messages give the rest.
    QList<Akonadi::Item::Id> ids;
    ids.reserve(m_letters.size());
    for (const StoredLetter &s : std::as_const(m_letters)) {
        ids << s.itemId;
    }
    m_messages = std::make_unique<AkonadiItemStorage>();
    StorageJob *job = m_messages->fetch(ids);
    connect(job, &KJob::result, this, [this, job] {
        if (job->error()) {
            setError(UserDefinedError);
            setErrorText(i18n("Could not read the register: %1", job->errorString()));
            emitResult();
            return;
        }
        QHash<Akonadi::Item::Id, Letter> full;
        for (const StoredLetter &s : lettersOf(job->items(), false)) {
            full.insert(s.itemId, s.letter);
        }
        QList<StoredLetter> letters;
        for (const StoredLetter &s : std::as_const(m_letters)) {
            const auto it = full.constFind(s.itemId);
            if (it != full.cend()) { // gone since the index was read: left out
                letters.append(StoredLetter{s.itemId, *it});
                letters.last().letter.archived = s.letter.archived;
            }
        }
        m_letters = letters;
        emitResult();
    });
}

ArchiveLettersJob::ArchiveLettersJob(const Akonadi::Collection &registerFolder, Action action, const QStringList &refs, QObject *parent)
    : KJob(parent)
    , m_register(registerFolder)
    , m_action(action)
    , m_refs(refs)
{
}

ArchiveLettersJob::~ArchiveLettersJob() = default;

QList<StoredLetter> ArchiveLettersJob::moved() const
{
    return m_moved;
}

void ArchiveLettersJob::start()
{
    m_lock = std::make_unique<CrmLock>(registerLockName());
    m_lock->lockLater(registerLockTimeoutMs, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        auto find = new ArchiveFolderJob(m_register, m_action == Action::Archive, this);
        connect(find, &KJob::result, this, [this, find] {
            if (find->error()) {
                fail(find->errorText());
            } else {
                withArchive(find->archive());
            }
        });
        find->start();
    });
}

void ArchiveLettersJob::withArchive(const Akonadi::Collection &archive)
{
    auto list = new ListLettersJob(m_register, ListLettersJob::Detail::Headers, this);
    list->setScope(ListLettersJob::Scope::All);
    connect(list, &KJob::result, this, [this, list, archive] {
        if (list->error()) {
            fail(list->errorText());
            return;
        }
        const QList<StoredLetter> letters = list->letters();
        const bool archiving = m_action == Action::Archive;
        QStringList problems;
        Akonadi::Item::List items;
        for (const QString &ref : std::as_const(m_refs)) {
            const auto it = std::find_if(letters.cbegin(), letters.cend(), [&ref](const StoredLetter &s) {
                return letterMatches(s, ref);
            });
            if (it == letters.cend()) {
                problems << i18n("there is no letter \"%1\" in the register", ref);
            } else if (it->letter.archived == archiving) {
                problems << (archiving ? i18n("%1 is in the archive already", it->letter.number) : i18n("%1 is not in the archive", it->letter.number));
            } else if (std::none_of(items.cbegin(), items.cend(), [it](const Akonadi::Item &i) {
                           return i.id() == it->itemId;
                       })) {
                items << Akonadi::Item(it->itemId);
                StoredLetter moved = *it;
                moved.letter.archived = archiving;
                m_moved << moved;
            }
        }
        if (items.isEmpty() && problems.isEmpty()) {
            problems << i18n("name at least one letter");
        }
        if (!problems.isEmpty()) {
            m_moved.clear();
            fail(problems.join(u"; "_s));
            return;
        }
        // A letter the resource has not written yet (just registered, by
        // this or another program) is moved only once it has: moved before,
        // the resource's own write of it fails and the letter is lost.
        WriteBarrier::waitCommitted(
            items,
            this,
            [this, items, archive, archiving](const QHash<Akonadi::Item::Id, Akonadi::Item> &, const Akonadi::Item::List &stalled) {
                if (!stalled.isEmpty()) {
                    m_moved.clear();
                    fail(i18n("The register's folder has not written %1 of the letters yet; nothing was moved. Try again in a moment.", stalled.size()));
                    return;
                }
                auto move = new Akonadi::ItemMoveJob(items, archiving ? archive : m_register, this);
                connect(move, &KJob::result, this, [this, move] {
                    if (move->error()) {
                        m_moved.clear();
                        fail(i18n("Could not move the letters: %1", move->errorString()));
                        return;
                    }
                    m_lock.reset();
                    emitResult();
                });
            });
    });
    list->start();
}

void ArchiveLettersJob::fail(const QString &error)
{
    m_lock.reset();
    setError(UserDefinedError);
    setErrorText(error);
    emitResult();
}

EditKindsJob::EditKindsJob(const Akonadi::Collection &registerFolder, const KindEdit &edit, QObject *parent)
    : KJob(parent)
    , m_register(registerFolder)
    , m_edit(edit)
{
}

EditKindsJob::~EditKindsJob() = default;

KindTree EditKindsJob::tree() const
{
    return m_tree;
}

int EditKindsJob::rewritten() const
{
    return m_rewritten;
}

void EditKindsJob::start()
{
    m_lock = std::make_unique<CrmLock>(registerLockName());
    m_lock->lockLater(registerLockTimeoutMs, this, [this](const QString &lockError) {
        if (!lockError.isEmpty()) {
            fail(lockError);
            return;
        }
        // Read under the lock: another process may have edited it just now.
        m_tree = KindTree::configured();
        QString error;
        bool done = false;
        switch (m_edit.type) {
        case KindEdit::Type::Add:
            done = m_tree.add(m_edit.path, &error);
            break;
        case KindEdit::Type::Rename:
            done = m_tree.rename(m_edit.path, m_edit.newName, &error);
            break;
        case KindEdit::Type::Move:
            done = m_tree.move(m_edit.path, m_edit.newParent, &error);
            break;
        case KindEdit::Type::Remove:
            done = m_tree.remove(m_edit.path, &error);
            break;
        }
        if (!done) {
            fail(error);
            return;
        }
        if (m_edit.type == KindEdit::Type::Add || !m_register.isValid()) {
            save();
            return;
        }
        auto list = new ListLettersJob(m_register, ListLettersJob::Detail::Headers, this);
        list->setScope(ListLettersJob::Scope::All);
        connect(list, &KJob::result, this, [this, list] {
            if (list->error()) {
                fail(list->errorText());
            } else {
                withLetters(list->letters());
            }
        });
        list->start();
    });
}

void EditKindsJob::withLetters(const QList<StoredLetter> &letters)
{
    const QStringList from = m_edit.path;
    Akonadi::Item::List using_;
    QList<Letter> plain;
    for (const StoredLetter &s : letters) {
        plain.append(s.letter);
        if (KindTree::isWithin(s.letter.kind, from)) {
            using_.append(Akonadi::Item(s.itemId));
        }
    }
    if (m_edit.type == KindEdit::Type::Remove) {
        const int count = lettersUsing(plain, from);
        if (count > 0) {
            fail(i18np("The kind \"%2\" is not removed: one letter is of it or of a kind below it",
                       "The kind \"%2\" is not removed: %1 letters are of it or of a kind below it",
                       count,
                       joinKindPath(from)));
            return;
        }
        save();
        return;
    }
    const QStringList to = m_edit.type == KindEdit::Type::Rename ? from.mid(0, from.size() - 1) + QStringList{m_edit.newName.trimmed()}
                                                                 : m_edit.newParent + QStringList{from.constLast()};
    if (using_.isEmpty()) {
        save();
        return;
    }
    auto fetch = new Akonadi::ItemFetchJob(using_, this);
    fetch->fetchScope().fetchFullPayload();
    connect(fetch, &KJob::result, this, [this, fetch, from, to] {
        if (fetch->error()) {
            fail(i18n("Could not read the letters of the kind \"%1\": %2", joinKindPath(from), fetch->errorString()));
            return;
        }
        rewrite(fetch->items(), from, to);
    });
}

void EditKindsJob::rewrite(const Akonadi::Item::List &items, const QStringList &from, const QStringList &to)
{
    if (items.isEmpty()) {
        save();
        return;
    }
    Akonadi::Item item = items.constFirst();
    if (!item.hasPayload<KMime::Message::Ptr>()) {
        rewrite(items.mid(1), from, to);
        return;
    }
    // The stored message keeps every other header and part: only its kind changes.
    const auto message = item.payload<KMime::Message::Ptr>();
    LetterMapping::setKind(message, KindTree::rebased(LetterMapping::letterFrom(message).kind, from, to));
    item.setPayload(message);
    auto modify = new Akonadi::ItemModifyJob(item, this);
    connect(modify, &KJob::result, this, [this, modify, items, from, to] {
        if (modify->error()) {
            fail(i18n("Could not give a letter its new kind: %1; %2 letters have it, run the same edit again to finish", modify->errorString(), m_rewritten));
            return;
        }
        ++m_rewritten;
        rewrite(items.mid(1), from, to);
    });
}

void EditKindsJob::save()
{
    m_tree.save();
    m_lock.reset();
    emitResult();
}

void EditKindsJob::fail(const QString &error)
{
    m_lock.reset();
    setError(UserDefinedError);
    setErrorText(error);
    emitResult();
}

} // namespace Crm
