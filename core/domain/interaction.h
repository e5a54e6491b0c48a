// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "task.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Crm
{

/// Someone taking part: a contact person or an employee.
struct KONTACTCRMDOMAIN_EXPORT Participant {
    QString uid; ///< the vCard UID, when known
    QString name;
    QString email;
    bool operator==(const Participant &other) const = default;
};

/// A meeting, call, web conference… with a counterparty ("contact" in 1C).
struct KONTACTCRMDOMAIN_EXPORT Interaction {
    enum class State {
        Planned,
        Held,
        Cancelled
    };

    QString uid;
    QString kind; ///< "meeting", "call", "web conference" or a user-defined kind
    QString subject;
    QDateTime start;
    int durationMinutes = 30;
    QString counterpartyUid;
    QList<Participant> contactPersons;
    Participant employee; ///< who holds it (ORGANIZER)
    QString result;
    QDate nextContact; ///< when the next contact is due, if set
    bool cancelled = false;
    QString previousUid; ///< RELATED-TO: the interaction this one follows up
    int remindMinutesBefore = -1; ///< the reminder before a planned one; -1: none
    QList<Attachment> attachments; ///< files kept with the record, and links

    /// Held or planned is never stored: held once its start is past, unless
    /// cancelled (DESIGN.md §3).
    State stateAt(const QDateTime &now) const;

    /// The planned interaction that follows this one on @p date, of the
    /// same kind, counterparty, persons and employee, linked back to it,
    /// reminding @p remindMinutesBefore minutes before.
    Interaction followUp(const QDate &date, int remindMinutesBefore) const;

    bool operator==(const Interaction &other) const = default;
};

/// The built-in kinds; users may use others.
KONTACTCRMDOMAIN_EXPORT QStringList standardInteractionKinds();

} // namespace Crm
