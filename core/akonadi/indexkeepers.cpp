// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "indexkeepers.h"

#include "akonadi/calendarindexcache.h"
#include "akonadi/directoryindexcache.h"
#include "akonadi/indexkeeper.h"

#include <Akonadi/Session>

#include <QCoreApplication>

namespace Crm
{

IndexKeepers::IndexKeepers(QObject *parent)
    : QObject(parent)
{
    // Kept for the process's life, as Akonadi keeps its default session
    // (see calendarsession.cpp): one deleted at exit waits for its thread.
    m_storage.setListingSession([] {
        return new Akonadi::Session("crm-keepers-" + QByteArray::number(QCoreApplication::applicationPid()));
    });
}

IndexKeepers::~IndexKeepers() = default;

void IndexKeepers::keepDirectory(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees)
{
    if (!counterparties.isValid() || !employees.isValid() || (m_directory && m_directory->covers(counterparties) && m_directory->covers(employees))) {
        return;
    }
    delete m_directory;
    m_directory = new IndexKeeper(DirectoryIndexCache::keeperName(), std::make_unique<DirectoryIndexCache>(counterparties, employees, m_storage), this);
    m_directory->start();
}

void IndexKeepers::keepCalendar(const Akonadi::Collection &calendar)
{
    if (!calendar.isValid() || (m_calendar && m_calendar->covers(calendar))) {
        return;
    }
    delete m_calendar;
    m_calendar = new IndexKeeper(CalendarIndexCache::keeperName(), std::make_unique<CalendarIndexCache>(calendar, m_storage), this);
    m_calendar->start();
}

QList<IndexKeeper *> IndexKeepers::keepers() const
{
    QList<IndexKeeper *> out;
    for (IndexKeeper *keeper : {m_directory, m_calendar}) {
        if (keeper) {
            out << keeper;
        }
    }
    return out;
}

Akonadi::Collection::List IndexKeepers::collections() const
{
    Akonadi::Collection::List out;
    for (const IndexKeeper *keeper : keepers()) {
        out += keeper->collections();
    }
    return out;
}

bool IndexKeepers::covers(const Akonadi::Collection &collection) const
{
    const auto all = keepers();
    return std::any_of(all.cbegin(), all.cend(), [&collection](const IndexKeeper *keeper) {
        return keeper->covers(collection);
    });
}

bool IndexKeepers::itemChanged(const Akonadi::Item &item)
{
    bool taken = false;
    for (IndexKeeper *keeper : keepers()) {
        if (keeper->covers(item.parentCollection())) {
            keeper->itemChanged(item);
            taken = true;
        }
    }
    return taken;
}

void IndexKeepers::itemRemoved(qint64 itemId)
{
    for (IndexKeeper *keeper : keepers()) {
        keeper->itemRemoved(itemId);
    }
}

void IndexKeepers::saveIfWorthIt()
{
    for (IndexKeeper *keeper : keepers()) {
        keeper->saveIfWorthIt();
    }
}

} // namespace Crm
