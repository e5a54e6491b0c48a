// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "mailing/mailingsender.h"
#include "mailing/mailingstore.h"

#include <QAbstractTableModel>

namespace Crm
{

bool operator==(const MailingSender::Counts &a, const MailingSender::Counts &b);

/// The mailings, newest first: subject, state and how far the sending is.
/// Read from the mailings' folders (MailingStore); refresh() reads again
/// only the mailings whose files changed (those being sent, a draft edited
/// elsewhere), so that a list of many mailings costs a few stat calls each.
class MailingListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Subject,
        State,
        Recipients,
        Sent,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
    };

    explicit MailingListModel(MailingStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Reads the list again (a mailing made or sent meanwhile).
    void refresh();
    /// The row of mailing @p id, or -1.
    int rowOf(const QString &id) const;
    QString idAt(int row) const;
    struct Row;
    const Row &rowAt(int row) const;
    /// Whether any mailing is being sent (its progress changes).
    bool anySending() const;

    struct Row {
        QString id;
        QString subject;
        MailingStore::Control control = MailingStore::Control::Draft;
        MailingSender::Counts counts;
        QByteArray fileStamp; ///< fileStamp() when it was read
        bool operator==(const Row &) const = default;
    };
    static Row readRow(const MailingStore &store, const QString &id);
    /// The times and sizes of a mailing's files: what changes when anything
    /// of it does.
    static QByteArray fileStamp(const MailingStore &store, const QString &id);
    /// How many rows were read from disk so far (the test's measure).
    int rowsRead() const;

private:
    MailingStore &m_store;
    QList<Row> m_rows;
    int m_rowsRead = 0;
};

} // namespace Crm
