// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmsession.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "crmplugin_debug.h"
#include "identity/currentuser.h"
#include "tasks/taskservice.h"

#include <QTimer>

#include <utility>

namespace Crm
{

CrmSession::CrmSession(QObject *parent)
    : QObject(parent)
    , m_directory(std::make_unique<Directory>())
    , m_calendar(std::make_unique<CalendarSession>())
{
}

// The task service refers to the calendar session: it goes first.
CrmSession::~CrmSession()
{
    m_tasks.reset();
}

void CrmSession::open()
{
    // The address books are made on first use, as crmctl does; a missing
    // calendar only means no timeline yet, so it is made by the first
    // write (ensureCalendar), not here.
    m_directory->open(Directory::OpenMode::CreateIfMissing, [this](const QString &error) {
        if (!error.isEmpty()) {
            qCWarning(CRM_PLUGIN_LOG) << "cannot open the directory:" << error;
            Q_EMIT failed(error);
            return;
        }
        m_directory->cache().follow();
        m_directoryReady = true;
        Q_EMIT directoryReady();
    });
    m_calendarState = CalendarState::Opening;
    m_calendar->open(CalendarSession::OpenMode::Existing, [this](const QString &error) {
        if (!error.isEmpty()) {
            qCDebug(CRM_PLUGIN_LOG) << "no CRM calendar:" << error;
            m_calendarState = CalendarState::Missing;
            // Someone asked for it meanwhile: make it now.
            if (!m_waitingForCalendar.empty()) {
                createCalendar();
            }
            return;
        }
        calendarOpened();
        calendarAnswered({});
    });
}

void CrmSession::calendarOpened()
{
    m_calendar->cache().follow();
    connect(&m_calendar->cache(), &ItemIndexCache::changed, this, &CrmSession::calendarChanged);
    m_tasks = std::make_unique<TaskService>(*m_calendar);
    for (const QString &problem : m_tasks->cycleProblems()) {
        qCWarning(CRM_PLUGIN_LOG) << "business cycle refused:" << problem;
    }
    m_calendarState = CalendarState::Ready;
    m_calendarReady = true;
    Q_EMIT calendarReady();
}

void CrmSession::ensureCalendar(const std::function<void(const QString &error)> &done)
{
    if (m_calendarState == CalendarState::Ready) {
        QTimer::singleShot(0, this, [done] {
            done({});
        });
        return;
    }
    m_waitingForCalendar.push_back(done);
    // While it is being opened or made, the answer comes with that.
    if (m_calendarState == CalendarState::Missing || m_calendarState == CalendarState::Closed) {
        createCalendar();
    }
}

void CrmSession::createCalendar()
{
    m_calendarState = CalendarState::Creating;
    m_calendar->open(CalendarSession::OpenMode::CreateIfMissing, [this](const QString &error) {
        if (!error.isEmpty()) {
            qCWarning(CRM_PLUGIN_LOG) << "cannot make the CRM calendar:" << error;
            m_calendarState = CalendarState::Missing;
            calendarAnswered(error);
            return;
        }
        calendarOpened();
        calendarAnswered({});
    });
}

void CrmSession::calendarAnswered(const QString &error)
{
    const auto waiting = std::exchange(m_waitingForCalendar, {});
    for (const auto &done : waiting) {
        done(error);
    }
}

bool CrmSession::isDirectoryReady() const
{
    return m_directoryReady;
}

Directory &CrmSession::directory()
{
    return *m_directory;
}

DirectoryIndexCache *CrmSession::directoryCache()
{
    return m_directoryReady ? &m_directory->cache() : nullptr;
}

const CalendarIndex *CrmSession::calendarIndex() const
{
    return m_calendarReady ? &m_calendar->index() : nullptr;
}

CalendarSession *CrmSession::calendar()
{
    return m_calendarReady ? m_calendar.get() : nullptr;
}

ItemStorage &CrmSession::storage()
{
    return m_calendarReady ? m_calendar->storage() : m_directory->storage();
}

TaskService *CrmSession::tasks()
{
    return m_tasks.get();
}

QString CrmSession::counterpartyName(const QString &uid) const
{
    if (uid.isEmpty() || !m_directoryReady) {
        return uid;
    }
    const std::optional<DirectoryEntry> entry = m_directory->index().firstByUid(uid);
    return entry ? entry->displayName : uid;
}

QString CrmSession::currentUser()
{
    return CurrentUser::find().email;
}

} // namespace Crm
