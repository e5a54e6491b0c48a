// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <KontactInterface/Plugin>

namespace Crm
{

/// The CRM's entry in Kontact's sidebar: a thin shell that loads the part.
class CrmPlugin : public KontactInterface::Plugin
{
    Q_OBJECT
public:
    CrmPlugin(KontactInterface::Core *core, const KPluginMetaData &data, const QVariantList &);
    ~CrmPlugin() override;

    int weight() const override;
    KontactInterface::Summary *createSummaryWidget(QWidget *parent) override;

protected:
    KParts::Part *createPart() override;
};

} // namespace Crm
