// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmplugin.h"
#include "crmsummarywidget.h"

#include <KontactInterface/Core>

using namespace Qt::Literals::StringLiterals;

EXPORT_KONTACT_PLUGIN_WITH_JSON(Crm::CrmPlugin, "crmplugin.json")

namespace Crm
{

CrmPlugin::CrmPlugin(KontactInterface::Core *core, const KPluginMetaData &data, const QVariantList &)
    : KontactInterface::Plugin(core, core, data, "kontactcrm", "kontactcrm")
{
    setComponentName(u"kontactcrm"_s, u"kontactcrm"_s);
}

CrmPlugin::~CrmPlugin() = default;

int CrmPlugin::weight() const
{
    // Below the contacts and the calendar in the sidebar.
    return 650;
}

KontactInterface::Summary *CrmPlugin::createSummaryWidget(QWidget *parent)
{
    return new CrmSummaryWidget(this, parent);
}

KParts::Part *CrmPlugin::createPart()
{
    return loadPart();
}

} // namespace Crm

#include "crmplugin.moc"
