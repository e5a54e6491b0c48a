// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"

#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <KContacts/Addressee>

#include <QMap>

/// Helpers shared by the isolated Akonadi tests.
namespace CrmTest
{

/// Every vCard of an address book, by UID, as the server has it now.
inline QMap<QString, QByteArray> snapshot(const Akonadi::Collection &collection)
{
    QMap<QString, QByteArray> out;
    auto job = new Akonadi::ItemFetchJob(collection);
    job->fetchScope().fetchFullPayload();
    if (!job->exec()) {
        return out;
    }
    const auto items = job->items();
    for (const Akonadi::Item &item : items) {
        if (item.hasPayload<KContacts::Addressee>()) {
            const auto a = item.payload<KContacts::Addressee>();
            out.insert(a.uid(), item.payloadData());
        }
    }
    return out;
}

inline QString dataFile(const char *name)
{
    return QStringLiteral(CRM_TEST_DATA_DIR "/") + QLatin1StringView(name);
}

inline QString sampleFile(const char *name)
{
    return QStringLiteral(CRM_SAMPLE_DATA_DIR "/") + QLatin1StringView(name);
}

} // namespace CrmTest
