// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailinglistmodel.h"

#include "domain/mailingjournal.h"
#include "mailing/mailingcontrol.h"

#include <KLocalizedString>

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

bool operator==(const MailingSender::Counts &a, const MailingSender::Counts &b)
{
    return a.total == b.total && a.queued == b.queued && a.sent == b.sent && a.failed == b.failed && a.deferred == b.deferred && a.uncertain == b.uncertain
        && a.sending == b.sending;
}

MailingListModel::MailingListModel(MailingStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    refresh();
}

MailingListModel::Row MailingListModel::readRow(const MailingStore &store, const QString &id)
{
    Row row;
    row.id = id;
    row.fileStamp = fileStamp(store, id);
    if (const auto mailing = store.load(id)) {
        row.subject = mailing->subject;
    }
    row.control = store.control(id);
    const int total = store.recipientCount(id);
    MailingJournal journal(store.journalPath(id));
    journal.load(false);
    row.counts = MailingSender::countsOf(journal, total);
    return row;
}

QByteArray MailingListModel::fileStamp(const MailingStore &store, const QString &id)
{
    QByteArray stamp;
    const QString folder = store.folder(id);
    const QStringList files{folder + u"/mailing.eml"_s, store.recipientsPath(id), folder + u"/control"_s, store.journalPath(id)};
    for (const QString &path : files) {
        const QFileInfo info(path);
        stamp += QByteArray::number(info.exists() ? info.lastModified(QTimeZone::UTC).toMSecsSinceEpoch() : -1) + ':' + QByteArray::number(info.size()) + ';';
    }
    return stamp;
}

int MailingListModel::rowsRead() const
{
    return m_rowsRead;
}

const MailingListModel::Row &MailingListModel::rowAt(int row) const
{
    return m_rows.at(row);
}

void MailingListModel::refresh()
{
    QStringList ids = m_store.ids();
    std::reverse(ids.begin(), ids.end()); // ids start with the date: newest first
    QList<Row> rows;
    rows.reserve(ids.size());
    for (const QString &id : std::as_const(ids)) {
        const int old = rowOf(id);
        if (old >= 0 && m_rows.at(old).fileStamp == fileStamp(m_store, id)) {
            rows.append(m_rows.at(old));
        } else {
            rows.append(readRow(m_store, id));
            ++m_rowsRead;
        }
    }
    if (rows.size() == m_rows.size() && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(), [](const Row &a, const Row &b) {
            return a.id == b.id;
        })) {
        for (int i = 0; i < rows.size(); ++i) {
            if (!(rows.at(i) == m_rows.at(i))) {
                m_rows[i] = rows.at(i);
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
        }
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int MailingListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

QString MailingListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

bool MailingListModel::anySending() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &r) {
        return r.control == MailingStore::Control::Send;
    });
}

int MailingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MailingListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MailingListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    if (role == IdRole) {
        return row.id;
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Recipients || index.column() == Sent)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Subject:
        return row.subject;
    case State:
        return MailingControl::stateText(row.control, row.counts);
    case Recipients:
        return QLocale().toString(row.counts.total);
    case Sent:
        return QLocale().toString(row.counts.sent);
    }
    return {};
}

QVariant MailingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Subject:
        return i18nc("@title:column", "Subject");
    case State:
        return i18nc("@title:column", "State");
    case Recipients:
        return i18nc("@title:column", "Recipients");
    case Sent:
        return i18nc("@title:column mailing messages sent", "Sent");
    }
    return {};
}

} // namespace Crm
