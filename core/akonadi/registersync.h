// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <KJob>

class QTimer;

namespace Crm
{

/// Brings a shared register up to date from its server, so that the letters
/// other employees registered there are in Akonadi: their numbers count. A
/// register in a local maildir is this machine's own and needs nothing. For
/// any other resource (an IMAP account) the resource reads its account again
/// and the job ends when it has: a full synchronisation, because a resource
/// announces the end of that (its "synchronized" D-Bus signal), while a
/// one-folder sync ends unannounced. Give a shared register an account (or a
/// folder of one) with few other folders.
class KONTACTCRMCORE_EXPORT RegisterSyncJob : public KJob
{
    Q_OBJECT
public:
    explicit RegisterSyncJob(const Akonadi::Collection &registerFolder, QObject *parent = nullptr);
    void start() override;
    /// Waits for a synchronisation that begins after this job started. A
    /// request while the resource is synchronising already is merged into
    /// that one, which may have read the folder before; fresh asks again
    /// once it has ended.
    void setFresh(bool fresh);

    /// Whether the register in @p folder lives on a server other machines
    /// write to (any resource but a local maildir).
    static bool isShared(const Akonadi::Collection &folder);

private Q_SLOTS:
    void resourceSynchronized();

private:
    void request();
    void check();

    Akonadi::Collection m_folder;
    QString m_resource;
    QTimer *m_timer = nullptr;
    int m_checks = 0;
    int m_rounds = 1;
    bool m_done = false;
};

} // namespace Crm
