// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "timeline.h"

namespace Crm
{

QList<Agenda::Person> Timeline::persons(const CounterpartyCard &card)
{
    QList<Agenda::Person> persons;
    for (const ContactPerson &p : card.persons) {
        persons << Agenda::Person{-1, p.name, p.birthday, p.position};
    }
    return persons;
}

void Timeline::of(const CounterpartyCard &card,
                  const CalendarIndex *index,
                  ItemStorage &storage,
                  const Options &options,
                  QObject *context,
                  const std::function<void(const Agenda::Result &)> &done)
{
    const QList<CalendarEntry> entries = index ? index->byCounterparty(card.counterparty.uid) : QList<CalendarEntry>();
    Agenda::of(storage, entries, persons(card), options, context, done);
}

} // namespace Crm
