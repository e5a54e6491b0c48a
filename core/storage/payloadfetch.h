// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <Akonadi/Item>

#include <QString>

#include <functional>

class QObject;

namespace Akonadi
{
class ItemFetchScope;
}

namespace Crm::PayloadFetch
{

/// What a fetch read: the items found, with their payload; @p error is set
/// only when the fetch failed without finding any.
using Ready = std::function<void(const Akonadi::Item::List &items, const QString &error)>;

/// Fetches @p items (by id) with what @p scope asks for, and calls @p ready
/// once, while @p context lives: when the job ends, or when its last item
/// has arrived and the job has not ended 50 ms later.
///
/// Akonadi's server writes the access time of items it has sent with their
/// payload, and its job ends only after that write. While another writer
/// holds the database (the contacts resource synchronising a folder of
/// 400,000 vCards after every start keeps it for a quarter of an hour) the
/// write waits for up to a minute on SQLite, and so does everything queued on
/// the same session. So payloads are read in sessions of their own, the
/// items are taken once they are all there, and a fetch that finds its
/// session still held after the same grace goes to another one (a few at
/// most).
void start(const Akonadi::Item::List &items, const std::function<void(Akonadi::ItemFetchScope &)> &scope, QObject *context, const Ready &ready);

} // namespace Crm::PayloadFetch
