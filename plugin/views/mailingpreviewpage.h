// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QSpinBox;
class QTextBrowser;
class KMessageWidget;

namespace Crm
{
class MailingStore;

/// The message one recipient gets, merged and built as the agent sends it
/// (MailMerge, MailingMessage): its headers and its text, the HTML version
/// when the mailing has one. A recipient whose values would inject a header
/// shows the refusal, naming the field, as the agent would report it.
class MailingPreviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit MailingPreviewPage(MailingStore &store, QWidget *parent = nullptr);

    /// Shows mailing @p id (as stored) for its first recipient.
    void setMailing(const QString &id);
    /// Shows recipient @p number (from 1).
    void showRecipient(int number);

    /// What is shown: the headers and the text, or the refusal.
    QString shownText() const;

private:
    MailingStore &m_store;
    QString m_id;
    QSpinBox *m_number;
    QLabel *m_recipient;
    QTextBrowser *m_view;
    KMessageWidget *m_message;
};

} // namespace Crm
