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
/// LF line ends, an optional UTF-8 byte order mark. The bytes are UTF-8 when
/// they are valid UTF-8, else Windows-1251. The separator is the one of
/// ';' ',' TAB '|' that occurs most often in the header line outside quotes.
class KONTACTCRMDOMAIN_EXPORT CsvReader
{
public:
    enum class Encoding {
        Utf8,
        Windows1251
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
    /// "UTF-8" or "windows-1251".
    QString encodingName() const;
    QChar separator() const;

    bool hasError() const;
    /// The line on which the unterminated quoted field starts; 0 without error.
    int errorLine() const;
    /// Translated description of the error.
    QString errorString() const;

    /// The text of @p data in its guessed encoding, without a byte order mark.
    static QString decode(const QByteArray &data, Encoding *encoding = nullptr);
    /// The separator used in the first line of @p text (outside quotes);
    /// ';' when the line holds none of the candidates.
    static QChar detectSeparator(QStringView text);

private:
    QList<Row> m_rows;
    Encoding m_encoding = Encoding::Utf8;
    QChar m_separator = u';';
    int m_errorLine = 0;
};

} // namespace Crm
