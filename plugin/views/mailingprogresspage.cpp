// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingprogresspage.h"

#include "mailing/mailingcontrol.h"
#include "mailing/mailingsender.h"
#include "mailing/mailingstore.h"
#include "mailing/mailtransports.h"
#include "models/mailinglistmodel.h"

#include <KIO/CommandLauncherJob>
#include <KLocalizedString>
#include <KMessageWidget>

#include <QAction>

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

MailingProgressPage::MailingProgressPage(MailingStore &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_bar(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_send(new QPushButton(QIcon::fromTheme(u"mail-send"_s), i18nc("@action:button", "Send"), this))
    , m_pause(new QPushButton(QIcon::fromTheme(u"media-playback-pause"_s), i18nc("@action:button", "Pause"), this))
    , m_resume(new QPushButton(QIcon::fromTheme(u"media-playback-start"_s), i18nc("@action:button", "Resume"), this))
    , m_resendUncertain(new QPushButton(QIcon::fromTheme(u"mail-send"_s), i18nc("@action:button", "Send Uncertain Again"), this))
    , m_message(new KMessageWidget(this))
{
    m_message->setCloseButtonVisible(false);
    m_message->setWordWrap(true);
    m_message->hide();
    m_summary->setWordWrap(true);
    m_resendUncertain->setToolTip(i18nc("@info:tooltip",
                                        "The agent stopped while handing these messages over: the server may have them. "
                                        "Send them again only if the recipients did not get them."));
    auto buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_resendUncertain);
    buttons->addStretch();
    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_bar);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addStretch();

    // With no transport the CRM offers to make one: the settings module's
    // Mailings page, which adds an SMTP server as KMail keeps it.
    m_setUpTransport = new QAction(QIcon::fromTheme(u"configure"_s), i18nc("@action", "Set Up a Transport…"), this);
    connect(m_setUpTransport, &QAction::triggered, this, [this] {
        auto job = new KIO::CommandLauncherJob(u"kcmshell6"_s, {u"kcm_kontactcrm"_s}, this);
        job->start();
    });
    connect(m_send, &QPushButton::clicked, this, [this] {
        act([this](QString *error) {
            const auto mailing = m_store.load(m_id, error);
            if (!mailing) {
                return false;
            }
            if (!MailTransports::find(mailing->transportId)) {
                *error = i18nc("@info", "No mail transport is set up: add one in System Settings, CRM, Mailings (or in KMail's settings), then send again.");
                m_message->addAction(m_setUpTransport);
                return false;
            }
            return MailingControl::send(m_store, m_id, error);
        });
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        act([this](QString *error) {
            return MailingControl::pause(m_store, m_id, error);
        });
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        act([this](QString *error) {
            return MailingControl::resume(m_store, m_id, false, error);
        });
    });
    connect(m_resendUncertain, &QPushButton::clicked, this, [this] {
        act([this](QString *error) {
            return MailingControl::resume(m_store, m_id, true, error);
        });
    });
    setMailing({});
}

void MailingProgressPage::setMailing(const QString &id)
{
    m_id = id;
    m_message->hide();
    refresh();
}

void MailingProgressPage::refresh()
{
    const bool none = m_id.isEmpty();
    const auto control = none ? MailingStore::Control::Draft : m_store.control(m_id);
    MailingJournal journal(none ? QString() : m_store.journalPath(m_id));
    if (!none && QFile::exists(journal.filePath())) {
        journal.load(false);
    }
    const auto c = MailingSender::countsOf(journal, none ? 0 : m_store.recipientCount(m_id));
    m_bar->setRange(0, std::max(c.total, 1));
    m_bar->setValue(c.sent + c.failed + c.uncertain);
    m_bar->setFormat(i18nc("@info:progress messages handed over of all", "%v of %m"));
    m_summary->setText(none ? QString()
                            : i18nc("@info",
                                    "%1: %2 sent, %3 failed, %4 uncertain, %5 waiting for a retry, %6 queued.",
                                    MailingControl::stateText(control, c),
                                    c.sent,
                                    c.failed,
                                    c.uncertain,
                                    c.deferred,
                                    c.queued + c.sending));
    QFile problemFile(m_store.folder(m_id) + u"/problem"_s);
    const QString problem = !none && problemFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(problemFile.readAll()).trimmed() : QString();
    if (!problem.isEmpty()) {
        m_message->setMessageType(KMessageWidget::Warning);
        m_message->setText(problem);
        m_message->show();
    }
    m_send->setEnabled(!none && control == MailingStore::Control::Draft && c.total > 0);
    m_pause->setEnabled(!none && control == MailingStore::Control::Send && c.queued + c.deferred + c.sending > 0);
    m_resume->setEnabled(!none && control == MailingStore::Control::Paused);
    m_resendUncertain->setVisible(c.uncertain > 0);
}

QString MailingProgressPage::summary() const
{
    return m_summary->text();
}

QPushButton *MailingProgressPage::sendButton() const
{
    return m_send;
}

QPushButton *MailingProgressPage::pauseButton() const
{
    return m_pause;
}

void MailingProgressPage::act(const std::function<bool(QString *error)> &action)
{
    m_message->removeAction(m_setUpTransport);
    QString error;
    if (!action(&error)) {
        m_message->setMessageType(KMessageWidget::Error);
        m_message->setText(error);
        m_message->show();
        return;
    }
    m_message->hide();
    refresh();
    Q_EMIT controlChanged();
}

} // namespace Crm
