// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/crmsummary.h"
#include "reminders/reminder.h"

#include <QWidget>

#include <functional>

class QGridLayout;

namespace Crm
{

/// The CRM's part of Kontact's summary page: today's reminders (as the
/// reminder agent will show them), the overdue tasks and the next planned
/// contacts. Each row is a link: a task opens its editor, a contact the
/// counterparty's card.
class SummaryView : public QWidget
{
    Q_OBJECT
public:
    using NameLookup = std::function<QString(const QString &counterpartyUid)>;

    explicit SummaryView(QWidget *parent = nullptr);

    void setNameLookup(const NameLookup &lookup);
    /// Today's reminders; @p note instead when they cannot be known (the
    /// agent is not running).
    void setReminders(const QList<Reminders::Reminder> &reminders, const QString &note = {});
    void setSummary(const CrmSummary &summary);
    /// The rows shown, as plain text, section by section (for tests and D-Bus).
    QStringList rows() const;

Q_SIGNALS:
    void taskActivated(qint64 itemId);
    void counterpartyActivated(const QString &counterpartyUid);

private:
    void rebuild();
    void addSection(const QString &heading);
    void addRow(const QString &when, const QString &text, const QString &link, bool warn = false);

    NameLookup m_names;
    QList<Reminders::Reminder> m_reminders;
    QString m_reminderNote;
    CrmSummary m_summary;
    QGridLayout *m_grid;
    QStringList m_rows;
};

} // namespace Crm
