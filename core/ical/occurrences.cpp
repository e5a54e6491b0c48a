// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "occurrences.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/Recurrence>
#include <KCalendarCore/RecurrenceRule>
#include <KLocalizedString>

#include <QElapsedTimer>

#include <algorithm>

namespace Crm::Occurrences
{

Expansion between(const KCalendarCore::Incidence::Ptr &incidence, const QDateTime &from, const QDateTime &to, int limit)
{
    Expansion out;
    if (!incidence || !incidence->dtStart().isValid() || to < from) {
        return out;
    }
    if (!incidence->recurs()) {
        const QDateTime start = incidence->dtStart();
        if (start >= from && start <= to) {
            out.starts << start;
        }
        return out;
    }
    const KCalendarCore::Recurrence *recurrence = incidence->recurrence();
    // The first occurrence at or after "from": recursOn-style checks of the
    // start itself, then getNextDateTime, which skips EXDATEs and adds RDATEs.
    QDateTime next = from.addSecs(-1);
    while (out.starts.size() < limit) {
        next = recurrence->getNextDateTime(next);
        if (!next.isValid() || next > to) {
            return out;
        }
        out.starts << next;
    }
    out.truncated = recurrence->getNextDateTime(next).isValid() && recurrence->getNextDateTime(next) <= to;
    return out;
}

namespace
{
// The rule as an RRULE value: "FREQ=…" without the property name and
// without the line folding ICalFormat adds.
QString ruleText(KCalendarCore::ICalFormat &format, const KCalendarCore::RecurrenceRule *rule)
{
    QString text = format.toString(const_cast<KCalendarCore::RecurrenceRule *>(rule));
    text.remove(QStringLiteral("\r\n ")).remove(QStringLiteral("\n "));
    text = text.trimmed();
    if (text.startsWith(QLatin1String("RRULE:"))) {
        text = text.mid(6);
    }
    return text;
}

qint64 combinations(const KCalendarCore::RecurrenceRule *rule)
{
    qint64 product = 1;
    for (const qsizetype n : {rule->bySeconds().size(),
                              rule->byMinutes().size(),
                              rule->byHours().size(),
                              rule->byDays().size(),
                              rule->byMonthDays().size(),
                              rule->byYearDays().size(),
                              rule->byWeekNumbers().size(),
                              rule->byMonths().size()}) {
        product *= std::max<qsizetype>(n, 1);
    }
    return product;
}
QString frequencyName(KCalendarCore::RecurrenceRule::PeriodType type)
{
    switch (type) {
    case KCalendarCore::RecurrenceRule::rSecondly:
        return QStringLiteral("SECONDLY");
    case KCalendarCore::RecurrenceRule::rMinutely:
        return QStringLiteral("MINUTELY");
    case KCalendarCore::RecurrenceRule::rHourly:
        return QStringLiteral("HOURLY");
    case KCalendarCore::RecurrenceRule::rDaily:
        return QStringLiteral("DAILY");
    case KCalendarCore::RecurrenceRule::rWeekly:
        return QStringLiteral("WEEKLY");
    case KCalendarCore::RecurrenceRule::rMonthly:
        return QStringLiteral("MONTHLY");
    case KCalendarCore::RecurrenceRule::rYearly:
        return QStringLiteral("YEARLY");
    default:
        return QString();
    }
}

// BY-parts RFC 5545 (3.3.10) does not allow with the rule's FREQ. Besides
// being meaningless, KCalendarCore is slow on them: FREQ=WEEKLY;COUNT=…
// with BYMONTH and BYMONTHDAY (found by the recurrencerule fuzzer) took
// 1.5 s to check, 15 s under AddressSanitizer.
QString forbiddenCombination(const KCalendarCore::RecurrenceRule *rule)
{
    using Rule = KCalendarCore::RecurrenceRule;
    const Rule::PeriodType type = rule->recurrenceType();
    QString part;
    if (!rule->byMonthDays().isEmpty() && type == Rule::rWeekly) {
        part = QStringLiteral("BYMONTHDAY");
    } else if (!rule->byYearDays().isEmpty() && (type == Rule::rDaily || type == Rule::rWeekly || type == Rule::rMonthly)) {
        part = QStringLiteral("BYYEARDAY");
    } else if (!rule->byWeekNumbers().isEmpty() && type != Rule::rYearly) {
        part = QStringLiteral("BYWEEKNO");
    }
    if (part.isEmpty()) {
        return {};
    }
    return i18nc("@info %1 is a part of a recurrence rule such as BYMONTHDAY, %2 a frequency such as WEEKLY",
                 "the recurrence rule uses %1 with FREQ=%2, which iCalendar (RFC 5545) does not allow",
                 part,
                 frequencyName(type));
}
} // namespace

QString roundTripProblem(const KCalendarCore::RecurrenceRule *rule)
{
    KCalendarCore::ICalFormat format;
    const KCalendarCore::RecurrenceRule *current = rule;
    KCalendarCore::RecurrenceRule back[2];
    for (KCalendarCore::RecurrenceRule &next : back) {
        const QString written = ruleText(format, current);
        if (!format.fromString(&next, written)) {
            return i18n("the recurrence rule would be stored as \"%1\", which cannot be read back", written);
        }
        next.setStartDt(rule->startDt());
        if (!(next == *rule)) {
            return i18n(
                "the recurrence rule would be stored changed, as \"%1\" (a fault of KCalendarCore with BYHOUR, BYMINUTE and BYSECOND); set the time "
                "of day with the start instead, or make one event per time",
                written);
        }
        current = &next;
    }
    return {};
}

QString problem(const KCalendarCore::Incidence::Ptr &incidence)
{
    if (!incidence || !incidence->recurs()) {
        return {};
    }
    const KCalendarCore::Recurrence *recurrence = incidence->recurrence();
    const QDateTime start = incidence->dtStart();
    const auto rules = recurrence->rRules();
    for (const KCalendarCore::RecurrenceRule *rule : rules) {
        if (const qint64 n = combinations(rule); n > maxCombinations) {
            return i18n("the recurrence rule combines %1 values in each period; at most %2 are allowed", n, maxCombinations);
        }
        if (const QString combination = forbiddenCombination(rule); !combination.isEmpty()) {
            return combination;
        }
        if (const QString roundTrip = roundTripProblem(rule); !roundTrip.isEmpty()) {
            return roundTrip;
        }
        // Cheap checks first: for a COUNT rule endDt() and getNextDate()
        // build every occurrence up to COUNT.
        if (rule->duration() > maxPerYear * 10) {
            return i18n("the recurrence asks for %1 occurrences; at most %2 are allowed", rule->duration(), maxPerYear * 10);
        }
        if (rule->duration() == 0 && rule->endDt().isValid() && rule->endDt() < start) {
            return i18n("the recurrence ends (%1) before the event starts (%2)",
                        QLocale().toString(rule->endDt(), QLocale::ShortFormat),
                        QLocale().toString(start, QLocale::ShortFormat));
        }
        // DTSTART always counts as an occurrence, so a rule matching no
        // date at all (30 February, month 13) would leave a "recurring"
        // event that happens once: refuse it instead.
        if (!rule->getNextDate(start).isValid() && !(rule->duration() == 1 || (rule->endDt().isValid() && rule->endDt() <= start))) {
            return i18n("the recurrence rule never matches a date after the start");
        }
    }
    // A rule with no BY-parts repeats once per period: its count in the first
    // year is arithmetic, however many (FREQ=SECONDLY: 31 million).
    for (const KCalendarCore::RecurrenceRule *rule : rules) {
        if (combinations(rule) > 1 || !rule->bySetPos().isEmpty() || rule->frequency() <= 0) {
            continue;
        }
        qint64 unit = 0;
        switch (rule->recurrenceType()) {
        case KCalendarCore::RecurrenceRule::rSecondly:
            unit = 1;
            break;
        case KCalendarCore::RecurrenceRule::rMinutely:
            unit = 60;
            break;
        case KCalendarCore::RecurrenceRule::rHourly:
            unit = 3600;
            break;
        default:
            break;
        }
        if (unit == 0) {
            continue;
        }
        QDateTime until = start.addYears(1);
        if (rule->duration() == 0 && rule->endDt().isValid() && rule->endDt() < until) {
            until = rule->endDt();
        }
        qint64 perYear = start.secsTo(until) / (unit * rule->frequency()) + 1;
        if (rule->duration() > 0) {
            perYear = std::min<qint64>(perYear, rule->duration());
        }
        if (perYear > maxPerYear) {
            return i18n("the recurrence repeats more than %1 times a year; use a coarser rule", maxPerYear);
        }
    }
    // Rules of a day or longer with no time-of-day BY-parts (those were
    // refused above) give at most one occurrence a day: never more than
    // maxPerYear, so there is nothing to count, and stepping through a year
    // of FREQ=YEARLY;BYMONTH=…;BYMONTHDAY=… would cost up to a second.
    const bool subDaily = std::any_of(rules.cbegin(), rules.cend(), [](const KCalendarCore::RecurrenceRule *rule) {
        return rule->recurrenceType() == KCalendarCore::RecurrenceRule::rHourly || rule->recurrenceType() == KCalendarCore::RecurrenceRule::rMinutely
            || rule->recurrenceType() == KCalendarCore::RecurrenceRule::rSecondly;
    });
    if (!subDaily) {
        if (!recurrence->getNextDateTime(start.addSecs(-1)).isValid()) {
            return i18n("the recurrence has no occurrence at all");
        }
        return {};
    }
    // Stepping occurrence by occurrence, with a time budget: whatever the
    // rule, the check answers within a second.
    QElapsedTimer timer;
    timer.start();
    qsizetype count = 0;
    QDateTime next = start.addSecs(-1);
    const QDateTime yearEnd = start.addYears(1);
    while (count <= maxPerYear) {
        next = recurrence->getNextDateTime(next);
        if (!next.isValid() || next > yearEnd) {
            break;
        }
        ++count;
        if (timer.elapsed() > checkBudgetMs) {
            return i18n("the recurrence takes too long to check (%1 occurrences in %2 ms); use a simpler rule", count, timer.elapsed());
        }
    }
    if (count > maxPerYear) {
        return i18n("the recurrence repeats more than %1 times a year; use a coarser rule", maxPerYear);
    }
    if (count == 0 && !recurrence->getNextDateTime(start.addSecs(-1)).isValid()) {
        return i18n("the recurrence has no occurrence at all");
    }
    return {};
}

} // namespace Crm::Occurrences
