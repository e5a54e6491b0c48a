// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "reminders/reminder.h"

#include <QElapsedTimer>
#include <QObject>

/// Shows reminders through KNotifications (kontactcrm_reminders.notifyrc)
/// with the actions open, snooze (15 minutes, 1 hour, tomorrow) and done.
class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    static QString eventId(Crm::Reminders::Kind kind);
    static QString title(const Crm::Reminders::Reminder &reminder);
    static QString text(const Crm::Reminders::Reminder &reminder);

    void show(const Crm::Reminders::Reminder &reminder);
    /// KNotifications sends asynchronously: before the process ends, give
    /// what was shown in the last seconds the time to reach the session bus.
    void drain();

Q_SIGNALS:
    void snoozeRequested(const Crm::Reminders::Reminder &reminder, const QDateTime &until);
    void doneRequested(const Crm::Reminders::Reminder &reminder);
    void openRequested(const Crm::Reminders::Reminder &reminder);

private:
    QElapsedTimer m_lastShown;
};
