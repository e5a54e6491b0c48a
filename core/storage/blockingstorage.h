// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "storage/itemstorage.h"

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

} // namespace Crm
