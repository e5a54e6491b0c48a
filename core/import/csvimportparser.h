// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "import/csvreader.h"
#include "import/importlimits.h"
#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QString>

namespace Crm
{

/// Reads counterparties and contact persons from a CSV file as spreadsheets
/// and 1C write it. The header row names the columns, in English, Ukrainian
/// or Russian ("Name", "Найменування", "Наименование", "Код ЄДРПОУ", …). A
/// row is a contact person when it names its counterparty (a "Counterparty"
/// column), has a "Contact person" or its "Type" says so; else it is a
/// counterparty.
class KONTACTCRMDOMAIN_EXPORT CsvImportParser
{
public:
    /// @p fileName only labels the problems reported; a value or a record
    /// larger than @p limits allow is refused with its line and field.
    /// A slice of a file is read behind its header: @p encoding and
    /// @p separator, when given, are used instead of guesses from @p data
    /// (they come from the whole file), and @p rowsStartLine numbers the rows
    /// after the header (see CsvReader::read).
    static ImportBatch parse(const QByteArray &data,
                             const QString &fileName,
                             const ImportLimits &limits = ImportLimits(),
                             std::optional<CsvReader::Encoding> encoding = std::nullopt,
                             int rowsStartLine = 0,
                             QChar separator = QChar());
};

/// Checks the import parsers share.
namespace ImportChecks
{
/// One '@' with text before it and a dotted domain after it, no spaces.
KONTACTCRMDOMAIN_EXPORT bool isPlausibleEmail(QStringView text);
/// A bare UUID gets the "urn:uuid:" prefix of the data contract; anything
/// else is kept as written.
KONTACTCRMDOMAIN_EXPORT QString normalizedUid(QStringView text);
/// Whether @p text holds a control character other than tab and line feed.
KONTACTCRMDOMAIN_EXPORT bool hasControlCharacter(QStringView text);
/// @p text cut to a length fit for a message when it is longer than @p max.
KONTACTCRMDOMAIN_EXPORT QString shortened(const QString &text, int max);
/// The message for a value of @p size characters over the limit @p max.
KONTACTCRMDOMAIN_EXPORT QString tooLong(qsizetype size, int max, const char *setting);
} // namespace ImportChecks

} // namespace Crm
