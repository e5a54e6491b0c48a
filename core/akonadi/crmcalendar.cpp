// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmcalendar.h"

#include "crmlock.h"
#include "resourcesetup.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QString icalDirResourceType = u"akonadi_icaldir_resource"_s;
const QString icalDirSettings = u"org.kde.Akonadi.ICalDirectory.Settings"_s;

KConfigGroup configGroup()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
}
} // namespace

QString CrmCalendar::defaultStoragePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/calendar"_s;
}

QString CrmCalendar::resourceName()
{
    return i18nc("@title name of the CRM calendar resource", "Kontact CRM");
}

bool CrmCalendar::ensure()
{
    return locate(true);
}

bool CrmCalendar::find()
{
    if (locate(false)) {
        return true;
    }
    if (m_error.isEmpty()) {
        m_error = i18n("The CRM calendar does not exist yet; add a task, an interaction or an event first.");
    }
    return false;
}

Akonadi::Collection CrmCalendar::collection() const
{
    return m_collection;
}

QString CrmCalendar::errorString() const
{
    return m_error;
}

bool CrmCalendar::locate(bool create)
{
    m_collection = ResourceSetup::fetchCollection(configGroup().readEntry("Calendar", Akonadi::Collection::Id(-1)));
    if (m_collection.isValid()) {
        return true;
    }
    // Find-or-create under the lock all CRM processes share (see CrmCollections::ensure).
    CrmLock lock(ResourceSetup::setupLockName());
    if (create) {
        if (!lock.lock(ResourceSetup::setupLockTimeoutMs, &m_error)) {
            return false;
        }
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        m_collection = ResourceSetup::fetchCollection(configGroup().readEntry("Calendar", Akonadi::Collection::Id(-1)));
        if (m_collection.isValid()) {
            return true;
        }
    }
    QString resource = ResourceSetup::findResource(icalDirResourceType, resourceName());
    if (resource.isEmpty()) {
        if (!create) {
            return false;
        }
        resource = ResourceSetup::createResource(icalDirResourceType, resourceName(), icalDirSettings, defaultStoragePath(), &m_error);
        if (resource.isEmpty()) {
            return false;
        }
    }
    m_collection = ResourceSetup::rootCollection(resource, &m_error);
    if (!m_collection.isValid()) {
        return false;
    }
    KConfigGroup group = configGroup();
    group.writeEntry("Calendar", m_collection.id());
    group.sync();
    return true;
}

} // namespace Crm
