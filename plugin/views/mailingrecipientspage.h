// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QPushButton;
class QTreeView;
class KMessageWidget;

namespace Crm
{
class CounterpartyField;
class CrmSession;
class MailingListModel;
class MailingRecipientModel;
class MailingStore;
class RecipientCollector;
struct MailingRecipient;

/// A mailing's recipients: added from a counterparty group, a picked
/// counterparty, a CSV or vCard file or another mailing (RecipientCollector:
/// duplicates, invalid and opted-out addresses are left out), removed by
/// hand, with the report of those left out below the list. While the
/// mailing is sent the list shows each recipient's delivery state instead.
class MailingRecipientsPage : public QWidget
{
    Q_OBJECT
public:
    /// @p mailings lists the other mailings recipients can be copied from.
    MailingRecipientsPage(CrmSession *session, MailingStore &store, const MailingListModel *mailings, QWidget *parent = nullptr);
    ~MailingRecipientsPage() override;

    /// Shows mailing @p id (empty: none).
    void setMailing(const QString &id);
    /// Reads the delivery states again (the agent is sending).
    void refreshStates();

    MailingRecipientModel *model() const;
    /// The report of the recipients left out, one line each.
    QStringList report() const;
    /// Adds the recipients in @p path (CSV or vCard).
    void addFile(const QString &path);
    void addGroup(const QString &group);
    void addMailing(const QString &id);

Q_SIGNALS:
    /// The recipients were stored anew.
    void recipientsChanged();

private:
    void collect(const std::function<void(RecipientCollector &)> &addSources);
    void store(const QList<MailingRecipient> &recipients, const QStringList &report);
    void pickFile();
    void removeSelected();
    void fillSources();
    void showError(const QString &text);

    CrmSession *m_session;
    MailingStore &m_store;
    const MailingListModel *m_mailings;
    QString m_id;
    bool m_editable = false;
    MailingRecipientModel *m_model;
    QTreeView *m_view;
    QComboBox *m_group;
    CounterpartyField *m_counterparty;
    QComboBox *m_otherMailing;
    QList<QPushButton *> m_addButtons;
    QPushButton *m_remove;
    QPlainTextEdit *m_report;
    KMessageWidget *m_message;
    RecipientCollector *m_running = nullptr;
};

} // namespace Crm
