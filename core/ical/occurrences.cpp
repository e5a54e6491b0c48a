// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "occurrences.h"

#include <KCalendarCore/Recurrence>
#include <KCalendarCore/RecurrenceRule>
#include <KLocalizedString>

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

QString problem(const KCalendarCore::Incidence::Ptr &incidence)
{
    if (!incidence || !incidence->recurs()) {
        return {};
    }
    const KCalendarCore::Recurrence *recurrence = incidence->recurrence();
    const QDateTime start = incidence->dtStart();
    const auto rules = recurrence->rRules();
    for (const KCalendarCore::RecurrenceRule *rule : rules) {
        if (rule->endDt().isValid() && rule->duration() == 0 && rule->endDt() < start) {
            return i18n("the recurrence ends (%1) before the event starts (%2)",
                        QLocale().toString(rule->endDt(), QLocale::ShortFormat),
                        QLocale().toString(start, QLocale::ShortFormat));
        }
        if (rule->duration() > maxPerYear * 10) {
            return i18n("the recurrence asks for %1 occurrences; at most %2 are allowed", rule->duration(), maxPerYear * 10);
        }
        // DTSTART always counts as an occurrence, so a rule matching no
        // date at all (30 February, month 13) would leave a "recurring"
        // event that happens once: refuse it instead.
        if (!rule->getNextDate(start).isValid() && !(rule->duration() == 1 || (rule->endDt().isValid() && rule->endDt() <= start))) {
            return i18n("the recurrence rule never matches a date after the start");
        }
    }
    const Expansion firstYear = between(incidence, start, start.addYears(1), maxPerYear + 1);
    if (firstYear.starts.size() > maxPerYear) {
        return i18n("the recurrence repeats more than %1 times a year; use a coarser rule", maxPerYear);
    }
    if (firstYear.starts.isEmpty() && recurrence->getNextDateTime(start.addSecs(-1)).isValid() == false) {
        return i18n("the recurrence has no occurrence at all");
    }
    return {};
}

} // namespace Crm::Occurrences
