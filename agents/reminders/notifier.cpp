// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "notifier.h"

#include "domain/clock.h"

#include <KLocalizedString>
#include <KNotification>

#include <QLocale>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using Crm::Reminders::Kind;
using Crm::Reminders::Reminder;

Notifier::Notifier(QObject *parent)
    : QObject(parent)
{
    m_release.setSingleShot(true);
    m_release.setInterval(1000);
    connect(&m_release, &QTimer::timeout, this, [this]() {
        m_keepAlive.reset();
    });
}

QString Notifier::eventId(Kind kind)
{
    switch (kind) {
    case Kind::TaskAssigned:
        return u"taskAssigned"_s;
    case Kind::TaskDeadlineSoon:
    case Kind::TaskDeadlinePassed:
    case Kind::TaskAlarm:
        return u"taskDeadline"_s;
    case Kind::InteractionBefore:
    case Kind::InteractionAt:
        return u"interaction"_s;
    case Kind::Birthday:
        return u"birthday"_s;
    case Kind::LetterArrived:
        return u"letterArrived"_s;
    case Kind::EventAlarm:
    case Kind::Snoozed:
        break;
    }
    return u"event"_s;
}

void Notifier::show(const Reminder &reminder)
{
    auto notification = make(eventId(reminder.kind), KNotification::Persistent, Crm::Reminders::heading(reminder), Crm::Reminders::describe(reminder));

    auto open = notification->addDefaultAction(i18nc("@action:button", "Open"));
    connect(open, &KNotificationAction::activated, this, [this, reminder]() {
        Q_EMIT openRequested(reminder);
    });
    const QDateTime now = Crm::Clock::now();
    const QList<std::pair<QString, QDateTime>> snoozes{
        {i18nc("@action:button", "Snooze 15 minutes"), now.addSecs(15 * 60)},
        {i18nc("@action:button", "Snooze 1 hour"), now.addSecs(3600)},
        {i18nc("@action:button", "Tomorrow"), QDateTime(Crm::Clock::today().addDays(1), QTime(9, 0), Crm::Clock::zone())},
    };
    for (const auto &[label, until] : snoozes) {
        auto action = notification->addAction(label);
        connect(action, &KNotificationAction::activated, this, [this, reminder, until]() {
            Q_EMIT snoozeRequested(reminder, until);
        });
    }
    auto done = notification->addAction(i18nc("@action:button", "Done"));
    connect(done, &KNotificationAction::activated, this, [this, reminder]() {
        Q_EMIT doneRequested(reminder);
    });
    send(notification);
}

KNotification *Notifier::make(const QString &event, KNotification::NotificationFlags flags, const QString &title, const QString &text)
{
    auto notification = new KNotification(event, flags);
    notification->setComponentName(u"kontactcrm_reminders"_s);
    notification->setTitle(title);
    notification->setText(text.toHtmlEscaped());
    return notification;
}

void Notifier::send(KNotification *notification)
{
    notification->sendEvent();
    if (!m_keepAlive) {
        m_keepAlive = std::make_unique<QEventLoopLocker>();
    }
    m_release.start();
}

void Notifier::showMissed(qsizetype count, const QDateTime &earliest, const QDateTime &latest)
{
    const QLocale locale;
    auto notification = make(u"remindersMissed"_s,
                             KNotification::Persistent,
                             i18ncp("@title:notification", "%1 more reminder", "%1 more reminders", count),
                             i18nc("@info %1 and %2 dates with times",
                                   "Fell due from %1 to %2 and are not shown one by one: see your tasks and contacts in the CRM.",
                                   locale.toString(earliest.toTimeZone(Crm::Clock::zone()), QLocale::ShortFormat),
                                   locale.toString(latest.toTimeZone(Crm::Clock::zone()), QLocale::ShortFormat)));
    auto open = notification->addDefaultAction(i18nc("@action:button", "Open"));
    connect(open, &KNotificationAction::activated, this, &Notifier::openCrmRequested);
    send(notification);
}

void Notifier::showTaskMerge(const Crm::TaskReconciler::Report &report)
{
    auto notify = [this](const QString &event, KNotification::NotificationFlags flags, const QString &title, const QString &text) {
        send(make(event, flags, title, text));
    };
    for (const auto &merged : report.merged) {
        if (merged.restoredEntries > 0 || !merged.restoredFields.isEmpty()) {
            notify(u"taskMerged"_s,
                   KNotification::CloseOnTimeout,
                   i18nc("@title:notification", "Task changes merged"),
                   i18nc("@info %1 task subject", "\"%1\": changes made here while the server had a newer copy were merged back.", merged.subject));
        }
        for (const Crm::TaskConflict &conflict : merged.conflicts) {
            // Persistent: nothing settles it but the user setting the field.
            notify(u"taskConflict"_s,
                   KNotification::Persistent,
                   i18nc("@title:notification", "Conflicting task changes"),
                   i18nc("@info %1 task subject, %2 the conflict",
                         "\"%1\": both machines changed it while apart: %2. Both values are kept on the task; set the field to settle it.",
                         merged.subject,
                         Crm::describeConflict(conflict)));
        }
    }
    for (const QString &problem : report.problems) {
        notify(u"taskMerged"_s, KNotification::CloseOnTimeout, i18nc("@title:notification", "Task changes not merged"), problem);
    }
}
