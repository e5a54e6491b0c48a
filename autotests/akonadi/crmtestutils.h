// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/directory.h"

#include <Akonadi/AgentManager>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <KContacts/Addressee>

#include <QMap>
#include <QProcess>
#include <QTest>

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

/// What a crmctl run printed and returned.
struct CrmctlRun {
    int exitCode = -1; ///< -1 when it crashed or did not finish
    QString out;
    QString err;
};

/// Runs crmctl as a user would, against the test's own Akonadi server (the
/// environment akonaditest set up), with @p env added or, for empty
/// values, removed.
inline CrmctlRun crmctl(const QStringList &args, const QMap<QString, QString> &env = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        if (it.value().isEmpty()) {
            environment.remove(it.key());
        } else {
            environment.insert(it.key(), it.value());
        }
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(CRMCTL_PATH), args);
    if (!process.waitForFinished(120000)) {
        process.kill();
        return {};
    }
    return CrmctlRun{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                     QString::fromUtf8(process.readAllStandardOutput()),
                     QString::fromUtf8(process.readAllStandardError())};
}

inline QString dataFile(const char *name)
{
    return QStringLiteral(CRM_TEST_DATA_DIR "/") + QLatin1StringView(name);
}

inline QString sampleFile(const char *name)
{
    return QStringLiteral(CRM_SAMPLE_DATA_DIR "/") + QLatin1StringView(name);
}

/// Starts the test's stand-in wallet (autotests/fakekwallet.cpp, at
/// @p program) on the session bus, giving @p password for what it was not
/// given; true once it is there.
inline bool startFakeWallet(QProcess &wallet, const QString &program, const QString &password)
{
    wallet.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    wallet.start(program, {password});
    return wallet.waitForReadyRead(10000) && wallet.readLine().trimmed() == "ready";
}

/// Removes the agent instance @p identifier (a test's mail or DAV account)
/// and waits until it is gone, so that it asks nothing of the test's
/// keychain or servers after they stop. Empty does nothing; false when it
/// was not gone within 10 s.
inline bool removeAgentInstance(const QString &identifier)
{
    if (identifier.isEmpty()) {
        return true;
    }
    Akonadi::AgentManager::self()->removeInstance(Akonadi::AgentManager::self()->instance(identifier));
    return QTest::qWaitFor(
        [&identifier] {
            return !Akonadi::AgentManager::self()->instance(identifier).isValid();
        },
        10000);
}

} // namespace CrmTest
