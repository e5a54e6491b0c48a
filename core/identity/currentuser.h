// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QString>
#include <QStringList>

namespace Crm
{

/// Who "I" am, the same for the plugin, the agents and crmctl: the e-mail
/// recorded as who moved a task or holds an interaction, and the addresses
/// a task assigned to me may name.
struct KONTACTCRMCORE_EXPORT CurrentUser {
    QString email;
    /// Every address that is also me (identities and their aliases), as
    /// KOrganizer's "that is me"; empty when the e-mail came from the environment.
    QStringList aliases;

    /// $CRM_USER_EMAIL for scripts and tests, otherwise the default
    /// KIdentityManagement identity (what KMail and KOrganizer use) with
    /// every identity's addresses as aliases. Empty when there is neither.
    static CurrentUser find();
};

} // namespace Crm
