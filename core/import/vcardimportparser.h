// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "import/importlimits.h"
#include "import/importrecord.h"
#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QString>

namespace Crm
{

/// Reads counterparties and contact persons from a vCard file (2.1, 3.0 or
/// 4.0). Each card is read on its own, so a broken card is reported with the
/// line it starts on and the others still import. KIND:org, or an ORG with
/// no personal name, makes a counterparty (VCardMapping::kindOf).
class KONTACTCRMDOMAIN_EXPORT VCardImportParser
{
public:
    /// @p fileName only labels the problems reported; a value or a record
    /// larger than @p limits allow is refused with its line and field.
    /// @p firstLine: the line of the file @p data starts on (a slice of it).
    static ImportBatch parse(const QByteArray &data, const QString &fileName, const ImportLimits &limits = ImportLimits(), int firstLine = 1);
    /// Why a vCard of @p bytes is refused.
    static QString tooLarge(qsizetype bytes, const ImportLimits &limits);
};

} // namespace Crm
