// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "fuzztargets.h"

#include "ical/occurrences.h"
#include "import/csvimportparser.h"
#include "import/csvreader.h"
#include "import/importfile.h"
#include "import/importproblems.h"
#include "import/importsource.h"
#include "import/vcardimportparser.h"

#include <KCalendarCore/Event>
#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Recurrence>

#include <QFile>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace CrmFuzz
{

namespace
{
QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

void touch(const Crm::ImportBatch &batch)
{
    for (const Crm::ImportProblem &p : Crm::ImportProblems::summarized(batch.errors)) {
        (void)p.toString();
    }
    for (const Crm::ImportRecord &r : batch.records) {
        (void)r.displayName();
    }
}
} // namespace

void csvImport(const uint8_t *data, size_t size)
{
    const QByteArray input = bytes(data, size);
    Crm::CsvReader reader;
    (void)reader.read(input);
    touch(Crm::CsvImportParser::parse(input, u"fuzz.csv"_s));
}

void vcardImport(const uint8_t *data, size_t size)
{
    touch(Crm::VCardImportParser::parse(bytes(data, size), u"fuzz.vcf"_s));
}

void importSlices(const uint8_t *data, size_t size)
{
    // An import reads its file a slice at a time (ImportSource); whatever
    // the bytes, that must give what reading them whole gives.
    static QTemporaryDir dir;
    const QString path = dir.filePath(u"fuzz.import"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes(data, size)) != qint64(size)) {
        return;
    }
    file.close();
    auto lines = [](const Crm::ImportBatch &batch, QStringList *problems, QStringList *records) {
        for (const Crm::ImportProblem &p : batch.errors + batch.warnings) {
            problems->append(p.toString());
        }
        for (const Crm::ImportRecord &r : batch.records) {
            records->append(QString::number(r.line) + u' ' + r.displayName());
        }
    };
    // Every input is read in slices (no crash, hang or runaway memory); the
    // comparison with the whole file is made when CRM_FUZZ_STRICT_SLICES is
    // set: files of garbage still show differences in which line some
    // problems are reported at (see autotests/data/fuzz/README.md).
    static const bool strict = qEnvironmentVariableIsSet("CRM_FUZZ_STRICT_SLICES");
    QStringList wholeProblems;
    QStringList wholeRecords;
    if (strict) {
        lines(Crm::ImportFile::read(path), &wholeProblems, &wholeRecords);
    }
    wholeProblems.sort();
    for (const int slice : {1, 3}) {
        QStringList problems;
        QStringList records;
        const auto source = Crm::ImportSource::fromFile(path);
        for (int guard = 0; !source->atEnd(); ++guard) {
            if (guard > int(size) + 2) {
                std::fputs("importslices: the slices never end\n", stderr);
                std::abort();
            }
            lines(source->next(slice), &problems, &records);
        }
        problems.sort();
        if (strict && (problems != wholeProblems || records != wholeRecords)) {
            std::fprintf(stderr,
                         "importslices: slices of %d differ from the whole file\nwhole:\n%s\n%s\nslices:\n%s\n%s\n",
                         slice,
                         qPrintable(wholeProblems.join(u'\n')),
                         qPrintable(wholeRecords.join(u'\n')),
                         qPrintable(problems.join(u'\n')),
                         qPrintable(records.join(u'\n')));
            std::abort();
        }
    }
}

void recurrenceRule(const uint8_t *data, size_t size)
{
    // One line of at most 1 KiB: a rule longer than that is not a rule.
    const QString text = QString::fromUtf8(bytes(data, qMin<size_t>(size, 1024)));
    KCalendarCore::Event::Ptr event(new KCalendarCore::Event);
    event->setDtStart(QDateTime(QDate(2026, 1, 5), QTime(9, 0), QTimeZone::UTC));
    auto rule = new KCalendarCore::RecurrenceRule;
    KCalendarCore::ICalFormat format;
    if (!format.fromString(rule, text) || rule->recurrenceType() == KCalendarCore::RecurrenceRule::rNone) {
        delete rule;
        return;
    }
    rule->setStartDt(event->dtStart());
    event->recurrence()->addRRule(rule);
    if (Crm::Occurrences::problem(event).isEmpty()) {
        // Only rules the check lets through are ever expanded by the CRM.
        (void)Crm::Occurrences::between(event, event->dtStart(), event->dtStart().addDays(31), 100);
    }
}

} // namespace CrmFuzz
