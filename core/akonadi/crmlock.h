// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QLockFile>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace Crm
{

/// A lock every process of one Akonadi instance shares (crmctl, the plugin,
/// the agents): a QLockFile beside the CRM's data, named after the instance.
/// Akonadi has no transactions a client can hold across jobs, so work that
/// must see its own reads still true when it writes (find-or-create, an
/// import's plan and writes) runs under one of these. A lock left by a
/// process that died is taken over.
class KONTACTCRMCORE_EXPORT CrmLock
{
public:
    /// @p name says what it guards, e.g. "import" or "setup".
    explicit CrmLock(const QString &name);
    ~CrmLock();
    CrmLock(const CrmLock &) = delete;
    CrmLock &operator=(const CrmLock &) = delete;

    /// Waits up to @p timeoutMs for the lock. False, with @p error, when
    /// another process keeps it longer or the file cannot be written.
    bool lock(int timeoutMs, QString *error);
    /// The same without blocking: tries now, then again every 100 ms while
    /// another process holds it, and reports to @p done (an empty error once
    /// it is held) from the event loop of @p context. A file lock sends no
    /// signal when it is released, so retrying is the only way to hear it.
    void lockLater(int timeoutMs, QObject *context, const std::function<void(const QString &error)> &done);
    void unlock();
    QString filePath() const;

private:
    /// One attempt; @p busy tells another process holds it.
    bool tryOnce(bool *busy);
    QString failure() const;
    QString m_path;
    std::unique_ptr<QLockFile> m_file;
};

} // namespace Crm
