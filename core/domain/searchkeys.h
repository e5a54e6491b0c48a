// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QString>

/// The normal forms used to compare what a user types with what is stored.
namespace Crm::SearchKeys
{

/// The number in international digits: "+380 44 123-45-67", "(044) 123 45 67"
/// and "0441234567" all give "380441234567". A national number (leading 0)
/// gets @p defaultCountryCode; "00" is read as the international prefix.
/// Returns an empty string when the text holds fewer than five digits.
KONTACTCRMDOMAIN_EXPORT QString phone(QStringView text, QStringView defaultCountryCode = u"380");

/// The subscriber part of a normalized number: its last nine digits, enough
/// to tell numbers apart within a country and to match a number typed
/// without its trunk prefix.
KONTACTCRMDOMAIN_EXPORT QString phoneSuffix(QStringView normalizedPhone);

/// Case-folded text with quotes, apostrophes and punctuation dropped and
/// white space collapsed, so "ТОВ «Сонях»" matches "тов сонях" and
/// "Кам'янець" matches "Камʼянець".
KONTACTCRMDOMAIN_EXPORT QString name(QStringView text);

/// Lower-case address without surrounding spaces or "mailto:".
KONTACTCRMDOMAIN_EXPORT QString email(QStringView text);

/// Upper-case letters and digits only: "12 34-56 78" gives "12345678".
KONTACTCRMDOMAIN_EXPORT QString taxCode(QStringView text);

/// Whether an 8-digit code passes the EDRPOU check digit rule.
KONTACTCRMDOMAIN_EXPORT bool isValidEdrpou(QStringView code);

/// True when the text looks like a phone number rather than a name.
KONTACTCRMDOMAIN_EXPORT bool looksLikePhone(QStringView text);

} // namespace Crm::SearchKeys
