// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "storagecontract.h"
#include "storage/akonadiitemstorage.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QApplication>

/// The same storage contract against a real, isolated Akonadi server, in the
/// CRM's own calendar (an iCal-directory resource).
int main(int argc, char **argv)
{
    qputenv("LC_ALL", "C");
    QApplication app(argc, argv);
    AkonadiTest::checkTestIsIsolated();
    if (!Akonadi::Control::start()) {
        qCritical("Akonadi did not start");
        return 1;
    }
    StorageContract contract(
        [] {
            return std::unique_ptr<Crm::ItemStorage>(std::make_unique<Crm::AkonadiItemStorage>());
        },
        [] {
            QString error;
            const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::CreateIfMissing, &error);
            if (!calendar) {
                qCritical() << error;
                return Akonadi::Collection();
            }
            return *calendar;
        });
    return QTest::qExec(&contract, argc, argv);
}
