// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailtransports.h"

#include "domain/clock.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>
#include <MailTransport/Transport>
#include <MailTransport/TransportManager>
#include <mailtransport/transportbase.h>

#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Crm::MailTransports
{

namespace
{
KSharedConfig::Ptr config()
{
    auto c = KSharedConfig::openConfig(u"mailtransports"_s);
    c->reparseConfiguration();
    return c;
}
} // namespace

QList<Entry> all()
{
    QList<Entry> out;
    static const QRegularExpression re(u"^Transport (.+)$"_s);
    const auto c = config();
    const QStringList groups = c->groupList();
    for (const QString &g : groups) {
        const auto m = re.match(g);
        if (!m.hasMatch()) {
            continue;
        }
        MailTransport::TransportBase t(m.captured(1));
        t.load();
        if (t.id() > 0) {
            out.append({t.id(), t.name(), t.identifier()});
        }
    }
    return out;
}

std::optional<Entry> find(int id)
{
    const QList<Entry> list = all();
    if (id < 0) {
        id = config()->group(u"General"_s).readEntry("default-transport", 0);
        if (list.isEmpty()) {
            return std::nullopt;
        }
        for (const Entry &e : list) {
            if (e.id == id) {
                return e;
            }
        }
        return list.constFirst();
    }
    for (const Entry &e : list) {
        if (e.id == id) {
            return e;
        }
    }
    return std::nullopt;
}

std::optional<Entry> findByName(const QString &name)
{
    const QList<Entry> list = all();
    for (const Entry &e : list) {
        if (e.name == name) {
            return e;
        }
    }
    return std::nullopt;
}

std::optional<SmtpSettings> smtpSettings(int id, int *resolvedId, QString *error)
{
    const auto entry = find(id);
    if (!entry) {
        *error = id < 0 ? i18nc("@info", "No mail transport is set up. Create one with \"crmctl mailing transport add --host HOST\" or in KMail's settings.")
                        : i18nc("@info", "The mail transport %1 does not exist (any more). Choose another with \"crmctl mailing create --transport\".", id);
        return std::nullopt;
    }
    MailTransport::TransportBase t(QString::number(entry->id));
    t.load();
    if (t.identifier() != u"SMTP"_s) {
        *error = i18nc("@info", "The mail transport \"%1\" is not an SMTP server; mailings need one.", t.name());
        return std::nullopt;
    }
    SmtpSettings s;
    s.host = t.host();
    s.port = quint16(t.port());
    switch (t.encryption()) {
    case MailTransport::TransportBase::SSL:
        s.encryption = SmtpSettings::Encryption::Tls;
        break;
    case MailTransport::TransportBase::TLS:
        s.encryption = SmtpSettings::Encryption::StartTls;
        break;
    default:
        s.encryption = SmtpSettings::Encryption::None;
        break;
    }
    s.requiresAuthentication = t.requiresAuthentication();
    s.userName = t.userName();
    if (s.requiresAuthentication) {
        // Only TransportManager reads the keychain.
        if (auto *full = MailTransport::TransportManager::self()->transportById(entry->id, false)) {
            s.password = full->password();
        }
    }
    if (t.specifyHostname()) {
        s.localHostname = t.localHostname();
    }
    s.trustedCertificate = trustedCertificate(entry->id);
    *resolvedId = entry->id;
    return s;
}

QByteArray trustedCertificate(int id)
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s).group(u"Transport %1"_s.arg(id)).readEntry("TrustedCertificate", QByteArray());
}

bool trustCertificate(int id, const QByteArray &sha256Hex)
{
    const QByteArray digest = sha256Hex.toLower();
    if (digest.size() != 64 || QByteArray::fromHex(digest).toHex() != digest) {
        return false;
    }
    KConfigGroup group = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s).group(u"Transport %1"_s.arg(id));
    group.writeEntry("TrustedCertificate", digest);
    group.sync();
    return true;
}

int addSmtp(const QString &name, const QString &host, int port, int encryption, const QString &userName)
{
    const QList<Entry> list = all();
    int id = 0;
    auto taken = [&](int candidate) {
        return std::any_of(list.cbegin(), list.cend(), [candidate](const Entry &e) {
            return e.id == candidate;
        });
    };
    do {
        id = int(QRandomGenerator::global()->bounded(1, std::numeric_limits<int>::max()));
    } while (taken(id));
    QString unique = name;
    for (int n = 2; std::any_of(list.cbegin(),
                                list.cend(),
                                [&unique](const Entry &e) {
                                    return e.name == unique;
                                });
         ++n) {
        unique = u"%1 (%2)"_s.arg(name).arg(n);
    }
    MailTransport::TransportBase t(QString::number(id));
    t.setId(id);
    t.setName(unique);
    t.setIdentifier(u"SMTP"_s);
    t.setHost(host);
    t.setPort(uint(port));
    t.setEncryption(encryption);
    t.setRequiresAuthentication(!userName.isEmpty());
    t.setUserName(userName);
    t.save();
    if (list.isEmpty()) {
        auto c = config();
        c->group(u"General"_s).writeEntry("default-transport", id);
        c->sync();
    }
    return id;
}

QDateTime heldBackUntil(const MailingStore &store, int id)
{
    const auto transport = find(id);
    if (!transport) {
        return {};
    }
    Throttle throttle;
    throttle.loadLimits(transport->id);
    const QDateTime now = Clock::now();
    throttle.readLogFile(store.sendLogPath(transport->id), now.toMSecsSinceEpoch());
    const qint64 wait = throttle.waitMs(now.toMSecsSinceEpoch());
    return wait > 0 ? now.addMSecs(wait) : QDateTime();
}

} // namespace Crm::MailTransports
