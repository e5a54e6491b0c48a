// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskjournal.h"

#include "businesscycle.h"

#include <KLocalizedString>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace TaskFields
{

QStringList names()
{
    return {u"subject"_s, u"description"_s, u"start"_s, u"due"_s, u"priority"_s, u"responsible"_s, u"kind"_s, u"counterparty"_s};
}

namespace
{
QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

bool setTime(QDateTime &target, const QString &value)
{
    if (value.isEmpty()) {
        target = QDateTime();
        return true;
    }
    const QDateTime t = QDateTime::fromString(value, Qt::ISODate);
    if (!t.isValid()) {
        return false;
    }
    target = t;
    return true;
}
} // namespace

QString value(const Task &task, const QString &field)
{
    if (field == u"subject") {
        return task.subject;
    }
    if (field == u"description") {
        return task.description;
    }
    if (field == u"start") {
        return timeText(task.start);
    }
    if (field == u"due") {
        return timeText(task.due);
    }
    if (field == u"priority") {
        return QString::number(task.priority);
    }
    if (field == u"responsible") {
        return task.responsible;
    }
    if (field == u"kind") {
        return task.kind;
    }
    if (field == u"counterparty") {
        return task.counterpartyUid;
    }
    return {};
}

bool setValue(Task &task, const QString &field, const QString &value)
{
    if (field == u"subject") {
        task.subject = value;
    } else if (field == u"description") {
        task.description = value;
    } else if (field == u"start") {
        return setTime(task.start, value);
    } else if (field == u"due") {
        return setTime(task.due, value);
    } else if (field == u"priority") {
        bool ok = false;
        const int p = value.toInt(&ok);
        if (!ok || p < 0 || p > 9) {
            return false;
        }
        task.priority = p;
    } else if (field == u"responsible") {
        task.responsible = value;
    } else if (field == u"kind") {
        task.kind = value;
    } else if (field == u"counterparty") {
        task.counterpartyUid = value;
    } else {
        return false;
    }
    return true;
}

QStringList changed(const Task &before, const Task &after)
{
    QStringList out;
    const QStringList all = names();
    for (const QString &f : all) {
        if (value(before, f) != value(after, f)) {
            out << f;
        }
    }
    return out;
}

QString label(const QString &field)
{
    if (field == u"subject") {
        return i18nc("@item task field", "the subject");
    }
    if (field == u"description") {
        return i18nc("@item task field", "the description");
    }
    if (field == u"start") {
        return i18nc("@item task field", "the start");
    }
    if (field == u"due") {
        return i18nc("@item task field", "the deadline");
    }
    if (field == u"priority") {
        return i18nc("@item task field", "the priority");
    }
    if (field == u"responsible") {
        return i18nc("@item task field", "the responsible");
    }
    if (field == u"kind") {
        return i18nc("@item task field", "the kind");
    }
    if (field == u"counterparty") {
        return i18nc("@item task field", "the counterparty");
    }
    return field;
}

} // namespace TaskFields

QString describeConflict(const TaskConflict &c)
{
    const QString unknown = i18nc("@info who set a value", "someone on another machine or program");
    const QString empty = i18nc("@info an empty value", "(empty)");
    return i18nc("@info %1 field, %2 value kept, %3 who set it, %4 value not kept, %5 who set it, %6 when",
                 "%1: \"%2\" set by %3 is kept; \"%4\" set by %5 at %6 is not",
                 TaskFields::label(c.field),
                 c.kept.isEmpty() ? empty : c.kept,
                 c.keptBy.isEmpty() ? unknown : c.keptBy,
                 c.lost.isEmpty() ? empty : c.lost,
                 c.lostBy.isEmpty() ? unknown : c.lostBy,
                 c.at.toUTC().toString(Qt::ISODate));
}

namespace
{
/// History entries are compared as they are stored (times to the second).
QString entryKey(const StateChange &c)
{
    return c.at.toUTC().toString(Qt::ISODate) + u'\x1f' + c.from.toLower() + u'\x1f' + c.to.toLower() + u'\x1f' + c.by.toLower() + u'\x1f' + c.note;
}

bool historyHas(const QList<StateChange> &history, const StateChange &entry)
{
    const QString key = entryKey(entry);
    return std::any_of(history.cbegin(), history.cend(), [&key](const StateChange &c) {
        return entryKey(c) == key;
    });
}

bool conflictKnown(const QList<TaskConflict> &conflicts, const TaskConflict &c)
{
    return std::any_of(conflicts.cbegin(), conflicts.cend(), [&c](const TaskConflict &k) {
        return k.field == c.field && k.lost == c.lost && k.kept == c.kept;
    });
}

bool holds(const Task &task, const TaskLocalChange &change)
{
    for (const StateChange &c : change.added) {
        if (!historyHas(task.history, c)) {
            return false;
        }
    }
    for (const TaskFieldChange &f : change.fields) {
        // A value that lost a conflict is held by the conflict kept on the task.
        const bool inConflict = std::any_of(task.conflicts.cbegin(), task.conflicts.cend(), [&f](const TaskConflict &c) {
            return c.field == f.field && c.lost == f.to;
        });
        if (TaskFields::value(task, f.field) != f.to && !inConflict) {
            return false;
        }
    }
    for (const TaskConflict &c : change.conflicts) {
        if (!conflictKnown(task.conflicts, c)) {
            return false;
        }
    }
    return true;
}

/// The state of the latest move of @p history (time order) that is a move
/// of @p cycle: each was made on a machine that knew only its own side, so
/// the later intent wins. Nothing when no entry is such a move.
std::optional<QString> latestValidState(const QList<StateChange> &history, const BusinessCycle &cycle)
{
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        const CycleState *target = cycle.state(it->to);
        if (target && (it->from.isEmpty() || cycle.allows(it->from, target->name))) {
            return target->name;
        }
    }
    return std::nullopt;
}

QJsonObject toJson(const TaskLocalChange &c)
{
    QJsonArray fields;
    for (const TaskFieldChange &f : c.fields) {
        fields.append(QJsonObject{{u"field"_s, f.field}, {u"from"_s, f.from}, {u"to"_s, f.to}});
    }
    return QJsonObject{{u"base"_s, c.baseRevision},
                       {u"at"_s, c.at.toUTC().toString(Qt::ISODate)},
                       {u"by"_s, c.by},
                       {u"history"_s, Task::historyToJson(c.added)},
                       {u"fields"_s, fields},
                       {u"conflicts"_s, Task::conflictsToJson(c.conflicts)}};
}

std::optional<TaskLocalChange> fromJson(const QJsonValue &v, QString *problem)
{
    const QJsonObject o = v.toObject();
    TaskLocalChange c;
    c.baseRevision = o.value(u"base"_s).toString();
    c.at = QDateTime::fromString(o.value(u"at"_s).toString(), Qt::ISODate);
    c.by = o.value(u"by"_s).toString();
    if (!v.isObject() || !c.at.isValid()) {
        *problem = i18n("a change has no valid time");
        return std::nullopt;
    }
    const auto history = Task::historyFromJson(o.value(u"history"_s).toString(), problem);
    const auto conflicts = Task::conflictsFromJson(o.value(u"conflicts"_s).toString(), problem);
    if (!history || !conflicts) {
        return std::nullopt;
    }
    c.added = *history;
    c.conflicts = *conflicts;
    const QJsonArray fields = o.value(u"fields"_s).toArray();
    for (const QJsonValue &f : fields) {
        const QJsonObject fo = f.toObject();
        TaskFieldChange change{fo.value(u"field"_s).toString(), fo.value(u"from"_s).toString(), fo.value(u"to"_s).toString()};
        if (!TaskFields::names().contains(change.field)) {
            *problem = i18n("a change names the unknown field \"%1\"", change.field);
            return std::nullopt;
        }
        c.fields << change;
    }
    return c;
}

} // namespace

TaskLocalChange TaskLocalChange::between(const Task &before, const Task &after, const QString &baseRevision, const QDateTime &at, const QString &by)
{
    TaskLocalChange change;
    change.baseRevision = baseRevision;
    change.at = at;
    change.by = by;
    // Through the stored form, so that the entries compare equal to what
    // the task holds once written and read back (times to the second).
    QList<StateChange> added;
    for (const StateChange &c : after.history) {
        if (!historyHas(before.history, c)) {
            added << c;
        }
    }
    change.added = Task::historyFromJson(Task::historyToJson(added), nullptr).value_or(QList<StateChange>{});
    const QStringList fields = TaskFields::changed(before, after);
    for (const QString &f : fields) {
        change.fields << TaskFieldChange{f, TaskFields::value(before, f), TaskFields::value(after, f)};
    }
    return change;
}

bool TaskLocalChange::isEmpty() const
{
    return added.isEmpty() && fields.isEmpty() && conflicts.isEmpty();
}

TaskJournal::TaskJournal(const QString &folder)
    : m_folder(folder.isEmpty() ? defaultFolder() : folder)
{
}

QString TaskJournal::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/task-changes"_s;
}

QString TaskJournal::folder() const
{
    return m_folder;
}

QString TaskJournal::pathFor(const QString &uid) const
{
    // A UID may hold any character; its hash is a safe file name.
    return m_folder + u'/' + QString::fromLatin1(QCryptographicHash::hash(uid.toUtf8(), QCryptographicHash::Sha1).toHex()) + u".json"_s;
}

QByteArray TaskJournal::serialize(const QString &uid, const QList<TaskLocalChange> &changes)
{
    QJsonArray array;
    for (const TaskLocalChange &c : changes) {
        array.append(toJson(c));
    }
    return QJsonDocument(QJsonObject{{u"uid"_s, uid}, {u"changes"_s, array}}).toJson(QJsonDocument::Compact);
}

std::optional<TaskJournal::Entry> TaskJournal::parse(const QByteArray &data, QString *problem)
{
    QString local;
    QString &why = problem ? *problem : local;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        why = error.error != QJsonParseError::NoError ? error.errorString() : i18n("not a journal of task changes");
        return std::nullopt;
    }
    Entry entry;
    entry.uid = doc.object().value(u"uid"_s).toString();
    if (entry.uid.isEmpty()) {
        why = i18n("no task UID");
        return std::nullopt;
    }
    const QJsonArray changes = doc.object().value(u"changes"_s).toArray();
    for (const QJsonValue &v : changes) {
        const auto c = fromJson(v, &why);
        if (!c) {
            return std::nullopt;
        }
        entry.changes << *c;
    }
    return entry;
}

std::optional<QList<TaskLocalChange>> TaskJournal::changes(const QString &uid, QString *problem) const
{
    QFile file(pathFor(uid));
    if (!file.exists()) {
        return QList<TaskLocalChange>{};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (problem) {
            *problem = i18n("%1 cannot be read: %2", file.fileName(), file.errorString());
        }
        return std::nullopt;
    }
    QString why;
    const auto entry = parse(file.readAll(), &why);
    if (!entry || entry->uid != uid) {
        if (problem) {
            *problem = i18n("%1 is damaged (%2)", file.fileName(), entry ? i18n("it names another task") : why);
        }
        return std::nullopt;
    }
    return entry->changes;
}

namespace
{
/// Keeps a damaged file for a person to look at, out of the journal's way.
QString setAside(const QString &path)
{
    QString aside = path + u".bad"_s;
    for (int i = 1; QFile::exists(aside); ++i) {
        aside = path + u".bad."_s + QString::number(i);
    }
    return QFile::rename(path, aside) ? aside : path;
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error) {
            *error = i18n("%1 cannot be written: %2", path, file.errorString());
        }
        return false;
    }
    return true;
}
} // namespace

bool TaskJournal::record(const QString &uid, const TaskLocalChange &change, QString *error)
{
    if (change.isEmpty()) {
        return true;
    }
    QDir().mkpath(m_folder);
    // Two crmctl calls may record changes of one task at once.
    QLockFile lock(m_folder + u"/.lock"_s);
    lock.lock();
    QString problem;
    auto kept = changes(uid, &problem);
    if (!kept) {
        const QString aside = setAside(pathFor(uid));
        if (error) {
            *error = i18n("%1; kept as %2", problem, aside);
        }
        kept = QList<TaskLocalChange>{};
    }
    *kept << change;
    return writeFile(pathFor(uid), serialize(uid, *kept), error);
}

bool TaskJournal::replace(const QString &uid, const QList<TaskLocalChange> &changes, QString *error)
{
    QDir().mkpath(m_folder);
    QLockFile lock(m_folder + u"/.lock"_s);
    lock.lock();
    if (changes.isEmpty()) {
        QFile::remove(pathFor(uid));
        return true;
    }
    return writeFile(pathFor(uid), serialize(uid, changes), error);
}

QList<TaskJournal::Entry> TaskJournal::all(QStringList *problems) const
{
    QList<Entry> out;
    const QDir dir(m_folder);
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QString why;
        std::optional<Entry> entry;
        if (file.open(QIODevice::ReadOnly)) {
            entry = parse(file.readAll(), &why);
            if (entry && pathFor(entry->uid) != file.fileName()) {
                entry.reset();
                why = i18n("it names another task");
            }
        } else {
            why = file.errorString();
        }
        if (!entry) {
            file.close();
            const QString aside = setAside(file.fileName());
            if (problems) {
                *problems << i18n("The journal of task changes %1 is damaged (%2); kept as %3.", file.fileName(), why, aside);
            }
            continue;
        }
        out << *entry;
    }
    return out;
}

TaskMergeResult mergeLocalChanges(const Task &stored, const QString &storedRevision, const QList<TaskLocalChange> &changes, const BusinessCycle &cycle)
{
    TaskMergeResult result;
    result.task = stored;
    Task &task = result.task;
    TaskLocalChange restored;
    restored.baseRevision = storedRevision;
    for (const TaskLocalChange &change : changes) {
        const bool held = holds(stored, change);
        if (change.baseRevision == storedRevision) {
            // The resource has not sent it yet; without it in the task,
            // Akonadi never stored it and there is nothing to send.
            if (held) {
                result.remaining << change;
                ++result.pending;
            }
            continue;
        }
        if (held) {
            ++result.confirmed;
            continue;
        }
        // The server's copy replaced this change: put it back. The change
        // stays in the journal until the server holds it, so a merge that
        // is not stored is made again next time.
        result.remaining << change;
        restored.at = change.at;
        restored.by = change.by;
        for (const StateChange &c : change.added) {
            if (!historyHas(task.history, c)) {
                task.history << c;
                restored.added << c;
                ++result.restoredEntries;
            }
        }
        for (const TaskFieldChange &f : change.fields) {
            const QString now = TaskFields::value(task, f.field);
            if (now == f.to) {
                continue;
            }
            if (now == f.from && TaskFields::setValue(task, f.field, f.to)) {
                task.editedBy.insert(f.field, change.by);
                restored.fields << f;
                result.restoredFields << f.field;
                continue;
            }
            const TaskConflict conflict{f.field, now, task.editedBy.value(f.field), f.to, change.by, change.at};
            if (!conflictKnown(task.conflicts, conflict)) {
                task.conflicts << conflict;
                result.newConflicts << conflict;
                restored.conflicts << conflict;
            }
        }
        for (const TaskConflict &c : change.conflicts) {
            if (!conflictKnown(task.conflicts, c)) {
                task.conflicts << c;
                restored.conflicts << c;
            }
        }
    }
    if (restored.isEmpty()) {
        return result;
    }
    // Time order; on equal times the server's entries first, then ours.
    std::stable_sort(task.history.begin(), task.history.end(), [](const StateChange &a, const StateChange &b) {
        return a.at.toSecsSinceEpoch() < b.at.toSecsSinceEpoch();
    });
    if (const auto state = latestValidState(task.history, cycle)) {
        task.state = *state;
    }
    result.write = true;
    result.remaining << restored;
    return result;
}

} // namespace Crm
