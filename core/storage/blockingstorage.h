// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "storage/itemstorage.h"
#include "tasks/taskservice.h"

namespace Crm
{

/// Waits for a storage job in a local event loop: for crmctl and tests
/// only. Agents and views connect to KJob::result instead (a nested loop
/// there lets change notifications re-enter). Returns false with the job's
/// error in @p error; @p done is called with the finished job.
KONTACTCRMCORE_EXPORT bool waitFor(StorageJob *job, const std::function<void(StorageJob *)> &done = {}, QString *error = nullptr);

/// Runs @p start, which calls the function it is given once it is done
/// (with an error, or an empty string), in a local event loop: for crmctl
/// and tests only, like waitFor.
using DoneCallback = std::function<void(const QString &error)>;
KONTACTCRMCORE_EXPORT bool waitForDone(const std::function<void(const DoneCallback &)> &start, QString *error = nullptr);

/// Opens @p directory / @p session and waits for it (crmctl and tests).
KONTACTCRMCORE_EXPORT bool openNow(Directory &directory, Directory::OpenMode mode, QString *error = nullptr);
KONTACTCRMCORE_EXPORT bool openNow(CalendarSession &session, CalendarSession::OpenMode mode, QString *error = nullptr);

/// The asynchronous calls of Directory, CalendarSession and TaskService,
/// waited for (crmctl and tests): same results, errors in @p error.
KONTACTCRMCORE_EXPORT std::optional<CounterpartyCard> cardNow(Directory &directory, const DirectoryEntry &entry, QString *error = nullptr);
KONTACTCRMCORE_EXPORT KCalendarCore::Incidence::Ptr loadNow(CalendarSession &session, qint64 itemId, Akonadi::Item *item = nullptr, QString *error = nullptr);
/// The item id, or -1.
KONTACTCRMCORE_EXPORT qint64 saveNow(CalendarSession &session,
                                     const KCalendarCore::Incidence::Ptr &incidence,
                                     const Akonadi::Item &existing,
                                     QString *error = nullptr);
KONTACTCRMCORE_EXPORT std::optional<TaskService::Loaded> loadNow(TaskService &service, const QString &ref, QString *error = nullptr);
KONTACTCRMCORE_EXPORT QList<TaskService::Loaded> loadManyNow(TaskService &service, const QList<qint64> &ids, QString *error = nullptr);
KONTACTCRMCORE_EXPORT std::optional<Task> addNow(TaskService &service, const Task &task, const QString &by, QString *error = nullptr);
KONTACTCRMCORE_EXPORT std::optional<Task>
moveNow(TaskService &service, const QString &ref, const QString &to, const QString &by, const QString &note, QString *error = nullptr);
KONTACTCRMCORE_EXPORT std::optional<Task> logResourceNow(TaskService &service, const QString &ref, const ResourceUse &use, QString *error = nullptr);

} // namespace Crm
