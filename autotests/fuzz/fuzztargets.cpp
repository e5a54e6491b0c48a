// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "fuzztargets.h"

#include "ical/occurrences.h"
#include "import/csvimportparser.h"
#include "import/csvreader.h"
#include "import/importproblems.h"
#include "import/vcardimportparser.h"

#include <KCalendarCore/Event>
#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Recurrence>

#include <QTimeZone>

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
