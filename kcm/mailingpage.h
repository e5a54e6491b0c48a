// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Crm
{

/// The mailings' settings (kontactcrmrc [Mailing]): the mail transport new
/// mailings go through, with a form to add an SMTP server when there is none
/// (the transports KMail uses, MailTransport's config), how many messages a
/// minute and an hour the agent may send (0: no limit), how often a
/// temporary failure is tried again, the one-click unsubscribe URL
/// (RFC 8058), the opt-out file, and whether a copy of each message goes to
/// the Sent folder.
class MailingPage : public QWidget
{
    Q_OBJECT

public:
    explicit MailingPage(QWidget *parent = nullptr);

    void load();
    /// False (and the URL not written) when the unsubscribe URL is bad.
    bool save();
    /// What is wrong with the values typed, empty when nothing.
    QString problem() const;

    QComboBox *transport() const;
    QSpinBox *perMinute() const;
    QLineEdit *unsubscribeUrl() const;
    /// Adds an SMTP transport from the form; its id, or 0 with the reason shown.
    int addTransport(const QString &host, int port, int encryption, const QString &userName);

Q_SIGNALS:
    void changed();

private:
    void fillTransports(int selectId);
    void check();

    QComboBox *m_transport;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_encryption;
    QLineEdit *m_user;
    QPushButton *m_add;
    QSpinBox *m_perMinute;
    QSpinBox *m_perHour;
    QSpinBox *m_maxAttempts;
    QSpinBox *m_retryAfter;
    QLineEdit *m_unsubscribeUrl;
    QLineEdit *m_optOutFile;
    QCheckBox *m_sentCopies;
    QLabel *m_problem;
};

} // namespace Crm
