// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/calendarindex.h"
#include "kontactcrmcore_export.h"
#include "storage/itemstorage.h"

#include <QDateTime>

#include <functional>

class QObject;

namespace Crm
{

/// One line of an agenda: a counterparty card's timeline, `event upcoming`.
struct KONTACTCRMCORE_EXPORT AgendaRow {
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

/// What is coming up (and, for a card, what happened): event occurrences,
/// birthdays computed from BDAY (never copied), interactions with their
/// results, open tasks. The card timeline and `event upcoming` are the same
/// agenda with different options. Three steps: collect (pure, from the
/// calendar index), fetch (the payloads the rows need, through an
/// ItemStorage, never waiting) and decorate (pure: expands recurrences,
/// adds results, sorts and cuts to the screenful).
class KONTACTCRMCORE_EXPORT Agenda
{
public:
    struct Options {
        QDateTime now;
        int upcomingDays = 30; ///< how far ahead events and birthdays are shown
        int limit = 15; ///< rows, a screenful; 0 for all
        /// Interactions (held, planned, cancelled) and open tasks too, as a
        /// card shows them; without, only events and birthdays to come.
        bool history = true;
        /// Every occurrence of a recurring event its own row (`event
        /// upcoming`), rather than one row at the next with the following
        /// dates, so a weekly meeting does not fill a card.
        bool eachOccurrence = false;
    };

    /// Somebody whose birthday the agenda shows.
    struct Person {
        qint64 itemId = -1;
        QString name;
        QDate birthday;
        QString detail; ///< the position on a card, the counterparty elsewhere
    };

    struct Collected {
        QList<AgendaRow> rows; ///< what the index alone tells, newest first
        QList<qint64> recurringEvents; ///< to expand
        QList<qint64> toFetch; ///< the payloads decorate needs
    };
    /// Step 1, pure: rows from the index entries (already narrowed to a
    /// counterparty, or not) and the people's birthdays.
    static Collected collect(const QList<CalendarEntry> &entries, const QList<Person> &persons, const Options &options);

    /// Step 2: reads Collected::toFetch through @p storage and reports once.
    static void fetch(ItemStorage &storage,
                      const QList<qint64> &ids,
                      QObject *context,
                      const std::function<void(const Akonadi::Item::List &items, const QString &error)> &done);

    struct Result {
        QList<AgendaRow> rows; ///< newest first
        QList<qint64> truncated; ///< recurring events with more occurrences than listed
        QString error;
    };
    /// Step 3, pure: @p items are the payloads of Collected::toFetch.
    static Result decorate(const Collected &collected, const Akonadi::Item::List &items, const Options &options);

    /// The three steps in a row; @p done is called once, from the event loop.
    static void of(ItemStorage &storage,
                   const QList<CalendarEntry> &entries,
                   const QList<Person> &persons,
                   const Options &options,
                   QObject *context,
                   const std::function<void(const Result &)> &done);

    /// The next birthday of a person born on @p birthday, on or after @p from.
    static QDate nextBirthday(const QDate &birthday, const QDate &from);
};

} // namespace Crm
