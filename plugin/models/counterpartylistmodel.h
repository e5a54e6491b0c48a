// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/counterpartysearch.h"

#include <QAbstractListModel>
#include <QPointer>

namespace Crm
{
class DirectoryIndexCache;

/// The counterparties list: what CounterpartySearch answers for the typed
/// text and the chosen group, over a live directory index. When the index
/// changes (another program edited the directory) only the rows that
/// changed are removed, inserted, moved or updated, so the selection and
/// the scroll position stay; a change of thousands of scattered rows (a
/// keystroke) is one reset.
///
/// The search runs on a worker thread over a snapshot of the index (an
/// implicitly shared copy: nothing is copied until the live index changes),
/// so a first letter that matches tens of thousands of names never holds
/// up the UI thread; only the newest answer is applied, then
/// searchFinished() is emitted.
class CounterpartyListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles {
        ItemIdRole = Qt::UserRole + 1,
        UidRole,
        TaxCodeRole,
        ViaPersonRole, ///< the contact person the search found, if any
    };

    explicit CounterpartyListModel(QObject *parent = nullptr);

    /// The index to list; the model follows its changed() signal.
    void setCache(DirectoryIndexCache *cache);
    void setFilterText(const QString &text);
    QString filterText() const;
    /// Only the counterparties of @p group (empty for all).
    void setGroup(const QString &group);
    QString group() const;

    /// The index entry shown on @p row (an invalid entry outside the list).
    DirectoryEntry entry(int row) const;
    /// The row of an item id, or -1.
    int rowOf(qint64 itemId) const;

    /// True while a search has not been answered yet.
    bool isSearching() const;
    /// How long applying the last answer took on the UI thread, in ms.
    double lastApplyMs() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    /// Runs the search again and applies the difference once it is answered.
    void refresh();

Q_SIGNALS:
    /// The rows answer the current text, group and index.
    void searchFinished();

private:
    struct Answer {
        QList<CounterpartySearch::Hit> rows;
        int changeCost = -1;
    };
    /// Applies @p rows; @p cost is changeCost() against the rows shown, or -1 to work it out.
    void apply(const QList<CounterpartySearch::Hit> &rows, int cost);
    void applyRows(const QList<CounterpartySearch::Hit> &rows, int cost);
    QList<qint64> shownIds() const;
    /// Above this change cost, refresh() resets the model instead of moving rows.
    static constexpr int MaxChangeCostWithoutReset = 32;
    /// What going from @p shown to @p rows costs the view: the runs of
    /// neighbouring rows removed or inserted, plus the rows kept that change place.
    static int changeCost(const QList<qint64> &shown, const QList<CounterpartySearch::Hit> &rows);
    void removeRowsNotIn(const QList<CounterpartySearch::Hit> &rows);
    void reorderLike(const QList<CounterpartySearch::Hit> &rows);
    void insertAndUpdate(const QList<CounterpartySearch::Hit> &rows);

    QPointer<DirectoryIndexCache> m_cache;
    QString m_text;
    QString m_group;
    QList<CounterpartySearch::Hit> m_rows;
    quint64 m_generation = 0; ///< of the newest search asked for
    quint64 m_applied = 0; ///< of the search the rows answer
    double m_lastApplyMs = 0;
};

} // namespace Crm
