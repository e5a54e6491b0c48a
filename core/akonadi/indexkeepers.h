// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>

#include <QObject>

namespace Crm
{

class IndexKeeper;

/// The indexes the reminder agent keeps for the other CRM processes
/// (IndexKeeper): the directory's and the calendar's, each once its
/// collections are known. An item is told to the keeper whose collections
/// hold it. The keepers read Akonadi in a session of their own, so that
/// their listings never hold up the agent's schedule.
class KONTACTCRMCORE_EXPORT IndexKeepers : public QObject
{
    Q_OBJECT
public:
    explicit IndexKeepers(QObject *parent = nullptr);
    ~IndexKeepers() override;

    /// Keeps the directory of these address books (anew if they changed).
    void keepDirectory(const Akonadi::Collection &counterparties, const Akonadi::Collection &employees);
    /// Keeps the calendar index of @p calendar (anew if it changed).
    void keepCalendar(const Akonadi::Collection &calendar);
    /// The collections whose changes the keepers must be told of.
    Akonadi::Collection::List collections() const;
    bool covers(const Akonadi::Collection &collection) const;

    /// An item as it is now, with its payload and parent collection; false
    /// when no keeper's collections hold it.
    bool itemChanged(const Akonadi::Item &item);
    /// An item removed, or moved out of every keeper's collections.
    void itemRemoved(qint64 itemId);
    /// Writes the files worth writing (on quit).
    void saveIfWorthIt();

private:
    QList<IndexKeeper *> keepers() const;

    AkonadiItemStorage m_storage;
    IndexKeeper *m_directory = nullptr;
    IndexKeeper *m_calendar = nullptr;
};

} // namespace Crm
