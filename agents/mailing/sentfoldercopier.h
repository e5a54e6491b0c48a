// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <Akonadi/Collection>

#include <QByteArray>
#include <QObject>
#include <QQueue>

/// Files a copy of each message the server took in the Sent folder, as
/// KMail does: the default Sent folder of Akonadi's special mail
/// collections (created with "Local Folders" on first use, as KMail
/// creates it). One item at a time, in order; the messages wait in memory,
/// so the agent holds the sending back while backlog() is large.
class SentFolderCopier : public QObject
{
    Q_OBJECT

public:
    explicit SentFolderCopier(QObject *parent = nullptr);

    /// Queues @p message (its encoded content, as sent).
    void add(const QByteArray &message);
    /// Messages waiting to be filed.
    int backlog() const;
    /// How many were filed since the start.
    int filed() const;

private:
    void findFolder();
    void fileNext();

    QQueue<QByteArray> m_queue;
    Akonadi::Collection m_sent;
    bool m_finding = false;
    bool m_busy = false;
    bool m_failed = false; ///< no Sent folder: copies are dropped (logged once)
    int m_filed = 0;
};
