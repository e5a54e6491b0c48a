// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Crm
{

/// Reads CSV text the way spreadsheets and 1C write it: RFC 4180 quoting
/// (separators, doubled quotes and line breaks inside quoted fields), CRLF or
/// LF line ends, an optional UTF-8 byte order mark. The encoding is decided
/// on the whole file's evidence: UTF-8 when its valid multi-byte sequences
/// outnumber the invalid ones four to one (the lines with invalid bytes are
/// reported by invalidLines()), UTF-16 with a byte order mark, KOI8-U when
/// its Cyrillic letters fall where KOI8 puts lower case, else Windows-1251.
/// The separator is the one of
/// ';' ',' TAB '|' that occurs most often in the header line outside quotes.
class KONTACTCRMDOMAIN_EXPORT CsvReader
{
public:
    enum class Encoding {
        Utf8,
        Windows1251,
        Utf16,
        Koi8U
    };

    struct Row {
        int line = 0; ///< 1-based line on which the row starts
        QStringList fields;
    };

    /// Reads @p data; returns false on an unterminated quote. The rows before
    /// the broken one are still available.
    bool read(const QByteArray &data);

    /// Rows in file order; lines that hold nothing at all are skipped.
    QList<Row> rows() const;
    Encoding encoding() const;
    /// "UTF-8", "windows-1251", "UTF-16" or "KOI8-U".
    QString encodingName() const;
    /// Lines (1-based) holding bytes that are not UTF-8 in a file read as
    /// UTF-8; their invalid bytes read as U+FFFD.
    QList<int> invalidLines() const;
    QChar separator() const;

    bool hasError() const;
    /// The line on which the unterminated quoted field starts; 0 without error.
    int errorLine() const;
    /// Translated description of the error.
    QString errorString() const;

    /// The text of @p data in its guessed encoding, without a byte order mark.
    static QString decode(const QByteArray &data, Encoding *encoding = nullptr, QList<int> *invalidLines = nullptr);
    /// The separator used in the first line of @p text (outside quotes);
    /// ';' when the line holds none of the candidates.
    static QChar detectSeparator(QStringView text);

private:
    QList<Row> m_rows;
    QList<int> m_invalidLines;
    Encoding m_encoding = Encoding::Utf8;
    QChar m_separator = u';';
    int m_errorLine = 0;
};

} // namespace Crm
