// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingrecipients.h"

#include <KLocalizedString>

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
bool isAtext(QChar c)
{
    if (c.unicode() >= 0x80) {
        return false;
    }
    if (c.isLetterOrNumber()) {
        return true;
    }
    return u"!#$%&'*+/=?^_`{|}~-"_s.contains(c);
}
} // namespace

bool isValidMailAddress(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at != address.indexOf(u'@') || at == address.size() - 1 || address.size() > 254) {
        return false;
    }
    const QString local = address.left(at);
    if (local.size() > 64 || local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u".."_s)) {
        return false;
    }
    for (const QChar c : local) {
        if (c != u'.' && !isAtext(c)) {
            return false;
        }
    }
    const QString domain = QString::fromLatin1(QUrl::toAce(address.mid(at + 1)));
    if (domain.isEmpty() || domain.size() > 253) {
        return false;
    }
    const QStringList labels = domain.split(u'.');
    if (labels.size() < 2) {
        return false;
    }
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-')) {
            return false;
        }
        for (const QChar c : label) {
            if (c.unicode() >= 0x80 || !(c.isLetterOrNumber() || c == u'-')) {
                return false;
            }
        }
    }
    return true;
}

QString RemovedRecipient::describe() const
{
    const QString who = recipient.email.isEmpty() ? i18nc("@info mailing recipient without address", "(no address) %1", recipient.name) : recipient.email;
    switch (reason) {
    case Reason::Duplicate:
        return i18nc("@info mailing recipients report", "%1 (%2): a duplicate of the address from %3", who, recipient.source, firstSource);
    case Reason::OptedOut:
        return i18nc("@info mailing recipients report", "%1 (%2): on the opt-out list", who, recipient.source);
    case Reason::Invalid:
        break;
    }
    return i18nc("@info mailing recipients report", "%1 (%2): not a valid e-mail address", who, recipient.source);
}

void RecipientListBuilder::setOptOut(const QStringList &addresses)
{
    for (const QString &a : addresses) {
        m_optOut.insert(a.trimmed().toLower());
    }
}

bool RecipientListBuilder::add(const MailingRecipient &input)
{
    MailingRecipient recipient = input;
    recipient.email = recipient.email.trimmed();
    if (!isValidMailAddress(recipient.email)) {
        m_removed.append({recipient, RemovedRecipient::Reason::Invalid, {}});
        return false;
    }
    const QString key = recipient.email.toLower();
    if (m_optOut.contains(key)) {
        m_removed.append({recipient, RemovedRecipient::Reason::OptedOut, {}});
        return false;
    }
    if (const auto it = m_seen.constFind(key); it != m_seen.constEnd()) {
        m_removed.append({recipient, RemovedRecipient::Reason::Duplicate, it.value()});
        return false;
    }
    m_seen.insert(key, recipient.source);
    if (recipient.field(u"email"_s).isEmpty()) {
        recipient.setField(u"email"_s, recipient.email);
    }
    m_recipients.append(recipient);
    return true;
}

const QList<MailingRecipient> &RecipientListBuilder::recipients() const
{
    return m_recipients;
}

const QList<RemovedRecipient> &RecipientListBuilder::removed() const
{
    return m_removed;
}

} // namespace Crm
