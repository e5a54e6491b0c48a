// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterexport.h"

#include <KLocalizedString>

#include <algorithm>
#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace Crm::LetterExport
{

QString csvField(const QString &text)
{
    // A spreadsheet runs a field that starts like a formula ("=HYPERLINK(…)"
    // in a subject someone else wrote): an apostrophe makes it text (OWASP,
    // "CSV injection").
    static const QString formulaStarts = u"=+-@\t\r"_s;
    const QString value = !text.isEmpty() && formulaStarts.contains(text.front()) ? u'\'' + text : text;
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\r') && !value.contains(u'\n')) {
        return value;
    }
    QString quoted = value;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

QStringList header()
{
    return {
        i18nc("@title:column letter export", "Number"),
        i18nc("@title:column letter export", "Registered"),
        i18nc("@title:column letter export", "Document date"),
        i18nc("@title:column letter export", "Direction"),
        i18nc("@title:column letter export", "Counterparty"),
        i18nc("@title:column letter export", "Addressee"),
        i18nc("@title:column letter export", "Kind"),
        i18nc("@title:column letter export", "Priority"),
        i18nc("@title:column letter export", "Subject"),
        i18nc("@title:column letter export", "Attachments"),
        i18nc("@title:column letter export", "Archived"),
    };
}

QStringList fields(const Letter &letter, const QString &counterpartyName)
{
    const Participant &a = letter.addressee;
    QString addressee = a.name;
    if (!a.email.isEmpty()) {
        addressee = a.name.isEmpty() ? a.email : u"%1 <%2>"_s.arg(a.name, a.email);
    }
    QStringList attachments;
    for (const Attachment &attachment : letter.attachments) {
        attachments.append(attachment.label);
    }
    return {
        letter.number,
        letter.registrationDate.toString(Qt::ISODate),
        letter.documentDate.toString(Qt::ISODate),
        directionName(letter.direction),
        counterpartyName,
        addressee,
        joinKindPath(letter.kind),
        priorityName(letter.priority),
        letter.subject,
        attachments.join(u"; "_s),
        letter.archived ? u"yes"_s : u"no"_s,
    };
}

namespace
{
QString row(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (const QString &v : values) {
        quoted.append(csvField(v));
    }
    return quoted.join(u',') + u"\r\n"_s;
}
} // namespace

QByteArray csv(const QList<Letter> &letters, const std::function<QString(const QString &uid)> &counterpartyName)
{
    QString text = row(header());
    for (const Letter &letter : letters) {
        const QString name = counterpartyName ? counterpartyName(letter.counterpartyUid) : letter.counterpartyUid;
        text += row(fields(letter, name));
    }
    return text.toUtf8();
}

void sortChronologically(QList<Letter> &letters)
{
    std::stable_sort(letters.begin(), letters.end(), [](const Letter &a, const Letter &b) {
        return std::tuple(a.registrationDate, a.direction, a.sequence) < std::tuple(b.registrationDate, b.direction, b.sequence);
    });
}

} // namespace Crm::LetterExport
