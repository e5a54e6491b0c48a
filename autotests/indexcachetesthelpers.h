// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

#pragma once

#include "akonadi/itemindexcache.h"
#include "blocking/blockingstorage.h"
#include "storage/itemstorage.h"

#include <KCalendarCore/Todo>

#include <QTimer>

/// What the tests of the calendar index over an in-memory storage share.
namespace CrmTest
{
inline Akonadi::Item todo(const QString &uid, const QString &summary, const Akonadi::Item &base = {})
{
    KCalendarCore::Todo::Ptr t(new KCalendarCore::Todo);
    t->setUid(uid);
    t->setSummary(summary);
    Akonadi::Item item = base;
    item.setMimeType(KCalendarCore::Todo::todoMimeType());
    item.setPayload<KCalendarCore::Incidence::Ptr>(t);
    return item;
}

/// Writes @p item into @p collection (or where it is, for a stored item) and returns it as stored.
inline Akonadi::Item write(Crm::ItemStorage &storage, const Akonadi::Item &item, const Akonadi::Collection &collection)
{
    Akonadi::Item out;
    Crm::waitFor(storage.write({{item, collection}}), [&out](Crm::StorageJob *job) {
        out = job->written().value(0).item;
    });
    return out;
}

inline bool open(Crm::ItemIndexCache &cache)
{
    return Crm::waitForDone([&cache](const Crm::DoneCallback &done) {
        cache.open(done);
    });
}

/// A keeper that answers every question with @p vouch, from the event loop as D-Bus would.
inline Crm::ItemIndexCache::AskKeeper keeperAnswering(const std::optional<Crm::IndexVouch> &vouch)
{
    return [vouch](const QString &, const Crm::ItemIndexCache::KeeperAnswer &answer) {
        QTimer::singleShot(0, [answer, vouch] {
            answer(vouch);
        });
    };
}
} // namespace CrmTest
