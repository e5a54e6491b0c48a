// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminderspage.h"

#include "kcm_debug.h"
#include "reminderagentsettings.h"

#include <Akonadi/ServerManager>
#include <KIdentityManagementCore/Identity>
#include <KIdentityManagementCore/IdentityManager>
#include <KLocalizedString>

#include <QComboBox>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QFormLayout>
#include <QSpinBox>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QString agentType = u"akonadi_kontactcrm_reminders_agent"_s;
}

RemindersPage::RemindersPage(QWidget *parent)
    : QWidget(parent)
    , m_deadlineLead(new QSpinBox(this))
    , m_birthdayLead(new QSpinBox(this))
    , m_catchUp(new QSpinBox(this))
    , m_user(new QComboBox(this))
{
    // Ranges from the agent's own schema.
    auto settings = ReminderAgentSettings::self();
    m_deadlineLead->setObjectName(u"deadlineLead"_s);
    m_deadlineLead->setRange(settings->deadlineLeadMinutesItem()->minValue().toInt(), 60 * 24 * 30);
    m_deadlineLead->setSuffix(i18nc("@item:valuesuffix", " min"));
    m_birthdayLead->setRange(settings->birthdayLeadDaysItem()->minValue().toInt(), settings->birthdayLeadDaysItem()->maxValue().toInt());
    m_birthdayLead->setSuffix(i18nc("@item:valuesuffix", " days"));
    m_catchUp->setRange(settings->catchUpHoursItem()->minValue().toInt(), 24 * 30);
    m_catchUp->setSuffix(i18nc("@item:valuesuffix", " h"));
    m_user->setObjectName(u"user"_s);
    m_user->setEditable(true);

    auto form = new QFormLayout(this);
    form->addRow(i18nc("@label:spinbox", "Remind of a task's deadline:"), m_deadlineLead);
    form->addRow(i18nc("@label:spinbox", "Remind of a birthday:"), m_birthdayLead);
    form->addRow(i18nc("@label:spinbox", "After a pause, still show what fell due up to:"), m_catchUp);
    form->addRow(i18nc("@label:listbox", "I am:"), m_user);
    m_deadlineLead->setToolTip(settings->deadlineLeadMinutesItem()->label());
    m_catchUp->setToolTip(settings->catchUpHoursItem()->label());
    m_user->setToolTip(settings->userEmailItem()->label());

    for (QSpinBox *box : {m_deadlineLead, m_birthdayLead, m_catchUp}) {
        connect(box, &QSpinBox::valueChanged, this, &RemindersPage::changed);
    }
    connect(m_user, &QComboBox::currentTextChanged, this, &RemindersPage::changed);
}

QSpinBox *RemindersPage::deadlineLead() const
{
    return m_deadlineLead;
}

QComboBox *RemindersPage::user() const
{
    return m_user;
}

void RemindersPage::load()
{
    auto settings = ReminderAgentSettings::self();
    settings->load();
    m_deadlineLead->setValue(settings->deadlineLeadMinutes());
    m_birthdayLead->setValue(settings->birthdayLeadDays());
    m_catchUp->setValue(settings->catchUpHours());
    // "Every address of my identities" first (the setting left empty), then each identity's.
    m_user->clear();
    m_user->addItem(i18nc("@item:inlistbox", "Every address of my identities"), QString());
    const auto identities = KIdentityManagementCore::IdentityManager::self();
    for (auto it = identities->begin(); it != identities->end(); ++it) {
        m_user->addItem(i18nc("@item:inlistbox identity name, address", "%1 <%2>", it->identityName(), it->primaryEmailAddress()), it->primaryEmailAddress());
    }
    const QString email = settings->userEmail();
    const int at = m_user->findData(email);
    if (at >= 0) {
        m_user->setCurrentIndex(at);
    } else {
        m_user->setEditText(email);
    }
}

void RemindersPage::defaults()
{
    auto settings = ReminderAgentSettings::self();
    m_deadlineLead->setValue(settings->defaultDeadlineLeadMinutesValue());
    m_birthdayLead->setValue(settings->defaultBirthdayLeadDaysValue());
    m_catchUp->setValue(settings->defaultCatchUpHoursValue());
    m_user->setCurrentIndex(0);
}

void RemindersPage::save()
{
    const int at = m_user->findText(m_user->currentText());
    const QString email = at >= 0 ? m_user->itemData(at).toString() : m_user->currentText().trimmed();
    auto settings = ReminderAgentSettings::self();
    settings->setDeadlineLeadMinutes(m_deadlineLead->value());
    settings->setBirthdayLeadDays(m_birthdayLead->value());
    settings->setCatchUpHours(m_catchUp->value());
    settings->setUserEmail(email);
    settings->save();

    // The running agent: the same values through its settings interface,
    // then save(), which applies them. Not waited for.
    const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, agentType);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.interface()->isServiceRegistered(service)) {
        qCDebug(CRM_KCM_LOG) << "the reminder agent is not running; it reads the settings when it starts";
        return;
    }
    auto call = [&](const QString &method, const QVariant &value = {}) {
        QDBusMessage message = QDBusMessage::createMethodCall(service, u"/Settings"_s, u"org.kde.kontactcrm.RemindersSettings"_s, method);
        if (value.isValid()) {
            message << value;
        }
        bus.asyncCall(message);
    };
    call(u"setDeadlineLeadMinutes"_s, m_deadlineLead->value());
    call(u"setBirthdayLeadDays"_s, m_birthdayLead->value());
    call(u"setCatchUpHours"_s, m_catchUp->value());
    call(u"setUserEmail"_s, email);
    call(u"save"_s);
}

} // namespace Crm
