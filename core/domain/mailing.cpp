// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailing.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

QString mailingPriorityName(Mailing::Priority priority)
{
    switch (priority) {
    case Mailing::Priority::High:
        return u"high"_s;
    case Mailing::Priority::Low:
        return u"low"_s;
    case Mailing::Priority::Normal:
        break;
    }
    return u"normal"_s;
}

std::optional<Mailing::Priority> parseMailingPriority(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"normal"_s || n.isEmpty()) {
        return Mailing::Priority::Normal;
    }
    if (n == u"high"_s || n == u"urgent"_s) {
        return Mailing::Priority::High;
    }
    if (n == u"low"_s) {
        return Mailing::Priority::Low;
    }
    return std::nullopt;
}

QString newMailingId()
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    return stamp + u'-' + QString::number(QRandomGenerator::global()->generate() & 0xFFFFFF, 16).rightJustified(6, u'0');
}

QString MailingRecipient::field(const QString &key) const
{
    return fields.value(key.toLower());
}

void MailingRecipient::setField(const QString &key, const QString &value)
{
    fields.insert(key.toLower(), value);
}

} // namespace Crm
