// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class KMessageWidget;

namespace Crm
{
class MailingStore;

/// Sending a mailing: Send hands it to the mailing agent (which goes on
/// with the window closed), Pause and Resume, and "Send Uncertain Again"
/// for the recipients whose message may or may not have gone out when the
/// agent died. Shows how many are sent, failed, uncertain, waiting for a
/// retry and queued, and the agent's problem (no transport, a refused
/// login) when it has one; refresh() reads the journal again.
class MailingProgressPage : public QWidget
{
    Q_OBJECT
public:
    explicit MailingProgressPage(MailingStore &store, QWidget *parent = nullptr);

    void setMailing(const QString &id);
    void refresh();

    /// The counts as shown, one line.
    QString summary() const;
    QPushButton *sendButton() const;
    QPushButton *pauseButton() const;

Q_SIGNALS:
    /// Send, Pause or Resume was pressed and written.
    void controlChanged();

private:
    void act(const std::function<bool(QString *error)> &action);

    MailingStore &m_store;
    QString m_id;
    QProgressBar *m_bar;
    QLabel *m_summary;
    QPushButton *m_send;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_resendUncertain;
    KMessageWidget *m_message;
    QAction *m_setUpTransport;
};

} // namespace Crm
