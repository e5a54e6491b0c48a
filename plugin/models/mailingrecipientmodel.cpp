// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingrecipientmodel.h"

#include "mailing/mailingcontrol.h"

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

MailingRecipientModel::MailingRecipientModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

MailingRecipientModel::~MailingRecipientModel() = default;

void MailingRecipientModel::setRecipients(const QList<MailingRecipient> &recipients)
{
    beginResetModel();
    m_recipients = recipients;
    endResetModel();
}

const QList<MailingRecipient> &MailingRecipientModel::recipients() const
{
    return m_recipients;
}

void MailingRecipientModel::setJournal(std::unique_ptr<MailingJournal> journal)
{
    m_journal = std::move(journal);
    if (!m_recipients.isEmpty()) {
        Q_EMIT dataChanged(index(0, State), index(int(m_recipients.size()) - 1, State));
    }
}

int MailingRecipientModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_recipients.size());
}

int MailingRecipientModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MailingRecipientModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_recipients.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return {};
    }
    const MailingRecipient &r = m_recipients.at(index.row());
    switch (index.column()) {
    case Email:
        return r.email;
    case Name:
        return r.name;
    case Counterparty:
        return r.field(u"counterparty"_s);
    case Source:
        return r.source;
    case State: {
        if (!m_journal) {
            return {};
        }
        const QString state = MailingControl::stateName(m_journal->state(index.row()));
        const QString reason = m_journal->reason(index.row());
        return reason.isEmpty() ? state : i18nc("@item recipient state and the server's reason", "%1: %2", state, reason);
    }
    }
    return {};
}

QVariant MailingRecipientModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Email:
        return i18nc("@title:column", "E-mail");
    case Name:
        return i18nc("@title:column", "Name");
    case Counterparty:
        return i18nc("@title:column", "Counterparty");
    case Source:
        return i18nc("@title:column where the recipient came from", "From");
    case State:
        return i18nc("@title:column delivery state", "State");
    }
    return {};
}

} // namespace Crm
