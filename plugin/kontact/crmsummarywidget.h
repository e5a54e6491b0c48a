// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <KontactInterface/Summary>

class QTimer;

namespace KontactInterface
{
class Plugin;
}

namespace Crm
{
class CrmSession;
class SummaryView;

/// The CRM on Kontact's summary page. Opens the directory and the calendar
/// without waiting and follows them; asks the reminder agent over D-Bus
/// (asynchronously) what it will still show today. A link selects the CRM
/// and opens the task or the counterparty's card there.
class CrmSummaryWidget : public KontactInterface::Summary
{
    Q_OBJECT
public:
    CrmSummaryWidget(KontactInterface::Plugin *plugin, QWidget *parent);

    void updateSummary(bool force = false) override;
    QStringList configModules() const override;

private:
    void refresh();
    void askAgent();
    void openTask(qint64 itemId);
    void openCounterparty(const QString &uid);

    KontactInterface::Plugin *m_plugin;
    CrmSession *m_session;
    SummaryView *m_view;
    QTimer *m_refresh;
};

} // namespace Crm
