// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmlock.h"

#include "crmcore_debug.h"

#include <Akonadi/ServerManager>
#include <KLocalizedString>

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

CrmLock::CrmLock(const QString &name)
    // Beside the index files: the data folder follows the Akonadi instance
    // (test servers and private demo servers get their own).
    : m_path(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/"_s + Akonadi::ServerManager::addNamespace(name)
             + u".lock"_s)
{
}

CrmLock::~CrmLock()
{
    unlock();
}

QString CrmLock::filePath() const
{
    return m_path;
}

bool CrmLock::lock(int timeoutMs, QString *error)
{
    bool busy = false;
    if (tryOnce(&busy)) {
        return true;
    }
    if (busy) {
        qint64 pid = 0;
        QString host;
        QString app;
        m_file->getLockInfo(&pid, &host, &app);
        qCInfo(CRM_CORE_LOG) << "waiting for" << app << pid << "to release" << m_path;
        if (m_file->tryLock(timeoutMs)) {
            return true;
        }
    }
    if (error) {
        *error = failure();
    }
    m_file.reset();
    return false;
}

bool CrmLock::tryOnce(bool *busy)
{
    *busy = false;
    if (m_file && m_file->isLocked()) {
        return true;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file = std::make_unique<QLockFile>(m_path);
    // Held as long as an import runs, which may be minutes: only a dead
    // owner makes it stale, never its age.
    m_file->setStaleLockTime(0);
    if (m_file->tryLock(0)) {
        return true;
    }
    *busy = m_file->error() == QLockFile::LockFailedError;
    return false;
}

QString CrmLock::failure() const
{
    if (m_file && m_file->error() == QLockFile::LockFailedError) {
        return i18n("Another CRM process keeps %1 locked; try again when it has finished.", m_path);
    }
    return i18n("Could not create the lock file %1.", m_path);
}

void CrmLock::lockLater(int timeoutMs, QObject *context, const std::function<void(const QString &error)> &done)
{
    auto deadline = std::make_shared<QDeadlineTimer>(timeoutMs);
    auto attempt = std::make_shared<std::function<void()>>();
    *attempt = [this, context, done, deadline, attempt] {
        bool busy = false;
        if (tryOnce(&busy)) {
            done({});
        } else if (busy && !deadline->hasExpired()) {
            QTimer::singleShot(100, context, *attempt);
        } else {
            const QString error = failure();
            m_file.reset();
            done(error);
        }
        // Break the lambda's reference to itself once it has answered.
        if (!busy || deadline->hasExpired()) {
            QTimer::singleShot(0, context, [attempt] {
                *attempt = nullptr;
            });
        }
    };
    QTimer::singleShot(0, context, *attempt);
}

void CrmLock::unlock()
{
    if (m_file) {
        m_file->unlock();
        m_file.reset();
    }
}

} // namespace Crm
