// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"
#include "task.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm
{

class BusinessCycle;

/// The fields of a task an edit can change, as text: what the journal
/// records and a conflict names.
namespace TaskFields
{
/// "subject", "description", "start", "due", "priority", "responsible", "kind", "counterparty".
KONTACTCRMDOMAIN_EXPORT QStringList names();
/// The value of @p field in @p task (times in ISO 8601, UTC).
KONTACTCRMDOMAIN_EXPORT QString value(const Task &task, const QString &field);
/// Sets @p field from text as value() writes it; false for an unknown field or a bad value.
KONTACTCRMDOMAIN_EXPORT bool setValue(Task &task, const QString &field, const QString &value);
/// The fields whose values differ between @p before and @p after.
KONTACTCRMDOMAIN_EXPORT QStringList changed(const Task &before, const Task &after);
/// The field as a user reads it ("the deadline").
KONTACTCRMDOMAIN_EXPORT QString label(const QString &field);
} // namespace TaskFields

/// One line for a user: the field, the value kept and the one not, and who set each.
KONTACTCRMDOMAIN_EXPORT QString describeConflict(const TaskConflict &conflict);

/// One field an edit on this machine changed.
struct KONTACTCRMDOMAIN_EXPORT TaskFieldChange {
    QString field;
    QString from;
    QString to;
    bool operator==(const TaskFieldChange &other) const = default;
};

/// What one write of this machine changed on a task that lives on a
/// server, and the server's revision (ETag) of the task it was made on.
struct KONTACTCRMDOMAIN_EXPORT TaskLocalChange {
    QString baseRevision;
    QDateTime at;
    QString by;
    QList<StateChange> added; ///< history entries the write added
    QList<TaskFieldChange> fields;
    QList<TaskConflict> conflicts; ///< conflicts a merge recorded on the task
    bool operator==(const TaskLocalChange &other) const = default;

    /// What the change made, computed from the task before and after it.
    static TaskLocalChange between(const Task &before, const Task &after, const QString &baseRevision, const QDateTime &at, const QString &by);
    bool isEmpty() const;
};

/// The changes this machine made to tasks on a shared CalDAV server and has
/// not yet seen on the server, one file per task (UID) in a folder.
///
/// Why: when two machines change one task while offline, the DAV resource
/// of the second to come online meets the server's newer copy (HTTP 412),
/// puts that copy in Akonadi and drops the local change without a word
/// (kdepim-runtime 24.12, DavGroupwareResource::handleConflict). The
/// journal keeps what was dropped, so that the CRM can merge it back
/// (mergeLocalChanges). A file is written whole (QSaveFile) under a lock
/// file; one that cannot be read is renamed aside (".bad"), reported and
/// never deleted.
class KONTACTCRMDOMAIN_EXPORT TaskJournal
{
public:
    /// Works in @p folder; defaultFolder() when empty.
    explicit TaskJournal(const QString &folder = QString());

    /// kontact-crm/task-changes under the user's data folder.
    static QString defaultFolder();
    QString folder() const;

    /// Adds @p change to those kept for @p uid.
    bool record(const QString &uid, const TaskLocalChange &change, QString *error = nullptr);
    /// The changes kept for @p uid, or nothing (and @p problem) when its file is damaged.
    std::optional<QList<TaskLocalChange>> changes(const QString &uid, QString *problem = nullptr) const;
    /// Replaces what is kept for @p uid; an empty list removes its file.
    bool replace(const QString &uid, const QList<TaskLocalChange> &changes, QString *error = nullptr);

    struct Entry {
        QString uid;
        QList<TaskLocalChange> changes;
    };
    /// Every task with changes kept. A damaged file is renamed aside and
    /// named in @p problems.
    QList<Entry> all(QStringList *problems = nullptr) const;

    /// The file format, for tests of damaged files.
    static QByteArray serialize(const QString &uid, const QList<TaskLocalChange> &changes);
    static std::optional<Entry> parse(const QByteArray &data, QString *problem);

private:
    QString pathFor(const QString &uid) const;
    QString m_folder;
};

/// What mergeLocalChanges() decided for one task.
struct KONTACTCRMDOMAIN_EXPORT TaskMergeResult {
    /// The task to store when write is set: the stored one with the local
    /// changes put back.
    Task task;
    bool write = false;
    /// What the journal keeps for the task afterwards (empty: remove it):
    /// the changes pending or put back, and what the merge put back.
    QList<TaskLocalChange> remaining;
    int restoredEntries = 0; ///< history entries put back
    QStringList restoredFields; ///< fields set back to this machine's value
    QList<TaskConflict> newConflicts; ///< fields both sides changed
    int confirmed = 0; ///< changes now seen on the server
    int pending = 0; ///< changes the resource has not sent yet
};

/// Puts back what the server's copy of a task lacks of this machine's
/// @p changes. @p stored is the task as Akonadi has it now, with the
/// server's revision @p storedRevision.
///
/// A change made on the same revision is not sent yet (pending) when the
/// task holds it, and was never stored when it does not. A change made on
/// an older revision is confirmed when the task holds it; otherwise the
/// server's copy replaced it: its history entries are added (the union,
/// none doubled, in time order), its fields are set where the server left
/// them as they were, and the state is the one the latest valid move (a
/// transition of the cycle, in time order) reached. A field the server changed to another value
/// cannot be merged: the server's value stays and a TaskConflict keeps
/// both.
KONTACTCRMDOMAIN_EXPORT TaskMergeResult mergeLocalChanges(const Task &stored,
                                                          const QString &storedRevision,
                                                          const QList<TaskLocalChange> &changes,
                                                          const BusinessCycle &cycle);

} // namespace Crm
