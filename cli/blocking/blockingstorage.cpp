// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "blockingstorage.h"

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

bool waitFor(StorageJob *job, const std::function<void(StorageJob *)> &done, QString *error)
{
    QEventLoop loop;
    bool ok = false;
    QObject::connect(job, &KJob::result, &loop, [&](KJob *) {
        ok = job->error() == 0;
        if (!ok && error) {
            *error = job->errorString();
        }
        if (done) {
            done(job);
        }
        loop.quit();
    });
    loop.exec();
    return ok;
}

bool waitForDone(const std::function<void(const DoneCallback &)> &start, QString *error)
{
    const QString failure = waitForAnswer<QString>(start);
    if (error && !failure.isEmpty()) {
        *error = failure;
    }
    return failure.isEmpty();
}

bool openNow(Directory &directory, Directory::OpenMode mode, QString *error)
{
    return waitForDone(
        [&](const DoneCallback &done) {
            directory.open(mode, done);
        },
        error);
}

bool openNow(CalendarSession &session, CalendarSession::OpenMode mode, QString *error)
{
    return waitForDone(
        [&](const DoneCallback &done) {
            session.open(mode, done);
        },
        error);
}

namespace
{
/// Waits for one task call and keeps what it reported.
std::optional<Task> waitForTask(const std::function<void(const TaskService::TaskDone &)> &start, QString *error)
{
    std::optional<Task> out;
    waitForDone(
        [&](const DoneCallback &finished) {
            start([&out, finished](const std::optional<Task> &task, const QString &e) {
                out = task;
                finished(task ? QString() : (e.isEmpty() ? u"failed"_s : e));
            });
        },
        error);
    return out;
}
} // namespace

std::optional<CounterpartyCard> cardNow(Directory &directory, const DirectoryEntry &entry, QString *error)
{
    std::optional<CounterpartyCard> out;
    waitForDone(
        [&](const DoneCallback &finished) {
            directory.card(entry, [&out, finished](const std::optional<CounterpartyCard> &card, const QString &e) {
                out = card;
                finished(e);
            });
        },
        error);
    return out;
}

KCalendarCore::Incidence::Ptr loadNow(CalendarSession &session, qint64 itemId, Akonadi::Item *item, QString *error)
{
    KCalendarCore::Incidence::Ptr out;
    waitForDone(
        [&](const DoneCallback &finished) {
            session.load(itemId, [&out, item, finished](const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &loaded, const QString &e) {
                out = incidence;
                if (item) {
                    *item = loaded;
                }
                finished(e);
            });
        },
        error);
    return out;
}

qint64 saveNow(CalendarSession &session, const KCalendarCore::Incidence::Ptr &incidence, const Akonadi::Item &existing, QString *error)
{
    qint64 id = -1;
    waitForDone(
        [&](const DoneCallback &finished) {
            session.save(incidence, existing, [&id, finished](const Akonadi::Item &stored, const QString &e) {
                id = stored.isValid() ? stored.id() : -1;
                finished(e);
            });
        },
        error);
    return id;
}

std::optional<TaskService::Loaded> loadNow(TaskService &service, const QString &ref, QString *error)
{
    std::optional<TaskService::Loaded> out;
    waitForDone(
        [&](const DoneCallback &finished) {
            service.load(ref, [&out, finished](const std::optional<TaskService::Loaded> &loaded, const QString &e) {
                out = loaded;
                finished(e);
            });
        },
        error);
    return out;
}

QList<TaskService::Loaded> loadManyNow(TaskService &service, const QList<qint64> &ids, QString *error)
{
    QList<TaskService::Loaded> out;
    waitForDone(
        [&](const DoneCallback &finished) {
            service.loadMany(ids, [&out, finished](const QList<TaskService::Loaded> &loaded, const QString &e) {
                out = loaded;
                finished(e);
            });
        },
        error);
    return out;
}

std::optional<Task> addNow(TaskService &service, const Task &task, const QString &by, QString *error)
{
    return waitForTask(
        [&](const TaskService::TaskDone &done) {
            service.add(task, by, done);
        },
        error);
}

std::optional<Task> moveNow(TaskService &service, const QString &ref, const QString &to, const QString &by, const QString &note, QString *error)
{
    return waitForTask(
        [&](const TaskService::TaskDone &done) {
            service.move(ref, to, by, note, done);
        },
        error);
}

std::optional<Task> updateNow(TaskService &service, const QString &ref, const Task &edited, const QString &by, QString *error)
{
    return waitForTask(
        [&](const TaskService::TaskDone &done) {
            service.update(ref, edited, by, done);
        },
        error);
}

std::optional<Task> logResourceNow(TaskService &service, const QString &ref, const ResourceUse &use, QString *error)
{
    return waitForTask(
        [&](const TaskService::TaskDone &done) {
            service.logResource(ref, use, done);
        },
        error);
}

Akonadi::Item::List fetchNow(ItemStorage &storage, const QList<Akonadi::Item::Id> &ids, QString *error)
{
    Akonadi::Item::List items;
    waitFor(
        storage.fetch(ids),
        [&items](StorageJob *job) {
            items = job->items();
        },
        error);
    return items;
}

QList<StorageJob::Written> writeNow(ItemStorage &storage, const QList<ItemStorage::Write> &writes, int batchSize)
{
    QList<StorageJob::Written> written;
    QString error;
    waitFor(
        storage.write(writes, batchSize),
        [&written](StorageJob *job) {
            written = job->written();
        },
        &error);
    // A job that failed as a whole reports each write as failed.
    while (written.size() < writes.size()) {
        written << StorageJob::Written{Akonadi::Item(), error};
    }
    return written;
}

bool visitNow(ItemStorage &storage,
              const Akonadi::Collection &collection,
              const std::function<void(const Akonadi::Item &)> &visit,
              QString *error,
              const QDateTime &changedSince)
{
    return waitFor(storage.visit(collection,
                                 changedSince,
                                 [&visit](const Akonadi::Item::List &batch) {
                                     for (const Akonadi::Item &item : batch) {
                                         visit(item);
                                     }
                                 }),
                   {},
                   error);
}

namespace
{
/// A CollectionLocator run to its end; nullptr (with @p error) when it failed.
std::unique_ptr<CollectionLocator> locateNow(CollectionLocator::Store store, CollectionLocator::Mode mode, QString *error)
{
    auto locator = std::make_unique<CollectionLocator>(store, mode);
    locator->setAutoDelete(false);
    const QString failure = waitForAnswer<QString>([&locator](const std::function<void(const QString &)> &done) {
        QObject::connect(locator.get(), &KJob::result, locator.get(), [done](KJob *job) {
            done(job->error() ? job->errorText() : QString());
        });
        locator->start();
    });
    if (!failure.isEmpty()) {
        if (error) {
            *error = failure;
        }
        return nullptr;
    }
    return locator;
}
} // namespace

std::optional<CrmCollections> addressBooksNow(CollectionLocator::Mode mode, QString *error)
{
    const auto locator = locateNow(CollectionLocator::Store::AddressBooks, mode, error);
    if (!locator) {
        return std::nullopt;
    }
    return CrmCollections(locator->counterparties(), locator->employees());
}

std::optional<Akonadi::Collection> calendarNow(CollectionLocator::Mode mode, QString *error)
{
    const auto locator = locateNow(CollectionLocator::Store::Calendar, mode, error);
    if (!locator) {
        return std::nullopt;
    }
    return locator->calendar();
}

std::optional<Akonadi::Collection> registerFolderNow(CollectionLocator::Mode mode, QString *error)
{
    const auto locator = locateNow(CollectionLocator::Store::Register, mode, error);
    if (!locator) {
        return std::nullopt;
    }
    return locator->letters();
}

namespace
{
/// Runs @p job to its end; false with its error text in @p error.
bool runNow(KJob &job, QString *error)
{
    job.setAutoDelete(false);
    const QString failure = waitForAnswer<QString>([&job](const std::function<void(const QString &)> &done) {
        QObject::connect(&job, &KJob::result, &job, [done](KJob *j) {
            done(j->error() ? j->errorText() : QString());
        });
        job.start();
    });
    if (!failure.isEmpty() && error) {
        *error = failure;
    }
    return failure.isEmpty();
}
} // namespace

std::optional<StoredLetter>
registerNow(const Letter &letter, const NumberPattern &pattern, const Akonadi::Collection &folder, QString *error, const QByteArray &email)
{
    RegisterLetterJob job(letter, pattern, folder);
    job.setEmail(email);
    if (!runNow(job, error)) {
        return std::nullopt;
    }
    return job.registered();
}

std::optional<QList<StoredLetter>> lettersNow(const Akonadi::Collection &folder,
                                              ListLettersJob::Detail detail,
                                              QString *error,
                                              ListLettersJob::Scope scope,
                                              const LetterFilter &filter,
                                              const QString &reference)
{
    ListLettersJob job(folder, detail);
    job.setScope(scope);
    job.setFilter(filter);
    job.setReference(reference);
    if (!runNow(job, error)) {
        return std::nullopt;
    }
    return job.letters();
}

std::optional<int> editKindsNow(const Akonadi::Collection &folder, const KindEdit &edit, QString *error)
{
    EditKindsJob job(folder, edit);
    if (!runNow(job, error)) {
        return std::nullopt;
    }
    return job.rewritten();
}

std::optional<QList<StoredLetter>> archiveNow(const Akonadi::Collection &folder, ArchiveLettersJob::Action action, const QStringList &refs, QString *error)
{
    ArchiveLettersJob job(folder, action, refs);
    if (!runNow(job, error)) {
        return std::nullopt;
    }
    return job.moved();
}

ImportReport importNow(Directory &directory, std::vector<std::unique_ptr<ImportSource>> sources, int sliceSize)
{
    DirectoryImporter importer(directory, std::move(sources));
    importer.setSliceSize(sliceSize);
    importer.setAutoDelete(false);
    waitForAnswer<bool>([&importer](const std::function<void(const bool &)> &done) {
        QObject::connect(&importer, &KJob::result, &importer, [done] {
            done(true);
        });
        importer.start();
    });
    return importer.report();
}

} // namespace Crm
