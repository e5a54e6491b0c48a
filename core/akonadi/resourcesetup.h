// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <KJob>

#include <QString>

/// Finding and creating the Akonadi resources the CRM keeps its items in.
namespace Crm::ResourceSetup
{

/// The lock (see CrmLock) under which the CRM finds or creates its resources
/// and collections, and how long a process waits for it.
KONTACTCRMCORE_EXPORT QString setupLockName();
inline constexpr int setupLockTimeoutMs = 120000;

/// The instance of @p typeId named @p name, or an empty string. It asks the
/// server, not this process's cached list, so an instance another process
/// just created is seen. When there are several (older versions could create
/// two at once), the oldest is used and a warning says so.
KONTACTCRMCORE_EXPORT QString findResource(const QString &typeId, const QString &name);

/// Creates an instance of @p typeId named @p name and points its "Path"
/// setting (a KConfigXT item exported on D-Bus as @p settingsInterface) at
/// @p path, once the resource's D-Bus service is up.
class KONTACTCRMCORE_EXPORT CreateResourceJob : public KJob
{
    Q_OBJECT
public:
    CreateResourceJob(const QString &typeId, const QString &name, const QString &settingsInterface, const QString &path, QObject *parent = nullptr);
    void start() override;
    /// The new resource's identifier.
    QString identifier() const;
    /// The D-Bus interface of its settings, as given.
    QString settingsInterface() const;

private:
    void configure();

    QString m_typeId;
    QString m_name;
    QString m_settingsInterface;
    QString m_path;
    QString m_identifier;
};

/// The top-level collection of a resource, waiting (for the Akonadi
/// monitor's signal, up to 30 s) for the resource to create it on its first
/// synchronisation.
class KONTACTCRMCORE_EXPORT RootCollectionJob : public KJob
{
    Q_OBJECT
public:
    explicit RootCollectionJob(const QString &resource, QObject *parent = nullptr);
    /// Waits for the top folder of @p path only: a maildir resource first
    /// makes one for its default path (KMail's local folders) and replaces
    /// it once it reads the path it was given. With @p settingsInterface
    /// (the resource's "Path" settings on D-Bus), a path the resource lost
    /// is given again while waiting.
    void setExpectedPath(const QString &path, const QString &settingsInterface = {});
    void start() override;
    Akonadi::Collection collection() const;

private:
    void lookUp();
    void restorePath();

    QString m_resource;
    QString m_expectedPath;
    QString m_settingsInterface;
    Akonadi::Collection m_collection;
    bool m_synchronising = false;
    bool m_answered = false; ///< found or timed out: later looks stay quiet
};

} // namespace Crm::ResourceSetup
