// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/calendarindex.h"
#include "domain/interaction.h"
#include "kontactcrmcore_export.h"
#include "storage/itemstorage.h"

#include <QObject>

#include <functional>
#include <optional>

namespace Crm
{

/// The interaction log's rules in one place for crmctl, the plugin and the
/// agents: adding, recording a result (a cancelled one has none; the next
/// contact comes after this one, planned as a follow-up RELATED-TO it) and
/// cancelling (a held one with a result cannot be). Works on an
/// ItemStorage, so it never waits: each call reports once to @p done.
class KONTACTCRMCORE_EXPORT InteractionService : public QObject
{
    Q_OBJECT
public:
    InteractionService(ItemStorage &storage, const Akonadi::Collection &calendar, QObject *parent = nullptr);

    struct Stored {
        qint64 itemId = -1;
        Interaction interaction;
    };
    struct Outcome {
        std::optional<Stored> stored; ///< set when it worked
        std::optional<Stored> followUp; ///< the next contact, when one was planned
        QString error; ///< why not
    };
    using Done = std::function<void(const Outcome &)>;

    void add(const Interaction &interaction, const Done &done);
    /// Records @p result; with @p next, plans the next contact on that day
    /// (at @p next's time, or this one's time of day when @p next is a
    /// date at midnight), reminding @p remindMinutesBefore minutes before.
    void recordResult(qint64 itemId, const QString &result, const std::optional<QDateTime> &next, int remindMinutesBefore, const Done &done);
    void cancel(qint64 itemId, const Done &done);

    /// Which interactions a log shows.
    struct Filter {
        enum class State {
            Any,
            Planned, ///< not cancelled, still to come
            Held, ///< not cancelled, started
        };
        State state = State::Any;
        QString kind; ///< any case
        QString employee; ///< the e-mail of who holds it (the ORGANIZER), any notation
        QDateTime from; ///< started at or after, when valid
        QDateTime to; ///< started at or before, when valid
    };
    struct Listed {
        QList<Stored> interactions; ///< newest first
        QString error;
    };
    /// The interactions among @p entries (index entries, e.g. a
    /// counterparty's) that pass @p filter, read with their payload.
    void list(const QList<CalendarEntry> &entries, const Filter &filter, const std::function<void(const Listed &)> &done);
    /// The index part of list(), pure: the entries that pass @p filter as
    /// far as the index tells (all but the employee), newest first.
    static QList<CalendarEntry> select(const QList<CalendarEntry> &entries, const Filter &filter, const QDateTime &now);

    /// The rules alone, for views that check before they ask.
    static QString resultProblem(const Interaction &interaction, qint64 itemId, const std::optional<QDateTime> &next);
    static QString cancelProblem(const Interaction &interaction, qint64 itemId, const QDateTime &now);

private:
    void refuse(const Done &done, const QString &error);
    /// Reads the interaction @p itemId, then hands it to @p then.
    void load(qint64 itemId, const Done &done, const std::function<void(const Akonadi::Item &, const Interaction &)> &then);
    /// Writes @p interaction (new when @p item is invalid).
    void store(const Akonadi::Item &item, const Interaction &interaction, const std::function<void(const Outcome &)> &done);

    ItemStorage &m_storage;
    Akonadi::Collection m_calendar;
};

} // namespace Crm
