// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"

#include <QByteArray>
#include <QString>

namespace Crm::ResourceJournal
{
/// How much a resource has queued, from the head of its change journal.
///
/// Akonadi has no API for it. A resource's ChangeRecorder keeps every change
/// it was told of and has not yet written in "<agent config>_changes.dat"
/// (Akonadi's private format, ChangeRecorderJournal: a quint64 count with
/// the format version in bits 32-47, then a quint64 count of those done),
/// and writes the file whenever a change comes in or is done. With
/// thousands queued it rewrites the whole file for every change that comes
/// in and writes nothing of ours for minutes, yet it is not stalled: its
/// journal moves. Everything that reads the format is here; a file that is
/// missing, short or of a version this reader does not know reads as not
/// known, and the write barrier then behaves as it did without it.
struct KONTACTCRMCORE_EXPORT Head {
    bool known = false; ///< the head was read and understood
    quint64 queued = 0; ///< changes told and not yet done
    QByteArray stamp; ///< differs whenever the journal was written

    bool operator==(const Head &other) const = default;
};

/// The head of the journal file at @p path.
KONTACTCRMCORE_EXPORT Head readHead(const QString &path);

/// The head of the journal of @p resource (an agent identifier) of the
/// Akonadi instance this process talks to.
KONTACTCRMCORE_EXPORT Head ofResource(const QString &resource);

} // namespace Crm::ResourceJournal
