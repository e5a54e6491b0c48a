// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "vcardimportparser.h"

#include "domain/searchkeys.h"
#include "import/csvimportparser.h"
#include "import/vcardguard.h"
#include "vcard/vcardmapping.h"

#include <KContacts/PhoneNumber>
#include <KContacts/VCardConverter>
#include <KLocalizedString>

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
struct CardBlock {
    int line = 0; ///< line of BEGIN:VCARD
    QByteArray text;
    bool terminated = false;
};

struct Split {
    QList<CardBlock> cards;
    QList<int> strayTextLines; ///< first line of each run of text outside the cards
};

bool isLine(QByteArrayView line, QByteArrayView what)
{
    return line.trimmed().compare(what, Qt::CaseInsensitive) == 0;
}

// The cards are cut apart here rather than by KContacts so that each one is
// read on its own: a broken card is reported with its line and the rest of
// the file still imports.
Split splitCards(const QByteArray &data, int firstLine)
{
    Split out;
    QByteArrayView rest(data);
    if (rest.startsWith("\xEF\xBB\xBF")) {
        rest = rest.mid(3);
    }
    int lineNo = firstLine - 1;
    int depth = 0;
    bool inStray = false;
    QByteArrayView previous;
    CardBlock current;
    while (!rest.isEmpty()) {
        const qsizetype nl = rest.indexOf('\n');
        const QByteArrayView line = nl < 0 ? rest : rest.left(nl + 1);
        rest = nl < 0 ? QByteArrayView() : rest.mid(nl + 1);
        ++lineNo;
        if (isLine(line, "BEGIN:VCARD")) {
            if (depth > 0 && !previous.trimmed().toByteArray().toUpper().startsWith("AGENT")) {
                // A new card before END:VCARD: the open one is unterminated.
                out.cards << current;
                depth = 0;
            }
            if (depth == 0) {
                current = CardBlock{lineNo, {}, false};
                inStray = false;
            }
            ++depth;
        }
        if (depth > 0) {
            current.text += line.toByteArray();
            if (isLine(line, "END:VCARD")) {
                --depth;
                if (depth == 0) {
                    current.terminated = true;
                    out.cards << current;
                    current = CardBlock();
                }
            }
        } else if (!line.trimmed().isEmpty() && !isLine(line, "BEGIN:VCARD")) {
            if (!inStray) {
                out.strayTextLines << lineNo;
                inStray = true;
            }
        }
        if (!line.trimmed().isEmpty()) {
            previous = line;
        }
    }
    if (depth > 0) {
        out.cards << current;
    }
    return out;
}

// KContacts makes up a random UID for a card without one; the importer
// assigns its own, so the made-up one must not pass for the file's.
bool hasUidProperty(const QByteArray &card)
{
    static const QRegularExpression uidLine(u"^(?:[A-Za-z0-9-]+\\.)?UID[;:]"_s,
                                            QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    return uidLine.match(QString::fromLatin1(card)).hasMatch();
}

// vCard 4.0 may write a number as a URI ("TEL;VALUE=uri:tel:+380-44-…").
QString withoutTelScheme(const QString &number)
{
    return number.startsWith(u"tel:", Qt::CaseInsensitive) ? number.mid(4).trimmed() : number;
}

QStringList withoutTelScheme(QStringList numbers)
{
    for (QString &n : numbers) {
        n = withoutTelScheme(n);
    }
    return numbers;
}

// Reads the fields off @p a without changing it: a modified copy of an
// Addressee loses KIND and NICKNAME (KContacts' private copy constructor
// does not copy them).
void readCard(ImportBatch &batch, const CardBlock &card, const KContacts::Addressee &a, const ImportLimits &limits)
{
    const bool hasUid = hasUidProperty(card.text);
    auto uidOf = [hasUid](const QString &uid) {
        return hasUid ? ImportChecks::normalizedUid(uid) : QString();
    };
    ImportRecord record;
    record.line = card.line;
    const int errorsBefore = batch.errors.size();
    QStringList phones;
    QStringList emails;
    QString name;
    QString taxCode;
    switch (VCardMapping::kindOf(a)) {
    case VCardMapping::RecordKind::Counterparty:
        record.kind = ImportRecord::Kind::Counterparty;
        record.counterparty = VCardMapping::counterpartyFrom(a);
        record.counterparty.uid = uidOf(record.counterparty.uid);
        record.counterparty.phones = withoutTelScheme(record.counterparty.phones);
        name = record.counterparty.name;
        phones = record.counterparty.phones;
        emails = record.counterparty.emails;
        taxCode = record.counterparty.taxCode;
        break;
    case VCardMapping::RecordKind::Person:
        record.kind = ImportRecord::Kind::Person;
        record.person = VCardMapping::personFrom(a);
        record.person.uid = uidOf(record.person.uid);
        record.person.phones = withoutTelScheme(record.person.phones);
        // The importer resolves the reference against the file and the store.
        record.counterpartyRef = record.person.counterpartyUid.isEmpty() ? VCardMapping::organizationOf(a) : record.person.counterpartyUid;
        record.person.counterpartyUid.clear();
        name = record.person.name;
        phones = record.person.phones;
        emails = record.person.emails;
        break;
    case VCardMapping::RecordKind::Employee:
        record.kind = ImportRecord::Kind::Employee;
        record.employee = VCardMapping::employeeFrom(a);
        record.employee.uid = uidOf(record.employee.uid);
        record.employee.phones = withoutTelScheme(record.employee.phones);
        name = record.employee.name;
        phones = record.employee.phones;
        emails = record.employee.emails;
        break;
    }

    const QString fullName = name;
    name = ImportChecks::shortened(name, limits.maxFieldChars);
    auto problem = [&](QList<ImportProblem> &list, const QString &field, const QString &message) {
        list << ImportProblem{batch.fileName, card.line, name, field, message};
    };
    // Notes keep their line breaks however the card wrote them (=0D=0A).
    for (QString *note : {&record.counterparty.note, &record.person.note}) {
        note->replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    }
    // As for CSV: values too long to be data, and control characters (ESC,
    // BEL, NUL), refuse the card, naming the property.
    const QList<std::pair<QString, QStringList>> values = {
        {u"FN"_s, {fullName}},
        {u"NICKNAME"_s, {record.counterparty.shortName}},
        {u"X-KDE-CRM-TAXCODE"_s, {taxCode}},
        {u"TEL"_s, phones},
        {u"EMAIL"_s, emails},
        {u"URL"_s, {record.counterparty.website}},
        {u"CATEGORIES"_s, record.counterparty.groups},
        {u"TITLE"_s, {record.person.position, record.employee.position}},
        {u"ORG"_s, {record.counterpartyRef}},
    };
    for (const auto &[field, list] : values) {
        for (const QString &v : list) {
            if (v.size() > limits.maxFieldChars) {
                problem(batch.errors, field, ImportChecks::tooLong(v.size(), limits.maxFieldChars, "MaxFieldChars"));
                break;
            }
            if (ImportChecks::hasControlCharacter(v)) {
                problem(batch.errors, field, i18nc("@info vCard import", "The value holds a control character."));
                break;
            }
        }
    }
    for (const PostalAddress &address : record.counterparty.addresses) {
        for (const QString &v : {address.street, address.locality, address.region, address.postalCode, address.country}) {
            if (v.size() > limits.maxFieldChars) {
                problem(batch.errors, u"ADR"_s, ImportChecks::tooLong(v.size(), limits.maxFieldChars, "MaxFieldChars"));
            } else if (ImportChecks::hasControlCharacter(v)) {
                problem(batch.errors, u"ADR"_s, i18nc("@info vCard import", "The value holds a control character."));
            }
        }
    }
    for (const QString *note : {&record.counterparty.note, &record.person.note}) {
        if (note->size() > limits.maxNoteChars) {
            problem(batch.errors, u"NOTE"_s, ImportChecks::tooLong(note->size(), limits.maxNoteChars, "MaxNoteChars"));
        } else if (ImportChecks::hasControlCharacter(*note)) {
            problem(batch.errors, u"NOTE"_s, i18nc("@info vCard import", "The value holds a control character."));
        }
    }
    if (batch.errors.size() > errorsBefore) {
        return;
    }
    if (name.isEmpty()) {
        problem(batch.errors, u"FN"_s, i18nc("@info vCard import", "The card has no name: it has neither FN, N nor ORG."));
    }
    for (const QString &p : std::as_const(phones)) {
        if (SearchKeys::phone(p).isEmpty()) {
            problem(batch.errors, u"TEL"_s, i18nc("@info vCard import", "\"%1\" is not a phone number: it has fewer than five digits.", p));
        }
    }
    for (const QString &e : std::as_const(emails)) {
        if (!ImportChecks::isPlausibleEmail(e)) {
            problem(batch.errors, u"EMAIL"_s, i18nc("@info vCard import", "\"%1\" is not an e-mail address.", e));
        }
    }
    if (taxCode.size() == 8
        && std::all_of(taxCode.cbegin(),
                       taxCode.cend(),
                       [](QChar c) {
                           return c.isDigit();
                       })
        && !SearchKeys::isValidEdrpou(taxCode)) {
        problem(batch.warnings, u"X-KDE-CRM-TAXCODE"_s, i18nc("@info vCard import", "The EDRPOU code %1 fails its check digit; check it for a typo.", taxCode));
    }
    if (batch.errors.size() == errorsBefore) {
        batch.records << record;
    }
}
} // namespace

ImportBatch VCardImportParser::parse(const QByteArray &data, const QString &fileName, const ImportLimits &limits, int firstLine)
{
    ImportBatch batch;
    batch.fileName = fileName;
    // Old Mac tools end lines with CR alone.
    const Split split = splitCards(data.contains('\n') ? data : QByteArray(data).replace('\r', '\n'), firstLine);
    if (split.cards.isEmpty()) {
        const QString message = split.strayTextLines.isEmpty() ? i18nc("@info vCard import", "The file is empty.")
                                                               : i18nc("@info vCard import", "The file holds no vCard (no BEGIN:VCARD line).");
        batch.errors << ImportProblem{fileName, split.strayTextLines.value(0, 0), {}, {}, message};
        return batch;
    }
    for (const int line : split.strayTextLines) {
        batch.warnings << ImportProblem{fileName, line, {}, {}, i18nc("@info vCard import", "Text outside a vCard is ignored.")};
    }

    KContacts::VCardConverter converter;
    for (const CardBlock &card : split.cards) {
        if (!card.terminated) {
            batch.errors << ImportProblem{fileName, card.line, {}, {}, i18nc("@info vCard import", "The vCard has no END:VCARD line.")};
            continue;
        }
        if (card.text.size() > limits.maxRecordSize) {
            batch.errors << ImportProblem{fileName, card.line, {}, {}, tooLarge(card.text.size(), limits)};
            continue;
        }
        // Never hand KContacts a card it could loop on (see VCardGuard).
        const VCardGuard::Prepared prepared = VCardGuard::prepare(card.text);
        for (const VCardGuard::Repair &repair : prepared.repairs) {
            batch.warnings << ImportProblem{fileName, card.line + repair.lineOffset, {}, repair.property, repair.message};
        }
        const KContacts::Addressee::List list = converter.parseVCards(prepared.text);
        if (list.isEmpty()) {
            batch.errors << ImportProblem{fileName, card.line, {}, {}, i18nc("@info vCard import", "The vCard cannot be read.")};
            continue;
        }
        for (const KContacts::Addressee &a : list) {
            readCard(batch, card, a, limits);
        }
    }
    return batch;
}

QString VCardImportParser::tooLarge(qsizetype bytes, const ImportLimits &limits)
{
    return i18nc("@info vCard import",
                 "The vCard holds %1 bytes; at most %2 are allowed (MaxRecordSize in kontactcrmrc, group [Import]).",
                 bytes,
                 limits.maxRecordSize);
}

} // namespace Crm
