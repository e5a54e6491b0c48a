// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "reminders/reminder.h"
#include "tasks/taskreconciler.h"

#include <KNotification>

#include <QEventLoopLocker>
#include <QObject>
#include <QTimer>

#include <memory>

/// Shows reminders through KNotifications (kontactcrm_reminders.notifyrc)
/// with the actions open, snooze (15 minutes, 1 hour, tomorrow) and done.
class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(QObject *parent = nullptr);

    static QString eventId(Crm::Reminders::Kind kind);

    /// Hands @p reminder to KNotifications. KNotifications sends it
    /// asynchronously (a process's first notification waits for the
    /// server's capabilities): the process is kept alive (a
    /// QEventLoopLocker, which AgentBase::quit() respects) until a second
    /// after the last one shown, so a quit right after showing loses none.
    void show(const Crm::Reminders::Reminder &reminder);

    /// Says what a merge of offline task changes did: each task whose
    /// changes were merged back ("taskMerged"), each conflict both machines
    /// made ("taskConflict", persistent: the user settles it), each problem.
    void showTaskMerge(const Crm::TaskReconciler::Report &report);

    /// Names in one notification ("remindersMissed") @p count reminders
    /// that fell due from @p earliest to @p latest and are not each shown.
    void showMissed(qsizetype count, const QDateTime &earliest, const QDateTime &latest);

Q_SIGNALS:
    void snoozeRequested(const Crm::Reminders::Reminder &reminder, const QDateTime &until);
    void doneRequested(const Crm::Reminders::Reminder &reminder);
    void openRequested(const Crm::Reminders::Reminder &reminder);
    /// "Open" on the notification of missed reminders.
    void openCrmRequested();

private:
    /// A notification of this component; @p text is plain and escaped here.
    static KNotification *make(const QString &event, KNotification::NotificationFlags flags, const QString &title, const QString &text);
    void send(KNotification *notification);

    std::unique_ptr<QEventLoopLocker> m_keepAlive;
    QTimer m_release;
};
