// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "csvreader.h"

#include <KLocalizedString>

#include <QStringDecoder>

#include <iterator>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
// Qt decodes Windows-1251 only when it is built with ICU; without ICU this
// table (bytes 0x80..0xFF; 0x98 is unassigned) keeps 1C exports readable.
constexpr char16_t cp1251High[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019,
    0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490,
    0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451,
    0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B,
    0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E,
    0x042F, 0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441,
    0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

QString decodeCp1251(QByteArrayView data)
{
    QStringDecoder decoder("windows-1251");
    if (decoder.isValid()) {
        return decoder.decode(data);
    }
    QString out;
    out.resize(data.size());
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto b = static_cast<unsigned char>(data[i]);
        out[i] = b < 0x80 ? QChar(char16_t(b)) : QChar(cp1251High[b - 0x80]);
    }
    return out;
}

constexpr QChar separators[] = {u';', u',', u'\t', u'|'};
} // namespace

namespace
{
struct Utf8Evidence {
    qsizetype validMultiByte = 0;
    qsizetype invalid = 0;
    QList<int> invalidLines;
};

// Counts well-formed multi-byte sequences and invalid bytes, per line.
Utf8Evidence utf8Evidence(QByteArrayView bytes)
{
    Utf8Evidence e;
    int line = 1;
    int lastBadLine = 0;
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b < 0x80) {
            line += CsvReader::endsLine(bytes, i);
            ++i;
            continue;
        }
        int need = 0;
        char32_t min = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            min = 0x10000;
        }
        // The continuation bytes are bytes[i + 1] .. bytes[i + need].
        bool ok = need > 0 && i + need < n;
        char32_t cp = need > 0 ? (b & (0x3F >> need)) : 0;
        for (int k = 1; ok && k <= need; ++k) {
            const auto c = static_cast<unsigned char>(bytes[i + k]);
            ok = (c & 0xC0) == 0x80;
            cp = (cp << 6) | (c & 0x3F);
        }
        ok = ok && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        if (ok) {
            ++e.validMultiByte;
            i += need + 1;
        } else {
            ++e.invalid;
            if (line != lastBadLine) {
                e.invalidLines << line;
                lastBadLine = line;
            }
            ++i;
        }
    }
    return e;
}

// Lower-case Cyrillic letters, the bulk of any text, are 0xE0..0xFF in
// Windows-1251 and 0xC0..0xDF in KOI8-U.
void countCyrillicLower(QByteArrayView bytes, qsizetype *koi8Lower, qsizetype *cp1251Lower)
{
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b >= 0xC0 && b <= 0xDF) {
            ++*koi8Lower;
        } else if (b >= 0xE0) {
            ++*cp1251Lower;
        }
    }
}
} // namespace

void CsvReader::EncodingGuess::add(QByteArrayView lines)
{
    const Utf8Evidence evidence = utf8Evidence(lines);
    m_validMultiByte += evidence.validMultiByte;
    m_invalid += evidence.invalid;
    countCyrillicLower(lines, &m_koi8Lower, &m_cp1251Lower);
}

CsvReader::Encoding CsvReader::EncodingGuess::encoding() const
{
    // One stray byte in a UTF-8 file must not turn every name into
    // mojibake: the whole file's evidence decides.
    if (m_invalid == 0 || m_validMultiByte >= 4 * m_invalid) {
        return Encoding::Utf8;
    }
    return m_koi8Lower >= 8 && m_koi8Lower > 2 * m_cp1251Lower ? Encoding::Koi8U : Encoding::Windows1251;
}

CsvReader::RowScanner::RowScanner(char separator)
    : m_separator(separator)
{
}

void CsvReader::RowScanner::feed(QByteArrayView bytes)
{
    // The same states as read(): only a quote at the start of a field opens
    // a quoted field, and a doubled quote inside one is a quote.
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = bytes[i];
        if (m_quoted) {
            if (c == '"' && i + 1 < n && bytes[i + 1] == '"') {
                ++i;
                m_fieldEmpty = false;
            } else if (c == '"') {
                m_quoted = false;
            } else {
                m_fieldEmpty = false;
            }
        } else if (c == '\r' || c == '\n' || c == m_separator) {
            m_fieldEmpty = true;
        } else if (c == '"' && m_fieldEmpty) {
            m_quoted = true;
        } else {
            m_fieldEmpty = false;
        }
    }
}

bool CsvReader::RowScanner::insideQuotes() const
{
    return m_quoted;
}

QString CsvReader::decode(const QByteArray &data, Encoding *encoding, QList<int> *invalidLines, std::optional<Encoding> forced)
{
    Encoding found = Encoding::Utf8;
    QString text;
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        // UTF-16 with its byte order mark, as Windows tools save "Unicode".
        QStringDecoder utf16(bytes.startsWith("\xFF\xFE") ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE);
        text = utf16.decode(bytes.mid(2));
        found = Encoding::Utf16;
    } else {
        if (bytes.startsWith("\xEF\xBB\xBF")) {
            bytes = bytes.mid(3);
        }
        if (forced && *forced != Encoding::Utf16) {
            found = *forced;
        } else {
            EncodingGuess guess;
            guess.add(bytes);
            found = guess.encoding();
        }
        switch (found) {
        case Encoding::Utf8: {
            QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
            text = utf8.decode(bytes);
            if (invalidLines) {
                *invalidLines = utf8Evidence(bytes).invalidLines;
            }
            break;
        }
        case Encoding::Koi8U: {
            QStringDecoder koi8("KOI8-U");
            text = koi8.isValid() ? koi8.decode(bytes) : QString();
            break;
        }
        case Encoding::Windows1251:
        case Encoding::Utf16:
            text = decodeCp1251(bytes);
            break;
        }
    }
    if (encoding) {
        *encoding = found;
    }
    return text;
}

namespace
{
char16_t unit(QChar c)
{
    return c.unicode();
}
char16_t unit(char c)
{
    return char16_t(static_cast<unsigned char>(c));
}

/// Counts the candidate separators of @p text outside quotes (each quote
/// toggles), up to the first line break outside them; true once there.
template<typename Text>
bool countSeparators(const Text &text, int (&counts)[std::size(separators)], bool &quoted)
{
    for (const auto ch : text) {
        const char16_t c = unit(ch);
        if (c == u'"') {
            quoted = !quoted;
        } else if (!quoted && (c == u'\n' || c == u'\r')) {
            return true;
        } else if (!quoted) {
            for (size_t i = 0; i < std::size(separators); ++i) {
                if (c == separators[i].unicode()) {
                    ++counts[i];
                }
            }
        }
    }
    return false;
}

QChar mostFrequent(const int (&counts)[std::size(separators)])
{
    size_t best = 0;
    for (size_t i = 1; i < std::size(separators); ++i) {
        if (counts[i] > counts[best]) {
            best = i;
        }
    }
    return separators[best];
}
} // namespace

QChar CsvReader::detectSeparator(QStringView text)
{
    int counts[std::size(separators)] = {};
    bool quoted = false;
    countSeparators(text, counts, quoted);
    return mostFrequent(counts);
}

bool CsvReader::SeparatorGuess::feed(QByteArrayView bytes)
{
    if (!m_done) {
        // The separators and quotes are ASCII in every encoding read here.
        m_done = countSeparators(QLatin1StringView(bytes), m_counts, m_quoted);
    }
    return m_done;
}

char CsvReader::SeparatorGuess::separator() const
{
    return mostFrequent(m_counts).toLatin1();
}

bool CsvReader::read(const QByteArray &data, std::optional<Encoding> encoding, int rowsStartLine, QChar separator)
{
    m_rows.clear();
    m_errorLine = 0;
    m_invalidLines.clear();
    const QString text = decode(data, &m_encoding, &m_invalidLines, encoding);

    // The header is the first line with something on it.
    qsizetype start = 0;
    while (start < text.size() && (text[start] == u'\n' || text[start] == u'\r')) {
        ++start;
    }
    m_separator = separator.isNull() ? detectSeparator(QStringView(text).mid(start)) : separator;

    int line = 1;
    Row row;
    QString field;
    bool rowHasContent = false; // anything at all on the row, even an empty quoted field
    bool quoted = false;
    int quoteLine = 0;
    const qsizetype n = text.size();

    auto endField = [&] {
        row.fields << field;
        field.clear();
    };
    int headerEndLine = 0; // the line the header ends on, when the rows are renumbered
    auto endRow = [&] {
        if (rowHasContent) {
            endField();
            m_rows << row;
            if (m_rows.size() == 1 && rowsStartLine > 0) {
                headerEndLine = line;
                line = rowsStartLine - 1; // the caller counts the line break
            }
        }
        row = Row();
        field.clear();
        rowHasContent = false;
    };

    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < n && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else if (c == u'\r') {
                // CRLF or a lone CR inside quotes: one line break.
                if (i + 1 < n && text[i + 1] == u'\n') {
                    ++i;
                }
                field += u'\n';
                ++line;
            } else {
                if (c == u'\n') {
                    ++line;
                }
                field += c;
            }
            continue;
        }
        if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n') {
                ++i;
            }
            endRow();
            ++line;
            continue;
        }
        if (row.line == 0) {
            row.line = line;
        }
        rowHasContent = true;
        if (c == m_separator) {
            endField();
        } else if (c == u'"' && field.isEmpty()) {
            // Only a quote at the start of a field opens a quoted field; a
            // stray quote inside an unquoted field is kept as written.
            quoted = true;
            quoteLine = line;
        } else {
            field += c;
        }
    }
    if (!quoted) {
        endRow();
    }
    if (headerEndLine > 0) {
        for (int &invalid : m_invalidLines) {
            invalid += invalid > headerEndLine ? rowsStartLine - headerEndLine - 1 : 0;
        }
    }
    if (quoted) {
        m_errorLine = quoteLine;
        return false;
    }
    return true;
}

QList<CsvReader::Row> CsvReader::rows() const
{
    return m_rows;
}

CsvReader::Encoding CsvReader::encoding() const
{
    return m_encoding;
}

QString CsvReader::encodingName() const
{
    switch (m_encoding) {
    case Encoding::Utf8:
        return u"UTF-8"_s;
    case Encoding::Windows1251:
        return u"windows-1251"_s;
    case Encoding::Utf16:
        return u"UTF-16"_s;
    case Encoding::Koi8U:
        return u"KOI8-U"_s;
    }
    return {};
}

QList<int> CsvReader::invalidLines() const
{
    return m_invalidLines;
}

QChar CsvReader::separator() const
{
    return m_separator;
}

bool CsvReader::hasError() const
{
    return m_errorLine > 0;
}

int CsvReader::errorLine() const
{
    return m_errorLine;
}

QString CsvReader::errorString() const
{
    if (!hasError()) {
        return {};
    }
    return i18nc("@info CSV import", "A quoted field starting on line %1 is not closed.", m_errorLine);
}

} // namespace Crm
