// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterparty.h"

#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

bool PostalAddress::isEmpty() const
{
    return street.isEmpty() && locality.isEmpty() && region.isEmpty() && postalCode.isEmpty() && country.isEmpty();
}

QString PostalAddress::formatted() const
{
    QStringList parts;
    if (!street.isEmpty()) {
        parts << street;
    }
    const QString town = QStringList{postalCode, locality}.join(u' ').trimmed();
    if (!town.isEmpty()) {
        parts << town;
    }
    if (!region.isEmpty()) {
        parts << region;
    }
    if (!country.isEmpty()) {
        parts << country;
    }
    return parts.join(u", "_s);
}

QString Counterparty::displayName() const
{
    return shortName.isEmpty() ? name : shortName;
}

QString newUid()
{
    return u"urn:uuid:"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace Crm
