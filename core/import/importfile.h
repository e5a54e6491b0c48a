// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

namespace Crm::ImportFile
{

/// Reads a vCard or CSV file, telling them apart by content (a vCard
/// starts with BEGIN:VCARD) rather than by name. A file that cannot be
/// read gives a batch with one error naming it.
KONTACTCRMDOMAIN_EXPORT ImportBatch read(const QString &path);
KONTACTCRMDOMAIN_EXPORT ImportBatch parse(const QByteArray &data, const QString &fileName);

/// The same records read as employees: a file of people (or of names) for
/// the employees address book.
KONTACTCRMDOMAIN_EXPORT ImportBatch asEmployees(ImportBatch batch);

} // namespace Crm::ImportFile
