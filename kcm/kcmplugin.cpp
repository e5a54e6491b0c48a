// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "kontactcrmsettings.h"

#include <KPluginFactory>

// The factory lives in the plugin itself, not in the pages' library.
K_PLUGIN_CLASS_WITH_JSON(Crm::KontactCrmSettings, "kcm_kontactcrm.json")

#include "kcmplugin.moc"
