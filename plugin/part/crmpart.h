// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <KParts/Part>

class QTabWidget;

namespace Crm
{
class CrmSession;
class CounterpartiesView;
class InteractionsView;
class TasksPage;
class ImportDialog;

/// The CRM views as a KParts part: what Kontact's CRM entry and the
/// standalone kontact-crm window show.
class CrmPart : public KParts::Part
{
    Q_OBJECT
public:
    CrmPart(QWidget *parentWidget, QObject *parent, const KPluginMetaData &data, const QVariantList &args);
    ~CrmPart() override;

private:
    void setupActions();
    void setupInteractionActions(InteractionsView *interactions);

    CrmSession *m_session;
    CounterpartiesView *m_counterparties;
    TasksPage *m_tasks;
    QTabWidget *m_pages;
    ImportDialog *m_import;
};

} // namespace Crm
