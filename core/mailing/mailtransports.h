// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "mailing/mailingsender.h"
#include "mailing/mailingstore.h"

#include <QDateTime>

#include <QList>
#include <QString>

#include <optional>

/// MailTransport's transports (the "mailtransports" config KMail writes),
/// read and written through its generated TransportBase. Not through
/// TransportManager: its constructor loads every transport plugin, and the
/// Akonadi one starts an Akonadi server (with a dozen agents) for a process
/// that only wants a host and a port. The password, kept in the keychain,
/// is the one thing only TransportManager gives (see passwordOf).
namespace Crm::MailTransports
{

struct Entry {
    int id = 0;
    QString name;
    QString identifier; ///< "SMTP" for an SMTP server
};

QList<Entry> all();
/// The transport @p id, or the default one for -1 (MailTransport's default,
/// else the first).
std::optional<Entry> find(int id);
std::optional<Entry> findByName(const QString &name);
/// The SMTP settings of transport @p id (-1: the default); empty with a
/// translated @p error saying how to make one.
std::optional<SmtpSettings> smtpSettings(int id, int *resolvedId, QString *error);
/// The certificate (SHA-256, hex) the user trusts for transport @p id
/// (kontactcrmrc [Mailing][Transport <id>] TrustedCertificate), empty when none.
QByteArray trustedCertificate(int id);
/// Trusts the certificate with SHA-256 @p sha256Hex for transport @p id;
/// false when it is no SHA-256 in hex.
bool trustCertificate(int id, const QByteArray &sha256Hex);
/// When the limits of transport @p id (-1: the default) hold its sending
/// back (Throttle, from the send log in @p store): the time the next message
/// may go; invalid when it may go now.
QDateTime heldBackUntil(const MailingStore &store, int id);
/// Writes a new SMTP transport; its id.
int addSmtp(const QString &name, const QString &host, int port, int encryption, const QString &userName);

} // namespace Crm::MailTransports
