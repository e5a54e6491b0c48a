// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QDataStream>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Crm::Reminders
{

/// What a reminder is about. Values are stored on disk: append only.
enum class Kind : quint8 {
    TaskAssigned = 0, ///< a task newly assigned to the user
    TaskDeadlineSoon = 1, ///< a task's deadline is approaching (lead time)
    TaskDeadlinePassed = 2, ///< a task's deadline has passed
    TaskAlarm = 3, ///< a VALARM on a task
    InteractionBefore = 4, ///< a planned interaction, N days before (its VALARM)
    InteractionAt = 5, ///< a planned interaction, at its time
    EventAlarm = 6, ///< an occurrence of an event, at its VALARM time
    Birthday = 7, ///< a contact person's birthday, lead days before
    Snoozed = 8, ///< a reminder the user snoozed, shown again
    LetterArrived = 9, ///< a registered letter whose notify list names the user
};

/// One reminder occurrence: shown once, at @c due.
struct KONTACTCRMCORE_EXPORT Reminder {
    qint64 itemId = -1;
    QString uid; ///< the item's UID (iCalendar or vCard)
    Kind kind = Kind::EventAlarm;
    QDateTime due; ///< when it is shown
    QDateTime occurrence; ///< what it is about: the occurrence's start, the deadline, the birthday
    QString title; ///< the item's summary, the person's name, a letter's number and subject

    /// Stable across restarts and re-indexing: item UID + kind + occurrence
    /// (+ due, since one occurrence may carry several alarms).
    QString key() const;
    /// One line of text (tab-separated, the title last) and back, for the
    /// agent's D-Bus answer to the Kontact summary.
    QString toLine() const;
    static std::optional<Reminder> fromLine(const QString &line);
    bool operator==(const Reminder &other) const = default;
};

KONTACTCRMCORE_EXPORT QString kindName(Kind kind);
KONTACTCRMCORE_EXPORT std::optional<Kind> kindFromName(QStringView name);
/// What a notification and the Kontact summary say: a heading ("Task
/// deadline approaching") and the text ("Offer is due 28.11.26 18:00").
KONTACTCRMCORE_EXPORT QString heading(const Reminder &reminder);
KONTACTCRMCORE_EXPORT QString describe(const Reminder &reminder);

} // namespace Crm::Reminders
