// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "currentuser.h"

#include <KIdentityManagementCore/Identity>
#include <KIdentityManagementCore/IdentityManager>

namespace Crm
{

CurrentUser CurrentUser::find()
{
    CurrentUser me;
    me.email = qEnvironmentVariable("CRM_USER_EMAIL").trimmed();
    if (!me.email.isEmpty()) {
        return me;
    }
    const auto identities = KIdentityManagementCore::IdentityManager::self();
    me.email = identities->defaultIdentity().primaryEmailAddress();
    me.aliases = identities->allEmails();
    return me;
}

} // namespace Crm
