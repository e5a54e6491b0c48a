// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "searchkeys.h"

using namespace Qt::Literals::StringLiterals;

namespace Crm::SearchKeys
{

// KContacts::PhoneNumber keeps the text as written and has no normal form,
// and libphonenumber is not a KDE PIM dependency; the rule here covers the
// notations our users type (Ukrainian national and international ones).
QString phone(QStringView text, QStringView defaultCountryCode)
{
    QString digits;
    digits.reserve(text.size());
    bool plus = false;
    for (const QChar c : text) {
        if (c.isDigit()) {
            digits += QChar(u'0' + c.digitValue());
        } else if (c == u'+' && digits.isEmpty()) {
            plus = true;
        } else if (c.isLetter()) {
            // "ext. 12", "доб. 12": the extension is not part of the number.
            if (!digits.isEmpty()) {
                break;
            }
        }
    }
    if (digits.size() < 5) {
        return {};
    }
    if (plus) {
        return digits;
    }
    if (digits.startsWith(u"00")) {
        return digits.mid(2);
    }
    if (!defaultCountryCode.isEmpty()) {
        if (digits.startsWith(defaultCountryCode)) {
            return digits;
        }
        // Ukraine's trunk prefix 0 is the last digit of its country code 380:
        // "044…" becomes "38044…". Elsewhere the trunk 0 is dropped.
        if (digits.startsWith(u'0')) {
            if (defaultCountryCode.endsWith(u'0')) {
                return defaultCountryCode.left(defaultCountryCode.size() - 1).toString() + digits;
            }
            return defaultCountryCode.toString() + digits.mid(1);
        }
        // "38044…" typed without the plus.
        if (defaultCountryCode.endsWith(u'0') && digits.startsWith(defaultCountryCode.left(defaultCountryCode.size() - 1)) && digits.size() == 12) {
            return digits;
        }
    }
    return digits;
}

QString phoneSuffix(QStringView normalizedPhone)
{
    return normalizedPhone.right(9).toString();
}

QString name(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (const QChar c : text) {
        // U+02BC (ʼ), the apostrophe Ukrainian orthography prefers, is a
        // modifier letter to Unicode; it is punctuation to a reader.
        if (c.isLetterOrNumber() && c != QChar(0x02BC)) {
            if (pendingSpace && !out.isEmpty()) {
                out += u' ';
            }
            pendingSpace = false;
            out += c;
        } else if (c.isSpace() || c == u'-' || c == u'.' || c == u',' || c == u'/') {
            pendingSpace = true;
        }
        // Quotes, apostrophes (', ’, ʼ) and other marks are dropped, so every
        // spelling of "Кам'янець" folds to the same key.
    }
    return out.toCaseFolded();
}

QString email(QStringView text)
{
    QStringView t = text.trimmed();
    if (t.startsWith(u"mailto:", Qt::CaseInsensitive)) {
        t = t.mid(7);
    }
    return t.toString().toLower();
}

QString taxCode(QStringView text)
{
    QString out;
    for (const QChar c : text) {
        if (c.isLetterOrNumber()) {
            out += c.toUpper();
        }
    }
    return out;
}

bool isValidEdrpou(QStringView code)
{
    if (code.size() != 8) {
        return false;
    }
    int d[8];
    for (int i = 0; i < 8; ++i) {
        if (!code[i].isDigit()) {
            return false;
        }
        d[i] = code[i].digitValue();
    }
    // State statistics committee rule: weights 1..7 (or 7,1..6 for codes
    // between 30000000 and 60000000), +2 on each weight when the sum mod 11 is 10.
    const long value = code.toString().toLong();
    const bool shifted = value > 30000000 && value < 60000000;
    auto checksum = [&](int extra) {
        int sum = 0;
        for (int i = 0; i < 7; ++i) {
            const int weight = (shifted ? (i == 0 ? 7 : i) : i + 1) + extra;
            sum += d[i] * weight;
        }
        return sum % 11;
    };
    int check = checksum(0);
    if (check == 10) {
        check = checksum(2) % 10;
    }
    return check == d[7];
}

bool looksLikePhone(QStringView text)
{
    int digits = 0;
    for (const QChar c : text) {
        if (c.isDigit()) {
            ++digits;
        } else if (!(c.isSpace() || c == u'+' || c == u'-' || c == u'(' || c == u')' || c == u'.')) {
            return false;
        }
    }
    return digits >= 5;
}

} // namespace Crm::SearchKeys
