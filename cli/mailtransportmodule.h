// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "mailing/mailtransports.h"

#include <QtPlugin>

/// What crmctl asks of MailTransport's transports (Crm::MailTransports),
/// from a module loaded by the commands that use them. Linking MailTransport
/// into crmctl made every start load it and the widget libraries it brings
/// (KConfigWidgets and more): about 10 ms of each cold `crmctl card`.
class MailTransportModule
{
public:
    virtual ~MailTransportModule() = default;
    virtual std::optional<Crm::MailTransports::Entry> find(int id) = 0;
    virtual std::optional<Crm::MailTransports::Entry> findByName(const QString &name) = 0;
    virtual QDateTime heldBackUntil(const Crm::MailingStore &store, int id) = 0;
    virtual bool trustCertificate(int id, const QByteArray &sha256Hex) = 0;
    virtual int addSmtp(const QString &name, const QString &host, int port, int encryption, const QString &userName) = 0;

    /// The module (kontactcrm/crmctl_mailtransports among the plugins),
    /// loaded on first use; null with a translated @p error saying why.
    static MailTransportModule *load(QString *error);
};

#define MailTransportModule_iid "org.kde.kontactcrm.MailTransportModule/1"
Q_DECLARE_INTERFACE(MailTransportModule, MailTransportModule_iid)
