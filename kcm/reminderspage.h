// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace Crm
{

/// The reminder agent's settings (kontactcrm_remindersrc, the agent's own
/// KConfigXT schema): lead times, the catch-up window and who "I" am. Saved
/// to the file, and handed to the running agent over its settings interface
/// (org.kde.kontactcrm.RemindersSettings at /Settings of the agent's
/// service), which applies them without a restart.
class RemindersPage : public QWidget
{
    Q_OBJECT

public:
    explicit RemindersPage(QWidget *parent = nullptr);

    void load();
    void save();
    void defaults();

    QSpinBox *deadlineLead() const;
    QComboBox *user() const;

Q_SIGNALS:
    void changed();

private:
    QSpinBox *m_deadlineLead;
    QSpinBox *m_birthdayLead;
    QSpinBox *m_catchUp;
    QComboBox *m_user;
};

} // namespace Crm
