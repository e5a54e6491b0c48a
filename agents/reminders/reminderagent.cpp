// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminderagent.h"

#include "akonadi/collectionlocator.h"
#include "akonadi/indexkeepers.h"
#include "domain/clock.h"
#include "identity/currentuser.h"
#include "notifier.h"
#include "reminderagentsettings.h"
#include "reminders_debug.h"
#include "reminderssettingsadaptor.h"
#include "tasks/offlinetaskmerger.h"

#include <Akonadi/ChangeRecorder>
#include <Akonadi/ItemFetchScope>
#include <Akonadi/Monitor>
#include <Akonadi/ServerManager>
#include <KCalendarCore/Todo>

#include <KIO/ApplicationLauncherJob>
#include <KIdentityManagementCore/IdentityManager>
#include <KLocalizedString>
#include <KService>
#include <KSharedConfig>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;
using namespace Crm::Reminders;

namespace
{
/// A change notification may arrive a moment after a tick; reminders that
/// fell due this long before the cursor are still looked for (the delivery
/// log keeps them from repeating).
constexpr qint64 lookbackSeconds = 10 * 60;
/// Delivered keys are kept this long beyond the catch-up window, so that a
/// clock set back by up to this much repeats nothing.
constexpr qint64 keepDeliveredDays = 7;
/// The timer never waits longer than this, so a suspended machine or a
/// changed clock is noticed within the hour.
constexpr qint64 maxWaitMs = 3600 * 1000;
/// More reminders than this falling due at once (a first start, days
/// away) are not each shown: the latest are, the earlier ones are named in
/// one notification, as KOrganizer's reminder daemon lists missed alarms
/// in one dialog. (A first start at 100,000 incidences caught up 8,631,
/// each a persistent notification held until closed.)
constexpr qsizetype maxShownAtOnce = 20;
} // namespace

ReminderAgent::ReminderAgent(const QString &id)
    : Akonadi::AgentBase(id)
    , m_notifier(new Notifier(this))
{
    KLocalizedString::setApplicationDomain(QByteArrayLiteral("akonadi_kontactcrm_reminders_agent"));
    ReminderAgentSettings::self()->load();
    new RemindersSettingsAdaptor(ReminderAgentSettings::self());
    QDBusConnection::sessionBus().registerObject(u"/Settings"_s, ReminderAgentSettings::self(), QDBusConnection::ExportAdaptors);
    QDBusConnection::sessionBus().registerObject(u"/Reminders"_s, this, QDBusConnection::ExportScriptableSlots);
    connect(ReminderAgentSettings::self(), &KCoreConfigSkeleton::configChanged, this, &ReminderAgent::reloadSettings);
    // Identities edited in KMail or System Settings reach every process's manager.
    connect(KIdentityManagementCore::IdentityManager::self(),
            qOverload<>(&KIdentityManagementCore::IdentityManager::changed),
            this,
            &ReminderAgent::reloadSettings);

    // Changes made while the agent was down are read from Akonadi at start
    // (ScheduleCache::open, by modification time), so no replay journal.
    changeRecorder()->setChangeRecordingEnabled(false);
    changeRecorder()->itemFetchScope().fetchFullPayload(true);
    changeRecorder()->itemFetchScope().setAncestorRetrieval(Akonadi::ItemFetchScope::Parent);
    // The change recorder monitors the CRM's collections only (start()
    // adds them as they are found), never everything. No MIME type filter
    // on top: the server accepts an item whose MIME type is monitored in
    // any collection, whatever the collection filter says, so it would
    // widen what is fetched to every calendar and address book. The CRM's
    // calendar and address book hold only incidences and vCards, the
    // register's folder only letters (its archive is not watched).
    watchForCollections(true);

    connect(m_notifier, &Notifier::snoozeRequested, this, [this](const Reminder &r, const QDateTime &until) {
        if (m_log) {
            m_log->snooze(r, until);
            armTimer();
        }
    });
    connect(m_notifier, &Notifier::doneRequested, this, [](const Reminder &r) {
        qCDebug(CRM_REMINDERS_LOG) << "done" << r.key();
    });
    connect(m_notifier, &Notifier::openRequested, this, [this](const Reminder &r) {
        qCDebug(CRM_REMINDERS_LOG) << "open" << r.uid;
        openCrm();
    });
    connect(m_notifier, &Notifier::openCrmRequested, this, &ReminderAgent::openCrm);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReminderAgent::tick);
    // The persisted schedule is written a while after changes settle:
    // a crash before that costs a re-read of the items changed since.
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(5000);
    connect(&m_saveTimer, &QTimer::timeout, this, [this]() {
        if (m_cache && !m_cache->save()) {
            qCWarning(CRM_REMINDERS_LOG) << "cannot save the schedule to" << m_cache->filePath();
        }
    });
    // The CRM's collections are looked up and watched once the change
    // recorder is connected. Akonadi (24.12) loses a change to what a
    // Monitor watches made while it connects, after the server created its
    // subscription and before it confirmed the first contents: the change
    // stays pending and is never sent, and the agent would hear of no item
    // for its whole life (reminderagenttest missed its markers that way).
    connect(changeRecorder(), &Akonadi::Monitor::monitorReady, this, [this]() {
        m_recorderReady = true;
        start();
    });
}

ReminderAgent::~ReminderAgent() = default;

void ReminderAgent::openCrm()
{
    // Kontact on the CRM's page when it is installed; otherwise KOrganizer.
    // Launched as KDE launches applications (activation token, its own
    // systemd scope), not as a child process of the agent.
    KService::Ptr service;
    const KService::Ptr kontact = KService::serviceByDesktopName(u"org.kde.kontact"_s);
    if (!kontact) {
        service = KService::serviceByDesktopName(u"org.kde.korganizer"_s);
    }
    if (!service) {
        // Kontact's entry told to open the CRM's page; tried also when the
        // service database knows neither (not built yet): kontact from PATH.
        service = KService::Ptr(
            new KService(kontact ? kontact->name() : u"Kontact"_s, u"kontact --module kontact_crmplugin"_s, kontact ? kontact->icon() : u"kontact"_s));
    }
    auto job = new KIO::ApplicationLauncherJob(service, this);
    connect(job, &KJob::result, this, [](KJob *job) {
        if (job->error()) {
            qCWarning(CRM_REMINDERS_LOG) << "cannot open the CRM:" << job->errorString();
        }
    });
    job->start();
}

Settings ReminderAgent::currentSettings() const
{
    Settings s;
    // Who am I: the agent's setting, then $CRM_USER_EMAIL, override the
    // user's identities (as KOrganizer's thatIsMe: every identity and alias).
    s.userEmail = ReminderAgentSettings::userEmail();
    if (s.userEmail.isEmpty()) {
        const Crm::CurrentUser me = Crm::CurrentUser::find();
        s.userEmail = me.email;
        s.userAliases = me.aliases;
    }
    s.deadlineLeadMinutes = ReminderAgentSettings::deadlineLeadMinutes();
    s.birthdayLeadDays = ReminderAgentSettings::birthdayLeadDays();
    s.zoneId = Crm::Clock::zone().id();
    return s;
}

int ReminderAgent::catchUpSeconds() const
{
    return ReminderAgentSettings::catchUpHours() * 3600;
}

void ReminderAgent::watchForCollections(bool on)
{
    if (!on) {
        delete m_collectionWatcher;
        m_collectionWatcher = nullptr;
        return;
    }
    if (m_collectionWatcher) {
        return;
    }
    // Collection notifications of every collection, and no item: what says
    // that the CRM's calendar, address book or register was created. A new
    // maildir resource first makes a folder for KMail's default path and
    // replaces it: a removal is a reason to look again too.
    m_collectionWatcher = new Akonadi::Monitor(this);
    m_collectionWatcher->setObjectName(u"CrmCollectionWatcher"_s);
    m_collectionWatcher->setTypeMonitored(Akonadi::Monitor::Collections);
    m_collectionWatcher->setCollectionMonitored(Akonadi::Collection::root());
    connect(m_collectionWatcher, &Akonadi::Monitor::collectionAdded, this, [this]() {
        QTimer::singleShot(0, this, &ReminderAgent::start);
    });
    connect(m_collectionWatcher, &Akonadi::Monitor::collectionRemoved, this, [this]() {
        QTimer::singleShot(0, this, &ReminderAgent::start);
    });
}

void ReminderAgent::start()
{
    if (!m_recorderReady) {
        return; // started once it is
    }
    if (m_state == State::Loading) {
        m_startAgain = true;
        return;
    }
    // The ids another process (crmctl, the plugin) remembered since.
    KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
    // The lookups run at once; the agent goes on when all have answered.
    static constexpr Crm::CollectionLocator::Store stores[] = {Crm::CollectionLocator::Store::Calendar,
                                                               Crm::CollectionLocator::Store::AddressBooks,
                                                               Crm::CollectionLocator::Store::Register};
    auto found = std::make_shared<QHash<int, Akonadi::Collection>>();
    auto employees = std::make_shared<Akonadi::Collection>();
    auto pending = std::make_shared<int>(int(std::size(stores)));
    for (const auto store : stores) {
        auto locator = new Crm::CollectionLocator(store, Crm::CollectionLocator::Mode::FindOnly, this);
        connect(locator, &KJob::result, this, [this, locator, store, found, employees, pending] {
            if (!locator->error()) {
                if (store == Crm::CollectionLocator::Store::AddressBooks) {
                    *employees = locator->employees();
                }
                found->insert(int(store),
                              store == Crm::CollectionLocator::Store::Calendar       ? locator->calendar()
                                  : store == Crm::CollectionLocator::Store::Register ? locator->letters()
                                                                                     : locator->counterparties());
            }
            if (--*pending == 0) {
                if (found->contains(int(Crm::CollectionLocator::Store::Calendar))) {
                    mergeTasksOf(found->value(int(Crm::CollectionLocator::Store::Calendar)).resource());
                }
                m_indexed = {found->value(int(Crm::CollectionLocator::Store::Calendar)),
                             found->value(int(Crm::CollectionLocator::Store::AddressBooks)),
                             *employees};
                Akonadi::Collection::List collections;
                for (const auto s : stores) {
                    if (found->contains(int(s))) {
                        collections << found->value(int(s));
                    }
                }
                startWith(collections);
            }
        });
        locator->start();
    }
}

void ReminderAgent::startWith(const Akonadi::Collection::List &collections)
{
    if (m_state == State::Loading) {
        m_startAgain = true;
        return;
    }
    if (collections.isEmpty()) {
        qCDebug(CRM_REMINDERS_LOG) << "no CRM calendar, address book or register yet; waiting for them";
        return;
    }
    const auto ids = [](const Akonadi::Collection::List &list) {
        QList<Akonadi::Collection::Id> out;
        for (const Akonadi::Collection &c : list) {
            out << c.id();
        }
        return out;
    };
    if (m_state == State::Ready && ids(collections) == ids(m_collections)) {
        keepIndexes(); // the employees' book may be new
        return;
    }
    for (const Akonadi::Collection &c : std::as_const(m_collections)) {
        if (!ids(collections).contains(c.id()) && !(m_keepers && m_keepers->covers(c))) {
            changeRecorder()->setCollectionMonitored(c, false);
        }
    }
    m_collections = collections;

    if (!m_log) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/"_s;
        QDir().mkpath(dir);
        m_log = std::make_unique<DeliveryLog>(dir + Akonadi::ServerManager::addNamespace(u"reminders-delivered"_s) + u".bin"_s);
        QString error;
        if (!m_log->load(&error)) {
            qCWarning(CRM_REMINDERS_LOG) << "delivery log:" << error;
        }
        if (m_log->wasDamaged()) {
            // What it lost may have been shown: rather than show it again,
            // count everything due until now as shown.
            const QDateTime until = std::max(Crm::Clock::now(), m_log->watermark());
            qCWarning(CRM_REMINDERS_LOG) << "the delivery log was damaged: reminders due until" << until
                                         << "count as shown; some that fell due while the agent was down may not be shown";
            m_log->presumeShownUntil(until.addMSecs(-1)); // a task arriving at this instant is still new
            m_log->setWatermark(until);
        }
    }

    // Catch up from the watermark, but no further back than the window.
    const QDateTime now = Crm::Clock::now();
    QDateTime floor = now.addSecs(-catchUpSeconds());
    const QDateTime watermark = m_log->watermark();
    if (watermark.isValid() && watermark > now.addSecs(lookbackSeconds)) {
        // The clock went back while the agent was down: everything due
        // until now was handled under the old clock; what falls due from
        // here is handed out again, the log keeping the shown ones back.
        qCWarning(CRM_REMINDERS_LOG) << "the clock went back from" << watermark << "to" << now;
        m_log->rewindWatermark(now);
        floor = now;
    } else if (watermark.isValid() && watermark > floor) {
        floor = watermark;
    }

    // Monitored before loading: what changes meanwhile is queued, not lost.
    for (const Akonadi::Collection &c : std::as_const(m_collections)) {
        changeRecorder()->setCollectionMonitored(c, true);
    }
    // Collections keep being watched once all are found: a new maildir
    // resource's first folder (see watchForCollections) may be the one
    // found, and replaced a moment later. Collection notifications only,
    // never items: a lookup again when a folder comes or goes anywhere.
    load(currentSettings(), floor, [this, now, watermark, floor]() {
        // A second witness: the saved schedule says how far reminders were
        // handed out. Later than the log's watermark (yet not ahead of the
        // clock) means the log lost its last records, even cut cleanly
        // between two of them: what fell due until then counts as shown.
        const QDateTime stored = m_cache->schedule().storedCursor();
        if (stored.isValid() && stored <= now && (!watermark.isValid() || stored > watermark)) {
            qCWarning(CRM_REMINDERS_LOG) << "the delivery log ends at" << watermark << "but reminders were handed out until" << stored
                                         << "; what fell due until then counts as shown";
            m_log->presumeShownUntil(stored);
        }
        qCDebug(CRM_REMINDERS_LOG) << "schedule ready:" << m_cache->schedule().size() << "items, from" << floor << "to" << now
                                   << "read from file:" << m_cache->lastStats().loadedFromFile << "changed:" << m_cache->lastStats().changedItems;
    });
}

void ReminderAgent::keepIndexes()
{
    // The agent hears every change of the CRM's collections anyway (the
    // reminders, the birthdays): keeping the index files current costs it
    // little, and spares each cold crmctl asking the server what changed.
    // Started after the schedule, so that reading them never delays a
    // reminder.
    if (!m_keepers) {
        m_keepers = new Crm::IndexKeepers(this);
    }
    m_keepers->keepDirectory(m_indexed.counterparties, m_indexed.employees);
    m_keepers->keepCalendar(m_indexed.calendar);
    const Akonadi::Collection::List kept = m_keepers->collections();
    for (const Akonadi::Collection &c : kept) {
        changeRecorder()->setCollectionMonitored(c, true);
    }
}

void ReminderAgent::load(const Settings &settings, const QDateTime &cursor, const std::function<void()> &loaded)
{
    // Loading: the schedule is read without waiting (no nested event loop
    // inside AgentBase); change notifications meanwhile are queued.
    m_state = State::Loading;
    m_loading = std::make_unique<ScheduleCache>(m_collections, m_storage, settings);
    m_loading->schedule().setCursor(cursor);
    m_loading->schedule().setLookback(lookbackSeconds);
    m_loading->open([this, loaded](const QString &error) {
        if (!error.isEmpty()) {
            qCWarning(CRM_REMINDERS_LOG) << "cannot read the CRM's items:" << error;
        }
        m_cache = std::move(m_loading);
        if (loaded) {
            loaded();
        }
        m_state = State::Ready;
        keepIndexes();
        const QList<PendingChange> pending = std::exchange(m_pending, {});
        for (const PendingChange &change : pending) {
            if (change.removed) {
                remove(change.item.id());
            } else {
                apply(change.item);
            }
        }
        tick();
        // A collection or a setting that changed while loading.
        if (std::exchange(m_startAgain, false)) {
            QTimer::singleShot(0, this, &ReminderAgent::start);
        }
        if (std::exchange(m_reloadAgain, false)) {
            QTimer::singleShot(0, this, &ReminderAgent::reloadSettings);
        }
    });
}

void ReminderAgent::reloadSettings()
{
    if (m_state == State::Loading) {
        m_reloadAgain = true;
        return;
    }
    if (m_state != State::Ready) {
        return;
    }
    const Settings s = currentSettings();
    if (s.fingerprint() == m_cache->settings().fingerprint()) {
        return;
    }
    qCDebug(CRM_REMINDERS_LOG) << "settings changed: rebuilding the schedule";
    load(s, m_cache->schedule().cursor(), {});
}

bool ReminderAgent::isOurs(const Akonadi::Collection &collection) const
{
    return std::any_of(m_collections.cbegin(), m_collections.cend(), [&](const Akonadi::Collection &c) {
        return c.id() == collection.id();
    });
}

void ReminderAgent::checkClock()
{
    // QTimer waits on a monotonic clock: a wall clock set back is noticed
    // here, before an item is scheduled against a cursor days ahead.
    if (Crm::Clock::zone().id() != m_cache->settings().zoneId) {
        qCDebug(CRM_REMINDERS_LOG) << "the time zone changed to" << Crm::Clock::zone().id();
        reloadSettings(); // computes the schedule again in the new zone
    }
    const QDateTime now = Crm::Clock::now();
    const QDateTime cursor = m_cache->schedule().cursor();
    if (cursor.isValid() && now < cursor.addSecs(-lookbackSeconds)) {
        qCWarning(CRM_REMINDERS_LOG) << "the clock went back from" << cursor << "to" << now;
        m_cache->schedule().setCursor(now);
        m_log->rewindWatermark(now);
    }
}

void ReminderAgent::apply(const Akonadi::Item &item)
{
    const bool kept = m_keepers && m_keepers->itemChanged(item);
    if (!isOurs(item.parentCollection())) {
        if (!kept) {
            ++m_ignoredItems;
        }
        return;
    }
    if (m_state != State::Ready) {
        m_pending.append({item, false});
        return;
    }
    checkClock();
    if (!m_cache->update(item)) {
        qCWarning(CRM_REMINDERS_LOG) << "item" << item.id() << "has no payload the CRM can read; skipped";
    }
    m_saveTimer.start();
    armTimer();
}

void ReminderAgent::mergeTasksOf(const QString &resource)
{
    if (m_taskMerger && m_taskMerger->calendarResource() == resource) {
        return;
    }
    delete m_taskMerger;
    m_taskMerger = new Crm::OfflineTaskMerger(resource, Crm::TaskJournal(), this);
    connect(m_taskMerger, &Crm::OfflineTaskMerger::reported, m_notifier, &Notifier::showTaskMerge);
    // Changes kept from before the agent started (its machine offline then).
    m_taskMerger->mergeSoon();
}

void ReminderAgent::noteTaskChange(const Akonadi::Item &item)
{
    if (!m_taskMerger || !isOurs(item.parentCollection()) || !item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
        return;
    }
    const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>();
    if (incidence && incidence->type() == KCalendarCore::IncidenceBase::TypeTodo) {
        m_taskMerger->taskChanged(incidence->uid());
    }
}

void ReminderAgent::itemAdded(const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    Akonadi::Item withParent = item;
    if (!withParent.parentCollection().isValid()) {
        withParent.setParentCollection(collection);
    }
    apply(withParent);
    noteTaskChange(withParent);
    changeProcessed();
}

void ReminderAgent::itemChanged(const Akonadi::Item &item, const QSet<QByteArray> &)
{
    apply(item);
    noteTaskChange(item);
    changeProcessed();
}

void ReminderAgent::remove(qint64 itemId)
{
    if (m_keepers) {
        m_keepers->itemRemoved(itemId);
    }
    unschedule(itemId);
}

void ReminderAgent::unschedule(qint64 itemId)
{
    if (m_state == State::Loading) {
        m_pending.append({Akonadi::Item(itemId), true});
        return;
    }
    if (m_state == State::Ready) {
        m_cache->forget(itemId);
        m_saveTimer.start();
        armTimer();
    }
}

void ReminderAgent::itemRemoved(const Akonadi::Item &item)
{
    remove(item.id());
    changeProcessed();
}

void ReminderAgent::itemsRemoved(const Akonadi::Item::List &items)
{
    for (const Akonadi::Item &item : items) {
        remove(item.id());
    }
    changeProcessed();
}

void ReminderAgent::itemMoved(const Akonadi::Item &item, const Akonadi::Collection &, const Akonadi::Collection &destination)
{
    itemsMoved({item}, {}, destination);
}

void ReminderAgent::itemsMoved(const Akonadi::Item::List &items, const Akonadi::Collection &, const Akonadi::Collection &destination)
{
    for (Akonadi::Item item : items) {
        item.setParentCollection(destination);
        if (isOurs(destination)) {
            apply(item);
            continue;
        }
        // Out of the schedule's collections: into the employees' book
        // (still the directory's), or out of the CRM.
        unschedule(item.id());
        if (m_keepers && !m_keepers->itemChanged(item)) {
            m_keepers->itemRemoved(item.id());
        }
    }
    changeProcessed();
}

void ReminderAgent::aboutToQuit()
{
    if (m_keepers) {
        m_keepers->saveIfWorthIt();
    }
    if (m_cache && m_saveTimer.isActive()) {
        m_saveTimer.stop();
        m_cache->save();
    }
}

void ReminderAgent::tick()
{
    if (m_state != State::Ready) {
        return;
    }
    checkClock();
    const QDateTime now = Crm::Clock::now();
    QList<Reminder> due = m_cache->schedule().takeDue(now);
    due += m_log->dueSnoozes(now);
    deliver(due);
    m_log->setWatermark(now);
    m_log->prune(now.addSecs(-catchUpSeconds() - lookbackSeconds).addDays(-keepDeliveredDays), now.addDays(-400));
    armTimer();
}

void ReminderAgent::deliver(const QList<Reminder> &reminders)
{
    QList<Reminder> fresh;
    for (const Reminder &r : reminders) {
        if (m_log->isDelivered(r)) {
            if (r.kind == Kind::Snoozed) {
                m_log->confirm(r); // presumed shown after damage: off the snooze list
            }
            continue;
        }
        fresh << r;
    }
    if (fresh.size() > maxShownAtOnce) {
        // Snoozed ones stay apart: the user asked for each of them.
        std::stable_sort(fresh.begin(), fresh.end(), [](const Reminder &a, const Reminder &b) {
            return (a.kind == Kind::Snoozed) == (b.kind == Kind::Snoozed) ? a.due < b.due : b.kind == Kind::Snoozed;
        });
        const QList<Reminder> missed = fresh.first(fresh.size() - (maxShownAtOnce - 1));
        fresh.remove(0, missed.size());
        for (const Reminder &r : missed) {
            m_log->begin(r);
        }
        m_notifier->showMissed(missed.size(), missed.constFirst().due, missed.constLast().due);
        for (const Reminder &r : missed) {
            m_log->confirm(r);
        }
        qCDebug(CRM_REMINDERS_LOG) << "named" << missed.size() << "reminders in one notification";
    }
    for (const Reminder &r : std::as_const(fresh)) {
        const QString key = r.key();
        if (m_log->isBegun(key)) {
            qCDebug(CRM_REMINDERS_LOG) << "showing again a reminder interrupted by a crash:" << key;
        }
        // Recorded before it is shown and confirmed right after, each an
        // append of one record: only a crash between handing it to
        // KNotifications and the confirmation's write shows it once more.
        m_log->begin(r);
        m_notifier->show(r);
        m_log->confirm(r);
        if (m_shown.size() > 1000) {
            m_shown.clear(); // only the recent ones can be snoozed over D-Bus
        }
        m_shown.insert(key, r);
        qCDebug(CRM_REMINDERS_LOG) << "shown" << key;
    }
}

void ReminderAgent::armTimer()
{
    if (m_state != State::Ready) {
        return;
    }
    QDateTime next = m_cache->schedule().nextDue();
    const QDateTime snooze = m_log->nextSnooze();
    if (snooze.isValid() && (!next.isValid() || snooze < next)) {
        next = snooze;
    }
    if (!next.isValid()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(Crm::Clock::now().msecsTo(next), 0, maxWaitMs);
    m_timer.start(int(wait));
}

bool ReminderAgent::isReady() const
{
    return m_state == State::Ready;
}

QString ReminderAgent::nextDue() const
{
    return m_state == State::Ready ? m_cache->schedule().nextDue().toUTC().toString(Qt::ISODate) : QString();
}

QString ReminderAgent::nextSnooze() const
{
    return m_state == State::Ready ? m_log->nextSnooze().toUTC().toString(Qt::ISODate) : QString();
}

QStringList ReminderAgent::upcoming(const QString &until, int limit) const
{
    const QDateTime end = QDateTime::fromString(until, Qt::ISODateWithMs);
    if (m_state != State::Ready || !end.isValid()) {
        return {};
    }
    QStringList out;
    const auto reminders = m_cache->schedule().upcoming(end, limit);
    for (const Crm::Reminders::Reminder &r : reminders) {
        out << r.toLine();
    }
    return out;
}

int ReminderAgent::scheduledItems() const
{
    return m_state == State::Ready ? m_cache->schedule().size() : 0;
}

QStringList ReminderAgent::watchedCollections() const
{
    QStringList ids;
    if (m_state == State::Ready) {
        for (const Akonadi::Collection &c : m_collections) {
            ids << QString::number(c.id());
        }
    }
    return ids;
}

int ReminderAgent::ignoredItems() const
{
    return m_ignoredItems;
}

qint64 ReminderAgent::processId() const
{
    return QCoreApplication::applicationPid();
}

bool ReminderAgent::snooze(const QString &key, int minutes)
{
    const auto it = m_shown.constFind(key);
    if (!m_log || it == m_shown.cend()) {
        return false;
    }
    m_log->snooze(*it, Crm::Clock::now().addSecs(qint64(minutes) * 60));
    armTimer();
    return true;
}
