// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"
#include "kontactcrmcore_export.h"
#include "services/agenda.h"

#include <QDateTime>

namespace Crm
{

/// One line of a counterparty's timeline.
using TimelineRow = AgendaRow;

/// Everything that happened and is coming up with a counterparty, newest
/// first: interactions with their results, the next planned contact,
/// upcoming event occurrences and birthdays of its people, open tasks. The
/// card's agenda (see Agenda, which `event upcoming` shares).
class KONTACTCRMCORE_EXPORT Timeline
{
public:
    using Options = Agenda::Options;
    /// The agenda of @p card's counterparty. @p index may be null (no CRM
    /// calendar yet): then only birthdays. Reports once to @p done.
    static void of(const CounterpartyCard &card,
                   const CalendarIndex *index,
                   ItemStorage &storage,
                   const Options &options,
                   QObject *context,
                   const std::function<void(const Agenda::Result &)> &done);
    /// The people of @p card, as the agenda takes them.
    static QList<Agenda::Person> persons(const CounterpartyCard &card);

    /// The next birthday of a person born on @p birthday, on or after @p from.
    static QDate nextBirthday(const QDate &birthday, const QDate &from)
    {
        return Agenda::nextBirthday(birthday, from);
    }
};

} // namespace Crm
