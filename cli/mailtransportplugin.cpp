// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailtransportmodule.h"

#include <QObject>

/// Crm::MailTransports for crmctl, in the module that alone links
/// MailTransport (see MailTransportModule).
class MailTransportPlugin : public QObject, public MailTransportModule
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID MailTransportModule_iid)
    Q_INTERFACES(MailTransportModule)

public:
    std::optional<Crm::MailTransports::Entry> find(int id) override
    {
        return Crm::MailTransports::find(id);
    }
    std::optional<Crm::MailTransports::Entry> findByName(const QString &name) override
    {
        return Crm::MailTransports::findByName(name);
    }
    QDateTime heldBackUntil(const Crm::MailingStore &store, int id) override
    {
        return Crm::MailTransports::heldBackUntil(store, id);
    }
    bool trustCertificate(int id, const QByteArray &sha256Hex) override
    {
        return Crm::MailTransports::trustCertificate(id, sha256Hex);
    }
    int addSmtp(const QString &name, const QString &host, int port, int encryption, const QString &userName) override
    {
        return Crm::MailTransports::addSmtp(name, host, port, encryption, userName);
    }
};

#include "mailtransportplugin.moc"
