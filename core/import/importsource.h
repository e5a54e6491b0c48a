// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

#include <memory>

namespace Crm
{

/// The records of one import file, handed out a slice at a time, so that an
/// import holds one slice however large the file (DirectoryImporter reads
/// each file twice: the counterparties, then the people who refer to them).
class KONTACTCRMDOMAIN_EXPORT ImportSource
{
public:
    virtual ~ImportSource();

    virtual QString fileName() const = 0;
    /// The next records, about @p maxRecords, with the problems found among
    /// them (lines as in the whole file).
    virtual ImportBatch next(int maxRecords) = 0;
    /// Everything was handed out.
    virtual bool atEnd() const = 0;
    /// Back to the first record.
    virtual void rewind() = 0;
    /// How many records the source holds, or -1 before it was read through.
    virtual qsizetype recordCount() const = 0;

    /// A vCard or CSV file (told apart by content, as ImportFile::read does),
    /// read from disk slice by slice: a vCard file is cut between cards, a
    /// CSV file between rows, and each slice is read by the same parsers as
    /// a whole file (a CSV slice behind the file's header, in the encoding
    /// guessed from the whole file), so a record is read the same either way.
    /// @p asEmployees reads its records as employees (ImportFile::asEmployees).
    static std::unique_ptr<ImportSource> fromFile(const QString &path, bool asEmployees = false);
    /// Records already read (the plugin reads files on a thread of its own).
    static std::unique_ptr<ImportSource> fromBatch(ImportBatch batch);
};

} // namespace Crm
