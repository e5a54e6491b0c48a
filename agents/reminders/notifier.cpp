// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "notifier.h"

#include "domain/clock.h"

#include <KLocalizedString>
#include <KNotification>

#include <QLocale>
#include <QRegularExpression>
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
    case Kind::EventAlarm:
    case Kind::Snoozed:
        break;
    }
    return u"event"_s;
}

static QString when(const QDateTime &dt)
{
    if (!dt.isValid()) {
        return {};
    }
    // Hours and minutes: some locales (C among them) put seconds even in
    // the short time format.
    static const QRegularExpression seconds(u"[:.]ss?"_s);
    const QDateTime local = dt.toTimeZone(Crm::Clock::zone());
    const QLocale locale;
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' + locale.toString(local.time(), locale.timeFormat(QLocale::ShortFormat).remove(seconds));
}

QString Notifier::title(const Reminder &r)
{
    switch (r.kind) {
    case Kind::TaskAssigned:
        return i18nc("@title notification", "New task for you");
    case Kind::TaskDeadlineSoon:
        return i18nc("@title notification", "Task deadline approaching");
    case Kind::TaskDeadlinePassed:
        return i18nc("@title notification", "Task overdue");
    case Kind::TaskAlarm:
        return i18nc("@title notification", "Task reminder");
    case Kind::InteractionBefore:
        return i18nc("@title notification", "Planned contact");
    case Kind::InteractionAt:
        return i18nc("@title notification", "Contact now");
    case Kind::EventAlarm:
        return i18nc("@title notification", "Event");
    case Kind::Birthday:
        return i18nc("@title notification", "Birthday");
    case Kind::Snoozed:
        break;
    }
    return i18nc("@title notification", "Reminder");
}

QString Notifier::text(const Reminder &r)
{
    switch (r.kind) {
    case Kind::TaskAssigned:
        return r.title;
    case Kind::TaskDeadlineSoon:
        return i18nc("@info task, date", "%1 is due %2", r.title, when(r.occurrence));
    case Kind::TaskDeadlinePassed:
        return i18nc("@info task, date", "%1 was due %2", r.title, when(r.occurrence));
    case Kind::InteractionBefore:
    case Kind::InteractionAt:
    case Kind::EventAlarm:
    case Kind::TaskAlarm:
        return i18nc("@info what, when", "%1 at %2", r.title, when(r.occurrence));
    case Kind::Birthday:
        return i18nc("@info person, date", "%1 has a birthday on %2", r.title, QLocale().toString(r.occurrence.date(), QLocale::LongFormat));
    case Kind::Snoozed:
        break;
    }
    return r.occurrence.isValid() ? i18nc("@info what, when", "%1 at %2", r.title, when(r.occurrence)) : r.title;
}

void Notifier::show(const Reminder &reminder)
{
    auto notification = new KNotification(eventId(reminder.kind), KNotification::Persistent);
    notification->setComponentName(u"kontactcrm_reminders"_s);
    notification->setTitle(title(reminder));
    notification->setText(text(reminder).toHtmlEscaped());

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
    notification->sendEvent();
    if (!m_keepAlive) {
        m_keepAlive = std::make_unique<QEventLoopLocker>();
    }
    m_release.start();
}
