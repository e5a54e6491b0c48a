// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmcore_export.h"
#include "reminders/reminder.h"

#include <QFile>
#include <QHash>
#include <QList>

#include <limits>

namespace Crm::Reminders
{

/// What was shown, kept on disk so that no reminder is shown twice or lost
/// across a restart, a crash or an Akonadi restart.
///
/// The file is append-only: each change is one record (length, CRC-32,
/// payload) appended and flushed to the kernel at once, so a process that
/// dies loses nothing already recorded, and a torn or cut tail is found by
/// its checksum: the records before it are kept. It is rewritten whole
/// (atomically, QSaveFile) only to drop what pruning forgot.
///
/// A reminder is recorded as begun before it is shown and as delivered
/// right after: one begun but never confirmed (a crash in between) is shown
/// again at the next start. The watermark is the time up to which every due
/// reminder was handled. Snoozed reminders are kept here too.
class KONTACTCRMCORE_EXPORT DeliveryLog
{
public:
    explicit DeliveryLog(const QString &filePath);
    ~DeliveryLog();

    /// Reads the file; a missing file is an empty log. A damaged one keeps
    /// the records before the damage, is reported (false, @p error), a copy
    /// is set aside as "<file>.damaged", and wasDamaged() tells the caller
    /// to presume shown what fell due until now (presumeShownUntil).
    bool load(QString *error = nullptr);
    QString filePath() const;
    bool wasDamaged() const;

    QDateTime watermark() const;
    /// Moves the watermark forward (never back: see rewindWatermark).
    bool setWatermark(const QDateTime &watermark);
    /// Sets the watermark back: the clock jumped back, and what falls due
    /// from @p watermark on is to be handed out again (the delivered keys
    /// keep the ones shown from repeating).
    bool rewindWatermark(const QDateTime &watermark);

    /// After damage: every reminder due up to @p until counts as shown
    /// (recorded; it only ever moves forward).
    bool presumeShownUntil(const QDateTime &until);
    QDateTime presumedShownUntil() const;

    /// Delivered (confirmed) already: showing it again would repeat it.
    bool isDelivered(const QString &key) const;
    /// The same, or due at a time presumed shown after damage.
    bool isDelivered(const Reminder &reminder) const;
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
    enum class Record : quint8 {
        Begun = 1,
        Delivered = 2,
        Watermark = 3,
        Snooze = 4,
        Presumed = 5
    };
    enum class State : quint8 {
        Begun = 0,
        Delivered = 1
    };
    struct Entry {
        State state = State::Begun;
        qint64 dueMs = 0;
        quint8 kind = 0;
    };
    bool append(const QByteArray &payload);
    bool compact();
    void replay(const QByteArray &payload);
    void applySnooze(const Reminder &again);
    bool loadVersion1(QDataStream &in);

    QString m_path;
    QFile m_file; ///< open for appending once loaded
    QDateTime m_watermark;
    qint64 m_presumedMs = std::numeric_limits<qint64>::min();
    QHash<QString, Entry> m_entries;
    QList<Reminder> m_snoozed;
    qint64 m_records = 0; ///< records in the file, to know when compacting pays
    bool m_damaged = false;
};

} // namespace Crm::Reminders
