// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"
#include "kontactcrmcore_export.h"

#include <QDateTime>

namespace Crm
{

class CalendarSession;

/// One line of a counterparty's timeline.
struct KONTACTCRMCORE_EXPORT TimelineRow {
    enum class Kind {
        Interaction,
        PlannedInteraction,
        CancelledInteraction,
        Event,
        Birthday,
        Task
    };
    Kind kind = Kind::Interaction;
    QDateTime when;
    QString title;
    QString detail; ///< the result of an interaction, the state of a task…
    bool overdue = false;
    qint64 itemId = -1;
};

/// Everything that happened and is coming up with a counterparty, newest
/// first: interactions with their results, the next planned contact,
/// upcoming event occurrences and birthdays of its people, open tasks.
class KONTACTCRMCORE_EXPORT Timeline
{
public:
    struct Options {
        QDateTime now;
        int upcomingDays = 30; ///< how far ahead events and birthdays are shown
        int limit = 15; ///< rows, a screenful; 0 for all
    };
    /// @p calendar may be null (no CRM calendar yet): then only birthdays.
    static QList<TimelineRow> of(const CounterpartyCard &card, const CalendarSession *calendar, const Options &options);

    /// The next birthday of a person born on @p birthday, on or after @p from.
    static QDate nextBirthday(const QDate &birthday, const QDate &from);
};

} // namespace Crm
