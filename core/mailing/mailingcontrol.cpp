// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingcontrol.h"

#include "identity/currentuser.h"
#include "mailing/mailingstore.h"

#include <Akonadi/ServerManager>
#include <KConfigGroup>
#include <KSharedConfig>

#include <KLocalizedString>

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCall>

using namespace Qt::Literals::StringLiterals;

namespace Crm::MailingControl
{

namespace
{

/// The agent polls the mailing's folder anyway; the call only saves it the
/// wait. Sent without waiting: a view never blocks on the agent.
void nudgeAgent(const QString &method, const QVariantList &arguments)
{
    QDBusMessage call = QDBusMessage::createMethodCall(agentServiceName(), u"/Mailing"_s, u"org.kde.kontactcrm.Mailing"_s, method);
    call.setArguments(arguments);
    call.setAutoStartService(false);
    QDBusConnection::sessionBus().asyncCall(call);
}

} // namespace

QString agentServiceName()
{
    const QString name = u"org.kde.kontactcrm.MailingAgent"_s;
    return Akonadi::ServerManager::hasInstanceIdentifier() ? name + u'.' + Akonadi::ServerManager::instanceIdentifier() : name;
}

Mailing newDraft()
{
    Mailing mailing;
    const CurrentUser me = CurrentUser::find();
    mailing.fromAddress = me.email;
    mailing.unsubscribeMailto = me.email;
    const KConfigGroup settings = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s);
    mailing.unsubscribeUrl = settings.readEntry("UnsubscribeUrl", QString());
    mailing.transportId = settings.readEntry("TransportId", -1);
    return mailing;
}

QString copy(MailingStore &store, const QString &id, QString *error)
{
    auto mailing = store.load(id, error);
    if (!mailing) {
        return {};
    }
    mailing->id.clear();
    if (!store.create(*mailing, error) || !store.setRecipients(mailing->id, store.recipients(id), QStringList(), error)) {
        return {};
    }
    return mailing->id;
}

bool send(MailingStore &store, const QString &id, QString *error)
{
    if (store.recipientCount(id) == 0) {
        if (error) {
            *error = i18nc("@info", "Mailing %1 has no recipients", id);
        }
        return false;
    }
    if (!store.setControl(id, MailingStore::Control::Send, error)) {
        return false;
    }
    nudgeAgent(u"send"_s, {id});
    return true;
}

bool pause(MailingStore &store, const QString &id, QString *error)
{
    if (!store.setControl(id, MailingStore::Control::Paused, error)) {
        return false;
    }
    nudgeAgent(u"pause"_s, {id});
    return true;
}

bool resume(MailingStore &store, const QString &id, bool resendUncertain, QString *error)
{
    if (resendUncertain) {
        store.requestResendUncertain(id);
    }
    if (!store.setControl(id, MailingStore::Control::Send, error)) {
        return false;
    }
    nudgeAgent(u"resume"_s, {id, resendUncertain});
    return true;
}

QString stateText(MailingStore::Control control, const MailingSender::Counts &counts)
{
    const bool started = counts.sent + counts.failed + counts.uncertain + counts.deferred + counts.sending > 0;
    const bool done = counts.total > 0 && counts.queued + counts.deferred + counts.sending == 0 && started;
    switch (control) {
    case MailingStore::Control::Draft:
        return i18nc("@item mailing state", "Draft");
    case MailingStore::Control::Paused:
        return i18nc("@item mailing state", "Paused");
    case MailingStore::Control::Send:
        break;
    }
    if (done) {
        return counts.failed + counts.uncertain > 0 ? i18nc("@item mailing state", "Done, with problems") : i18nc("@item mailing state", "Sent");
    }
    return i18nc("@item mailing state", "Sending");
}

QString stateName(MailingJournal::State state)
{
    switch (state) {
    case MailingJournal::State::Queued:
        return i18nc("@info mailing recipient state", "queued");
    case MailingJournal::State::Sending:
        return i18nc("@info mailing recipient state", "sending");
    case MailingJournal::State::Sent:
        return i18nc("@info mailing recipient state", "sent");
    case MailingJournal::State::Failed:
        return i18nc("@info mailing recipient state", "failed");
    case MailingJournal::State::Deferred:
        return i18nc("@info mailing recipient state", "waiting for a retry");
    case MailingJournal::State::Uncertain:
        return i18nc("@info mailing recipient state", "uncertain");
    }
    return {};
}

} // namespace Crm::MailingControl
