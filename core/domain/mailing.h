// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Crm
{

/// A file sent with every message of a mailing.
struct KONTACTCRMDOMAIN_EXPORT MailingAttachment {
    QString fileName;
    QString mimeType; ///< empty: application/octet-stream
    QByteArray data;
    bool operator==(const MailingAttachment &) const = default;
};

/// A mailing (issue 14, DESIGN.md §3): one template, merged and sent to each
/// recipient on their own. Subject and bodies may hold merge fields
/// ("{firstName|colleague}", see MergeTemplate).
struct KONTACTCRMDOMAIN_EXPORT Mailing {
    /// Written as the headers KMail writes (X-Priority, Priority) plus
    /// Importance, which Outlook reads.
    enum class Priority : quint8 {
        Normal,
        High,
        Low
    };

    QString id; ///< stable, file-name safe; also the Message-ID stem
    QString subject;
    QString plainBody;
    QString htmlBody; ///< optional: with it the message is multipart/alternative
    QList<MailingAttachment> attachments;
    Priority priority = Priority::Normal;
    QString kind; ///< user-defined, like a letter's kind (offer, price list, notice)
    uint identityId = 0; ///< KIdentityManagement, 0 = the default identity
    int transportId = -1; ///< MailTransport, -1 = the default transport
    QString fromName; ///< resolved from the identity when the mailing is made
    QString fromAddress;
    /// List-Unsubscribe: mailto (always, when set) and the one-click URL
    /// (RFC 8058, only when configured).
    QString unsubscribeMailto;
    QString unsubscribeUrl;

    bool operator==(const Mailing &) const = default;
};

KONTACTCRMDOMAIN_EXPORT QString mailingPriorityName(Mailing::Priority priority);
KONTACTCRMDOMAIN_EXPORT std::optional<Mailing::Priority> parseMailingPriority(const QString &name);

/// A new mailing id: date and a random part, safe in file names and
/// Message-IDs.
KONTACTCRMDOMAIN_EXPORT QString newMailingId();

/// One recipient with the values its merge fields take. Field names are
/// compared case-insensitively: the named ones (fullName, firstName,
/// lastName, counterparty, position, email) and any vCard property by its
/// name (TITLE, ROLE, NICKNAME, BDAY, X-…).
struct KONTACTCRMDOMAIN_EXPORT MailingRecipient {
    QString email;
    QString name; ///< the display name in To:
    QMap<QString, QString> fields; ///< keys lower-case
    QString source; ///< where it came from, for the report ("group Клієнти", "file.csv:12")

    QString field(const QString &key) const;
    void setField(const QString &key, const QString &value);
    bool operator==(const MailingRecipient &) const = default;
};

} // namespace Crm
