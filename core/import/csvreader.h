// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

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
    /// the broken one are still available. @p encoding, when given, is used
    /// instead of a guess (a slice of a file read as the whole file was).
    /// @p rowsStartLine, when given, numbers the rows after the first (the
    /// header) from that line on: a slice of a file put behind its header.
    /// @p separator, when not null, is used instead of detectSeparator()'s.
    bool read(const QByteArray &data, std::optional<Encoding> encoding = std::nullopt, int rowsStartLine = 0, QChar separator = QChar());

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

    /// The text of @p data in its guessed encoding (or @p forced), without a
    /// byte order mark.
    static QString
    decode(const QByteArray &data, Encoding *encoding = nullptr, QList<int> *invalidLines = nullptr, std::optional<Encoding> forced = std::nullopt);

    /// The guess decode() makes, from a file given a block of whole lines at
    /// a time (a file too large to hold is guessed in one pass over it).
    /// UTF-16 is told by its byte order mark, not guessed here.
    class KONTACTCRMDOMAIN_EXPORT EncodingGuess
    {
    public:
        void add(QByteArrayView lines);
        Encoding encoding() const;

    private:
        qsizetype m_validMultiByte = 0;
        qsizetype m_invalid = 0;
        qsizetype m_koi8Lower = 0;
        qsizetype m_cp1251Lower = 0;
    };

    /// detectSeparator() of a file given a line at a time: its first line
    /// with something on it, and the lines after as long as detectSeparator
    /// would read on (a quote left open).
    class KONTACTCRMDOMAIN_EXPORT SeparatorGuess
    {
    public:
        /// True once the guess needs no more lines.
        bool feed(QByteArrayView line);
        char separator() const;

    private:
        int m_counts[4] = {};
        bool m_quoted = false;
        bool m_done = false;
    };

    /// Follows the quoting of rows fed a line at a time in an ASCII-based
    /// encoding, as read() does, to tell where a row ends without decoding.
    class KONTACTCRMDOMAIN_EXPORT RowScanner
    {
    public:
        explicit RowScanner(char separator);
        void feed(QByteArrayView bytes);
        /// Inside a quoted field: the row goes on past the line break.
        bool insideQuotes() const;

    private:
        char m_separator;
        bool m_quoted = false;
        bool m_fieldEmpty = true;
    };
    /// Whether the byte at @p i of @p bytes ends a line as read() counts
    /// lines: LF, the LF of a CRLF, and a CR alone (the line numbers of a
    /// file read in slices and of its encoding check must agree with it).
    static bool endsLine(QByteArrayView bytes, qsizetype i)
    {
        return bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'));
    }
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
