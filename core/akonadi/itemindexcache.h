// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>

#include <QDataStream>
#include <QDateTime>
#include <QHash>

namespace Crm
{

class ItemStore;

/// An index over the items of some collections, kept on disk between runs
/// so that a cold crmctl does not read every item. On open it asks Akonadi
/// only for what changed since the last run (by modification time) and for
/// each collection's item count; a count that disagrees (items deleted
/// elsewhere) makes it re-read that collection. Edits made in KAddressBook,
/// KOrganizer or on a phone are therefore seen on the next open.
/// Subclasses say what an item contributes to their index.
class KONTACTCRMCORE_EXPORT ItemIndexCache
{
public:
    virtual ~ItemIndexCache();

    /// Loads the file and brings it up to date with Akonadi.
    bool open(QString *error = nullptr);
    /// Applies what changed in Akonadi since the last refresh and saves.
    bool refresh(QString *error = nullptr);

    QString filePath() const;
    /// How the last open went, for benchmarks and tests.
    struct Stats {
        bool loadedFromFile = false;
        int changedItems = 0;
        int rebuiltCollections = 0;
    };
    Stats lastStats() const;

protected:
    ItemIndexCache(const Akonadi::Collection::List &collections, const ItemStore &store, const QString &name, quint32 formatVersion);

    /// Puts what @p item says into the index (replacing what it said
    /// before). Returns false when its payload cannot be read: the item is
    /// then left out, and counted so its collection's count still matches.
    virtual bool indexItem(const Akonadi::Item &item, const Akonadi::Collection &collection) = 0;
    virtual void unindexItem(qint64 itemId) = 0;
    virtual void clearIndex() = 0;
    virtual void writeIndex(QDataStream &out) const = 0;
    virtual void readIndex(QDataStream &in) = 0;

private:
    bool load();
    bool save() const;
    bool apply(const Akonadi::Item &item, const Akonadi::Collection &collection);
    bool rebuild(const Akonadi::Collection &collection, QString *error);
    int countOf(const Akonadi::Collection &collection) const;

    Akonadi::Collection::List m_collections;
    const ItemStore &m_store;
    QString m_name;
    quint32 m_formatVersion;
    QDateTime m_watermark;
    QHash<qint64, Akonadi::Collection::Id> m_members; ///< every item seen, readable or not
    QHash<qint64, int> m_revisions; ///< the revision each item had when indexed
    Stats m_stats;
};

} // namespace Crm
