// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"
#include "reminders/reminder.h"

#include <QHash>
#include <QList>

namespace Crm::Reminders
{

/// What was shown, kept on disk so that no reminder is shown twice or lost
/// across a restart, a crash or an Akonadi restart.
///
/// Each change is written at once and atomically (QSaveFile). A reminder
/// is recorded as begun before it is shown and as delivered after: one
/// begun but never confirmed (a crash in between) is shown again at the
/// next start, so a crash can cost a repeat in that instant, never a loss.
/// The watermark is the time up to which every due reminder was handled.
/// Snoozed reminders are kept here too, with the time they come back.
class KONTACTCRMCORE_EXPORT DeliveryLog
{
public:
    explicit DeliveryLog(const QString &filePath);

    /// Reads the file; a missing file is an empty log, a damaged one is
    /// reported, set aside and treated as empty.
    bool load(QString *error = nullptr);
    QString filePath() const;

    QDateTime watermark() const;
    bool setWatermark(const QDateTime &watermark);

    /// Delivered (confirmed) already: showing it again would repeat it.
    bool isDelivered(const QString &key) const;
    /// Begun but not confirmed: the process died while showing it.
    bool isBegun(const QString &key) const;
    bool begin(const Reminder &reminder);
    bool confirm(const Reminder &reminder);
    int size() const;

    /// Brings @p reminder back at @p until (a new key, so it is shown again
    /// once); replaces an earlier snooze of the same reminder.
    bool snooze(const Reminder &reminder, const QDateTime &until);
    /// Snoozed reminders whose time has come; each leaves the log when
    /// confirmed.
    QList<Reminder> dueSnoozes(const QDateTime &now) const;
    QDateTime nextSnooze() const;

    /// Forgets delivered keys that can no longer come back: those due
    /// before @p before (at most the watermark), and assignments before
    /// @p assignedBefore.
    void prune(const QDateTime &before, const QDateTime &assignedBefore);

private:
    bool save();
    enum class State : quint8 { Begun = 0, Delivered = 1 };
    struct Entry {
        State state = State::Begun;
        qint64 dueMs = 0;
        quint8 kind = 0;
    };
    QString m_path;
    QDateTime m_watermark;
    QHash<QString, Entry> m_entries;
    QList<Reminder> m_snoozed;
};

} // namespace Crm::Reminders
