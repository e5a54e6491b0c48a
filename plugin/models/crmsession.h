// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace Crm
{
class Directory;
class CalendarSession;
class DirectoryIndexCache;
class CalendarIndex;
class ItemStorage;
class TaskService;

/// What the views share: the directory and the CRM calendar, opened without
/// waiting and then kept live from Akonadi's change notifications.
class CrmSession : public QObject
{
    Q_OBJECT
public:
    explicit CrmSession(QObject *parent = nullptr);
    ~CrmSession() override;

    /// Starts opening; directoryReady() (or failed()) and calendarReady() follow.
    void open();
    /// Makes the CRM calendar when there is none yet (the first interaction,
    /// event or task written from the plugin, as crmctl's first one does),
    /// without waiting; reports to @p done (empty when the calendar is
    /// there), after calendarReady().
    void ensureCalendar(const std::function<void(const QString &error)> &done);

    bool isDirectoryReady() const;
    Directory &directory();
    DirectoryIndexCache *directoryCache();
    /// The calendar's index, or null while there is no CRM calendar.
    const CalendarIndex *calendarIndex() const;
    /// The CRM calendar (tasks, interactions, events), or null before calendarReady().
    CalendarSession *calendar();
    ItemStorage &storage();
    /// The tasks of the CRM calendar with the configured business cycles,
    /// or null before calendarReady().
    TaskService *tasks();
    /// The display name of the counterparty @p uid, or @p uid itself while
    /// the directory does not know it.
    QString counterpartyName(const QString &uid) const;

    /// Who "I" am: the e-mail recorded as who moved a task or holds an
    /// interaction (CurrentUser).
    static QString currentUser();

Q_SIGNALS:
    void directoryReady();
    void calendarReady();
    /// The directory could not be opened: @p error says why.
    void failed(const QString &error);
    /// An interaction, event or task changed (another program, the agent).
    void calendarChanged();

private:
    void calendarOpened();
    void createCalendar();
    void calendarAnswered(const QString &error);

    enum class CalendarState {
        Closed,
        Opening,
        Missing,
        Creating,
        Ready
    };
    CalendarState m_calendarState = CalendarState::Closed;
    std::vector<std::function<void(const QString &)>> m_waitingForCalendar;
    std::unique_ptr<Directory> m_directory;
    std::unique_ptr<CalendarSession> m_calendar;
    std::unique_ptr<TaskService> m_tasks;
    bool m_directoryReady = false;
    bool m_calendarReady = false;
};

} // namespace Crm
