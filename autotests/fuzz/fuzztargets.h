// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

/// What each fuzzer feeds its input to; shared by the libFuzzer targets, the
/// standalone drivers and fuzzreplaytest (which replays every kept crasher).
namespace CrmFuzz
{
/// CsvReader and CsvImportParser over the bytes as a CSV file.
void csvImport(const uint8_t *data, size_t size);
/// VCardImportParser (with its guard in front of KContacts) over the bytes.
void vcardImport(const uint8_t *data, size_t size);
/// The bytes as an RRULE value: parsed by KCalendarCore, then the check
/// before storing (Occurrences::problem) and a bounded expansion.
/// A vCard or CSV file read a slice at a time as an import reads it must
/// give what reading it whole gives: aborts when it does not.
void importSlices(const uint8_t *data, size_t size);
void recurrenceRule(const uint8_t *data, size_t size);
} // namespace CrmFuzz
