// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmsummarywidget.h"

#include "akonadi/calendarsession.h"
#include "domain/clock.h"
#include "domain/crmsummary.h"
#include "models/crmsession.h"
#include "tasks/taskservice.h"
#include "views/summaryview.h"

#include <Akonadi/ServerManager>
#include <KLocalizedString>
#include <KontactInterface/Core>
#include <KontactInterface/Plugin>

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr int rowsPerSection = 7;
const QString agentInstance = u"akonadi_kontactcrm_reminders_agent"_s;
} // namespace

CrmSummaryWidget::CrmSummaryWidget(KontactInterface::Plugin *plugin, QWidget *parent)
    : KontactInterface::Summary(parent)
    , m_plugin(plugin)
    , m_session(new CrmSession(this))
    , m_view(new SummaryView(this))
    , m_refresh(new QTimer(this))
{
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(3, 3, 3, 3);
    layout->addWidget(createHeader(this, u"view-pim-contacts"_s, i18nc("@title summary", "CRM")));
    layout->addWidget(m_view);
    m_view->setNameLookup([this](const QString &uid) {
        return m_session->counterpartyName(uid);
    });
    connect(m_view, &SummaryView::taskActivated, this, &CrmSummaryWidget::openTask);
    connect(m_view, &SummaryView::counterpartyActivated, this, &CrmSummaryWidget::openCounterparty);
    connect(m_session, &CrmSession::calendarReady, this, &CrmSummaryWidget::refresh);
    connect(m_session, &CrmSession::calendarChanged, this, &CrmSummaryWidget::refresh);
    connect(m_session, &CrmSession::directoryReady, this, &CrmSummaryWidget::refresh);
    // Overdue marks and "today" move with the clock; the agent's schedule too.
    m_refresh->setInterval(60 * 1000);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        updateSummary();
    });
    m_refresh->start();
    m_session->open();
    askAgent();
}

void CrmSummaryWidget::updateSummary(bool)
{
    refresh();
    askAgent();
}

QStringList CrmSummaryWidget::configModules() const
{
    return {};
}

void CrmSummaryWidget::refresh()
{
    if (!m_session->calendar() || !m_session->tasks()) {
        return;
    }
    m_view->setSummary(
        CrmSummary::build(m_session->calendar()->index(), m_session->tasks()->cycles(), CrmSession::currentUser(), Clock::now(), rowsPerSection));
}

void CrmSummaryWidget::askAgent()
{
    const QDateTime endOfToday(Clock::today().addDays(1), QTime(0, 0), Clock::zone());
    QDBusMessage call = QDBusMessage::createMethodCall(Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, agentInstance),
                                                       u"/Reminders"_s,
                                                       u"org.kde.kontactcrm.Reminders"_s,
                                                       u"upcoming"_s);
    call << endOfToday.toUTC().toString(Qt::ISODate) << rowsPerSection;
    auto watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QStringList> reply = *watcher;
        if (reply.isError()) {
            m_view->setReminders({}, i18nc("@info summary", "The CRM reminder agent is not running, so its reminders are not known."));
            return;
        }
        QList<Reminders::Reminder> reminders;
        for (const QString &line : reply.value()) {
            if (const auto r = Reminders::Reminder::fromLine(line)) {
                reminders << *r;
            }
        }
        m_view->setReminders(reminders);
    });
}

void CrmSummaryWidget::openTask(qint64 itemId)
{
    // The CRM part lives in this process and answers on the session bus;
    // calling it there keeps this plugin free of the part's code.
    m_plugin->core()->selectPlugin(m_plugin);
    QDBusMessage call =
        QDBusMessage::createMethodCall(QDBusConnection::sessionBus().baseService(), u"/CRM/Tasks"_s, u"org.kde.kontactcrm.Tasks"_s, u"editTask"_s);
    call << qlonglong(itemId);
    QDBusConnection::sessionBus().asyncCall(call);
}

void CrmSummaryWidget::openCounterparty(const QString &uid)
{
    m_plugin->core()->selectPlugin(m_plugin);
    const QString service = QDBusConnection::sessionBus().baseService();
    QDBusMessage search = QDBusMessage::createMethodCall(service, u"/CRM/Counterparties"_s, u"org.kde.kontactcrm.Counterparties"_s, u"search"_s);
    search << uid;
    // The UID finds one counterparty, whose card then opens by itself.
    QDBusConnection::sessionBus().asyncCall(search);
}

} // namespace Crm
