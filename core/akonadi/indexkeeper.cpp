// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "indexkeeper.h"

#include "crmcore_debug.h"

#include <Akonadi/ServerManager>

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QElapsedTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QString keeperAgent = u"akonadi_kontactcrm_reminders_agent"_s;
const QString keeperInterface = u"org.kde.kontactcrm.IndexKeeper"_s;
/// How long an open waits for the keeper before it asks the storage what
/// changed instead: the agent answers in a millisecond, unless it is
/// writing a file just then (seconds at 400,000 contacts).
constexpr int askTimeoutMs = 100;
/// Changes come in bursts (an import, a sync): the file is written once
/// they settle.
constexpr int saveDelayMs = 2000;
constexpr int retryDelayMs = 30 * 1000;

QString objectPath(const QString &name)
{
    return u"/IndexKeeper/"_s + name;
}
} // namespace

IndexKeeper::IndexKeeper(const QString &name, std::unique_ptr<ItemIndexCache> cache, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_cache(std::move(cache))
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(saveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, [this] {
        QElapsedTimer timer;
        timer.start();
        if (!m_cache->save()) {
            qCWarning(CRM_CORE_LOG) << "cannot write the index file" << m_cache->filePath();
            return;
        }
        qCDebug(CRM_CORE_LOG) << "keeper" << m_name << "wrote" << m_cache->filePath() << "in" << timer.elapsed() << "ms";
        Q_EMIT written();
    });
}

IndexKeeper::~IndexKeeper()
{
    QDBusConnection::sessionBus().unregisterObject(objectPath(m_name));
}

void IndexKeeper::start()
{
    // Registered at once: until it is open, it answers that it cannot vouch.
    QDBusConnection::sessionBus().unregisterObject(objectPath(m_name));
    if (!QDBusConnection::sessionBus().registerObject(objectPath(m_name), this, QDBusConnection::ExportScriptableSlots)) {
        qCWarning(CRM_CORE_LOG) << "cannot register" << objectPath(m_name) << "on the session bus";
    }
    m_cache->open([this](const QString &error) {
        if (!error.isEmpty()) {
            // Half brought up to date is nothing to vouch for: tried again
            // later (what it is told meanwhile waits).
            qCWarning(CRM_CORE_LOG) << "keeper" << m_name << "cannot bring its index up to date:" << error;
            QTimer::singleShot(retryDelayMs, this, &IndexKeeper::start);
            return;
        }
        m_ready = true;
        for (const PendingChange &change : std::exchange(m_pending, {})) {
            if (change.removed) {
                itemRemoved(change.item.id());
            } else {
                itemChanged(change.item);
            }
        }
        if (m_cache->needsSave()) {
            scheduleSave();
        }
        qCDebug(CRM_CORE_LOG) << "keeper" << m_name << "ready";
        Q_EMIT ready();
    });
}

bool IndexKeeper::isReady() const
{
    return m_ready;
}

bool IndexKeeper::covers(const Akonadi::Collection &collection) const
{
    const auto &collections = m_cache->collections();
    return std::any_of(collections.cbegin(), collections.cend(), [&collection](const Akonadi::Collection &c) {
        return c.id() == collection.id();
    });
}

const Akonadi::Collection::List &IndexKeeper::collections() const
{
    return m_cache->collections();
}

void IndexKeeper::itemChanged(const Akonadi::Item &item)
{
    if (!m_ready) {
        m_pending.append({item, false});
        return;
    }
    m_cache->applyChange(item, item.parentCollection());
    if (m_cache->needsSave()) {
        scheduleSave();
    }
}

void IndexKeeper::itemRemoved(qint64 itemId)
{
    if (!m_ready) {
        m_pending.append({Akonadi::Item(itemId), true});
        return;
    }
    m_cache->applyRemoval(itemId);
    if (m_cache->needsSave()) {
        scheduleSave();
    }
}

void IndexKeeper::saveIfWorthIt()
{
    if (m_ready && m_cache->needsSave()) {
        m_saveTimer.stop();
        m_cache->save();
    }
}

void IndexKeeper::scheduleSave()
{
    if (!m_saveTimer.isActive()) {
        m_saveTimer.start();
    }
}

QString IndexKeeper::vouch(const QString &file)
{
    if (!m_ready || file != m_cache->filePath()) {
        return {};
    }
    const auto vouch = m_cache->vouch();
    if (!vouch) {
        // Replaced by another process (the plugin writes the file it
        // follows) or too much changed since: writing its own lets the
        // next process be vouched for.
        scheduleSave();
        return {};
    }
    return vouch->toJson();
}

ItemIndexCache::AskKeeper IndexKeeper::asker(const QString &name)
{
    return [name](const QString &filePath, const ItemIndexCache::KeeperAnswer &answer) {
        QDBusMessage call = QDBusMessage::createMethodCall(Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, keeperAgent),
                                                           objectPath(name),
                                                           keeperInterface,
                                                           u"vouch"_s);
        call << filePath;
        auto watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, askTimeoutMs));
        QObject::connect(watcher, &QDBusPendingCallWatcher::finished, watcher, [watcher, answer] {
            watcher->deleteLater();
            const QDBusPendingReply<QString> reply = *watcher;
            if (reply.isError()) {
                qCDebug(CRM_CORE_LOG) << "no index keeper:" << reply.error().name();
                answer(std::nullopt);
                return;
            }
            answer(IndexVouch::fromJson(reply.value()));
        });
    };
}

} // namespace Crm
