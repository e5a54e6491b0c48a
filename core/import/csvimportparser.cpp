// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "csvimportparser.h"

#include "domain/clock.h"
#include "domain/searchkeys.h"
#include "import/csvreader.h"

#include <KLocalizedString>

#include <QHash>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace ImportChecks
{
bool isPlausibleEmail(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.count(u'@') != 1) {
        return false;
    }
    for (const QChar c : t) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            return false;
        }
    }
    const qsizetype at = t.indexOf(u'@');
    const QStringView local = t.left(at);
    const QStringView domain = t.mid(at + 1);
    const qsizetype dot = domain.indexOf(u'.');
    return !local.isEmpty() && dot > 0 && !domain.endsWith(u'.') && !domain.contains(u".."_s);
}

QString normalizedUid(QStringView text)
{
    const QStringView t = text.trimmed();
    const QUuid uuid = QUuid::fromString(t);
    if (!uuid.isNull() && (t.size() == 36 || t.size() == 38)) {
        return u"urn:uuid:"_s + uuid.toString(QUuid::WithoutBraces);
    }
    return t.toString();
}

bool hasControlCharacter(QStringView text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\t' && c != u'\n') {
            return true;
        }
    }
    return false;
}
QString shortened(const QString &text, int max)
{
    return text.size() <= max ? text : text.left(60) + u'…';
}

QString tooLong(qsizetype size, int max, const char *setting)
{
    return i18nc("@info import; %3 is a setting name",
                 "The value has %1 characters; at most %2 are allowed (%3 in kontactcrmrc, group [Import]).",
                 size,
                 max,
                 QLatin1String(setting));
}
} // namespace ImportChecks

namespace
{
enum class Column {
    Name,
    FullName,
    ShortName,
    TaxCode,
    Phone,
    Email,
    Address,
    Street,
    City,
    Region,
    PostalCode,
    Country,
    Website,
    Group,
    Note,
    Uid,
    Counterparty,
    Position,
    Birthday,
    ContactPerson,
    Type,
};

QString headerKey(QStringView text)
{
    QString key = text.trimmed().toString().toCaseFolded().simplified();
    // "E-mail:", "Телефон*" and the like.
    while (key.endsWith(u':') || key.endsWith(u'*')) {
        key.chop(1);
    }
    return key.trimmed();
}

const QHash<QString, Column> &columnAliases()
{
    static const QHash<QString, Column> aliases = [] {
        const QList<std::pair<Column, QList<QStringView>>> table = {
            {Column::Name, {u"name", u"найменування", u"наименование", u"назва", u"название"}},
            {Column::FullName,
             {u"full name",
              u"legal name",
              u"повне найменування",
              u"повна назва",
              u"полное наименование",
              u"полное название",
              u"найменування повне",
              u"наименование полное"}},
            {Column::ShortName,
             {u"short name",
              u"скорочене найменування",
              u"скорочена назва",
              u"коротка назва",
              u"краткое наименование",
              u"сокращенное наименование",
              u"краткое название"}},
            {Column::TaxCode,
             {u"tax code",
              u"tax id",
              u"edrpou",
              u"єдрпоу",
              u"едрпоу",
              u"код єдрпоу",
              u"код едрпоу",
              u"код за єдрпоу",
              u"код по едрпоу",
              u"іпн",
              u"инн",
              u"рнокпп"}},
            {Column::Phone, {u"phone", u"phones", u"telephone", u"tel", u"телефон", u"телефони", u"телефоны", u"тел", u"тел."}},
            {Column::Email,
             {u"email",
              u"e-mail",
              u"emails",
              u"e-mails",
              u"mail",
              u"ел. пошта",
              u"ел.пошта",
              u"електронна пошта",
              u"эл. почта",
              u"эл.почта",
              u"электронная почта"}},
            {Column::Address, {u"address", u"адреса", u"адрес", u"юридична адреса", u"юридический адрес", u"фактична адреса", u"фактический адрес"}},
            {Column::Street, {u"street", u"вулиця", u"улица"}},
            {Column::City, {u"city", u"town", u"locality", u"місто", u"город", u"населений пункт", u"населенный пункт"}},
            {Column::Region, {u"region", u"state", u"province", u"область", u"регіон", u"регион"}},
            {Column::PostalCode, {u"postal code", u"postcode", u"zip", u"zip code", u"індекс", u"индекс", u"поштовий індекс", u"почтовый индекс"}},
            {Column::Country, {u"country", u"країна", u"страна"}},
            {Column::Website, {u"website", u"web site", u"web", u"url", u"сайт", u"веб-сайт", u"вебсайт"}},
            {Column::Group, {u"group", u"groups", u"category", u"categories", u"група", u"групи", u"группа", u"группы"}},
            {Column::Note, {u"note", u"notes", u"comment", u"comments", u"примітка", u"коментар", u"комментарий", u"примечание"}},
            {Column::Uid, {u"uid", u"uuid"}},
            {Column::Counterparty,
             {u"counterparty", u"company", u"organization", u"organisation", u"контрагент", u"організація", u"организация", u"компанія", u"компания"}},
            {Column::Position, {u"position", u"job title", u"посада", u"должность"}},
            {Column::Birthday, {u"birthday", u"date of birth", u"дата народження", u"день народження", u"дата рождения", u"день рождения"}},
            {Column::ContactPerson, {u"contact person", u"contact", u"контактна особа", u"контактное лицо"}},
            {Column::Type, {u"type", u"kind", u"тип", u"вид"}},
        };
        QHash<QString, Column> out;
        for (const auto &[column, names] : table) {
            for (const QStringView name : names) {
                out.insert(name.toString().toCaseFolded(), column);
            }
        }
        return out;
    }();
    return aliases;
}

enum class TypeValue {
    Unspecified,
    Counterparty,
    Person,
    Employee,
    Unknown
};

TypeValue typeOf(QStringView text)
{
    const QString t = headerKey(text);
    if (t.isEmpty()) {
        return TypeValue::Unspecified;
    }
    static const QStringList counterparty = {u"counterparty"_s,
                                             u"organization"_s,
                                             u"organisation"_s,
                                             u"company"_s,
                                             u"org"_s,
                                             u"контрагент"_s,
                                             u"організація"_s,
                                             u"организация"_s,
                                             u"компанія"_s,
                                             u"компания"_s,
                                             u"юридична особа"_s,
                                             u"юридическое лицо"_s};
    static const QStringList person =
        {u"person"_s, u"contact person"_s, u"contact"_s, u"individual"_s, u"контактна особа"_s, u"контактное лицо"_s, u"особа"_s, u"лицо"_s};
    static const QStringList employee = {u"employee"_s, u"співробітник"_s, u"працівник"_s, u"сотрудник"_s};
    if (counterparty.contains(t)) {
        return TypeValue::Counterparty;
    }
    if (person.contains(t)) {
        return TypeValue::Person;
    }
    if (employee.contains(t)) {
        return TypeValue::Employee;
    }
    return TypeValue::Unknown;
}

QStringList splitValues(const QString &text, const QRegularExpression &separators)
{
    QStringList out;
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString t = part.trimmed();
        if (!t.isEmpty()) {
            out << t;
        }
    }
    return out;
}

enum class DateCheck {
    Valid,
    Malformed,
    Impossible,
    Future
};

DateCheck parseBirthday(const QString &text, QDate *date)
{
    // Day first as people write it here (1C adds " 0:00:00"), or ISO 8601.
    static const QRegularExpression dayFirst(u"^(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?$"_s);
    static const QRegularExpression iso(u"^(\\d{4})-(\\d{2})-(\\d{2})$"_s);
    int y = 0;
    int m = 0;
    int d = 0;
    if (const auto match = dayFirst.match(text); match.hasMatch()) {
        d = match.captured(1).toInt();
        m = match.captured(3).toInt();
        y = match.captured(4).toInt();
    } else if (const auto match = iso.match(text); match.hasMatch()) {
        y = match.captured(1).toInt();
        m = match.captured(2).toInt();
        d = match.captured(3).toInt();
    } else {
        return DateCheck::Malformed;
    }
    const QDate result(y, m, d);
    if (!result.isValid()) {
        return DateCheck::Impossible;
    }
    if (result > Clock::today()) {
        return DateCheck::Future;
    }
    *date = result;
    return DateCheck::Valid;
}

class RowParser
{
public:
    RowParser(ImportBatch &batch, const QList<std::optional<Column>> &columns, const QStringList &headers, const ImportLimits &limits)
        : m_batch(batch)
        , m_limits(limits)
        , m_columns(columns)
        , m_headers(headers)
    {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i]) {
                m_index[*columns[i]] << i;
            }
        }
    }

    void parse(const CsvReader::Row &row);

private:
    /// The column of @p column that has a value on this row: 1C exports both
    /// "ИНН" and "Код по ЕДРПОУ", and fills one of them.
    int columnIndex(Column column) const
    {
        const QList<int> indexes = m_index.value(column);
        for (const int i : indexes) {
            if (i < m_row->fields.size() && !m_row->fields[i].trimmed().isEmpty()) {
                return i;
            }
        }
        return indexes.value(0, -1);
    }
    QString value(Column column) const
    {
        const int i = columnIndex(column);
        return i >= 0 && i < m_row->fields.size() ? m_row->fields[i].trimmed() : QString();
    }
    bool has(Column column) const
    {
        return m_index.contains(column);
    }
    QString header(Column column) const
    {
        return m_headers.value(columnIndex(column));
    }
    void problem(QList<ImportProblem> &list, Column column, const QString &message)
    {
        list << ImportProblem{m_batch.fileName, m_row->line, m_recordName, header(column), message};
    }
    void error(Column column, const QString &message)
    {
        problem(m_batch.errors, column, message);
    }
    void warning(Column column, const QString &message)
    {
        problem(m_batch.warnings, column, message);
    }
    QStringList checkedPhones();
    QStringList checkedEmails();

    // The steps of parse(): what the row is, its name, the checks every
    // value passes, then one reader per kind of record.
    ImportRecord::Kind kindOfRow();
    QString recordName(ImportRecord::Kind kind) const;
    /// False when a value is too long to read on (the row is refused).
    bool checkFields();
    /// What every kind of record reads alike, checked once.
    struct Common {
        QString uid;
        QStringList phones;
        QStringList emails;
    };
    Counterparty readCounterparty(const Common &common);
    ContactPerson readPerson(const Common &common);
    Employee readEmployee(const Common &common);

    ImportBatch &m_batch;
    const ImportLimits &m_limits;
    const QList<std::optional<Column>> &m_columns;
    const QStringList &m_headers;
    QHash<Column, QList<int>> m_index;
    const CsvReader::Row *m_row = nullptr;
    QString m_recordName;
};

QStringList RowParser::checkedPhones()
{
    static const QRegularExpression separators(u"[;,\\n]"_s);
    const QStringList phones = splitValues(value(Column::Phone), separators);
    for (const QString &p : phones) {
        if (SearchKeys::phone(p).isEmpty()) {
            error(Column::Phone, i18nc("@info CSV import", "\"%1\" is not a phone number: it has fewer than five digits.", p));
        }
    }
    return phones;
}

QStringList RowParser::checkedEmails()
{
    static const QRegularExpression separators(u"[;,\\s]"_s);
    const QStringList emails = splitValues(value(Column::Email), separators);
    for (const QString &e : emails) {
        if (!ImportChecks::isPlausibleEmail(e)) {
            error(Column::Email, i18nc("@info CSV import", "\"%1\" is not an e-mail address.", e));
        }
    }
    return emails;
}

void RowParser::parse(const CsvReader::Row &row)
{
    m_row = &row;
    const int errorsBefore = m_batch.errors.size();
    ImportRecord record;
    record.line = row.line;
    record.kind = kindOfRow();
    m_recordName = ImportChecks::shortened(recordName(record.kind), m_limits.maxFieldChars);
    if (!checkFields()) {
        return;
    }
    const Column nameColumn = record.kind == ImportRecord::Kind::Counterparty
        ? (has(Column::FullName) && !value(Column::FullName).isEmpty() ? Column::FullName : Column::Name)
        : (!value(Column::ContactPerson).isEmpty() || !has(Column::Name) ? Column::ContactPerson : Column::Name);
    if (m_recordName.isEmpty()) {
        error(nameColumn, i18nc("@info CSV import", "The record has no name."));
    }
    const Common common{ImportChecks::normalizedUid(value(Column::Uid)), checkedPhones(), checkedEmails()};
    switch (record.kind) {
    case ImportRecord::Kind::Counterparty:
        record.counterparty = readCounterparty(common);
        break;
    case ImportRecord::Kind::Person:
        record.person = readPerson(common);
        record.counterpartyRef = value(Column::Counterparty);
        // A counterparty list with a "Contact person" column: the row's name is its counterparty.
        if (record.counterpartyRef.isEmpty() && nameColumn == Column::ContactPerson) {
            record.counterpartyRef = value(Column::Name);
        }
        break;
    case ImportRecord::Kind::Employee:
        record.employee = readEmployee(common);
        break;
    }
    if (m_batch.errors.size() == errorsBefore) {
        m_batch.records << record;
    }
}

ImportRecord::Kind RowParser::kindOfRow()
{
    TypeValue type = typeOf(value(Column::Type));
    if (type == TypeValue::Unknown) {
        m_recordName = value(Column::ContactPerson).isEmpty() ? value(Column::Name) : value(Column::ContactPerson);
        warning(
            Column::Type,
            i18nc("@info CSV import", "Unknown type \"%1\"; the record is read as a counterparty or a person from its other columns.", value(Column::Type)));
        type = TypeValue::Unspecified;
    }
    if (type == TypeValue::Unspecified) {
        type = (!value(Column::Counterparty).isEmpty() || !value(Column::ContactPerson).isEmpty()) ? TypeValue::Person : TypeValue::Counterparty;
    }
    return type == TypeValue::Counterparty ? ImportRecord::Kind::Counterparty
        : type == TypeValue::Employee      ? ImportRecord::Kind::Employee
                                           : ImportRecord::Kind::Person;
}

QString RowParser::recordName(ImportRecord::Kind kind) const
{
    if (kind == ImportRecord::Kind::Counterparty) {
        // The full name when there is one; a name alone stands for both.
        const QString fullName = value(Column::FullName);
        const QString name = fullName.isEmpty() ? value(Column::Name) : fullName;
        return name.isEmpty() ? value(Column::ShortName) : name;
    }
    const QString person = value(Column::ContactPerson);
    return person.isEmpty() ? value(Column::Name) : person;
}

bool RowParser::checkFields()
{
    const int errorsBefore = m_batch.errors.size();
    // Values too long to be data, then control characters: garbage, not data.
    for (int i = 0; i < m_columns.size() && i < m_row->fields.size(); ++i) {
        const bool note = m_columns[i] == Column::Note;
        const int max = note ? m_limits.maxNoteChars : m_limits.maxFieldChars;
        if (m_columns[i] && m_row->fields[i].size() > max) {
            m_batch.errors << ImportProblem{m_batch.fileName,
                                            m_row->line,
                                            m_recordName,
                                            m_headers.value(i),
                                            ImportChecks::tooLong(m_row->fields[i].size(), max, note ? "MaxNoteChars" : "MaxFieldChars")};
        }
    }
    if (m_batch.errors.size() > errorsBefore) {
        return false;
    }
    // Control characters first: a value holding them is garbage, not data.
    for (int i = 0; i < m_columns.size() && i < m_row->fields.size(); ++i) {
        if (m_columns[i] && ImportChecks::hasControlCharacter(m_row->fields[i])) {
            m_batch.errors << ImportProblem{m_batch.fileName,
                                            m_row->line,
                                            m_recordName,
                                            m_headers.value(i),
                                            i18nc("@info CSV import", "The value holds a control character.")};
        }
    }
    if (m_row->fields.size() > m_headers.size()) {
        bool extraData = false;
        for (int i = m_headers.size(); i < m_row->fields.size(); ++i) {
            extraData = extraData || !m_row->fields[i].trimmed().isEmpty();
        }
        if (extraData) {
            m_batch.warnings << ImportProblem{m_batch.fileName,
                                              m_row->line,
                                              m_recordName,
                                              {},
                                              i18nc("@info CSV import",
                                                    "The row has %1 fields but the header only %2; the extra fields are ignored.",
                                                    m_row->fields.size(),
                                                    m_headers.size())};
        }
    }
    return true;
}

Counterparty RowParser::readCounterparty(const Common &common)
{
    static const QRegularExpression groupSeparators(u"[;,\\n]"_s);
    Counterparty c;
    const QString name = value(Column::Name);
    const QString fullName = value(Column::FullName);
    c.name = fullName.isEmpty() ? name : fullName;
    c.shortName = value(Column::ShortName);
    if (c.shortName.isEmpty() && !fullName.isEmpty() && name != fullName) {
        c.shortName = name;
    }
    if (c.name.isEmpty()) {
        c.name = c.shortName;
    }
    c.uid = common.uid;
    c.taxCode = SearchKeys::taxCode(value(Column::TaxCode));
    c.phones = common.phones;
    c.emails = common.emails;
    PostalAddress address;
    address.street = value(Column::Street).isEmpty() ? value(Column::Address) : value(Column::Street);
    address.locality = value(Column::City);
    address.region = value(Column::Region);
    address.postalCode = value(Column::PostalCode);
    address.country = value(Column::Country);
    if (!address.isEmpty()) {
        c.addresses << address;
    }
    c.website = value(Column::Website);
    c.groups = splitValues(value(Column::Group), groupSeparators);
    c.note = value(Column::Note);
    if (c.taxCode.size() == 8
        && std::all_of(c.taxCode.cbegin(),
                       c.taxCode.cend(),
                       [](QChar ch) {
                           return ch.isDigit();
                       })
        && !SearchKeys::isValidEdrpou(c.taxCode)) {
        warning(Column::TaxCode, i18nc("@info CSV import", "The EDRPOU code %1 fails its check digit; check it for a typo.", c.taxCode));
    }
    return c;
}

ContactPerson RowParser::readPerson(const Common &common)
{
    ContactPerson p;
    p.uid = common.uid;
    p.name = m_recordName;
    p.position = value(Column::Position);
    p.phones = common.phones;
    p.emails = common.emails;
    p.note = value(Column::Note);
    const QString birthday = value(Column::Birthday);
    if (!birthday.isEmpty()) {
        switch (parseBirthday(birthday, &p.birthday)) {
        case DateCheck::Valid:
            break;
        case DateCheck::Malformed:
            error(Column::Birthday, i18nc("@info CSV import", "\"%1\" is not a date; write it as dd.mm.yyyy.", birthday));
            break;
        case DateCheck::Impossible:
            error(Column::Birthday, i18nc("@info CSV import", "There is no such date as %1.", birthday));
            break;
        case DateCheck::Future:
            error(Column::Birthday, i18nc("@info CSV import", "The birthday %1 is in the future.", birthday));
            break;
        }
    }
    return p;
}

Employee RowParser::readEmployee(const Common &common)
{
    Employee e;
    e.uid = common.uid;
    e.name = m_recordName;
    e.position = value(Column::Position);
    e.phones = common.phones;
    e.emails = common.emails;
    return e;
}
} // namespace

ImportBatch CsvImportParser::parse(const QByteArray &data,
                                   const QString &fileName,
                                   const ImportLimits &limits,
                                   std::optional<CsvReader::Encoding> encoding,
                                   int rowsStartLine,
                                   QChar separator)
{
    ImportBatch batch;
    batch.fileName = fileName;
    auto fileError = [&](int line, const QString &message) {
        batch.errors << ImportProblem{fileName, line, {}, {}, message};
    };

    CsvReader reader;
    const bool complete = reader.read(data, encoding, rowsStartLine, separator);
    const QList<CsvReader::Row> rows = reader.rows();
    if (reader.encoding() == CsvReader::Encoding::Koi8U && rows.isEmpty()) {
        fileError(0, i18nc("@info CSV import", "The file looks like KOI8-U text, which this system cannot decode; save it as UTF-8 and import it again."));
        return batch;
    }
    if (rows.isEmpty()) {
        if (complete) {
            fileError(0, i18nc("@info CSV import", "The file is empty."));
        } else {
            fileError(reader.errorLine(), reader.errorString());
        }
        return batch;
    }

    // The header.
    const CsvReader::Row &headerRow = rows.first();
    QStringList headers;
    QList<std::optional<Column>> columns;
    QStringList unknown;
    bool hasName = false;
    for (const QString &h : headerRow.fields) {
        headers << h.trimmed();
        const auto it = columnAliases().constFind(headerKey(h));
        if (it == columnAliases().cend()) {
            columns << std::nullopt;
            if (!h.trimmed().isEmpty()) {
                unknown << h.trimmed();
            }
            continue;
        }
        columns << *it;
        hasName = hasName || *it == Column::Name || *it == Column::FullName || *it == Column::ShortName || *it == Column::ContactPerson;
    }
    if (!hasName) {
        fileError(headerRow.line,
                  i18nc("@info CSV import; %1 is an encoding name",
                        "The first row is not a header with a name column (such as \"Name\" or \"Найменування\"); the file was read as %1.",
                        reader.encodingName()));
        return batch;
    }
    for (const QString &u : std::as_const(unknown)) {
        batch.warnings << ImportProblem{fileName, headerRow.line, {}, u, i18nc("@info CSV import", "Unknown column, ignored.")};
    }

    RowParser parser(batch, columns, headers, limits);
    const QList<int> invalidLines = reader.invalidLines();
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const CsvReader::Row &row = rows[i];
        // A row with bytes that are not UTF-8 in a UTF-8 file: reported and
        // left out; the others still import.
        const int nextRowLine = i + 1 < rows.size() ? rows[i + 1].line : std::numeric_limits<int>::max();
        const auto bad = std::find_if(invalidLines.cbegin(), invalidLines.cend(), [&](int line) {
            return line >= row.line && line < nextRowLine;
        });
        if (bad != invalidLines.cend()) {
            fileError(*bad,
                      i18nc("@info CSV import",
                            "The line holds bytes that are not UTF-8, though the rest of the file is UTF-8; the record is left out. Fix or retype it."));
            continue;
        }
        qsizetype rowSize = 0;
        for (const QString &f : row.fields) {
            rowSize += f.size();
        }
        if (rowSize > limits.maxRecordSize) {
            fileError(row.line,
                      i18nc("@info CSV import",
                            "The row holds %1 characters; at most %2 are allowed (MaxRecordSize in kontactcrmrc, group [Import]).",
                            rowSize,
                            limits.maxRecordSize));
            continue;
        }
        if (std::all_of(row.fields.cbegin(), row.fields.cend(), [](const QString &f) {
                return f.trimmed().isEmpty();
            })) {
            continue;
        }
        parser.parse(row);
    }
    if (!complete) {
        fileError(reader.errorLine(), reader.errorString());
    }
    return batch;
}

} // namespace Crm
