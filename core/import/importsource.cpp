// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importsource.h"

#include "import/boundedfile.h"
#include "import/csvimportparser.h"
#include "import/csvreader.h"
#include "import/importfile.h"
#include "import/importlimits.h"
#include "import/vcardimportparser.h"

#include <KLocalizedString>

#include <QFileInfo>

namespace Crm
{

ImportSource::~ImportSource() = default;

namespace
{

/// Records read before, handed out in slices.
class BatchSource : public ImportSource
{
public:
    explicit BatchSource(ImportBatch batch)
        : m_batch(std::move(batch))
    {
    }
    QString fileName() const override
    {
        return m_batch.fileName;
    }
    ImportBatch next(int maxRecords) override
    {
        ImportBatch slice;
        slice.fileName = m_batch.fileName;
        if (m_at == 0) {
            slice.errors = m_batch.errors;
            slice.warnings = m_batch.warnings;
        }
        slice.records = m_batch.records.mid(m_at, maxRecords);
        m_at += slice.records.size();
        m_done = m_at >= m_batch.records.size();
        return slice;
    }
    bool atEnd() const override
    {
        return m_done;
    }
    void rewind() override
    {
        m_at = 0;
        m_done = false;
    }
    qsizetype recordCount() const override
    {
        return m_batch.records.size();
    }

private:
    ImportBatch m_batch;
    qsizetype m_at = 0;
    bool m_done = false;
};

/// The line breaks CsvReader counts in @p line.
int csvLineBreaks(QByteArrayView line)
{
    int breaks = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        breaks += CsvReader::endsLine(line, i);
    }
    return breaks;
}

bool isLine(QByteArrayView line, QByteArrayView what)
{
    return line.trimmed().compare(what, Qt::CaseInsensitive) == 0;
}

/// A vCard or CSV file on disk, read a slice of whole records at a time.
/// The slices are cut here, where only record boundaries are needed, and
/// read by the parsers; a file they must see whole (UTF-16, or lines ended
/// by CR alone) is read whole, as before.
class FileSource : public ImportSource
{
public:
    FileSource(const QString &path, bool asEmployees)
        : m_path(path)
        , m_name(QFileInfo(path).fileName())
        , m_asEmployees(asEmployees)
        , m_limits(ImportLimits::fromConfig())
    {
        open();
    }

    QString fileName() const override
    {
        return m_name;
    }

    bool atEnd() const override
    {
        return m_whole ? m_whole->atEnd() : m_done;
    }

    void rewind() override
    {
        if (m_whole) {
            m_whole->rewind();
            return;
        }
        m_done = !m_file;
        if (m_file) {
            m_file->seek(m_dataStart);
            m_line = m_dataStartLine;
            m_read = m_dataStart;
            m_pendingLine.clear();
        }
        m_sliceNumber = 0;
        m_counted = 0;
        m_depth = 0;
        m_previous.clear();
        if (m_isCsv) {
            m_scanner.emplace(m_separator); // the header ends outside quotes
        }
    }

    qsizetype recordCount() const override
    {
        return m_whole ? m_whole->recordCount() : m_recordCount;
    }

    ImportBatch next(int maxRecords) override
    {
        if (m_whole) {
            return m_whole->next(maxRecords);
        }
        ImportBatch batch;
        batch.fileName = m_name;
        if (m_done) {
            return batch;
        }
        batch = m_isCsv ? nextCsv(maxRecords) : nextVCard(maxRecords);
        ++m_sliceNumber;
        m_counted += batch.records.size();
        if (m_done && m_recordCount < 0) {
            m_recordCount = m_counted; // known once the first pass ends
        }
        return m_asEmployees ? ImportFile::asEmployees(std::move(batch)) : batch;
    }

private:
    void open()
    {
        QString error;
        m_file = BoundedFile::open(m_path, &error);
        if (!m_file) {
            readWhole(); // says why, as ImportFile::read does
            return;
        }
        const QByteArray head = m_file->peek(4096);
        QByteArrayView start = QByteArrayView(head).trimmed();
        if (start.startsWith("\xEF\xBB\xBF")) {
            start = start.mid(3).trimmed();
        }
        if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF") || (head.contains('\r') && !head.contains('\n'))) {
            readWhole();
            return;
        }
        m_isCsv = start.left(11).compare("BEGIN:VCARD", Qt::CaseInsensitive) != 0;
        if (m_isCsv && !readCsvHeader()) {
            readWhole();
            return;
        }
        m_dataStart = m_file->pos();
        m_dataStartLine = m_line;
        rewind();
    }

    void readWhole()
    {
        m_file.reset();
        ImportBatch batch = ImportFile::read(m_path);
        batch.fileName = m_name;
        m_whole = std::make_unique<BatchSource>(m_asEmployees ? ImportFile::asEmployees(std::move(batch)) : std::move(batch));
    }

    /// The next line, at most a record's worth of it; empty at the end or
    /// past the file size limit (m_tooLarge).
    QByteArray readLine()
    {
        if (!m_pendingLine.isEmpty()) {
            return std::exchange(m_pendingLine, {});
        }
        if (m_read > m_limits.maxFileBytes) {
            return {};
        }
        // 4 bytes a character: longer than a record may be in any encoding.
        QByteArray line = m_file->readLine(4 * qint64(m_limits.maxRecordSize) + 8);
        m_read += line.size();
        if (m_read > m_limits.maxFileBytes) {
            m_tooLarge = true;
            return {};
        }
        return line;
    }

    /// The CSV header (and blank lines before it), put in front of every
    /// slice; the encoding and the separator, from the whole file.
    bool readCsvHeader()
    {
        CsvReader::EncodingGuess guess;
        qint64 total = 0;
        while (!m_file->atEnd()) {
            const QByteArray block = m_file->read(1 << 20);
            total += block.size();
            if (total > m_limits.maxFileBytes) {
                return false; // read whole, which says so
            }
            // Whole lines only: a multi-byte sequence never spans a line end.
            const qsizetype lastLine = block.lastIndexOf('\n');
            QByteArray lines = block;
            if (lastLine >= 0 && lastLine + 1 < block.size() && !m_file->atEnd()) {
                m_file->seek(m_file->pos() - (block.size() - lastLine - 1));
                total -= block.size() - lastLine - 1;
                lines.truncate(lastLine + 1);
            }
            guess.add(lines);
        }
        m_encoding = guess.encoding();
        m_file->seek(0);
        m_read = 0;
        m_line = 1;
        QByteArray header;
        while (true) {
            const QByteArray line = readLine();
            if (line.isEmpty()) {
                return false; // no row after the header: the parser says what is wrong
            }
            header += line;
            m_line += csvLineBreaks(line);
            // CsvReader skips line breaks before the header, nothing else.
            if (line == "\n" || line == "\r\n" || line == "\r") {
                continue;
            }
            if (m_separator == 0) {
                m_separator = guessSeparator(line);
                m_scanner.emplace(m_separator);
            }
            m_scanner->feed(line);
            if (!m_scanner->insideQuotes()) {
                break;
            }
            if (header.size() > 4 * qint64(m_limits.maxRecordSize)) {
                return false;
            }
        }
        if (!header.endsWith('\n')) {
            return false; // a header alone
        }
        m_header = header;
        m_headerLines = m_line - 1;
        return true;
    }

    void skipRestOfLine(QByteArray line)
    {
        while (!line.isEmpty() && !line.endsWith('\n')) {
            line = readLine();
            m_scanner->feed(line);
            m_line += csvLineBreaks(line);
        }
    }

    /// The separator CsvReader finds from the header line @p first on;
    /// what follows is read ahead, then read again as rows.
    char guessSeparator(const QByteArray &first)
    {
        CsvReader::SeparatorGuess guess;
        const qint64 back = m_file->pos();
        for (QByteArray line = first; !guess.feed(line) && !line.isEmpty();) {
            line = m_file->readLine(4 * qint64(m_limits.maxRecordSize) + 8);
        }
        m_file->seek(back);
        return guess.separator();
    }

    ImportBatch nextCsv(int maxRecords)
    {
        const int firstLine = m_line;
        QByteArray slice = m_header;
        int rows = 0;
        bool stop = false;
        while (rows < maxRecords) {
            // One row: lines until no quoted field is left open.
            qsizetype rowBytes = 0;
            bool rowEnded = false;
            while (!rowEnded) {
                const QByteArray line = readLine();
                if (line.isEmpty()) {
                    stop = true;
                    break;
                }
                m_line += csvLineBreaks(line);
                rowBytes += line.size();
                m_scanner->feed(line);
                if (rowBytes > 4 * qint64(m_limits.maxRecordSize)) {
                    // Longer than any row may be: what was read lets the
                    // parser say so (too long, or a quote never closed).
                    // The rest of its line is skipped; inside a quote that
                    // never closes the row would run to the end of the file.
                    slice += line;
                    if (m_scanner->insideQuotes()) {
                        stop = true;
                        break;
                    }
                    slice += '\n';
                    skipRestOfLine(line);
                    break;
                }
                slice += line;
                rowEnded = line.endsWith('\n') && !m_scanner->insideQuotes();
            }
            if (stop) {
                break;
            }
            ++rows;
        }
        m_done = stop;
        ImportBatch batch = CsvImportParser::parse(slice, m_name, m_limits, m_encoding, firstLine, QLatin1Char(m_separator));
        if (m_sliceNumber > 0) {
            // What the header row gave was said with the first slice.
            auto aboutRows = [this](QList<ImportProblem> &problems) {
                problems.removeIf([this](const ImportProblem &p) {
                    return p.line <= m_headerLines;
                });
            };
            aboutRows(batch.errors);
            aboutRows(batch.warnings);
        }
        if (m_tooLarge) {
            batch.errors << ImportProblem{m_name, 0, {}, {}, BoundedFile::tooLarge(m_path, m_limits.maxFileBytes)};
        }
        return batch;
    }

    ImportBatch nextVCard(int maxRecords)
    {
        const int firstLine = m_line;
        QByteArray slice;
        QList<ImportProblem> tooLarge;
        int cards = 0;
        qsizetype cardStart = 0; // where the open card starts in the slice
        int cardLine = 0;
        qsizetype cardBytes = 0; // a card never spans slices: cut before one begins
        bool skipping = false; // the open card is too large: counted, not kept
        auto endSkipping = [&] {
            if (skipping) {
                tooLarge << ImportProblem{m_name, cardLine, {}, {}, VCardImportParser::tooLarge(cardBytes, m_limits)};
                skipping = false;
            }
        };
        while (true) {
            const QByteArray line = readLine();
            if (line.isEmpty()) {
                m_done = true;
                break;
            }
            const bool begins = isLine(line, "BEGIN:VCARD");
            // Cut before a card that starts at the top level (not an AGENT's
            // card inside another), as VCardImportParser cuts cards apart.
            if (begins && (m_depth == 0 || !m_previous.toUpper().startsWith("AGENT"))) {
                endSkipping();
                if (cards >= maxRecords) {
                    m_pendingLine = line; // the next slice's first line
                    break;
                }
                m_depth = 0;
                ++cards;
                cardBytes = 0;
                cardStart = slice.size();
                cardLine = m_line;
            }
            if (line.endsWith('\n')) {
                ++m_line;
            }
            bool closes = false;
            if (begins) {
                ++m_depth;
            } else if (m_depth > 0 && isLine(line, "END:VCARD")) {
                --m_depth;
                closes = true;
            }
            if (!line.trimmed().isEmpty()) {
                m_previous = line.trimmed();
            }
            const bool inCard = m_depth > 0 || closes;
            cardBytes += inCard ? line.size() : 0;
            if (skipping) {
                slice += line.endsWith('\n') ? "\n" : "";
                if (m_depth == 0) {
                    endSkipping();
                }
                continue;
            }
            slice += line;
            if (inCard && cardBytes > m_limits.maxRecordSize) {
                // Refused whole, as the parser would; never held. Its line
                // breaks stay, so the parser numbers the lines after it right.
                slice.truncate(cardStart);
                slice += QByteArray(m_line - cardLine, '\n');
                skipping = m_depth > 0;
                if (!skipping) {
                    tooLarge << ImportProblem{m_name, cardLine, {}, {}, VCardImportParser::tooLarge(cardBytes, m_limits)};
                }
            }
        }
        endSkipping();
        ImportBatch batch;
        if (!slice.trimmed().isEmpty() || (m_sliceNumber == 0 && tooLarge.isEmpty())) {
            batch = VCardImportParser::parse(slice, m_name, m_limits, firstLine);
        }
        batch.fileName = m_name;
        batch.errors << tooLarge;
        if (m_tooLarge) {
            batch.errors << ImportProblem{m_name, 0, {}, {}, BoundedFile::tooLarge(m_path, m_limits.maxFileBytes)};
        }
        return batch;
    }

    QString m_path;
    QString m_name;
    bool m_asEmployees;
    ImportLimits m_limits;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<BatchSource> m_whole;
    bool m_isCsv = false;
    bool m_done = false;
    bool m_tooLarge = false;
    qint64 m_read = 0;
    qint64 m_dataStart = 0;
    int m_dataStartLine = 1;
    int m_line = 1; ///< the line the next read starts on
    int m_sliceNumber = 0;
    qsizetype m_counted = 0; ///< records given since the last rewind
    qsizetype m_recordCount = -1; ///< known after the first whole pass
    QByteArray m_pendingLine; ///< read, belongs to the next slice
    // CSV
    QByteArray m_header;
    int m_headerLines = 0;
    CsvReader::Encoding m_encoding = CsvReader::Encoding::Utf8;
    char m_separator = 0;
    std::optional<CsvReader::RowScanner> m_scanner;
    // vCard
    int m_depth = 0;
    QByteArray m_previous;
};

} // namespace

std::unique_ptr<ImportSource> ImportSource::fromFile(const QString &path, bool asEmployees)
{
    return std::make_unique<FileSource>(path, asEmployees);
}

std::unique_ptr<ImportSource> ImportSource::fromBatch(ImportBatch batch)
{
    return std::make_unique<BatchSource>(std::move(batch));
}

} // namespace Crm
