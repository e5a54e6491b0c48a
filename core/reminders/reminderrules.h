// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/letter.h"
#include "kontactcrmcore_export.h"
#include "reminders/reminder.h"

#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>

#include <QDataStream>
#include <QList>

namespace Crm::Reminders
{

/// What the user chose (the agent's KConfigXT settings).
struct KONTACTCRMCORE_EXPORT Settings {
    QString userEmail; ///< the user's e-mail identity; matches task assignees, event attendees
    /// Whether @p email is one of the user's addresses (case and spaces aside).
    bool isUser(const QString &email) const;
    int deadlineLeadMinutes = 24 * 60; ///< "deadline approaching" this long before the deadline
    int birthdayLeadDays = 1; ///< a birthday is announced this many days before, at 09:00
    /// The user's time zone (Crm::Clock::zone()) the times were computed in:
    /// a birthday's 09:00 moves with it.
    QByteArray zoneId;
    /// The user's other addresses (all their identities and aliases): match as userEmail does.
    QStringList userAliases;
    /// Changes when a setting that changes the reminders changes: a
    /// schedule persisted under other settings is rebuilt.
    quint32 fingerprint() const;
};

/// A reminder time fixed once and for all (one-off items).
struct KONTACTCRMCORE_EXPORT FixedTime {
    Kind kind = Kind::EventAlarm;
    qint64 dueMs = 0; ///< ms since the epoch (UTC)
    qint64 occurrenceMs = 0; ///< ms since the epoch, or invalidMs
    bool operator==(const FixedTime &other) const = default;
};
inline constexpr qint64 invalidMs = std::numeric_limits<qint64>::min();

/// What one item contributes to the schedule, in the form kept on disk:
/// absolute times for a one-off item, the iCalendar text only for a
/// recurring one (its times come from KCalendarCore's Alarm::nextTime when
/// asked), the date for a birthday.
class KONTACTCRMCORE_EXPORT Source
{
public:
    qint64 itemId = -1;
    QString uid;
    QString title;
    QList<FixedTime> fixed; ///< sorted by dueMs
    QByteArray recurringIcal; ///< a recurring incidence with alarms, as iCalendar text
    Kind recurringKind = Kind::EventAlarm;
    QDate birthday; ///< a contact person's birthday
    int birthdayLeadDays = 0;

    /// True when the item never reminds of anything.
    bool isEmpty() const;
    /// The reminders with the earliest due time strictly after @p after
    /// (several when they fall due at once), or none.
    QList<Reminder> nextAfter(const QDateTime &after) const;
    /// Hands over the incidence recurringIcal was made from, so it need
    /// not be parsed again (it must not change afterwards).
    void setParsed(const KCalendarCore::Incidence::Ptr &incidence);

private:
    mutable KCalendarCore::Incidence::Ptr m_parsed; ///< recurringIcal, parsed when first asked
};

KONTACTCRMCORE_EXPORT QDataStream &operator<<(QDataStream &out, const Source &source);
KONTACTCRMCORE_EXPORT QDataStream &operator>>(QDataStream &in, Source &source);

/// The rules: which reminders an item gives.
namespace Rules
{
/// A CRM task, interaction or event. Tasks: assigned to the user, deadline
/// approaching and passed, their alarms (open tasks of the user only);
/// planned interactions of the user: their alarm (N days before) and their
/// start; events that list the user among their attendees, or list nobody:
/// every alarm of every occurrence. Anything else gives an empty source.
/// @p arrived: when the item reached Akonadi, if it is new to the caller: a
/// task's "assigned" reminder is due then at the earliest, so one that
/// arrives long after its LAST-MODIFIED is still announced.
/// Not for a task I created myself, nor for a contact logged as held.
KONTACTCRMCORE_EXPORT Source fromIncidence(const KCalendarCore::Incidence::Ptr &incidence,
                                           qint64 itemId,
                                           const Settings &settings,
                                           const QDateTime &arrived = {});
/// A contact person with a birthday: lead days before each birthday.
KONTACTCRMCORE_EXPORT Source fromPerson(const KContacts::Addressee &person, qint64 itemId, const Settings &settings);
/// A registered letter that names the user in its notify list: announced
/// once, when it reached Akonadi (@p arrived, never later than now).
KONTACTCRMCORE_EXPORT Source fromLetter(const Letter &letter, qint64 itemId, const Settings &settings, const QDateTime &arrived);
/// The time a birthday on @p date is announced.
KONTACTCRMCORE_EXPORT QDateTime birthdayDue(const QDate &date, int leadDays);
} // namespace Rules

} // namespace Crm::Reminders
