// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "reminders/deliverylog.h"
#include "reminders/schedulecache.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/AgentBase>

#include <QTimer>

#include <functional>
#include <memory>

namespace Akonadi
{
class Monitor;
}
namespace Crm
{
class IndexKeepers;
class OfflineTaskMerger;
}
class Notifier;

/// The reminder agent: wires the CRM calendar and the counterparty address
/// book to the reminder schedule (core/reminders) and shows what falls due
/// through KNotifications. Scheduling is incremental: change notifications
/// update one item; a single timer waits for the next due time. It also
/// merges back task changes a CalDAV server's copy overtook while this
/// machine was offline, and says so (core/tasks/offlinetaskmerger.h).
///
/// D-Bus, beside the Akonadi agent interface: /Settings (the KConfigXT
/// settings, interface org.kde.kontactcrm.RemindersSettings: a getter and a
/// setter per entry, and save()) and /Reminders (the scriptable slots).
class ReminderAgent : public Akonadi::AgentBase, public Akonadi::AgentBase::ObserverV3
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Reminders")

public:
    explicit ReminderAgent(const QString &id);
    ~ReminderAgent() override;

public Q_SLOTS:
    /// True in the Ready state: the schedule is loaded and caught up.
    Q_SCRIPTABLE bool isReady() const;
    /// The next due time (ISO 8601, UTC), or an empty string.
    Q_SCRIPTABLE QString nextDue() const;
    /// How many items give reminders.
    Q_SCRIPTABLE int scheduledItems() const;
    /// When the earliest snoozed reminder comes back (ISO 8601, UTC), or an empty string.
    Q_SCRIPTABLE QString nextSnooze() const;
    Q_SCRIPTABLE qint64 processId() const;
    /// How many item notifications reached the agent for items outside
    /// the CRM's collections (each one fetched for nothing): 0 unless the
    /// monitoring is wrong.
    Q_SCRIPTABLE int ignoredItems() const;
    /// The ids of the CRM collections whose items it watches (the calendar,
    /// the counterparties, the register's folder once they exist).
    Q_SCRIPTABLE QStringList watchedCollections() const;
    /// The reminders still to come up to @p until (ISO 8601), at most
    /// @p limit, one Reminder::toLine() each: the Kontact summary's "today".
    /// Empty until Ready.
    Q_SCRIPTABLE QStringList upcoming(const QString &until, int limit) const;
    /// Snoozes the reminder with @p key (as the notification's action does).
    Q_SCRIPTABLE bool snooze(const QString &key, int minutes);

protected:
    void itemAdded(const Akonadi::Item &item, const Akonadi::Collection &collection) override;
    void itemChanged(const Akonadi::Item &item, const QSet<QByteArray> &partIdentifiers) override;
    void itemRemoved(const Akonadi::Item &item) override;
    void itemsRemoved(const Akonadi::Item::List &items) override;
    void itemMoved(const Akonadi::Item &item, const Akonadi::Collection &source, const Akonadi::Collection &destination) override;
    void itemsMoved(const Akonadi::Item::List &items, const Akonadi::Collection &source, const Akonadi::Collection &destination) override;
    void aboutToQuit() override;

private:
    /// WaitingForCollections → Loading → Ready: start() finds the CRM's
    /// collections, load() reads the schedule asynchronously; a setting
    /// changed while Ready loads it again.
    enum class State {
        WaitingForCollections,
        Loading,
        Ready,
    };
    void start();
    /// Goes on with the CRM collections the lookup found (none yet: waits for them).
    void startWith(const Akonadi::Collection::List &collections);
    /// Keeps the directory's and the calendar's index for the other CRM
    /// processes (Crm::IndexKeepers), once the schedule is ready.
    void keepIndexes();
    void load(const Crm::Reminders::Settings &settings, const QDateTime &cursor, const std::function<void()> &loaded);
    void remove(qint64 itemId);
    void unschedule(qint64 itemId);
    void watchForCollections(bool on);
    void reloadSettings();
    void openCrm();
    Crm::Reminders::Settings currentSettings() const;
    int catchUpSeconds() const;
    bool isOurs(const Akonadi::Collection &collection) const;
    void apply(const Akonadi::Item &item);
    /// Merges offline task changes for the calendar in @p resource (see OfflineTaskMerger).
    void mergeTasksOf(const QString &resource);
    void noteTaskChange(const Akonadi::Item &item);
    void checkClock();
    void tick();
    void deliver(const QList<Crm::Reminders::Reminder> &reminders);
    void armTimer();

    Crm::AkonadiItemStorage m_storage;
    Akonadi::Collection::List m_collections;
    std::unique_ptr<Crm::Reminders::ScheduleCache> m_cache;
    std::unique_ptr<Crm::Reminders::DeliveryLog> m_log;
    QHash<QString, Crm::Reminders::Reminder> m_shown; ///< by key, for snooze over D-Bus
    Notifier *m_notifier = nullptr;
    Crm::OfflineTaskMerger *m_taskMerger = nullptr;
    Crm::IndexKeepers *m_keepers = nullptr;
    /// The collections the kept indexes cover, as the last lookup found them.
    struct Indexed {
        Akonadi::Collection calendar;
        Akonadi::Collection counterparties;
        Akonadi::Collection employees;
    };
    Indexed m_indexed;
    Akonadi::Monitor *m_collectionWatcher = nullptr; ///< while a CRM collection is missing
    int m_ignoredItems = 0;
    QTimer m_timer;
    QTimer m_saveTimer;
    State m_state = State::WaitingForCollections;
    std::unique_ptr<Crm::Reminders::ScheduleCache> m_loading; ///< while Loading; then m_cache
    /// A change notification that arrived while Loading, applied once Ready.
    struct PendingChange {
        Akonadi::Item item;
        bool removed = false;
    };
    QList<PendingChange> m_pending;
    bool m_recorderReady = false; ///< the change recorder's subscription is in place (see the constructor)
    bool m_startAgain = false; ///< a collection appeared while loading
    bool m_reloadAgain = false; ///< a setting changed while loading
};
