// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Crm
{

class BusinessCycle;

/// One change of a task's state, kept on the task (X-KDE-CRM-HISTORY).
struct KONTACTCRMDOMAIN_EXPORT StateChange {
    QDateTime at;
    QString from; ///< empty for the first state
    QString to;
    QString by; ///< e-mail of the employee; empty when the CRM reconciled a change made elsewhere
    QString note; ///< why, e.g. "STATUS:COMPLETED set by another program"
    bool operator==(const StateChange &other) const = default;
};

/// Planned and actual use of one resource (X-KDE-CRM-RESOURCES).
struct KONTACTCRMDOMAIN_EXPORT ResourceUse {
    QString name; ///< "labour", "cement", …
    QString unit; ///< "h", "kg", …
    double planned = 0;
    double actual = 0;
    bool operator==(const ResourceUse &other) const = default;

    /// Adds up uses of the same resource and unit, in the order first seen.
    static QList<ResourceUse> totals(const QList<ResourceUse> &uses);
};

/// A file kept with a task, an interaction or an event, or a link
/// (iCalendar ATTACH: inline bytes or a URI).
struct KONTACTCRMDOMAIN_EXPORT Attachment {
    QString label;
    QString uri; ///< a link; empty for a file kept inline
    QByteArray data; ///< the file's bytes
    QString mimeType;
    bool operator==(const Attachment &other) const = default;
};
using TaskAttachment = Attachment;

/// A field two machines changed to different values while apart (offline
/// edits of one task on a shared server): the value kept is the server's,
/// the other is kept here so that nothing is lost silently and the user can
/// choose (X-KDE-CRM-CONFLICTS).
struct KONTACTCRMDOMAIN_EXPORT TaskConflict {
    QString field; ///< "due", "subject", … (see TaskFields)
    QString kept; ///< the value the task has, as TaskFields writes it
    QString keptBy; ///< who set it, when known (X-KDE-CRM-EDITED)
    QString lost; ///< the value the other change set
    QString lostBy;
    QDateTime at; ///< when the other change was made
    bool operator==(const TaskConflict &other) const = default;
};

/// A task or assignment one employee hands another (DESIGN.md §3: a VTODO).
struct KONTACTCRMDOMAIN_EXPORT Task {
    enum class Direction : quint8 {
        Incoming,
        Outgoing,
        Personal
    };

    QString uid;
    QString subject;
    QString description;
    QString counterpartyUid; ///< optional
    QString issuer; ///< e-mail (ORGANIZER)
    QString issuerName;
    QString responsible; ///< e-mail (ATTENDEE)
    QString responsibleName;
    QDateTime start;
    QDateTime due;
    int priority = 0; ///< iCalendar: 0 undefined, 1 highest … 9 lowest
    QString kind; ///< CATEGORIES; selects the business cycle
    Direction direction = Direction::Personal;
    QString state; ///< a state name of the kind's business cycle
    QList<StateChange> history;
    QList<ResourceUse> resources;
    QList<TaskAttachment> attachments;
    QList<int> remindersMinutesBeforeDue;
    /// Changes of fields that could not be merged, until the user decides.
    QList<TaskConflict> conflicts;
    /// Who last set each field by an edit (field name → e-mail), so that a
    /// conflict can name both sides (X-KDE-CRM-EDITED).
    QMap<QString, QString> editedBy;

    bool operator==(const Task &other) const = default;

    /// Past its deadline and not in an end state of @p cycle.
    bool isOverdue(const BusinessCycle &cycle, const QDateTime &now) const;

    static QString directionName(Direction direction); ///< "incoming", "outgoing", "personal"
    static std::optional<Direction> directionFrom(QStringView name);

    /// The compact JSON stored in X-KDE-CRM-HISTORY / -RESOURCES. Reading
    /// returns nothing and @p problem when the text is not what was written.
    static QString historyToJson(const QList<StateChange> &history);
    static std::optional<QList<StateChange>> historyFromJson(const QString &json, QString *problem);
    static QString resourcesToJson(const QList<ResourceUse> &resources);
    static std::optional<QList<ResourceUse>> resourcesFromJson(const QString &json, QString *problem);
    static QString conflictsToJson(const QList<TaskConflict> &conflicts);
    static std::optional<QList<TaskConflict>> conflictsFromJson(const QString &json, QString *problem);
    static QString editedByToJson(const QMap<QString, QString> &editedBy);
    static std::optional<QMap<QString, QString>> editedByFromJson(const QString &json, QString *problem);
};

} // namespace Crm
