// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"
#include "domain/task.h"
#include "kontactcrmcore_export.h"

#include <KCalendarCore/Todo>

#include <QStringList>

/// The task side of the data contract (DESIGN.md §3): a Task as a VTODO
/// that KOrganizer and phones show sensibly, and back, tolerating what
/// other programs did to it.
namespace Crm::TaskMapping
{

/// @p task written onto @p base (a copy of a todo read before, so that what
/// other programs stored on it is kept), or onto a new todo. STATUS and
/// PERCENT-COMPLETE follow the state's entry in @p cycle.
KONTACTCRMCORE_EXPORT KCalendarCore::Todo::Ptr toTodo(const Task &task, const BusinessCycle &cycle, const KCalendarCore::Todo::Ptr &base = {});

struct KONTACTCRMCORE_EXPORT TaskRead {
    Task task;
    /// What could not be read (missing, unknown or garbled properties), one
    /// sentence each, naming the property. Empty for a todo the CRM wrote.
    QStringList problems;
    /// The state was set from STATUS because another program changed it
    /// (or X-KDE-CRM-STATE was unusable); a history entry records it.
    bool reconciled = false;
};

/// Reads a todo; never fails. @p now stamps a reconciliation in the history.
KONTACTCRMCORE_EXPORT TaskRead fromTodo(const KCalendarCore::Todo::Ptr &todo, const BusinessCycles &cycles, const QDateTime &now);

/// The STATUS another program left on @p todo, if it says anything.
KONTACTCRMCORE_EXPORT std::optional<CycleState::Status> observedStatus(const KCalendarCore::Todo::Ptr &todo);

} // namespace Crm::TaskMapping
