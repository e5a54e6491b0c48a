// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/counterparty.h"
#include "domain/crmevent.h"
#include "domain/interaction.h"
#include "domain/task.h"

#include <QDateTime>

/// The records tests start from, with what most tests need set and nothing
/// more: one place to change when a record gains a required field, instead
/// of a task() or event() helper in every test file.
namespace CrmTest
{

/// The counterparty the records belong to unless a test says otherwise.
inline QString counterpartyUid()
{
    return QStringLiteral("urn:uuid:c1");
}

/// A call with the counterparty, a new UID and a subject; neither held nor planned until @p start says so.
inline Crm::Interaction call(const QDateTime &start, const QString &subject = QStringLiteral("Prices for 2027"))
{
    Crm::Interaction i;
    i.uid = Crm::newUid();
    i.kind = QStringLiteral("call");
    i.subject = subject;
    i.start = start;
    i.counterpartyUid = counterpartyUid();
    return i;
}

/// An event with a new UID, recurring when @p rrule is given.
inline Crm::CrmEvent event(const QString &subject, const QDateTime &start, const QString &rrule = {})
{
    Crm::CrmEvent ev;
    ev.uid = Crm::newUid();
    ev.subject = subject;
    ev.start = start;
    ev.rrule = rrule;
    return ev;
}

/// A task the boss gives @p responsible, not yet stored (no UID: the service gives one).
inline Crm::Task task(const QString &subject, const QString &responsible, const QDateTime &due, const QString &kind = {})
{
    Crm::Task t;
    t.subject = subject;
    t.responsible = responsible;
    t.issuer = QStringLiteral("boss@firm.example");
    t.due = due;
    t.kind = kind;
    return t;
}

} // namespace CrmTest
