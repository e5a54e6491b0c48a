// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "storage/memoryitemstorage.h"
#include "storagecontract.h"

#include <QCoreApplication>

/// The storage contract against the in-memory fake: milliseconds.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Akonadi::Collection collection(42);
    StorageContract contract(
        [collection] {
            auto storage = std::make_unique<Crm::MemoryItemStorage>();
            storage->addCollection(collection);
            return std::unique_ptr<Crm::ItemStorage>(std::move(storage));
        },
        [collection] {
            return collection;
        });
    return QTest::qExec(&contract, argc, argv);
}
