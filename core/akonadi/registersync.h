// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/AgentInstance>
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
/// folder of one) with few other folders. A resource that is offline is
/// brought online first, as KMail's "Check Mail" does: whoever starts this
/// job asked for the server. The job fails as soon as the resource goes
/// offline or reports itself broken meanwhile, naming its reason. The same
/// brings the CRM's address
/// books and calendar on a CalDAV/CardDAV account up to date (setDescription):
/// what a phone or another employee changed there is in Akonadi afterwards.
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
    /// Whether @p collection (an address book or a calendar of the CRM) lives
    /// on a server other programs write to (a CalDAV/CardDAV account), not in
    /// local files only the CRM and this machine's programs write.
    static bool isOnServer(const Akonadi::Collection &collection);
    /// What the error names when the server cannot be read, e.g. "the CRM's
    /// records in Radicale"; the register's account when not set.
    void setDescription(const QString &what);

private Q_SLOTS:
    void resourceSynchronized();

private:
    void beginSync();
    void request();
    void check();
    void instanceChanged(const Akonadi::AgentInstance &instance);
    void failUnlessBack();
    /// Ends with the resource offline for @p reason (what it said).
    void fail(const QString &reason);
    void finish(const QString &why);
    QString failure(const QString &resourceName, const QString &reason) const;

    Akonadi::Collection m_folder;
    QString m_resource;
    QString m_description;
    QTimer *m_timer = nullptr;
    int m_checks = 0;
    int m_rounds = 1;
    bool m_waitingForOnline = false;
    bool m_failing = false;
    bool m_done = false;
};

} // namespace Crm
