// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "domain/mailingjournal.h"

#include <QAbstractTableModel>

#include <memory>

namespace Crm
{

/// A mailing's recipients: address, name, counterparty, where each came
/// from and, once sending began, its delivery state with the server's reason.
class MailingRecipientModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Email,
        Name,
        Counterparty,
        Source,
        State,
        ColumnCount
    };

    explicit MailingRecipientModel(QObject *parent = nullptr);
    ~MailingRecipientModel() override;

    void setRecipients(const QList<MailingRecipient> &recipients);
    const QList<MailingRecipient> &recipients() const;
    /// The delivery states (null: not sent yet).
    void setJournal(std::unique_ptr<MailingJournal> journal);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<MailingRecipient> m_recipients;
    std::unique_ptr<MailingJournal> m_journal;
};

} // namespace Crm
