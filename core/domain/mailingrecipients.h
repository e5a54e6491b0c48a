// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "kontactcrmdomain_export.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Crm
{

/// Whether @p address can be given to an SMTP server as RCPT TO: one '@', a
/// dot-atom local part of ASCII (KSMTP speaks no SMTPUTF8), a domain of
/// letters, digits and hyphens in dot-separated labels (an internationalised
/// domain is taken in its ACE form), within RFC 5321's lengths.
KONTACTCRMDOMAIN_EXPORT bool isValidMailAddress(const QString &address);

/// A recipient left out of a mailing, and why.
struct KONTACTCRMDOMAIN_EXPORT RemovedRecipient {
    enum class Reason : quint8 {
        Duplicate,
        Invalid,
        OptedOut,
    };
    MailingRecipient recipient;
    Reason reason = Reason::Invalid;
    QString firstSource; ///< Duplicate: where the kept one came from

    /// One translated line: the address, its source and the reason.
    QString describe() const;
};

/// Collects the recipients of a mailing from any number of sources, in
/// order: a duplicate address (compared case-insensitively) keeps the first,
/// an invalid address and an opted-out one are left out, each with a report
/// line. Memory is the kept recipients and one lower-cased address each.
class KONTACTCRMDOMAIN_EXPORT RecipientListBuilder
{
public:
    void setOptOut(const QStringList &addresses);
    /// Adds @p recipient; false when it was left out (see removed()).
    bool add(const MailingRecipient &recipient);

    const QList<MailingRecipient> &recipients() const;
    const QList<RemovedRecipient> &removed() const;

private:
    QSet<QString> m_optOut;
    QHash<QString, QString> m_seen; ///< lower-cased address -> its source
    QList<MailingRecipient> m_recipients;
    QList<RemovedRecipient> m_removed;
};

} // namespace Crm
