// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmsession.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "crmplugin_debug.h"

namespace Crm
{

CrmSession::CrmSession(QObject *parent)
    : QObject(parent)
    , m_directory(std::make_unique<Directory>())
    , m_calendar(std::make_unique<CalendarSession>())
{
}

CrmSession::~CrmSession() = default;

void CrmSession::open()
{
    // The address books are made on first use, as crmctl does; a missing
    // calendar only means no timeline yet, so it is not created here.
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
    m_calendar->open(CalendarSession::OpenMode::Existing, [this](const QString &error) {
        if (!error.isEmpty()) {
            qCDebug(CRM_PLUGIN_LOG) << "no CRM calendar:" << error;
            return;
        }
        m_calendar->cache().follow();
        connect(&m_calendar->cache(), &ItemIndexCache::changed, this, &CrmSession::calendarChanged);
        m_calendarReady = true;
        Q_EMIT calendarReady();
    });
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

} // namespace Crm
