// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QString>

namespace Crm
{

/// The delivery state of every recipient of one mailing, kept on disk so
/// that no recipient gets a message twice and none is lost across a crash
/// or a SIGKILL.
///
/// Why a journal file and not an Akonadi item per recipient: a mailing to
/// 100,000 addresses changes state 200,000 times; one item modify each
/// (about 1 ms and a database transaction) would cap the mailing near the
/// speed of the database, and the state is only ever read whole, by the
/// agent that writes it and by `crmctl mailing status`. The journal is
/// append-only: each change is one record (length, CRC-32, payload) written
/// with one write(2); a recipient is recorded "sending" and the file
/// fdatasync'd before its DATA, and "sent" after the server's 250. The
/// "sent" record is made durable by the next sync (the next recipient's
/// "sending", a pause, the end): lost in a crash, it leaves the recipient
/// "sending", which is reported uncertain, never sent again silently. So one
/// fdatasync per message. A torn or cut tail is found by its checksum and
/// cut off at load; the records before it stand. Memory is one byte per
/// recipient plus the reasons of the few that failed or wait for a retry.
class KONTACTCRMDOMAIN_EXPORT MailingJournal
{
public:
    enum class State : quint8 {
        Queued = 0,
        Sending = 1, ///< handed to the server; no 250 seen yet
        Sent = 2,
        Failed = 3, ///< permanent (5xx), with the server's reason
        Deferred = 4, ///< temporary (4xx), tried again after notBefore
        Uncertain = 5, ///< was "sending" when the sender died: maybe delivered
    };

    explicit MailingJournal(const QString &filePath);
    ~MailingJournal();
    MailingJournal(const MailingJournal &) = delete;
    MailingJournal &operator=(const MailingJournal &) = delete;

    /// Reads the file (a missing file is an empty journal). With
    /// @p forWriting the file is opened for appending and a damaged tail is
    /// cut off; without, the journal is only read (a status view while the
    /// agent writes).
    bool load(bool forWriting, QString *error = nullptr);
    QString filePath() const;
    /// Bytes cut off at load because their checksum failed (a torn write).
    qint64 damagedBytes() const;

    State state(int index) const;
    QString reason(int index) const;
    int attempts(int index) const;
    qint64 notBeforeMs(int index) const;
    /// How many recipients up to @p recipientCount are in @p state.
    int count(State state, int recipientCount) const;

    /// Durable (fdatasync'd) before it returns: the caller may start DATA.
    bool markSending(int index);
    bool markSent(int index);
    bool markFailed(int index, const QString &reason);
    bool markDeferred(int index, qint64 notBeforeMs, const QString &reason);
    /// The connection broke after DATA began: the server may have the message.
    bool markUncertain(int index);
    /// Every "sending" left by a process that died becomes "uncertain"
    /// (durably). Returns how many.
    int recoverInterrupted();
    /// The user says to send the uncertain ones again: they go back to the queue.
    int requeueUncertain();
    /// Makes everything appended so far durable.
    bool sync();

private:
    enum class Record : quint8 {
        Sending = 1,
        Sent = 2,
        Failed = 3,
        Deferred = 4,
        Uncertain = 5,
        Requeued = 6,
    };
    bool append(Record type, int index, const QString &reason = {}, qint64 notBefore = 0, bool durable = false);
    void apply(Record type, int index, const QString &reason, qint64 notBefore);
    bool replay(const QByteArray &payload);

    QString m_path;
    QFile m_file;
    QByteArray m_states; ///< one State per recipient index
    QHash<int, QString> m_reasons;
    QHash<int, quint16> m_attempts;
    QHash<int, qint64> m_notBefore;
    qint64 m_damaged = 0;
    bool m_dirty = false;
};

} // namespace Crm
