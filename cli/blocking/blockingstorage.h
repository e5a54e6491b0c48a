// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/calendarsession.h"
#include "akonadi/collectionlocator.h"
#include "akonadi/directory.h"
#include "akonadi/directoryimporter.h"
#include "akonadi/letterregister.h"
#include "storage/itemstorage.h"
#include "tasks/taskservice.h"

#include <QEventLoop>

#include <memory>
#include <optional>

/// The blocking face of the asynchronous core, for crmctl, the tests and
/// the benchmarks, which have no main loop of their own: each call starts
/// the asynchronous work and runs a local event loop until it reports.
/// Nothing in core/, agents/ or plugin/ may use it: a nested loop in an
/// agent or a view lets change notifications re-enter and freezes the UI.
namespace Crm
{

/// An asynchronous call started at once and waited for later, so that
/// crmctl can run two side by side (a card's directory look-up and its
/// calendar's refresh). Its answer may come while another wait runs.
template<typename Answer>
class PendingAnswer
{
public:
    /// @p call starts the work and hands it the callback that receives the answer.
    explicit PendingAnswer(const std::function<void(const std::function<void(const Answer &)> &)> &call)
        : m_state(std::make_shared<State>())
    {
        call([state = m_state](const Answer &a) {
            state->answer = a;
            if (state->loop) {
                state->loop->quit();
            }
        });
    }

    /// The answer, once it has come.
    Answer wait()
    {
        if (!m_state->answer) {
            QEventLoop loop;
            m_state->loop = &loop;
            loop.exec();
            m_state->loop = nullptr;
        }
        return *m_state->answer;
    }

private:
    struct State {
        std::optional<Answer> answer;
        QEventLoop *loop = nullptr;
    };
    std::shared_ptr<State> m_state; ///< also held by the callback, which may outlive this
};

/// Waits for the answer of an asynchronous call: @p call starts the work
/// and hands it the callback that receives the answer.
template<typename Answer>
Answer waitForAnswer(const std::function<void(const std::function<void(const Answer &)> &)> &call)
{
    return PendingAnswer<Answer>(call).wait();
}

/// Waits for a storage job. Returns false with the job's error in @p error;
/// @p done is called with the finished job.
bool waitFor(StorageJob *job, const std::function<void(StorageJob *)> &done = {}, QString *error = nullptr);

/// Runs @p start, which calls the function it is given once it is done
/// (with an error, or an empty string).
using DoneCallback = std::function<void(const QString &error)>;
bool waitForDone(const std::function<void(const DoneCallback &)> &start, QString *error = nullptr);

/// Opens @p directory / @p session and waits for it (crmctl and tests).
bool openNow(Directory &directory, Directory::OpenMode mode, QString *error = nullptr);
bool openNow(CalendarSession &session, CalendarSession::OpenMode mode, QString *error = nullptr);

/// The asynchronous calls of Directory, CalendarSession and TaskService,
/// waited for (crmctl and tests): same results, errors in @p error.
std::optional<CounterpartyCard> cardNow(Directory &directory, const DirectoryEntry &entry, QString *error = nullptr);
KCalendarCore::Incidence::Ptr loadNow(CalendarSession &session, qint64 itemId, Akonadi::Item *item = nullptr, QString *error = nullptr);
/// The item id, or -1.
qint64 saveNow(CalendarSession &session, const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &existing, QString *error = nullptr);
std::optional<TaskService::Loaded> loadNow(TaskService &service, const QString &ref, QString *error = nullptr);
QList<TaskService::Loaded> loadManyNow(TaskService &service, const QList<qint64> &ids, QString *error = nullptr);
std::optional<Task> addNow(TaskService &service, const Task &task, const QString &by, QString *error = nullptr);
std::optional<Task> moveNow(TaskService &service, const QString &ref, const QString &to, const QString &by, const QString &note, QString *error = nullptr);
std::optional<Task> updateNow(TaskService &service, const QString &ref, const Task &edited, const QString &by, QString *error = nullptr);
std::optional<Task> logResourceNow(TaskService &service, const QString &ref, const ResourceUse &use, QString *error = nullptr);

/// The storage calls, waited for.
Akonadi::Item::List fetchNow(ItemStorage &storage, const QList<Akonadi::Item::Id> &ids, QString *error = nullptr);
QList<StorageJob::Written> writeNow(ItemStorage &storage, const QList<ItemStorage::Write> &writes, int batchSize = 200);
/// Hands every item of @p collection to @p visit as the batches arrive.
bool visitNow(ItemStorage &storage,
              const Akonadi::Collection &collection,
              const std::function<void(const Akonadi::Item &)> &visit,
              QString *error = nullptr,
              const QDateTime &changedSince = {});

/// The CRM's address books / calendar as a CollectionLocator finds (or
/// creates) them; nothing on failure, with @p error.
std::optional<CrmCollections> addressBooksNow(CollectionLocator::Mode mode, QString *error = nullptr);
std::optional<Akonadi::Collection> calendarNow(CollectionLocator::Mode mode, QString *error = nullptr);
/// The correspondence register's folder (a maildir), found or created.
std::optional<Akonadi::Collection> registerFolderNow(CollectionLocator::Mode mode, QString *error = nullptr);
/// A RegisterLetterJob / ListLettersJob, waited for.
/// With @p email, that e-mail is registered as it is (RegisterLetterJob::setEmail).
std::optional<StoredLetter>
registerNow(const Letter &letter, const NumberPattern &pattern, const Akonadi::Collection &folder, QString *error = nullptr, const QByteArray &email = {});
std::optional<QList<StoredLetter>> lettersNow(const Akonadi::Collection &folder,
                                              ListLettersJob::Detail detail,
                                              QString *error = nullptr,
                                              ListLettersJob::Scope scope = ListLettersJob::Scope::Current,
                                              const LetterFilter &filter = {},
                                              const QString &reference = {});
/// An EditKindsJob, waited for: how many letters got a new kind.
std::optional<int> editKindsNow(const Akonadi::Collection &folder, const KindEdit &edit, QString *error = nullptr);
/// An ArchiveLettersJob, waited for: the letters moved.
std::optional<QList<StoredLetter>>
archiveNow(const Akonadi::Collection &folder, ArchiveLettersJob::Action action, const QStringList &refs, QString *error = nullptr);

/// A DirectoryImporter run to its end.
/// @p sliceSize: see DirectoryImporter::setSliceSize.
ImportReport importNow(Directory &directory, std::vector<std::unique_ptr<ImportSource>> sources, int sliceSize = 1000);

} // namespace Crm
